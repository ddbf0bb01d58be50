import { localDate } from "../../../domain/local-time.ts";
import type { Translate } from "../../../i18n.ts";
import { fromShortId, shortId } from "../../../services/callback-data.ts";
import { meetingArgs } from "../../../services/format.ts";
import {
  type Checked,
  checkMeetingDay,
  checkMeetingText,
  checkMeetingTime,
  localTimeOf,
  maxLength,
  shorten,
  showDay,
} from "../../../services/meeting-input.ts";
import {
  cancelMeeting,
  createMeeting,
  moveMeeting,
  upcomingMeetings,
} from "../../../services/meetings.ts";
import type { MeetingDraft, ZaloDialogContext } from "../context.ts";
import { clearQuestion, guarded, stale } from "../dialog.ts";
import type { ZaloFeature } from "../feature.ts";
import { type LinkedTurn, ledCell } from "../turn.ts";

// `lichhop` on Zalo: set, move or cancel a meeting in text. Telegram asks in a conversation; here
// the draft travels in the chat's context (Postgres), one question at a time, and each typed
// answer is checked by the same rules (src/services/meeting-input.ts).

type Step = "day" | "time" | "place" | "agenda" | "confirm";

const stepOf = (d: MeetingDraft): Step =>
  d.op === "cancel"
    ? "confirm"
    : d.day === undefined
      ? "day"
      : d.startsAt === undefined
        ? "time"
        : d.place === undefined
          ? "place"
          : d.agenda === undefined
            ? "agenda"
            : "confirm";

/** The value a "keep" / "use" / "skip" choice stands for at this step, if there is one. */
function offer(
  t: Translate,
  d: MeetingDraft,
  step: Step,
): { value: string | null; label: string } | null {
  const moving = d.op === "move";
  const before = d.was.startsAt ? new Date(d.was.startsAt) : null;
  const keep = (value: string) => t("lichhop-button-keep", { value: shorten(value) });
  switch (step) {
    case "day":
      return moving && before
        ? { value: localDate(before), label: keep(showDay(localDate(before))) }
        : null;
    case "time": {
      const time = moving && before ? localTimeOf(before) : d.was.time;
      return { value: time, label: moving ? keep(time) : t("lichhop-button-use", { value: time }) };
    }
    case "place":
      if (!d.was.place) return null;
      return {
        value: d.was.place,
        label: moving
          ? keep(d.was.place)
          : t("lichhop-button-use", { value: shorten(d.was.place) }),
      };
    case "agenda":
      return moving && d.was.agenda
        ? { value: d.was.agenda, label: t("lichhop-button-keep-agenda") }
        : { value: null, label: t("lichhop-button-skip") };
    default:
      return null;
  }
}

/** `lichhop`: the cell's coming meetings, each to move or cancel, and "add a meeting". */
async function menu(turn: LinkedTurn) {
  const { services, t } = turn;
  const unitId = await ledCell(turn);
  if (!unitId) return;
  const loaded = await guarded(turn, () =>
    Promise.all([
      services.db.unit.findUniqueOrThrow({ where: { id: unitId } }),
      upcomingMeetings(services, turn.actor, unitId),
    ]),
  );
  if (!loaded) return;
  const [unit, meetings] = loaded;
  const listing = meetings.length
    ? meetings.map((m, i) => t("lichhop-menu-item", { n: i + 1, ...meetingArgs(t, m) }))
    : [t("lichhop-menu-empty")];
  await turn.reply({
    text: [
      t("lichhop-menu-title", { cell: unit.name }),
      ...listing,
      "",
      t("lichhop-menu-question"),
    ].join("\n"),
    buttons: [
      ...meetings.flatMap((m) => {
        const args = meetingArgs(t, m);
        return [
          [{ label: t("lichhop-button-edit", args), data: `lh:m:${shortId(m.id)}` }],
          [{ label: t("lichhop-button-cancel-meeting", args), data: `lh:c:${shortId(m.id)}` }],
        ];
      }),
      [{ label: t("lichhop-button-new-regular"), data: "lh:n:r" }],
      [{ label: t("lichhop-button-new-thematic"), data: "lh:n:t" }],
      [{ label: t("lichhop-button-quit"), data: "lh:x" }],
    ],
  });
}

/** A numbered choice whose data starts with `lh:`. */
async function press(turn: LinkedTurn, data: string, context: ZaloDialogContext) {
  const { services } = turn;
  if (data === "lh:x") {
    await clearQuestion(turn);
    return turn.reply(turn.t("lichhop-aborted"));
  }
  const created = /^lh:n:([rt])$/.exec(data);
  if (created) {
    const unitId = await ledCell(turn);
    if (!unitId) return;
    const unit = await services.db.unit.findUniqueOrThrow({ where: { id: unitId } });
    return ask(turn, {
      op: "create",
      kind: created[1] === "t" ? "THEMATIC" : "REGULAR",
      cell: unit.name,
      was: { time: unit.meetingTime, place: unit.meetingPlace, agenda: null },
    });
  }
  const chosen = /^lh:([mc]):([A-Za-z0-9_-]{22})$/.exec(data);
  if (chosen) return choose(turn, chosen[1] === "c" ? "cancel" : "move", chosen[2]!);
  const draft = context.payload?.draft;
  if (!draft) return stale(turn);
  const step = stepOf(draft);
  if (data === "lh:ok" && step === "confirm") return commit(turn, draft);
  const offered = offer(turn.t, draft, step);
  if (data === "lh:k" && offered) return answer(turn, draft, offered.value, true);
  return stale(turn);
}

/** Text typed while a question of the editor is open. */
async function typed(turn: LinkedTurn, context: ZaloDialogContext, text: string) {
  const draft = context.payload?.draft;
  if (!draft) return stale(turn);
  if (stepOf(draft) === "confirm") return turn.reply(turn.t("zalo-lichhop-confirm-by-number"));
  await answer(turn, draft, text, false);
}

