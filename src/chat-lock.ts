// One update at a time per chat across every bot process on this Redis (grammY's sequentialize and
// the Zalo bot's queue only order updates inside one process).
import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";

export interface ChatLockOptions {
  /** The lock expires by itself after this (a crashed holder); renewed while the handler runs. */
  ttlMs?: number;
  /** After this long waiting, the update is handled anyway: a lock never loses an update. */
  maxWaitMs?: number;
}

// Only the holder may release or renew (its random token is the value).
const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) end return 0`;
const RENEW = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) end return 0`;

export class ChatLocks {
  private readonly ttlMs: number;
  private readonly maxWaitMs: number;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    options: ChatLockOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.maxWaitMs = options.maxWaitMs ?? 60_000;
  }

  /** Runs `fn` holding the lock of `chat` (e.g. "telegram:12345"). */
  async run<T>(chat: string, fn: () => Promise<T>): Promise<T> {
    const key = `${this.prefix}:chat-lock:${chat}`;
    const token = randomBytes(9).toString("base64url");
    const deadline = Date.now() + this.maxWaitMs;
    let held = false;
    for (let pause = 5; ; pause = Math.min(pause * 2, 50)) {
      held = (await this.redis.set(key, token, "PX", this.ttlMs, "NX")) === "OK";
      if (held || Date.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, pause + Math.random() * pause));
    }
    if (!held) return fn();
    const renew = setInterval(() => {
      this.redis.eval(RENEW, 1, key, token, this.ttlMs).catch(() => undefined);
    }, this.ttlMs / 3);
    try {
      return await fn();
    } finally {
      clearInterval(renew);
      await this.redis.eval(RELEASE, 1, key, token).catch(() => undefined);
    }
  }
}

/** grammY middleware: the update's chat (or sender) is locked while the rest of the chain runs. */
export function chatLockMiddleware(locks: ChatLocks) {
  return async (
    ctx: { chatId?: number; from?: { id: number } },
    next: () => Promise<void>,
  ): Promise<void> => {
    const id = ctx.chatId ?? ctx.from?.id;
    if (id === undefined) return next();
    return locks.run(`telegram:${id}`, next);
  };
}
