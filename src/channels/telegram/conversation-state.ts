import type {
  ConversationData,
  VersionedState,
  VersionedStateStorage,
} from "@grammyjs/conversations";
import type { Redis } from "ioredis";

/**
 * A chat's conversation state in Redis (JSON under `<prefix>:conversation:<chat id>`, as
 * @grammyjs/storage-redis wrote it), read together with the chat lock, in the same round trip
 * (src/chat-lock.ts): an update outside any dialog, most button presses, costs no read of its own.
 * A person's private chat has the same id with every bot: another bot of the deployment
 * (BOT_TOKENS, `botId`) keeps its dialogs under `<prefix>:conversation:<bot id>:<chat id>`.
 */
export function conversationState<C extends { chatId?: number }>(
  redis: Redis,
  prefix: string,
  botId?: string,
) {
  const prefetched = new WeakMap<C, string | null>();
  const scope = botId ? `${prefix}:conversation:${botId}:` : `${prefix}:conversation:`;
  const keyOf = (ctx: C) => (ctx.chatId === undefined ? undefined : `${scope}${ctx.chatId}`);
  const adapter: VersionedStateStorage<C, ConversationData> = {
    async read(ctx) {
      const key = keyOf(ctx);
      if (key === undefined) return undefined;
      const raw = prefetched.has(ctx) ? (prefetched.get(ctx) ?? null) : await redis.get(key);
      prefetched.delete(ctx);
      return raw === null ? undefined : (JSON.parse(raw) as VersionedState<ConversationData>);
    },
    async write(ctx, state) {
      const key = keyOf(ctx);
      if (key !== undefined) await redis.set(key, JSON.stringify(state));
    },
    async delete(ctx) {
      const key = keyOf(ctx);
      if (key !== undefined) await redis.del(key);
    },
  };
  return {
    adapter,
    /** For chatLockMiddleware: the key read with the lock, and where its value is kept. */
    prefetch: {
      key: keyOf,
      got: (ctx: C, value: string | null) => void prefetched.set(ctx, value),
    },
  };
}
