import { InlineKeyboard } from "grammy";
import { shortId } from "../../../services/callback-data.ts";
import {
  type QualitySheet,
  qualitySheet,
  qualitySheetText,
  qualityWindowText,
  scoreQualityItem,
} from "../../../services/quality/index.ts";
import type { InnerContext } from "../context.ts";
import { attempt, type Convo, leaderOf, nextInDialog, quietly, stillLeads } from "./support.ts";

/** The button that opens the scoring of a held meeting (under the minutes, after the sheet). */
export const qualityOpenData = (meetingId: string) => `q:o:${shortId(meetingId)}`;
export const qualityEditData = (meetingId: string, index: number) =>
  `q:e:${shortId(meetingId)}:${index}`;

/**
 * *Chấm điểm chất lượng* (HD 42): the sheet (the bot's items with why), then each of the
 * secretary's unscored items as a short choice (full / partial / none, or a typed number);
 * `first` is an item to correct before the unscored ones. Every score is recorded (and audited)
 * by the service at once, so the dialog can be left at any point and resumed with /chamdiem.
 * Buttons are `qs:*`; anything else leaves the dialog (nextInDialog).
 */
export async function qualityScore(
  conversation: Convo,
  ctx: InnerContext,
  meetingId: string,
  first?: number,
) {
  const t = ctx.t;
  const load = () =>
    conversation.external((outside) =>
      attempt(() => qualitySheet(outside.deps.services, leaderOf(outside).actor, meetingId)),
    );
  const opened = await load();
  if (!opened.ok) {
    await ctx.reply(t(opened.key, opened.args));
    return;
  }
  let sheet: QualitySheet = opened.value;
  await ctx.reply(qualitySheetText(t, sheet));
  if (!sheet.editable) {
    await ctx.reply(qualityWindowText(t, sheet));
    return;
  }
  const queue = [
    ...sheet.secretaryItems.filter((i) => i.index === first),
    ...sheet.secretaryItems.filter((i) => i.points === null && i.index !== first),
  ];
  for (const item of queue) {
    const keyboard = new InlineKeyboard()
      .text(t("quality-button-full", { points: item.max }), `qs:${item.index}:f`)
      .row()
      .text(t("quality-button-partial", { points: item.partial }), `qs:${item.index}:p`)
      .row()
      .text(t("quality-button-none"), `qs:${item.index}:n`)
      .row()
      .text(t("quality-button-later"), "qs:l");
    await ctx.reply(t("quality-ask", { label: item.label, max: item.max }), {
      reply_markup: keyboard,
    });
    for (;;) {
      const next = await nextInDialog(conversation, "qs:");
      const data = next.callbackQuery?.data;
      const text = next.message?.text?.trim();
      if (!(await stillLeads(conversation))) {
        if (data !== undefined)
          await next.answerCallbackQuery({ text: t("error-not-allowed"), show_alert: true });
        else await next.reply(t("error-not-allowed"));
        await conversation.halt();
      }
      let choice: "full" | "partial" | "none" | number | undefined;
      if (data === "qs:l") {
        await next.answerCallbackQuery();
        await quietly(next.editMessageReplyMarkup());
        await next.reply(t("quality-later"));
        await conversation.halt();
      } else if (data !== undefined) {
        const [, index, code] = data.split(":");
        if (Number(index) !== item.index || !code || !"fpn".includes(code)) {
          await next.answerCallbackQuery({ text: t("error-stale-button"), show_alert: true });
          continue;
        }
        await next.answerCallbackQuery();
        choice = code === "f" ? "full" : code === "p" ? "partial" : "none";
      } else if (text && /^\d{1,4}$/.test(text)) {
        choice = Number(text);
      } else {
        await next.reply(t("quality-type-number", { max: item.max }));
        continue;
      }
      if (choice === undefined) continue;
      const picked = choice;
      const scored = await conversation.external((outside) =>
        attempt(() =>
          scoreQualityItem(
            outside.deps.services,
            leaderOf(outside).actor,
            meetingId,
            item.index,
            picked,
          ),
        ),
      );
      if (!scored.ok) {
        await next.reply(t(scored.key, scored.args));
        // A number out of range is asked again; anything else (window over, demoted) ends here.
        if (scored.key === "quality-error-points") continue;
        await conversation.halt();
      } else {
        const done = t(scored.value.correction ? "quality-corrected" : "quality-scored", {
          label: scored.value.label,
          points: scored.value.points,
          max: scored.value.max,
        });
        if (data !== undefined) await quietly(next.editMessageText(done));
        else await next.reply(done);
        break;
      }
    }
  }
  const reloaded = await load();
  if (!reloaded.ok) {
    await ctx.reply(t(reloaded.key, reloaded.args));
    return;
  }
  sheet = reloaded.value;
  const edit = new InlineKeyboard();
  sheet.secretaryItems.forEach((i, n) => {
    if (n > 0 && n % 2 === 0) edit.row();
    edit.text(t("quality-button-edit", { label: i.label }), qualityEditData(meetingId, i.index));
  });
  const scoredAll = sheet.secretaryItems.every((i) => i.points !== null);
  await ctx.reply(
    [
      ...(scoredAll ? [t("quality-done")] : []),
      qualitySheetText(t, sheet),
      "",
      qualityWindowText(t, sheet),
    ].join("\n"),
    sheet.editable ? { reply_markup: edit } : {},
  );
}
