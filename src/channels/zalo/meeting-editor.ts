import type { MeetingKind } from "@prisma/client";
import { localDate } from "../../domain/local-time.ts";
import type { Translate } from "../../i18n.ts";
import type { Actor } from "../../services/actors.ts";
import { fromShortId, shortId } from "../../services/callback-data.ts";
import type { Services } from "../../services/context.ts";
import { meetingArgs } from "../../services/format.ts";
import {
  type Checked,
  checkMeetingDay,
  checkMeetingText,
  checkMeetingTime,
  localTimeOf,
  maxLength,
  shorten,
  showDay,
} from "../../services/meeting-input.ts";
import {
  cancelMeeting,
  createMeeting,
  moveMeeting,
  upcomingMeetings,
} from "../../services/meetings.ts";
import type { OutgoingMessage } from "../../services/messenger.ts";
import { clearContext, type ZaloDialogContext } from "./context.ts";

// `lichhop` on Zalo: set, move or cancel a meeting in text. Telegram asks in a conversation; here
// the draft travels in the chat's context (Postgres), one question at a time, and each typed
// answer is checked by the same rules (src/services/meeting-input.ts).

/** The meeting being set, moved or cancelled, as far as the secretary has answered. */
export interface MeetingDraft {
  op: "create" | "move" | "cancel";
  kind: MeetingKind;
  cell: string;
  meetingId?: string;
  /** Offered as "keep" (move: the meeting's values) or "use" (create: the cell's usual ones). */
  was: { startsAt?: string; time: string; place: string | null; agenda: string | null };
  day?: string;
  startsAt?: string;
  place?: string | null;
  agenda?: string | null;
}

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

/** What the bot offers to the chat it talks to; the editor only asks and calls the services. */
export interface ZaloDialog<Chat extends { chatId: string }> {
  services: Services;
  send(
    chatId: string,
    message: OutgoingMessage,
    extra?: Omit<ZaloDialogContext, "message">,
  ): Promise<void>;
  say(chatId: string, text: string): Promise<void>;
  guarded<T>(chat: Chat, action: () => Promise<T>): Promise<T | undefined>;
  stale(chat: Chat): Promise<void>;
  /** The cell the person leads, or null after telling them they may not. */
  ledCell(chat: Chat): Promise<string | null>;
  actorOf(chat: Chat): Actor;
}

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

export class ZaloMeetingEditor<Chat extends { chatId: string }> {
  constructor(private readonly dialog: ZaloDialog<Chat>) {}

  private get t() {
    return this.dialog.services.t;
  }

