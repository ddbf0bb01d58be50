import { createConversation } from "@grammyjs/conversations";
import { Composer } from "grammy";
import { fromShortId } from "../../../services/callback-data.ts";
import { lastHeldMeeting } from "../../../services/quality/index.ts";
import type { BotContext } from "../context.ts";
import { qualityScore } from "../conversations/quality-score.ts";
import { withUserErrors } from "../reply-error.ts";

/**
 * Issue 15: scoring a held meeting's quality (HD 42). /chamdiem opens the cell's last held
 * meeting; the button under the minutes (`q:o`) and the correction buttons (`q:e`) open theirs.
 * The service checks again who may score and until when.
 */
export const quality = new Composer<BotContext>();
quality.use(createConversation(qualityScore, "quality-score"));
const ID = "([A-Za-z0-9_-]{22})";

quality.chatType("private").command("chamdiem", async (ctx) => {
  const meetingId = await withUserErrors(ctx, ctx.t, () =>
    lastHeldMeeting(ctx.deps.services, ctx.actor!),
  );
  if (meetingId === undefined) return;
  if (meetingId === null) {
    await ctx.reply(ctx.t("quality-none"));
    return;
  }
  await ctx.conversation.exitAll();
  await ctx.conversation.enter("quality-score", meetingId);
});

quality.callbackQuery(new RegExp(`^q:([oe]):${ID}(?::(\\d{1,2}))?$`), async (ctx) => {
  const meetingId = fromShortId(ctx.match[2]!);
  if (!meetingId) {
    await ctx.answerCallbackQuery({ text: ctx.t("error-stale-button"), show_alert: true });
    return;
  }
  await ctx.answerCallbackQuery();
  await ctx.conversation.exitAll();
  const first = ctx.match[3] === undefined ? undefined : Number(ctx.match[3]);
  await ctx.conversation.enter("quality-score", meetingId, first);
});
