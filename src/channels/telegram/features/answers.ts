import { type Conversation, createConversation } from "@grammyjs/conversations";
import { Composer, InlineKeyboard } from "grammy";
import { cleanLine } from "../../../domain/text.ts";
import type { Actor } from "../../../services/actors.ts";
import { answerQuestionMessage, pressedMeeting } from "../../../services/answer-question.ts";
import { MAX_REASON_LENGTH, recordAnswer } from "../../../services/answers.ts";
import { fromShortId } from "../../../services/callback-data.ts";
import { UserError } from "../../../services/errors.ts";
import type { BotContext, InnerContext } from "../context.ts";
import { nextInDialog, quietly } from "../conversations/support.ts";
import { inlineKeyboard } from "../messenger.ts";
import { withUserErrors } from "../reply-error.ts";

const PRESETS = ["reason-sick", "reason-business-trip", "reason-family"] as const;

/**
 * *Vắng* asks for the reason: a preset or free text (≤ 500 characters), then a confirmation.
 * Nothing is recorded until the member confirms; the database is only touched in `external`.
 */
async function absence(
  conversation: Conversation<BotContext, InnerContext>,
  ctx: InnerContext,
  meetingId: string,
  typedReason?: string | null,
) {
  // A typed "xin vắng vì con ốm" brings its reason: only the confirmation is left to ask.
  const reason =
    // Conversation arguments are stored as JSON: an absent reason comes back as null.
    typeof typedReason === "string"
      ? [...typedReason].slice(0, MAX_REASON_LENGTH).join("")
      : await askedReason(conversation, ctx);
  await confirmAbsence(conversation, ctx, meetingId, reason);
}

async function askedReason(
  conversation: Conversation<BotContext, InnerContext>,
  ctx: InnerContext,
): Promise<string> {
  const t = ctx.t;
  const presets = InlineKeyboard.from([
    ...PRESETS.map((key, i) => [InlineKeyboard.text(t(key), `why:${i}`)]),
    [InlineKeyboard.text(t("reason-other"), "why:other")],
  ]);
  await ctx.reply(t("absence-ask"), { reply_markup: presets });

  let reason: string | undefined;
  while (reason === undefined) {
    const next = await nextInDialog(conversation, "why:");
    const data = next.callbackQuery?.data;
    if (data !== undefined) {
      await next.answerCallbackQuery();
      const preset = PRESETS[Number(data.slice(4))];
      if (preset) reason = t(preset);
      else await next.reply(t("absence-ask-text", { max: MAX_REASON_LENGTH }));
    } else if (next.message?.text) {
      const text = cleanLine(next.message.text);
      if ([...text].length > MAX_REASON_LENGTH) {
        await next.reply(t("error-reason-too-long", { max: MAX_REASON_LENGTH }));
      } else if (text) reason = text;
      else await next.reply(t("error-text-unreadable"));
    } else {
      await next.reply(t("absence-text-only"));
    }
  }
  return reason;
}

async function confirmAbsence(
  conversation: Conversation<BotContext, InnerContext>,
  ctx: InnerContext,
  meetingId: string,
  reason: string,
) {
  const t = ctx.t;
  const confirm = new InlineKeyboard()
    .text(t("button-confirm"), "cf:y")
    .text(t("button-cancel"), "cf:n");
  await ctx.reply(t("absence-confirm", { reason }), { reply_markup: confirm });
  let answer = await nextInDialog(conversation, "cf:");
  while (!/^cf:[yn]$/.test(answer.callbackQuery?.data ?? "")) {
    await answer.reply(t("absence-confirm-press"));
    answer = await nextInDialog(conversation, "cf:");
  }
  if (answer.callbackQuery?.data === "cf:n") {
    await answer.answerCallbackQuery();
    await answer.editMessageText(t("absence-cancelled"));
    return;
  }
  const outcome = await conversation.external(async (outside) => {
    try {
      const actor = outside.actor!;
      await recordAnswer(outside.deps.services, actor, {
        meetingId,
        memberId: actor.memberId,
        kind: "ABSENT",
        reason,
      });
      return { ok: true as const };
    } catch (error) {
      if (error instanceof UserError)
        return { ok: false as const, key: error.key, args: error.args };
      throw error;
    }
  });
  await answer.answerCallbackQuery();
  await answer.editMessageText(
    outcome.ok ? t("absence-recorded", { reason }) : t(outcome.key, outcome.args),
  );
}

