import type { Meeting, MeetingKind } from "@prisma/client";
import { InlineKeyboard } from "grammy";
import { localDate } from "../../../domain/local-time.ts";
import type { Translate } from "../../../i18n.ts";
import { shortId } from "../../../services/callback-data.ts";
import {
  addDays,
  checkMeetingDay,
  checkMeetingText,
  checkMeetingTime,
  localTimeOf,
  maxLength,
  showDay,
} from "../../../services/meeting-input.ts";
import {
  cancelMeeting,
  createMeeting,
  moveMeeting,
  upcomingMeetings,
} from "../../../services/meetings.ts";
import type { InnerContext } from "../context.ts";
import { attempt, type Convo, leaderOf, nextInDialog, quietly, stillLeads } from "./support.ts";
import { meetingArgs, shorten } from "./text.ts";

// /lichhop: set, move or cancel a meeting. Every read of the database or the clock is inside
// `conversation.external`; buttons are `lh:*`, and "lh:x" leaves from any step.

interface MeetingView {
  id: string;
  /** ISO instant: `external` results are stored as JSON. */
  startsAt: string;
  kind: MeetingKind;
  place: string | null;
  agenda: string | null;
}

const view = (m: Meeting): MeetingView => ({
  id: m.id,
  startsAt: m.startsAt.toISOString(),
  kind: m.kind,
  place: m.place,
  agenda: m.agenda,
});

/** A press accepted by the current step (true), refused with an alert (locale key), or not ours. */
type Accept = (data: string) => boolean | string;

interface Input {
  ctx: InnerContext;
  press?: string;
  text?: string;
}

/**
 * The next answer to the current step. Another command, or another feature's button, leaves the
 * editor and is handled as usual; an old `lh:` button is answered as stale.
 */
async function nextInput(
  conversation: Convo,
  t: Translate,
  accept: Accept,
  textAllowed: boolean,
): Promise<Input> {
  for (;;) {
    const next = await nextInDialog(conversation, "lh:");
    const text = next.message?.text;
    const data = next.callbackQuery?.data;
    if (!(await stillLeads(conversation))) {
      if (data !== undefined)
        await next.answerCallbackQuery({ text: t("error-not-allowed"), show_alert: true });
      else await next.reply(t("error-not-allowed"));
      await conversation.halt();
    }
    if (data === "lh:x") {
      await next.answerCallbackQuery();
      await quietly(next.editMessageReplyMarkup());
      await next.reply(t("lichhop-aborted"));
      await conversation.halt();
    }
    if (data !== undefined) {
      const verdict = accept(data);
      if (verdict === true) {
        await next.answerCallbackQuery();
        await quietly(next.editMessageReplyMarkup());
        return { ctx: next, press: data };
      }
      await next.answerCallbackQuery({
        text: t(typeof verdict === "string" ? verdict : "error-stale-button"),
        show_alert: true,
      });
      continue;
    }
    if (text !== undefined && textAllowed) return { ctx: next, text: text.trim() };
    await next.reply(t(textAllowed ? "lichhop-text-only" : "lichhop-press-above"));
  }
}

const quit = (t: Translate) => InlineKeyboard.text(t("lichhop-button-quit"), "lh:x");

const now = async (conversation: Convo) =>
  new Date(
    await conversation.external((outside) => outside.deps.services.clock.now().toISOString()),
  );

/** A real local day, today or later, and not absurdly far: "yyyy-MM-dd". */
async function askDate(
  conversation: Convo,
  ctx: InnerContext,
  keep: string | null,
): Promise<string> {
  const t = ctx.t;
  const example = showDay(addDays(localDate(await now(conversation)), 7));
  const keyboard = new InlineKeyboard();
  if (keep) keyboard.text(t("lichhop-button-keep", { value: showDay(keep) }), "lh:k:d").row();
  keyboard.add(quit(t));
  await ctx.reply(
    keep
      ? t("lichhop-ask-date-current", { date: showDay(keep), example })
      : t("lichhop-ask-date", { example }),
    { reply_markup: keyboard },
  );
  for (;;) {
    const input = await nextInput(conversation, t, (d) => d === "lh:k:d" && !!keep, true);
    if (input.press) return keep!;
    // The clock is read again: the answer may come hours after the question.
    const day = checkMeetingDay(input.text ?? "", await now(conversation));
    if (day.ok) return day.value;
    await input.ctx.reply(t(day.key, day.args));
  }
}

