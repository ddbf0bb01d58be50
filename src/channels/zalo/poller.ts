import { createLogger } from "../../logger.ts";
import type { ZaloBot } from "./bot.ts";
import type { ZaloClient } from "./client.ts";

/**
 * Long polling for development: getUpdates returns one update at a time and 408 when nothing
 * came within the timeout (the client turns that into null). Errors back off, then retry.
 */
export function startZaloPolling(
  client: ZaloClient,
  bot: ZaloBot,
  options: { timeoutSeconds?: number; backoffMs?: number } = {},
) {
  const logger = createLogger();
  let running = true;
  const done = (async () => {
    await client.deleteWebhook().catch(() => undefined);
    while (running) {
      try {
        const update = await client.getUpdates(options.timeoutSeconds ?? 30);
        if (update && running) await bot.handleUpdate(update);
      } catch (error) {
        if (!running) break;
        logger.warn({ err: error instanceof Error ? error.message : String(error) }, "zalo poll");
        await new Promise((r) => setTimeout(r, options.backoffMs ?? 2000));
      }
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
    },
  };
}
