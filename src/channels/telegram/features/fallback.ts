import { Composer } from "grammy";
import type { BotContext } from "../context.ts";

/** Registered last: whatever nobody handled gets a clear answer, never silence. */
export const fallback = new Composer<BotContext>();

fallback.on("callback_query", async (ctx) => {
  await ctx.answerCallbackQuery({ text: ctx.t("error-stale-button"), show_alert: true });
});

fallback.chatType("private").on("message", async (ctx) => {
  if (ctx.message.text?.startsWith("/")) await ctx.reply(ctx.t("error-unknown-command"));
  else if (ctx.message.text) await ctx.reply(ctx.t("error-unknown-text"));
  else await ctx.reply(ctx.t("error-text-only"));
});
