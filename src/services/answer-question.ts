import type { Answer, Meeting, Prisma, Unit } from "@prisma/client";
import type { Db } from "../db/client.ts";
import { query, sql } from "../db/sql.ts";
import { dayDistance, displayParts } from "../domain/local-time.ts";
import type { Translate } from "../i18n.ts";
import type { Actor } from "./actors.ts";
import { answerButtonData } from "./callback-data.ts";
import type { Services } from "./context.ts";
import { type DeliveryIntent, writeIntents } from "./ledger.ts";
import type { OutgoingMessage } from "./messenger.ts";
import { myNextMeeting } from "./overview.ts";

// The question a reminder asks a member — "will you attend?" — rendered from what they already
// answered, wherever it is asked: the reminder itself, a typed answer not understood, a press on
// an old button. Channel-neutral: text and abstract buttons.

type Tx = Prisma.TransactionClient | Db;

export interface AnswerQuestion {
  meeting: Pick<Meeting, "id" | "startsAt" | "kind" | "place" | "agenda"> & {
    unit: Pick<Unit, "name">;
  };
  answer: Pick<Answer, "kind" | "reason"> | null;
}

/** The arguments every rendering of the meeting shares, the day said by its distance from now. */
function meetingWords(t: Translate, meeting: AnswerQuestion["meeting"], now: Date | undefined) {
  const when = displayParts(meeting.startsAt);
  const distance = now ? dayDistance(now, meeting.startsAt) : "other";
  return {
    cell: meeting.unit.name,
    meetingKind: meeting.kind === "THEMATIC" ? "thematic" : "regular",
    weekday: t("weekday", { day: when.day }),
    date: when.date,
    dayMonth: when.date.slice(0, 5),
    time: when.time,
    distance,
    soon: t("reminder-soon", { distance }),
    place: meeting.place ?? t("place-unknown"),
    where: meeting.place ? t("reminder-at", { place: meeting.place }) : "",
  };
}

/** The reminder's meeting block: cell, day, time, place; the agenda only when there is one. */
export function meetingBlock(
  t: Translate,
  meeting: AnswerQuestion["meeting"],
  reminder: string,
  now?: Date,
): string {
  const text = t("reminder", { reminder, ...meetingWords(t, meeting, now) });
  return meeting.agenda ? `${text}\n${t("reminder-agenda", { agenda: meeting.agenda })}` : text;
}

/**
 * "Will you attend?" as the member's answer so far makes it: not answered, both buttons; said
 * they come, a confirmation ("hẹn gặp 19:30 hôm nay tại …") and the button to change it; said
 * they are absent, the same with the reason and the button to come after all.
 */
export function answerQuestionMessage(
  t: Translate,
  question: AnswerQuestion,
  options: { reminder?: string; now?: Date } = {},
): OutgoingMessage {
  const { meeting, answer } = question;
  const reminder = options.reminder ?? "other";
  const attend = { label: t("button-attend"), data: answerButtonData(meeting.id, true) };
  const decline = { label: t("button-decline"), data: answerButtonData(meeting.id, false) };
  if (!answer) {
    return {
      text: `${meetingBlock(t, meeting, reminder, options.now)}\n\n${t("reminder-question")}`,
      buttons: [[attend, decline]],
    };
  }
  const words = { reminder, ...meetingWords(t, meeting, options.now) };
  const attending = answer.kind === "ATTENDING";
  const lines = [
    attending
      ? t("reminder-attending", words)
      : t("reminder-absent", { ...words, reason: answer.reason ?? "" }),
  ];
  if (meeting.agenda) lines.push(t("reminder-agenda", { agenda: meeting.agenda }));
  return {
    text: `${lines.join("\n")}\n\n${t(attending ? "reminder-attending-change" : "reminder-absent-change")}`,
    buttons: [[attending ? decline : attend]],
  };
}

/** "Xác nhận: đồng chí THAM DỰ cuộc họp … lúc 19:30 hôm nay?" for a typed "có". */
export function confirmAttendingText(t: Translate, question: AnswerQuestion, now: Date): string {
  return t("typed-confirm-attending", meetingWords(t, question.meeting, now));
}

/**
 * The member's open reminder: the next meeting of their cell, not begun, that the bot has asked
 * them about (a reminder or a nudge went out). Typed words are read as an answer to it.
 */
export async function openQuestion(
  services: Services,
  actor: Actor,
): Promise<(AnswerQuestion & { meeting: Meeting & { unit: Unit } }) | null> {
  const next = await myNextMeeting(services, actor);
  if (!next) return null;
  const asked = await services.db.delivery.count({
    where: {
      meetingId: next.meeting.id,
      memberId: actor.memberId,
      kind: { in: ["reminder", "nudge"] },
      status: { in: ["SENT", "UNKNOWN"] },
    },
  });
  return asked > 0 ? next : null;
}

