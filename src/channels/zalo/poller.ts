import type { ChatLocks } from "../../chat-lock.ts";
import { createLogger, errorMessage, type Logger } from "../../logger.ts";
import type { ZaloBot } from "./bot.ts";
import type { ZaloClient } from "./client.ts";
import { handleZaloUpdate } from "./webhook.ts";

/**
 * Long polling for development: getUpdates returns one update at a time and 408 when nothing
 * came within the timeout (the client turns that into null). Errors back off, then retry.
 */
export function startZaloPolling(
  client: ZaloClient,
  bot: ZaloBot,
  options: { timeoutSeconds?: number; backoffMs?: number; logger?: Logger; locks?: ChatLocks } = {},
) {
  const logger = options.logger ?? createLogger();
  let running = true;
  let handling: Promise<unknown> = Promise.resolve();
  void (async () => {
    await client.deleteWebhook().catch(() => undefined);
    while (running) {
      try {
        const update = await client.getUpdates(options.timeoutSeconds ?? 30);
        if (update && running) {
          handling = handleZaloUpdate(bot, update, { logger, locks: options.locks });
          await handling;
        }
      } catch (error) {
        if (!running) break;
        logger.warn({ err: errorMessage(error) }, "zalo poll");
        await new Promise((r) => setTimeout(r, options.backoffMs ?? 2000));
      }
    }
  })();
  return {
    /** Stops polling and waits for the update being handled, not for the open long poll. */
    async stop() {
      running = false;
      await handling.catch(() => undefined);
    },
  };
}
