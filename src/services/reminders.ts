import type { Meeting, Prisma, Unit } from "@prisma/client";
import type { Db } from "../db/client.ts";
import { isEligible } from "../domain/eligibility.ts";
import { localDate } from "../domain/local-time.ts";
import {
  type PlannedReminder,
  parseOffsets,
  type QuietHours,
  reminderRecipients,
  reminderTimes,
} from "../domain/reminder-plan.ts";
import { checkSendTime } from "../domain/send-window.ts";
import type { Translate } from "../i18n.ts";
import type { Settings } from "../settings.ts";
import { answerQuestionMessage, meetingBlock } from "./answer-question.ts";
import { wantsMeetingMessages } from "./committee-mode.ts";
import type { DeliveryIntent } from "./ledger.ts";
import { periodFromJson, toDomainMember } from "./members.ts";
import type { OutgoingMessage } from "./messenger.ts";
import { preferredChat } from "./recipients.ts";
import { type ReminderDelivery, reminderCheck } from "./reminder-check.ts";
import { SendCalendar } from "./send-calendar.ts";
import { Deferred, Dropped } from "./send-check.ts";

type Tx = Prisma.TransactionClient | Db;

export interface ReminderPayload {
  role: "member" | "guest";
  reminder: string;
  first: boolean;
  last: boolean;
  /** The start the reminder was planned for: a moved meeting's old reminders are not sent. */
  startsAt: string;
}

/** A reminder's identity: meeting, planned start, kind and recipient. */
function reminderKey(meeting: Meeting, kind: string, memberId: string): string {
  return `rem_${meeting.id}_${meeting.startsAt.getTime() / 1000}_${kind}_${memberId}`;
}

/** The first reminder of a meeting is spread over at most this long before its target. */
const FIRST_WINDOW_MS = 24 * 3_600_000;

/** An offset whose fan-out did not fit before its target (too many sends for the capacity). */
export interface LateFanout {
  kind: string;
  target: Date;
  late: number;
  total: number;
}

export interface ReminderIntentOptions {
  /** The deployment's send capacity; one per planner run (default: a fresh one). */
  calendar?: SendCalendar;
  /** Told about every offset that cannot fit by its target. */
  onLate?: (late: LateFanout) => void;
}

/**
 * The reminder intents of one meeting at its current start: the plan is made once per start
 * (later runs reuse the kinds already in the ledger), and every current recipient with a chat gets
 * a row per kind still ahead. Who still needs it is decided again just before sending. Each row's
 * send time (dueAt) comes from the send calendar: at or before the kind's target (targetAt),
 * after the previous kind's, out of quiet hours, the cell's members on neighbouring seconds.
 */
export async function reminderIntents(
  tx: Tx,
  meeting: Meeting & { unit: Unit },
  settings: Settings,
  now: Date,
  options: ReminderIntentOptions = {},
): Promise<DeliveryIntent[]> {
  return reminderIntentsFor(tx, [meeting], settings, now, options);
}

/** A delivery already in the ledger for a meeting, as the plan reads it. */
interface LedgerReminder {
  meetingId: string;
  key: string;
  dueAt: Date;
  targetAt: Date | null;
  status: string;
  reminder: string;
  startsAt: string;
  first: boolean;
  last: boolean;
}

/**
 * The reminder intents of many meetings at once (the planner's batches): every read is one query
 * for all of them, whatever their number.
 */
