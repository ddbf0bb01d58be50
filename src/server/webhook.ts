import type { Bot } from "grammy";
import { webhookCallback } from "grammy";
import type { Hono } from "hono";
import type { BotContext } from "../channels/telegram/context.ts";

export const WEBHOOK_PATH = "/telegram/webhook";

/** Telegram updates: the secret token is checked, and the answer is sent after processing. */
export function mountWebhook(app: Hono, bot: Bot<BotContext>, secretToken: string) {
  app.post(
    WEBHOOK_PATH,
    webhookCallback(bot, "hono", { secretToken, timeoutMilliseconds: 55_000 }),
  );
}
