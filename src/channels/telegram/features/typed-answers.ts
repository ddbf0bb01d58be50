import { Composer, InlineKeyboard } from "grammy";
import { readTypedAnswer } from "../../../domain/typed-answer.ts";
import {
  answerQuestionMessage,
  confirmAttendingText,
  openQuestion,
} from "../../../services/answer-question.ts";
import { fromShortId, shortId } from "../../../services/callback-data.ts";
import type { BotContext } from "../context.ts";
import { inlineKeyboard } from "../messenger.ts";
import { recordAttending } from "./answers.ts";

/**
 * What a member types instead of pressing a reminder's button, while the reminder is open: an
 * attending word asks "Xác nhận: Tham dự?" with one button (`tc:<meeting>:y`), an absence goes to
 * the absence dialog (with its reason when one was typed: then only the confirmation is left),
 * anything else gets the question again with its buttons. Nothing is recorded before the press.
 */
export const typedAnswers = new Composer<BotContext>();

typedAnswers.chatType("private").on("message:text", async (ctx, next) => {
  const text = ctx.message.text;
  if (text.startsWith("/") || !ctx.actor) return next();
  const { services } = ctx.deps;
  const question = await openQuestion(services, ctx.actor);
  if (!question) return next();
  const t = ctx.t;
  const now = services.clock.now();
  const read = readTypedAnswer(text);
  const meetingId = question.meeting.id;
  if (read.kind === "attending" && question.answer?.kind !== "ATTENDING") {
    await ctx.reply(confirmAttendingText(t, question, now), {
      reply_markup: new InlineKeyboard()
        .text(t("button-confirm"), `tc:${shortId(meetingId)}:y`)
        .text(t("button-cancel"), "tc:x"),
    });
    return;
  }
  if (read.kind === "absent") {
    await ctx.conversation.exitAll();
    await ctx.conversation.enter("absence", meetingId, read.reason);
    return;
  }
  // Not understood (or "có" from a member already coming): the question, with its buttons.
  const message = answerQuestionMessage(t, question, { now });
  const lead = read.kind === "attending" ? t("answer-unchanged") : t("typed-unclear");
  await ctx.reply(`${lead}\n\n${message.text}`, {
    reply_markup: inlineKeyboard(message.buttons ?? []),
  });
});

typedAnswers.callbackQuery(/^tc:([A-Za-z0-9_-]{22}):y$/, async (ctx) => {
  const meetingId = fromShortId(ctx.match[1]!);
  const actor = ctx.actor;
  if (!meetingId || !actor) {
    await ctx.answerCallbackQuery({ text: ctx.t("error-stale-button"), show_alert: true });
    return;
  }
  const result = await recordAttending(ctx, actor, meetingId);
  if (!result) return;
  await ctx.answerCallbackQuery({ text: ctx.t("answer-attending") });
  await ctx.editMessageText(ctx.t(result.unchanged ? "answer-unchanged" : "answer-attending-note"));
});

typedAnswers.callbackQuery("tc:x", async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(ctx.t("typed-cancelled"));
});
