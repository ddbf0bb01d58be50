import type { Redis } from "ioredis";

// Reserves the next send slot for all workers at once (Redis time, so machines need not agree on
// clocks): slots are 1000/rate ms apart, so no one-second window ever holds more than `rate` sends.
const RESERVE = `
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local nextFree = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot = math.max(nowMs, nextFree)
redis.call('SET', KEYS[1], tostring(slot + tonumber(ARGV[1])), 'PX', 60000)
return slot - nowMs
`;

/** A global, evenly spaced send rate (a fixed-window limiter lets bursts of 2× through at edges). */
export class SendPacer {
  private readonly intervalMs: number;

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    ratePerSecond: number,
  ) {
    // 3 % slack: network jitter must not squeeze one send too many into a second at the far end.
    this.intervalMs = (1000 / ratePerSecond) * 1.03;
  }

  /** Waits until this caller's slot comes. */
  async take(): Promise<void> {
    const waitMs = Number(await this.redis.eval(RESERVE, 1, this.key, String(this.intervalMs)));
    if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
}
