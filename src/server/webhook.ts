import { type Bot, BotError, webhookCallback } from "grammy";
import type { Hono } from "hono";
import type { BotContext } from "../channels/telegram/context.ts";
import { UpdateInProgress } from "../services/update-ledger.ts";

export const WEBHOOK_PATH = "/telegram/webhook";

/**
 * Telegram updates: the secret token is checked (401 otherwise, nothing handled), and the answer
 * is sent after processing. A handler that fails goes to bot.catch like in polling mode (which
 * logs it and tells the person) and is answered 200: webhookCallback alone would rethrow it, the
 * web framework would print the whole context (the update's text, the token in fetch errors) and
 * Telegram would deliver the update again and again. An update another process is still
 * handling gets 503: Telegram delivers it again later, when it is done (then skipped) or given up.
 */
export function mountWebhook(
  app: Hono,
  bot: Bot<BotContext>,
  secretToken: string,
  path = WEBHOOK_PATH,
) {
  const handle = webhookCallback(bot, "hono", { secretToken, timeoutMilliseconds: 55_000 });
  app.post(path, async (c) => {
    try {
      return await handle(c);
    } catch (error) {
      if (!(error instanceof BotError)) throw error;
      if (error.error instanceof UpdateInProgress) return c.json({ ok: false }, 503);
      await bot.errorHandler(error);
      return c.json({ ok: true });
    }
  });
}