/**
 * Tham dự, pressed or typed and confirmed: recorded, or the reason it cannot be said (undefined).
 * `explained` may say a refusal better (e.g. a meeting that is over): true when it did.
 */
export function recordAttending(
  ctx: BotContext,
  actor: Actor,
  meetingId: string,
  explained?: (refusal: UserError) => Promise<boolean>,
) {
  return withUserErrors(ctx, ctx.t, async () => {
    try {
      return await recordAnswer(ctx.deps.services, actor, {
        meetingId,
        memberId: actor.memberId,
        kind: "ATTENDING",
      });
    } catch (error) {
      if (error instanceof UserError && (await explained?.(error))) return undefined;
      throw error;
    }
  });
}

/** The refusals a press on the button of a meeting that is over or cancelled gets. */
const NOT_OPEN = new Set(["error-meeting-started", "error-meeting-cancelled"]);

export const answers = new Composer<BotContext>();
answers.use(createConversation(absence, "absence"));

answers.callbackQuery(/^ans:([A-Za-z0-9_-]{22}):([yn])$/, async (ctx) => {
  const meetingId = fromShortId(ctx.match[1]!);
  if (!meetingId || !ctx.actor) {
    await ctx.answerCallbackQuery({ text: ctx.t("error-stale-button"), show_alert: true });
    return;
  }
  const actor = ctx.actor;
  if (ctx.match[2] === "n") {
    // Checked before asking for a reason: a member should not type one for a meeting already
    // begun. A button of a meeting that is over: say which one it was, and ask about the current.
    const pressed = await pressedMeeting(ctx.deps.services, actor, meetingId);
    if (pressed.state === "ended" || pressed.state === "cancelled") {
      await oldMeetingPressed(ctx, pressed);
      return;
    }
    if (pressed.state !== "open") {
      const key = pressed.state === "started" ? "error-meeting-started" : "error-not-allowed";
      await ctx.answerCallbackQuery({ text: ctx.t(key), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    // A press on a reminder starts over: any other dialog (e.g. /lichhop) is left.
    await ctx.conversation.exitAll();
    await ctx.conversation.enter("absence", meetingId);
    return;
  }
  // Recorded at once; only a refused press asks whether its meeting is over, to say which it was.
  const result = await recordAttending(ctx, actor, meetingId, async (refusal) => {
    if (!NOT_OPEN.has(refusal.key)) return false;
    const pressed = await pressedMeeting(ctx.deps.services, actor, meetingId);
    if (pressed.state !== "ended" && pressed.state !== "cancelled") return false;
    await oldMeetingPressed(ctx, pressed);
    return true;
  });
  if (!result) return;
  await ctx.answerCallbackQuery({
    text: ctx.t(result.unchanged ? "answer-unchanged" : "answer-attending"),
  });
  if (!result.unchanged) await ctx.reply(ctx.t("answer-attending-note"));
});

/** "Buổi sinh hoạt ngày 03/11 đã kết thúc": its buttons go, the current question comes. */
async function oldMeetingPressed(
  ctx: BotContext,
  pressed: Extract<Awaited<ReturnType<typeof pressedMeeting>>, { date: string }>,
) {
  const t = ctx.t;
  const said = t(pressed.state === "ended" ? "old-meeting-ended" : "old-meeting-cancelled", {
    date: pressed.date,
  });
  await ctx.answerCallbackQuery({ text: said, show_alert: true });
  await quietly(ctx.editMessageReplyMarkup());
  if (!pressed.current) {
    await ctx.reply(`${said} ${t("old-meeting-none")}`);
    return;
  }
  const question = answerQuestionMessage(t, pressed.current, {
    now: ctx.deps.services.clock.now(),
  });
  await ctx.reply(`${said} ${t("old-meeting-current")}\n\n${question.text}`, {
    reply_markup: inlineKeyboard(question.buttons ?? []),
  });
}