/** A time of day 00:00–23:59 that, on `day`, is still ahead: the ISO instant. */
async function askTime(
  conversation: Convo,
  ctx: InnerContext,
  day: string,
  offer: { time: string; keep: boolean } | null,
): Promise<string> {
  const t = ctx.t;
  const keyboard = new InlineKeyboard();
  if (offer) {
    const label = offer.keep ? "lichhop-button-keep" : "lichhop-button-use";
    keyboard.text(t(label, { value: offer.time }), "lh:k:t").row();
  }
  keyboard.add(quit(t));
  await ctx.reply(t("lichhop-ask-time", { date: showDay(day) }), { reply_markup: keyboard });
  for (;;) {
    const input = await nextInput(conversation, t, (d) => d === "lh:k:t" && !!offer, true);
    const text = input.press ? offer!.time : (input.text ?? "");
    const startsAt = checkMeetingTime(text, day, await now(conversation));
    if (startsAt.ok) return startsAt.value.toISOString();
    await input.ctx.reply(t(startsAt.key, startsAt.args));
  }
}

/** Free text up to its limit, or the offered value (keep the current one, or none). */
async function askText(
  conversation: Convo,
  ctx: InnerContext,
  what: "place" | "agenda",
  offer: { value: string | null; label: string } | null,
): Promise<string | null> {
  const t = ctx.t;
  const data = `lh:k:${what === "place" ? "p" : "a"}`;
  const keyboard = new InlineKeyboard();
  if (offer) keyboard.text(offer.label, data).row();
  keyboard.add(quit(t));
  await ctx.reply(t(`lichhop-ask-${what}`, { max: maxLength(what) }), { reply_markup: keyboard });
  for (;;) {
    const input = await nextInput(conversation, t, (d) => d === data && !!offer, true);
    if (input.press) return offer!.value;
    const text = checkMeetingText(input.text ?? "", what);
    if (text.ok) return text.value;
    await input.ctx.reply(t(text.key, text.args));
  }
}

/** Shows what will be done; resolves with the press that confirmed it ("lh:x" leaves). */
async function confirmed(conversation: Convo, ctx: InnerContext, text: string) {
  const t = ctx.t;
  const keyboard = new InlineKeyboard()
    .text(t("button-confirm"), "lh:ok")
    .add(InlineKeyboard.text(t("button-cancel"), "lh:x"));
  await ctx.reply(text, { reply_markup: keyboard });
  const input = await nextInput(conversation, t, (d) => d === "lh:ok", false);
  return input.ctx;
}

const keepLabel = (t: Translate, value: string) =>
  t("lichhop-button-keep", { value: shorten(value) });

export async function meetingEditor(conversation: Convo, ctx: InnerContext) {
  const t = ctx.t;
  const loaded = await conversation.external((outside) =>
    attempt(async () => {
      const { actor, unitId } = leaderOf(outside);
      const { services } = outside.deps;
      const [unit, meetings] = await Promise.all([
        services.db.unit.findUniqueOrThrow({ where: { id: unitId } }),
        upcomingMeetings(services, actor, unitId),
      ]);
      return {
        cell: unit.name,
        place: unit.meetingPlace,
        time: unit.meetingTime,
        meetings: meetings.map(view),
      };
    }),
  );
  if (!loaded.ok) {
    await ctx.reply(t(loaded.key, loaded.args));
    return;
  }
  const { cell, meetings } = loaded.value;

  const menu = new InlineKeyboard();
  for (const m of meetings) {
    const args = meetingArgs(t, m);
    menu
      .text(t("lichhop-button-edit", args), `lh:m:${shortId(m.id)}`)
      .text(t("lichhop-button-cancel-meeting", args), `lh:c:${shortId(m.id)}`)
      .row();
  }
  menu
    .text(t("lichhop-button-new-regular"), "lh:n:r")
    .row()
    .text(t("lichhop-button-new-thematic"), "lh:n:t")
    .row()
    .add(quit(t));
  const listing = meetings.length
    ? meetings.map((m, i) => t("lichhop-menu-item", { n: i + 1, ...meetingArgs(t, m) }))
    : [t("lichhop-menu-empty")];
  await ctx.reply(
    [t("lichhop-menu-title", { cell }), ...listing, "", t("lichhop-menu-question")].join("\n"),
    {
      reply_markup: menu,
    },
  );

  const choice = await nextInput(
    conversation,
    t,
    (data) => {
      if (/^lh:n:[rt]$/.test(data)) return true;
      const chosen = /^lh:[mc]:([\w-]{22})$/.exec(data);
      if (!chosen) return false;
      // Only a meeting shown in this menu: anything else was forged or belongs to another cell.
      return meetings.some((m) => shortId(m.id) === chosen[1]) || "error-not-allowed";
    },
    false,
  );
  const data = choice.press!;
  if (data.startsWith("lh:n:")) {
    await createFlow(conversation, ctx, data === "lh:n:t" ? "THEMATIC" : "REGULAR", loaded.value);
    return;
  }
  const meeting = meetings.find((m) => shortId(m.id) === data.slice(5))!;
  if (data.startsWith("lh:c:")) await cancelFlow(conversation, ctx, meeting);
  else await moveFlow(conversation, ctx, meeting);
}