async function choose(turn: LinkedTurn, op: "move" | "cancel", short: string) {
  const { services } = turn;
  const unitId = await ledCell(turn);
  if (!unitId) return;
  const meetingId = fromShortId(short);
  const meetings = await guarded(turn, () => upcomingMeetings(services, turn.actor, unitId));
  if (!meetings) return;
  // Only a meeting still coming: one that began or was cancelled since the menu is stale.
  const meeting = meetings.find((m) => m.id === meetingId);
  if (!meeting) return stale(turn);
  const unit = await services.db.unit.findUniqueOrThrow({ where: { id: unitId } });
  await ask(turn, {
    op,
    kind: meeting.kind,
    cell: unit.name,
    meetingId: meeting.id,
    was: {
      startsAt: meeting.startsAt.toISOString(),
      time: localTimeOf(meeting.startsAt),
      place: meeting.place,
      agenda: meeting.agenda,
    },
  });
}

/** The current step's answer: checked like on Telegram; a refusal leaves the question open. */
async function answer(
  turn: LinkedTurn,
  draft: MeetingDraft,
  value: string | null,
  offered: boolean,
) {
  const now = turn.now();
  const step = stepOf(draft);
  let checked: Checked<Partial<MeetingDraft>>;
  if (step === "day") {
    const day = offered
      ? ({ ok: true, value: value! } as const)
      : checkMeetingDay(value ?? "", now);
    checked = day.ok ? { ok: true, value: { day: day.value } } : day;
  } else if (step === "time") {
    const startsAt = checkMeetingTime(value ?? "", draft.day!, now);
    checked = startsAt.ok
      ? { ok: true, value: { startsAt: startsAt.value.toISOString() } }
      : startsAt;
  } else if (step === "place" || step === "agenda") {
    const text = offered ? ({ ok: true, value } as const) : checkMeetingText(value ?? "", step);
    checked = text.ok ? { ok: true, value: { [step]: text.value } } : text;
  } else {
    return ask(turn, draft);
  }
  if (!checked.ok) return turn.reply(turn.t(checked.key, checked.args));
  await ask(turn, { ...draft, ...checked.value });
}

/** The question of the draft's next step, with its numbered choices; typed text answers it. */
async function ask(turn: LinkedTurn, draft: MeetingDraft) {
  if (!(await ledCell(turn))) return;
  const { t } = turn;
  const step = stepOf(draft);
  const quit = [{ label: t("lichhop-button-quit"), data: "lh:x" }];
  const extra = { freeText: "lh", payload: { draft } };
  if (step === "confirm") {
    const after = {
      kind: draft.kind,
      startsAt: draft.startsAt ?? draft.was.startsAt!,
      place: draft.place ?? null,
      agenda: draft.agenda ?? null,
    };
    const old = meetingArgs(t, { ...after, startsAt: draft.was.startsAt ?? after.startsAt });
    const text =
      draft.op === "cancel"
        ? t("lichhop-confirm-cancel", old)
        : draft.op === "move"
          ? t("lichhop-confirm-move", {
              ...meetingArgs(t, after),
              oldDate: old.date,
              oldTime: old.time,
            })
          : t("lichhop-confirm-create", { cell: draft.cell, ...meetingArgs(t, after) });
    return turn.reply(
      {
        text,
        buttons: [
          [{ label: t("button-confirm"), data: "lh:ok" }],
          [{ label: t("button-cancel"), data: "lh:x" }],
        ],
      },
      extra,
    );
  }
  const offered = offer(t, draft, step);
  const buttons = [...(offered ? [[{ label: offered.label, data: "lh:k" }]] : []), quit];
  const now = turn.now();
  const example = showDay(localDate(new Date(now.getTime() + 7 * 86_400_000)));
  const text =
    step === "day"
      ? offered
        ? t("lichhop-ask-date-current", { date: showDay(offered.value!), example })
        : t("lichhop-ask-date", { example })
      : step === "time"
        ? t("lichhop-ask-time", { date: showDay(draft.day!) })
        : t(`lichhop-ask-${step}`, { max: maxLength(step) });
  await turn.reply({ text, buttons }, extra);
}

async function commit(turn: LinkedTurn, draft: MeetingDraft) {
  const { services, t } = turn;
  const unitId = await ledCell(turn);
  if (!unitId) return;
  const actorId = turn.actor.memberId;
  const change = {
    startsAt: new Date(draft.startsAt ?? draft.was.startsAt!),
    place: draft.place ?? null,
    agenda: draft.agenda ?? null,
  };
  const done = await guarded(turn, async () => {
    if (draft.op === "cancel") {
      await cancelMeeting(services, actorId, draft.meetingId!);
      return t("lichhop-cancelled", meetingArgs(t, { kind: draft.kind, ...change }));
    }
    const meeting =
      draft.op === "move"
        ? await moveMeeting(services, actorId, draft.meetingId!, change)
        : await createMeeting(services, actorId, { unitId, kind: draft.kind, ...change });
    return t(draft.op === "move" ? "lichhop-moved" : "lichhop-created", meetingArgs(t, meeting));
  });
  if (done === undefined) return;
  await clearQuestion(turn);
  await turn.reply(done);
}

/** `lichhop`: a cell's leaders set, move or cancel a meeting, one numbered question at a time. */
export const meetingEditor: ZaloFeature = {
  commands: [{ names: ["lichhop"], run: menu }],
  choices: [{ data: /^lh:/, run: (turn, match, question) => press(turn, match.input, question) }],
  typed: [{ freeText: /^lh$/, run: (turn, _match, question, text) => typed(turn, question, text) }],
};