export async function reminderIntentsFor(
  tx: Tx,
  meetings: (Meeting & { unit: Unit })[],
  settings: Settings,
  now: Date,
  options: ReminderIntentOptions = {},
): Promise<DeliveryIntent[]> {
  const live = meetings.filter((m) => m.status === "PLANNED" && m.startsAt > now);
  if (live.length === 0) return [];
  const calendar =
    options.calendar ?? new SendCalendar(tx, settings.sendCapacityPerSecond, settings.quietHours);
  const unitIds = [...new Set(live.map((m) => m.unitId))];
  const parentIds = [...new Set(live.map((m) => m.unit.parentId).filter((id) => id !== null))];
  const [ledger, allMembers, assignments] = await Promise.all([
    tx.$queryRaw<LedgerReminder[]>`
      SELECT "meetingId", "idempotencyKey" AS key, "dueAt", "targetAt", status::text AS status,
        payload->>'reminder' AS reminder, payload->>'startsAt' AS "startsAt",
        (payload->>'first')::boolean AS first, (payload->>'last')::boolean AS last
      FROM "Delivery"
      WHERE "meetingId" = ANY(${live.map((m) => m.id)}::uuid[]) AND kind = 'reminder'`,
    tx.member.findMany({
      where: { cellId: { in: unitIds } },
      include: { statusPeriods: true, identities: true },
      orderBy: { code: "asc" },
    }),
    tx.committeeAssignment.findMany({
      where: { unitId: { in: [...unitIds, ...parentIds] } },
      include: { member: { include: { identities: true } } },
    }),
  ]);
  const intents: DeliveryIntent[] = [];
  for (const meeting of live) {
    const rows = ledger.filter((r) => r.meetingId === meeting.id);
    const { plan, keys } = currentPlan(rows, meeting, settings, now);
    const date = localDate(meeting.startsAt);
    const members = allMembers.filter(
      (m) => m.cellId === meeting.unitId && isEligible(toDomainMember(m), date),
    );
    const memberIds = new Set(members.map((m) => m.id));
    const inCharge = new Set([meeting.unitId, meeting.unit.parentId]);
    const guests = [
      ...new Map(
        assignments.filter((a) => inCharge.has(a.unitId)).map((a) => [a.member.id, a.member]),
      ).values(),
    ].filter((g) => !memberIds.has(g.id));
    intents.push(
      ...(await meetingIntents(
        meeting,
        plan,
        keys,
        members,
        guests,
        memberIds,
        now,
        calendar,
        options,
      )),
    );
  }
  return intents;
}

type Person = { id: string; identities: Parameters<typeof preferredChat>[0] };

async function meetingIntents(
  meeting: Meeting,
  plan: PlannedReminder[],
  keys: Set<string>,
  members: Person[],
  guests: Person[],
  memberIds: Set<string>,
  now: Date,
  calendar: SendCalendar,
  options: ReminderIntentOptions,
): Promise<DeliveryIntent[]> {
  const intents: DeliveryIntent[] = [];
  for (const [i, planned] of plan.entries()) {
    if (!(planned.dueAt >= now || planned.late)) continue;
    const people = planned.first ? [...members, ...guests] : members;
    const fresh = people.flatMap((person) => {
      const chat = preferredChat(person.identities);
      const key = reminderKey(meeting, planned.kind, person.id);
      return chat && !keys.has(key) ? [{ person, chat, key }] : [];
    });
    if (fresh.length === 0) continue;
    const previous = plan[i - 1]?.dueAt.getTime() ?? planned.dueAt.getTime() - FIRST_WINDOW_MS;
    const { times, late } = await calendar.assign(fresh.length, {
      target: planned.dueAt,
      earliest: new Date(Math.max(now.getTime(), previous)),
      latest: meeting.startsAt,
    });
    if (late > 0) {
      options.onLate?.({ kind: planned.kind, target: planned.dueAt, late, total: fresh.length });
    }
    for (const [j, { person, chat, key }] of fresh.entries()) {
      const payload: ReminderPayload = {
        role: memberIds.has(person.id) ? "member" : "guest",
        reminder: planned.kind,
        first: planned.first,
        last: planned.last,
        startsAt: meeting.startsAt.toISOString(),
      };
      intents.push({
        idempotencyKey: key,
        platform: chat.platform,
        chatId: chat.chatId,
        kind: "reminder",
        payload: { ...payload },
        dueAt: times[j]!,
        targetAt: planned.dueAt,
        memberId: person.id,
        meetingId: meeting.id,
      });
    }
  }
  return intents;
}

function currentPlan(
  ledger: LedgerReminder[],
  meeting: Meeting & { unit: Unit },
  settings: Settings,
  now: Date,
): { plan: PlannedReminder[]; keys: Set<string> } {
  const existing = ledger.filter((r) => r.startsAt === meeting.startsAt.toISOString());
  if (existing.length > 0) {
    const byKind = new Map<string, PlannedReminder>();
    for (const row of existing) {
      byKind.set(row.reminder, {
        kind: row.reminder,
        dueAt: row.targetAt ?? row.dueAt,
        late: false,
        first: row.first,
        last: row.last,
      });
    }
    const plan = [...byKind.values()].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
    return { plan, keys: new Set(existing.map((row) => row.key)) };
  }
  // A moved meeting: kinds already delivered for the old start are not repeated (the members got
  // a notice of the new time instead), and the committee is not told twice.
  const sentKinds = [
    ...new Set(
      ledger
        .filter((r) => r.status === "SENT" || r.status === "SENDING" || r.status === "UNKNOWN")
        .map((r) => r.reminder),
    ),
  ];
  const offsets = meeting.unit.reminderOffsets
    ? parseOffsets(meeting.unit.reminderOffsets)
    : settings.reminderOffsets;
  const plan = reminderTimes(meeting.startsAt, offsets, settings.quietHours, { now, sentKinds });
  return { plan, keys: new Set() };
}

