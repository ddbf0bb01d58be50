import type { Redis } from "ioredis";

// One call before each send (Redis time, so machines need not agree on clocks): takes the chat's
// slot (KEYS[2]; at most one message per chat per ARGV[2] ms) and, when it is free, the lane's
// next send slot (KEYS[1]; 1000/rate ms apart, so no one-second window ever holds more than `rate`
// sends). Returns {0, ms until the send slot, Redis time}, or {1, ms} when the chat's slot is busy
// or the lane's next slot is more than ARGV[4] ms away (a lane told to wait by a 429): nothing is
// taken then. ARGV[3] "renew": the chat's slot is already ours, only the send slot is taken again.
// Both keys carry the queue's prefix, hash-tagged on a Redis Cluster, so they share a slot there.
const RESERVE = `
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local nextFree = tonumber(redis.call('GET', KEYS[1]) or '0')
local wait = math.max(nowMs, nextFree) - nowMs
local hold = math.ceil(wait + tonumber(ARGV[2]))
if ARGV[3] ~= 'renew' and wait > tonumber(ARGV[4]) then
  return {1, wait}
end
if ARGV[3] == 'renew' then
  redis.call('SET', KEYS[2], '1', 'PX', hold)
elseif not redis.call('SET', KEYS[2], '1', 'PX', hold, 'NX') then
  return {1, math.max(50, redis.call('PTTL', KEYS[2]))}
end
redis.call('SET', KEYS[1], tostring(nowMs + wait + tonumber(ARGV[1])), 'PX', 60000)
return {0, wait, nowMs}
`;

// The platform said "retry after ARGV[1] ms" for this lane: no slot before then, for any worker.
const PAUSE = `
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local resumeAt = nowMs + tonumber(ARGV[1])
if resumeAt > tonumber(redis.call('GET', KEYS[1]) or '0') then
  redis.call('SET', KEYS[1], tostring(resumeAt), 'PX', tonumber(ARGV[1]) + 60000)
end
return resumeAt - nowMs
`;

/**
 * A send that starts later than its slot by more than this takes a new one: after an event-loop
 * stall the slots that passed meanwhile would otherwise go out together, a burst over the cap.
 * 50 ms of lateness lets a one-second window hold at most 5 % more than the rate.
 */
export const LATE_MS = 50;
/** Slots taken again for one send at most (a process that is late every time still sends). */
const RENEWALS = 3;
/**
 * A send whose lane slot is further away than this goes back to the queue for that long instead
 * of holding a worker's slot (and its claim) meanwhile: other lanes keep theirs.
 */
export const MAX_WAIT_MS = 2_000;

/** A global, evenly spaced send rate per lane (a fixed-window limiter lets bursts of 2× through). */
export class SendPacer {
  private readonly intervalMs: number;
  /** Redis time − local time, from the quickest recent round trip (its error is half of that). */
  private offsetMs = 0;
  private offsetRttMs = Number.POSITIVE_INFINITY;
  private offsetAt = 0;

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    ratePerSecond: number,
  ) {
    // 3 % slack: network jitter must not squeeze one send too many into a second at the far end.
    this.intervalMs = (1000 / ratePerSecond) * 1.03;
  }

  /**
   * Waits for this send's slot and holds the chat's until `perChatMs` after it. Returns 0 when the
   * caller may send now, or how long until it may try again (the chat busy, or the lane paused
   * for longer than MAX_WAIT_MS): nothing is reserved then.
   */
  async take(chatKey: string, perChatMs: number): Promise<number> {
    for (let renewals = 0; ; renewals++) {
      const asked = Date.now();
      const [busy, ms, redisNow] = (await this.redis.eval(
        RESERVE,
        2,
        this.key,
        chatKey,
        String(this.intervalMs),
        String(perChatMs),
        renewals === 0 ? "take" : "renew",
        String(MAX_WAIT_MS),
      )) as [number, number, number];
      if (busy) return ms;
      const received = Date.now();
      this.learnOffset(asked, received, redisNow);
      // When the slot comes by the local clock: a reply read late (a stall) shows as lateness.
      const slot = redisNow + ms - this.offsetMs;
      const early = slot - Date.now();
      if (early > 0) await new Promise((resolve) => setTimeout(resolve, early));
      if (Date.now() - slot <= LATE_MS || renewals === RENEWALS) return 0;
    }
  }

  /** No send on this lane, by any worker, for `ms` (the platform's Retry-After). */
  async pause(ms: number): Promise<void> {
    await this.redis.eval(PAUSE, 1, this.key, String(Math.ceil(ms)));
  }

  private learnOffset(asked: number, received: number, redisNow: number): void {
    const rtt = received - asked;
    if (rtt > this.offsetRttMs && received - this.offsetAt < 10_000) return;
    this.offsetMs = redisNow - (asked + received) / 2;
    this.offsetRttMs = rtt;
    this.offsetAt = received;
  }
}
