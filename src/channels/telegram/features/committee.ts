import { Composer } from "grammy";
import { committeeOverview } from "../../../services/committee.ts";
import { committeeMessages } from "../../../services/leaders-text.ts";
import type { BotContext } from "../context.ts";
import { withUserErrors } from "../reply-error.ts";

/** What a committee member in charge sees: `/donvi`, this month in each of their units. */
export const committee = new Composer<BotContext>();

/** Telegram allows 4096 characters per message; units are never split across messages. */
const MESSAGE_LIMIT = 4000;

committee.chatType("private").command("donvi", async (ctx) => {
  const actor = ctx.actor!;
  const overview = await withUserErrors(ctx, ctx.t, () =>
    committeeOverview(ctx.deps.services, actor),
  );
  if (!overview) return;
  const messages = committeeMessages(ctx.t, overview, MESSAGE_LIMIT);
  for (const text of messages) await ctx.reply(text);
});