  /** `lichhop`: the cell's coming meetings, each to move or cancel, and "add a meeting". */
  async menu(chat: Chat) {
    const { services } = this.dialog;
    const unitId = await this.dialog.ledCell(chat);
    if (!unitId) return;
    const t = this.t;
    const loaded = await this.dialog.guarded(chat, () =>
      Promise.all([
        services.db.unit.findUniqueOrThrow({ where: { id: unitId } }),
        upcomingMeetings(services, this.dialog.actorOf(chat), unitId),
      ]),
    );
    if (!loaded) return;
    const [unit, meetings] = loaded;
    const listing = meetings.length
      ? meetings.map((m, i) => t("lichhop-menu-item", { n: i + 1, ...meetingArgs(t, m) }))
      : [t("lichhop-menu-empty")];
    await this.dialog.send(chat.chatId, {
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
  async press(chat: Chat, data: string, context: ZaloDialogContext) {
    const { services } = this.dialog;
    if (data === "lh:x") {
      await clearContext(services.db, chat.chatId);
      return this.dialog.say(chat.chatId, this.t("lichhop-aborted"));
    }
    const created = /^lh:n:([rt])$/.exec(data);
    if (created) {
      const unitId = await this.dialog.ledCell(chat);
      if (!unitId) return;
      const unit = await services.db.unit.findUniqueOrThrow({ where: { id: unitId } });
      return this.ask(chat, {
        op: "create",
        kind: created[1] === "t" ? "THEMATIC" : "REGULAR",
        cell: unit.name,
        was: { time: unit.meetingTime, place: unit.meetingPlace, agenda: null },
      });
    }
    const chosen = /^lh:([mc]):([A-Za-z0-9_-]{22})$/.exec(data);
    if (chosen) return this.choose(chat, chosen[1] === "c" ? "cancel" : "move", chosen[2]!);
    const draft = context.payload?.draft;
    if (!draft) return this.dialog.stale(chat);
    const step = stepOf(draft);
    if (data === "lh:ok" && step === "confirm") return this.commit(chat, draft);
    const offered = offer(this.t, draft, step);
    if (data === "lh:k" && offered) return this.answer(chat, draft, offered.value, true);
    return this.dialog.stale(chat);
  }

  /** Text typed while a question of the editor is open. */
  async typed(chat: Chat, context: ZaloDialogContext, text: string) {
    const draft = context.payload?.draft;
    if (!draft) return this.dialog.stale(chat);
    if (stepOf(draft) === "confirm")
      return this.dialog.say(chat.chatId, this.t("zalo-lichhop-confirm-by-number"));
    await this.answer(chat, draft, text, false);
  }

  private async choose(chat: Chat, op: "move" | "cancel", short: string) {
    const { services } = this.dialog;
    const unitId = await this.dialog.ledCell(chat);
    if (!unitId) return;
    const meetingId = fromShortId(short);
    const meetings = await this.dialog.guarded(chat, () =>
      upcomingMeetings(services, this.dialog.actorOf(chat), unitId),
    );
    if (!meetings) return;
    // Only a meeting still coming: one that began or was cancelled since the menu is stale.
    const meeting = meetings.find((m) => m.id === meetingId);
    if (!meeting) return this.dialog.stale(chat);
    const unit = await services.db.unit.findUniqueOrThrow({ where: { id: unitId } });
    await this.ask(chat, {
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
  private async answer(chat: Chat, draft: MeetingDraft, value: string | null, offered: boolean) {
    const now = this.dialog.services.clock.now();
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
      return this.ask(chat, draft);
    }
    if (!checked.ok) return this.dialog.say(chat.chatId, this.t(checked.key, checked.args));
    await this.ask(chat, { ...draft, ...checked.value });
  }

  /** The question of the draft's next step, with its numbered choices; typed text answers it. */
  private async ask(chat: Chat, draft: MeetingDraft) {
    if (!(await this.dialog.ledCell(chat))) return;
    const t = this.t;
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
      return this.dialog.send(
        chat.chatId,
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
    const now = this.dialog.services.clock.now();
    const example = showDay(localDate(new Date(now.getTime() + 7 * 86_400_000)));
    const text =
      step === "day"
        ? offered
          ? t("lichhop-ask-date-current", { date: showDay(offered.value!), example })
          : t("lichhop-ask-date", { example })
        : step === "time"
          ? t("lichhop-ask-time", { date: showDay(draft.day!) })
          : t(`lichhop-ask-${step}`, { max: maxLength(step) });
    await this.dialog.send(chat.chatId, { text, buttons }, extra);
  }

  private async commit(chat: Chat, draft: MeetingDraft) {
    const { services } = this.dialog;
    const unitId = await this.dialog.ledCell(chat);
    if (!unitId) return;
    const t = this.t;
    const actorId = this.dialog.actorOf(chat).memberId;
    const change = {
      startsAt: new Date(draft.startsAt ?? draft.was.startsAt!),
      place: draft.place ?? null,
      agenda: draft.agenda ?? null,
    };
    const done = await this.dialog.guarded(chat, async () => {
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
    await clearContext(services.db, chat.chatId);
    await this.dialog.say(chat.chatId, done);
  }
}