/** The clock and the quiet hours a reminder is checked against just before it is sent. */
export interface SendTimeCheck {
  now: Date;
  quietHours: QuietHours;
}

/**
 * Just before sending: is this reminder still wanted, and what does it say? Not when the meeting
 * moved or was cancelled, when the member declined since, muted it, or is no longer eligible.
 */
export async function prepareReminder(
  db: Db,
  delivery: ReminderDelivery,
  t: Translate,
): Promise<OutgoingMessage | null>;
export async function prepareReminder(
  db: Db,
  delivery: ReminderDelivery,
  t: Translate,
  clock?: SendTimeCheck,
): Promise<OutgoingMessage | null | Deferred | Dropped>;
export async function prepareReminder(
  db: Db,
  delivery: ReminderDelivery,
  t: Translate,
  clock?: SendTimeCheck,
): Promise<OutgoingMessage | null | Deferred | Dropped> {
  const payload = delivery.payload as ReminderPayload;
  if (!delivery.meetingId || !delivery.memberId) return null;
  const row = await reminderCheck(db, delivery);
  if (row?.status !== "PLANNED" || row.startsAt.toISOString() !== payload.startsAt) return null;
  if (clock) {
    // Never late as if on time: after the start it is dropped, in quiet hours it waits or drops.
    const check = checkSendTime(clock.now, row.startsAt, clock.quietHours);
    if (check.action === "drop") return new Dropped(check.reason);
    if (check.action === "defer") return new Deferred(check.until, "quiet hours");
  }
  const meeting = { ...row, unit: { name: row.unitName } };
  if (payload.role === "member") {
    if (row.cellId !== row.unitId) return null;
    const member = toDomainMember({
      id: delivery.memberId,
      joinedOn: row.joinedOn,
      leftOn: row.leftOn,
      statusPeriods: row.periods.map(periodFromJson),
    });
    const wanted = reminderRecipients(payload, {
      members: [
        {
          memberId: delivery.memberId,
          eligible: isEligible(member, localDate(row.startsAt)),
          answer:
            row.answer === "ABSENT" ? "absent" : row.answer === "ATTENDING" ? "attending" : null,
          muted: row.muted ?? false,
        },
      ],
      committeeMembers: [],
    });
    if (wanted.memberIds.length === 0) return null;
  }
  const now = clock?.now;
  if (payload.role === "member") {
    // The question as the member's answer so far makes it (issue 13: "đã xác nhận tham dự…").
    const answer = row.answer ? { kind: row.answer, reason: row.answerReason } : null;
    return answerQuestionMessage(
      t,
      { meeting: { ...meeting, id: delivery.meetingId }, answer },
      { reminder: payload.reminder, now },
    );
  }
  // A committee member who chose «only my cells' summary» is not reminded of each meeting.
  if (!(await wantsMeetingMessages(db, { id: delivery.memberId }, row.unitId))) return null;
  return {
    text: `${renderMeeting(t, meeting, payload.reminder, now)}

${t("reminder-guest")}`,
  };
}

export function renderMeeting(
  t: Translate,
  meeting: Pick<Meeting, "startsAt" | "kind" | "place" | "agenda"> & { unit: Pick<Unit, "name"> },
  reminder: string,
  now?: Date,
): string {
  return meetingBlock(t, { ...meeting, id: "" }, reminder, now);
}

/** A secretary's nudge (/nhacnho): only to a member who still has not answered. */
export async function prepareNudge(
  db: Db,
  delivery: ReminderDelivery,
  t: Translate,
  clock?: SendTimeCheck,
): Promise<OutgoingMessage | null | Deferred | Dropped> {
  const answered =
    delivery.reminderCheck !== undefined
      ? delivery.reminderCheck?.answer != null
      : (await db.answer.count({
          where: { meetingId: delivery.meetingId ?? "", memberId: delivery.memberId ?? "" },
        })) > 0;
  if (answered) return null;
  return prepareReminder(
    db,
    { ...delivery, payload: { ...(delivery.payload as object), last: true } },
    t,
    clock,
  );
}
