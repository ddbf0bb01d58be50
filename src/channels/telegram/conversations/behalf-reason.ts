import { InlineKeyboard } from "grammy";
import { cleanLine } from "../../../domain/text.ts";
import { MAX_REASON_LENGTH, recordAnswer } from "../../../services/answers.ts";
import { shortId } from "../../../services/callback-data.ts";
import type { InnerContext } from "../context.ts";
import { attempt, type Convo, leaderOf, nextInDialog, quietly, stillLeads } from "./support.ts";

const PRESETS = ["reason-sick", "reason-business-trip", "reason-family"] as const;

/** The list of members to answer for, opened again at its first page. */
export const behalfListData = (meetingId: string) => `tl:p:${shortId(meetingId)}:0`;

/**
 * /traloithay, *Vắng*: the secretary gives the absent member's reason (a preset or text), and it
 * is recorded at once on the member's behalf. Buttons are `tr:*`; the service checks the rights.
 */
export async function behalfReason(
  conversation: Convo,
  ctx: InnerContext,
  meetingId: string,
  memberId: string,
  name: string,
) {
  const t = ctx.t;
  const keyboard = InlineKeyboard.from([
    ...PRESETS.map((key, i) => [InlineKeyboard.text(t(key), `tr:${i}`)]),
    [InlineKeyboard.text(t("reason-other"), "tr:o")],
    [InlineKeyboard.text(t("button-cancel"), "tr:x")],
  ]);
  await ctx.reply(t("traloithay-ask-reason", { name, max: MAX_REASON_LENGTH }), {
    reply_markup: keyboard,
  });

  let reason: string | undefined;
  while (reason === undefined) {
    const next = await nextInDialog(conversation, "tr:");
    const text = next.message?.text;
    const data = next.callbackQuery?.data;
    if (!(await stillLeads(conversation))) {
      if (data !== undefined)
        await next.answerCallbackQuery({ text: t("error-not-allowed"), show_alert: true });
      else await next.reply(t("error-not-allowed"));
      await conversation.halt();
    }
    if (data === "tr:x") {
      await next.answerCallbackQuery();
      await quietly(next.editMessageText(t("traloithay-cancelled", { name })));
      await conversation.halt();
    } else if (data === "tr:o") {
      await next.answerCallbackQuery();
      await next.reply(t("absence-ask-text", { max: MAX_REASON_LENGTH }));
    } else if (data !== undefined) {
      const preset = PRESETS[Number(data.slice(3))];
      if (preset) {
        await next.answerCallbackQuery();
        await quietly(next.editMessageReplyMarkup());
        reason = t(preset);
      } else await next.answerCallbackQuery({ text: t("error-stale-button"), show_alert: true });
    } else if (text) {
      const typed = cleanLine(text);
      if ([...typed].length > MAX_REASON_LENGTH)
        await next.reply(t("error-reason-too-long", { max: MAX_REASON_LENGTH }));
      else if (typed) reason = typed;
      else await next.reply(t("error-text-unreadable"));
    } else {
      await next.reply(t("absence-text-only"));
    }
  }

  const outcome = await conversation.external((outside) =>
    attempt(async () => {
      const { actor } = leaderOf(outside);
      const result = await recordAnswer(outside.deps.services, actor, {
        meetingId,
        memberId,
        kind: "ABSENT",
        reason,
      });
      return { unchanged: result.unchanged };
    }),
  );
  const back = new InlineKeyboard().text(t("traloithay-button-back"), behalfListData(meetingId));
  if (!outcome.ok) await ctx.reply(t(outcome.key, outcome.args));
  else
    await ctx.reply(
      t(outcome.value.unchanged ? "traloithay-unchanged" : "traloithay-absent", { name, reason }),
      { reply_markup: back },
    );
}
