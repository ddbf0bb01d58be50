import { Composer, InlineKeyboard } from "grammy";
import { displayParts } from "../../../domain/local-time.ts";
import { answerButtonData } from "../../../services/callback-data.ts";
import { committeeMode, setCommitteeMode } from "../../../services/committee-mode.ts";
import { myNextMeeting, myYear } from "../../../services/overview.ts";
import { setMuted } from "../../../services/settings-member.ts";
import type { BotContext } from "../context.ts";

/** What every linked member can do for themselves: see the next meeting, their year, mute. */
export const member = new Composer<BotContext>();
const priv = member.chatType("private");

priv.command(["lich", "lichhop_cua_toi"], async (ctx) => {
  const next = ctx.actor && (await myNextMeeting(ctx.deps.services, ctx.actor));
  if (!next) {
    await ctx.reply(ctx.t("next-none"));
    return;
  }
  const when = displayParts(next.meeting.startsAt);
  const answer = next.answer
    ? next.answer.kind === "ATTENDING"
      ? ctx.t("my-answer-attending")
      : ctx.t("my-answer-absent", { reason: next.answer.reason ?? "" })
    : ctx.t("my-answer-none");
  await ctx.reply(
    ctx.t("next-meeting", {
      cell: next.meeting.unit.name,
      weekday: ctx.t("weekday", { day: when.day }),
      date: when.date,
      time: when.time,
      place: next.meeting.place ?? ctx.t("place-unknown"),
      agenda: next.meeting.agenda ?? ctx.t("agenda-unknown"),
      answer,
    }),
    {
      reply_markup: new InlineKeyboard()
        .text(ctx.t("button-attend"), answerButtonData(next.meeting.id, true))
        .text(ctx.t("button-decline"), answerButtonData(next.meeting.id, false)),
    },
  );
});

priv.command("cuatoi", async (ctx) => {
  const year = ctx.actor && (await myYear(ctx.deps.services, ctx.actor));
  if (!year) {
    await ctx.reply(ctx.t("my-year-none"));
    return;
  }
  await ctx.reply(ctx.t("my-year", year));
});

/** What /caidat shows: the reminders, and for a committee member in charge their cells' choice. */
async function settingsView(ctx: BotContext) {
  const actor = ctx.actor!;
  const row = await ctx.deps.services.db.member.findUnique({ where: { id: actor.memberId } });
  const muted = row?.muted ?? false;
  const lines = [ctx.t(muted ? "settings-muted" : "settings-unmuted")];
  const keyboard = new InlineKeyboard().text(
    ctx.t(muted ? "button-unmute" : "button-mute"),
    `mute:${muted ? 0 : 1}`,
  );
  if (actor.inChargeOf.length > 0) {
    const summary = (await committeeMode(ctx.deps.services.db, actor.memberId)) === "summary";
    lines.push(ctx.t(summary ? "committee-settings-summary" : "committee-settings-every-meeting"));
    keyboard
      .row()
      .text(
        ctx.t(summary ? "button-committee-every-meeting" : "button-committee-summary"),
        `cmode:${summary ? "e" : "s"}`,
      );
  }
  return { text: lines.join("\n\n"), reply_markup: keyboard };
}

priv.command("caidat", async (ctx) => {
  const { text, reply_markup } = await settingsView(ctx);
  await ctx.reply(text, { reply_markup });
});

member.callbackQuery(/^mute:([01])$/, async (ctx) => {
  const muted = ctx.match[1] === "1";
  await setMuted(ctx.deps.services, ctx.actor!, muted);
  await ctx.answerCallbackQuery({ text: ctx.t(muted ? "settings-muted" : "settings-unmuted") });
  const { text, reply_markup } = await settingsView(ctx);
  await ctx.editMessageText(text, { reply_markup });
});

member.callbackQuery(/^cmode:([es])$/, async (ctx) => {
  if (!ctx.actor?.inChargeOf.length) {
    await ctx.answerCallbackQuery({ text: ctx.t("error-not-allowed"), show_alert: true });
    return;
  }
  const mode = ctx.match[1] === "s" ? "summary" : "every-meeting";
  await setCommitteeMode(ctx.deps.services, ctx.actor, mode);
  await ctx.answerCallbackQuery({
    text: ctx.t(
      mode === "summary" ? "committee-settings-summary" : "committee-settings-every-meeting",
    ),
  });
  const { text, reply_markup } = await settingsView(ctx);
  await ctx.editMessageText(text, { reply_markup });
});

priv.command(["trogiup", "help"], async (ctx) => {
  const actor = ctx.actor!;
  const parts = [ctx.t("help-member")];
  if (actor.leads) parts.push(ctx.t("help-leader"));
  if (actor.inChargeOf.length) parts.push(ctx.t("help-committee"));
  await ctx.reply(parts.join("\n\n"));
});
