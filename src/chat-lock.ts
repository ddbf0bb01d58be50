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

  /** SET NX, and GET `alsoGet` in the same round trip (pipelined; on a cluster, sent at once). */
  private async tryLock(
    key: string,
    token: string,
    alsoGet: string | undefined,
  ): Promise<[boolean, string | null]> {
    if (alsoGet === undefined)
      return [(await this.redis.set(key, token, "PX", this.ttlMs, "NX")) === "OK", null];
    if (this.redis.isCluster) {
      // The two keys may live on different nodes: no pipeline, but both go out before either answers.
      const [set, value] = await Promise.all([
        this.redis.set(key, token, "PX", this.ttlMs, "NX"),
        this.redis.get(alsoGet),
      ]);
      return [set === "OK", value];
    }
    const replies = await this.redis
      .pipeline()
      .set(key, token, "PX", this.ttlMs, "NX")
      .get(alsoGet)
      .exec();
    const [[setError, set] = [], [getError, value] = []] = replies ?? [];
    if (setError || getError) throw setError ?? getError;
    return [set === "OK", (value as string | null) ?? null];
  }

  /**
   * Runs `fn` holding the lock of `chat` (e.g. "telegram:12345"). `alsoGet`: a key read with each
   * try for the lock, in the same round trip, handed to `fn` (what the chat's last holder wrote).
   */
  async run<T>(chat: string, fn: (got: string | null) => Promise<T>, alsoGet?: string): Promise<T> {
    const key = `${this.prefix}:chat-lock:${chat}`;
    const token = randomBytes(9).toString("base64url");
    const deadline = Date.now() + this.maxWaitMs;
    let held = false;
    let got: string | null = null;
    for (let pause = 5; ; pause = Math.min(pause * 2, 50)) {
      [held, got] = await this.tryLock(key, token, alsoGet);
      if (held || Date.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, pause + Math.random() * pause));
    }
    if (!held) return fn(got);
    const renew = setInterval(() => {
      this.redis.eval(RENEW, 1, key, token, this.ttlMs).catch(() => undefined);
    }, this.ttlMs / 3);
    try {
      return await fn(got);
    } finally {
      clearInterval(renew);
      await this.redis.eval(RELEASE, 1, key, token).catch(() => undefined);
    }
  }
}

/**
 * grammY middleware: the update's chat (or sender) is locked while the rest of the chain runs.
 * `prefetch` names a key of the chat to read with the lock (`got` receives its value).
 */
export function chatLockMiddleware<C extends { chatId?: number; from?: { id: number } }>(
  locks: ChatLocks,
  prefetch?: { key: (ctx: C) => string | undefined; got: (ctx: C, value: string | null) => void },
) {
  return async (ctx: C, next: () => Promise<void>): Promise<void> => {
    const id = ctx.chatId ?? ctx.from?.id;
    if (id === undefined) return next();
    const key = prefetch?.key(ctx);
    return locks.run(
      `telegram:${id}`,
      (value) => {
        if (key !== undefined) prefetch?.got(ctx, value);
        return next();
      },
      key,
    );
  };
}