/**
 * What a press on a reminder's button meets: the meeting still open, under way, over or cancelled;
 * `unknown` when there is no such meeting of the member's cell.
 */
export type PressedMeeting =
  | { state: "open" | "started" | "unknown" }
  | { state: "ended" | "cancelled"; date: string; current: AnswerQuestion | null };

/**
 * A press on a reminder's *Tham dự* / *Vắng*: a meeting that is over (held, or its planned end
 * passed) or cancelled is named ("Buổi sinh hoạt ngày 03/11 đã kết thúc") and the current
 * question, if there is one, comes with it — the member most likely meant that one.
 */
export async function pressedMeeting(
  services: Services,
  actor: Actor,
  meetingId: string,
): Promise<PressedMeeting> {
  const [meeting] = await query<Pick<Meeting, "unitId" | "status" | "startsAt" | "plannedEndAt">>(
    services.db,
    sql`SELECT "unitId", status, "startsAt", "plannedEndAt" FROM "Meeting" WHERE id = ${meetingId}::uuid`,
  );
  const now = services.clock.now();
  if (!meeting || meeting.unitId !== actor.cellId) return { state: "unknown" };
  if (meeting.status === "PLANNED" && meeting.startsAt > now) return { state: "open" };
  const over = meeting.status === "HELD" || meeting.plannedEndAt <= now;
  if (meeting.status !== "CANCELLED" && !over) return { state: "started" };
  const current = await myNextMeeting(services, actor);
  return {
    state: meeting.status === "CANCELLED" ? "cancelled" : "ended",
    date: displayParts(meeting.startsAt).date.slice(0, 5),
    current,
  };
}

/** An "unbutton" delivery's payload: the platform message whose buttons are taken away. */
export interface UnbuttonPayload {
  messageId: string;
}

/**
 * The answer buttons of a meeting's reminders and nudges, taken away once it is over (roll call
 * closed, or the meeting passed): one edit per Telegram message the ledger knows was sent, each
 * through the ledger (at most once, paced with every other send). Zalo has no buttons to edit.
 */
export async function unbuttonIntents(
  tx: Tx,
  meetingIds: string[],
  now: Date,
): Promise<DeliveryIntent[]> {
  if (meetingIds.length === 0) return [];
  const sent = await tx.$queryRaw<
    { id: string; chatId: string; memberId: string | null; meetingId: string; messageId: string }[]
  >`
    SELECT d.id, d."chatId", d."memberId", d."meetingId", d."platformMessageId" AS "messageId"
    FROM "Delivery" d
    WHERE d."meetingId" = ANY(${meetingIds}::uuid[]) AND d.kind IN ('reminder', 'nudge')
      AND d.status = 'SENT' AND d.platform = 'TELEGRAM' AND d."platformMessageId" IS NOT NULL
      AND COALESCE(d.payload->>'role', 'member') = 'member'
      AND NOT EXISTS (SELECT 1 FROM "Delivery" u WHERE u."idempotencyKey" = 'unbtn_' || d.id)`;
  return sent.map((row) => ({
    idempotencyKey: `unbtn_${row.id}`,
    platform: "TELEGRAM" as const,
    chatId: row.chatId,
    kind: "unbutton",
    payload: { messageId: row.messageId } satisfies UnbuttonPayload,
    dueAt: now,
    memberId: row.memberId,
    meetingId: row.meetingId,
  }));
}

/** A meeting passed this long ago without a closed roll call still gets its buttons taken away. */
const PASSED_LOOKBACK_MS = 3 * 86_400_000;

/**
 * The sweep's part: meetings whose planned end has passed (a roll call never closed, or the
 * meeting cancelled) lose their answer buttons too; a closed roll call did it already.
 */
export async function unbuttonPassedMeetings(services: Services): Promise<number> {
  const { db, clock } = services;
  const now = clock.now();
  const passed = await db.meeting.findMany({
    where: {
      status: { in: ["PLANNED", "CANCELLED"] },
      plannedEndAt: { lte: now, gt: new Date(now.getTime() - PASSED_LOOKBACK_MS) },
    },
    select: { id: true },
  });
  const created = await writeIntents(
    db,
    await unbuttonIntents(
      db,
      passed.map((m) => m.id),
      now,
    ),
  );
  await services.dispatcher.dispatch(created);
  return created.length;
}