async function moveFlow(conversation: Convo, ctx: InnerContext, meeting: MeetingView) {
  const t = ctx.t;
  const before = new Date(meeting.startsAt);
  const day = await askDate(conversation, ctx, localDate(before));
  const startsAt = await askTime(conversation, ctx, day, { time: localTimeOf(before), keep: true });
  const place = await askText(
    conversation,
    ctx,
    "place",
    meeting.place ? { value: meeting.place, label: keepLabel(t, meeting.place) } : null,
  );
  const agenda = await askText(
    conversation,
    ctx,
    "agenda",
    meeting.agenda
      ? { value: meeting.agenda, label: t("lichhop-button-keep-agenda") }
      : { value: null, label: t("lichhop-button-skip") },
  );
  const after = { ...meeting, startsAt, place, agenda };
  const old = meetingArgs(t, meeting);
  const press = await confirmed(
    conversation,
    ctx,
    t("lichhop-confirm-move", { ...meetingArgs(t, after), oldDate: old.date, oldTime: old.time }),
  );
  const outcome = await conversation.external(async (outside) =>
    attempt(async () => {
      const { actor } = leaderOf(outside);
      const changed = await moveMeeting(outside.deps.services, actor.memberId, meeting.id, {
        startsAt: new Date(startsAt),
        place,
        agenda,
      });
      return view(changed);
    }),
  );
  await press.reply(
    outcome.ok ? t("lichhop-moved", meetingArgs(t, outcome.value)) : t(outcome.key, outcome.args),
  );
}

async function cancelFlow(conversation: Convo, ctx: InnerContext, meeting: MeetingView) {
  const t = ctx.t;
  const press = await confirmed(
    conversation,
    ctx,
    t("lichhop-confirm-cancel", meetingArgs(t, meeting)),
  );
  const outcome = await conversation.external(async (outside) =>
    attempt(async () => {
      const { actor } = leaderOf(outside);
      await cancelMeeting(outside.deps.services, actor.memberId, meeting.id);
      return true;
    }),
  );
  await press.reply(
    outcome.ok ? t("lichhop-cancelled", meetingArgs(t, meeting)) : t(outcome.key, outcome.args),
  );
}

async function createFlow(
  conversation: Convo,
  ctx: InnerContext,
  kind: MeetingKind,
  cell: { cell: string; place: string | null; time: string },
) {
  const t = ctx.t;
  const day = await askDate(conversation, ctx, null);
  const startsAt = await askTime(conversation, ctx, day, { time: cell.time, keep: false });
  const place = await askText(
    conversation,
    ctx,
    "place",
    cell.place
      ? { value: cell.place, label: t("lichhop-button-use", { value: shorten(cell.place) }) }
      : null,
  );
  const agenda = await askText(conversation, ctx, "agenda", {
    value: null,
    label: t("lichhop-button-skip"),
  });
  const draft = { startsAt, kind, place, agenda };
  const press = await confirmed(
    conversation,
    ctx,
    t("lichhop-confirm-create", { cell: cell.cell, ...meetingArgs(t, draft) }),
  );
  const outcome = await conversation.external(async (outside) =>
    attempt(async () => {
      const { actor, unitId } = leaderOf(outside);
      const created = await createMeeting(outside.deps.services, actor.memberId, {
        unitId,
        kind,
        startsAt: new Date(startsAt),
        place,
        agenda,
      });
      return view(created);
    }),
  );
  await press.reply(
    outcome.ok ? t("lichhop-created", meetingArgs(t, outcome.value)) : t(outcome.key, outcome.args),
  );
}
