import type { ChatIdentity, Meeting, Prisma, Unit } from "@prisma/client";
import type { Db } from "../db/client.ts";
import { prismaSql, type Sql } from "../db/sql.ts";
import { type Member as DomainMember, isEligible } from "../domain/eligibility.ts";
import { localDate } from "../domain/local-time.ts";
import {
  type PlannedReminder,
  parseOffsets,
  type QuietHours,
  reminderRecipients,
  reminderTimes,
} from "../domain/reminder-plan.ts";
import { sendLane } from "../domain/send-lanes.ts";
import { checkSendTime } from "../domain/send-window.ts";
import type { Translate } from "../i18n.ts";
import type { Settings } from "../settings.ts";
import { answerQuestionMessage, meetingBlock } from "./answer-question.ts";
import { wantsMeetingMessages } from "./committee-mode.ts";
import type { DeliveryIntent } from "./ledger.ts";
import { periodFromJson, type StatusPeriodJson, toDomainMember } from "./members.ts";
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
function reminderKey(meeting: Pick<Meeting, "id" | "startsAt">, kind: string, memberId: string) {
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

/** What the reminder plan reads of a meeting and its unit. */
export type PlanMeeting = Pick<Meeting, "id" | "unitId" | "startsAt" | "status"> & {
  unit: Pick<Unit, "parentId" | "reminderOffsets">;
};

/**
 * The reminder intents of one meeting at its current start: the plan is made once per start
 * (later runs reuse the kinds already in the ledger), and every current recipient with a chat gets
 * a row per kind still ahead. Who still needs it is decided again just before sending. Each row's
 * send time (dueAt) comes from the send calendar: at or before the kind's target (targetAt),
 * after the previous kind's, out of quiet hours, the cell's members on neighbouring seconds.
 */
export async function reminderIntents(
  tx: Tx,
  meeting: PlanMeeting,
  settings: Settings,
  now: Date,
  options: ReminderIntentOptions = {},
): Promise<DeliveryIntent[]> {
  return reminderIntentsFor(tx, [meeting], settings, now, options);
}

/**
 * The reminder intents of many meetings at once: every read is one query for all of them,
 * whatever their number.
 */
export async function reminderIntentsFor(
  tx: Tx,
  meetings: PlanMeeting[],
  settings: Settings,
  now: Date,
  options: ReminderIntentOptions = {},
): Promise<DeliveryIntent[]> {
  const live = meetings.filter((m) => m.status === "PLANNED" && m.startsAt > now);
  if (live.length === 0) return [];
  const calendar =
    options.calendar ?? new SendCalendar(tx, settings.sendCapacityPerSecond, settings.quietHours);
  const data = await loadReminderData(prismaSql(tx), live);
  return planReminderIntents(live, data, settings, now, { ...options, calendar });
}

/** A meeting's reminder rows of one start and kind, as the plan reads them. */
interface LedgerGroup {
  meetingId: string;
  startsAt: string;
  reminder: string;
  /** The kind's target (the send time of rows written before targets were kept). */
  dueAt: Date;
  first: boolean;
  last: boolean;
  /** Some row was sent, or may have been. */
  sent: boolean;
  keys: string[];
}

type Chat = Pick<ChatIdentity, "platform" | "chatId" | "botId">;
type Person = { id: string; chat: Chat | null };
type IdentityRow = Pick<ChatIdentity, "memberId" | "platform" | "chatId" | "botId" | "lastUsedAt">;

/** Committee members in charge (R7), by unit, in the order the assignments were read. */
export type Committee = Map<string, { order: number; person: Person }[]>;

/** Everything the plan of some meetings reads from the database. */
export interface ReminderData {
  ledger: Map<string, LedgerGroup[]>;
  /** Each cell's members in code order, with their standing (R6) and their chat. */
  members: Map<string, { person: Person; member: DomainMember }[]>;
  committee: Committee;
}

/**
 * Reads what planReminderIntents needs for `meetings` (upcoming, planned): their ledger, their
 * cells' members and, unless given (the planner reads it once a run), the committee in charge.
 */
export async function loadReminderData(
  sql: Sql,
  meetings: PlanMeeting[],
  committee?: Committee,
): Promise<ReminderData> {
  const unitIds = [...new Set(meetings.map((m) => m.unitId))];
  const parentIds = meetings.map((m) => m.unit.parentId).filter((id) => id !== null);
  const [ledger, members, inCharge] = await Promise.all([
    sql<LedgerGroup>(
      `SELECT "meetingId", payload->>'startsAt' AS "startsAt", payload->>'reminder' AS reminder,
        max(coalesce("targetAt", "dueAt")) AS "dueAt",
        bool_or((payload->>'first')::boolean) AS first, bool_or((payload->>'last')::boolean) AS last,
        bool_or(status IN ('SENT', 'SENDING', 'UNKNOWN')) AS sent,
        json_agg("idempotencyKey") AS keys
      FROM "Delivery"
      WHERE "meetingId" = ANY($1::uuid[]) AND kind = 'reminder'
      GROUP BY 1, 2, 3`,
      [meetings.map((m) => m.id)],
    ),
    cellMembers(sql, unitIds),
    committee ?? loadCommittee(sql, [...new Set([...unitIds, ...parentIds])]),
  ]);
  return { ledger: groupBy(ledger, (g) => g.meetingId), members, committee: inCharge };
}

async function cellMembers(sql: Sql, cellIds: string[]): Promise<ReminderData["members"]> {
  const [rows, periods, identities] = await Promise.all([
    sql<{ id: string; cellId: string; joinedOn: string | null; leftOn: string | null }>(
      `SELECT id, "cellId", "joinedOn"::text AS "joinedOn", "leftOn"::text AS "leftOn"
      FROM "Member" WHERE "cellId" = ANY($1::uuid[]) ORDER BY code`,
      [cellIds],
    ),
    sql<StatusPeriodJson & { memberId: string }>(
      `SELECT s."memberId", s.kind::text AS kind, s."fromDate"::text AS "fromDate",
        s."toDate"::text AS "toDate"
      FROM "StatusPeriod" s JOIN "Member" m ON m.id = s."memberId"
      WHERE m."cellId" = ANY($1::uuid[])`,
      [cellIds],
    ),
    sql<IdentityRow>(
      `SELECT c."memberId", c.platform::text AS platform, c."chatId", c."botId", c."lastUsedAt"
      FROM "ChatIdentity" c JOIN "Member" m ON m.id = c."memberId"
      WHERE m."cellId" = ANY($1::uuid[])`,
      [cellIds],
    ),
  ]);
  const periodsOf = groupBy(periods, (p) => p.memberId);
  const chatOf = preferredChats(identities);
  const byCell: ReminderData["members"] = new Map();
  for (const row of rows) {
    const member = toDomainMember({
      id: row.id,
      joinedOn: row.joinedOn ? new Date(row.joinedOn) : null,
      leftOn: row.leftOn ? new Date(row.leftOn) : null,
      statusPeriods: (periodsOf.get(row.id) ?? []).map(periodFromJson),
    });
    const list = byCell.get(row.cellId) ?? [];
    if (list.length === 0) byCell.set(row.cellId, list);
    list.push({ person: { id: row.id, chat: chatOf.get(row.id) ?? null }, member });
  }
  return byCell;
}

/** The committee members assigned to `unitIds` (R7), with their chats. */
export async function loadCommittee(sql: Sql, unitIds: string[]): Promise<Committee> {
  const [assignments, identities] = await Promise.all([
    sql<{ unitId: string; memberId: string }>(
      `SELECT "unitId", "memberId" FROM "CommitteeAssignment" WHERE "unitId" = ANY($1::uuid[])`,
      [unitIds],
    ),
    sql<IdentityRow>(
      `SELECT "memberId", platform::text AS platform, "chatId", "botId", "lastUsedAt"
      FROM "ChatIdentity"
      WHERE "memberId" IN (SELECT "memberId" FROM "CommitteeAssignment" WHERE "unitId" = ANY($1::uuid[]))`,
      [unitIds],
    ),
  ]);
  const chatOf = preferredChats(identities);
  const committee: Committee = new Map();
  for (const [order, a] of assignments.entries()) {
    const list = committee.get(a.unitId) ?? [];
    if (list.length === 0) committee.set(a.unitId, list);
    list.push({ order, person: { id: a.memberId, chat: chatOf.get(a.memberId) ?? null } });
  }
  return committee;
}

/** Each member's preferred chat (the one used last). */
function preferredChats(identities: IdentityRow[]): Map<string, Chat> {
  const chats = new Map<string, Chat>();
  for (const [memberId, list] of groupBy(identities, (i) => i.memberId)) {
    const chat = preferredChat(list);
    if (chat) chats.set(memberId, chat);
  }
  return chats;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/**
 * The intents of upcoming, planned `meetings` from what loadReminderData read; the send times come
 * from `options.calendar` in the order of `meetings` (the planner's batches keep that order).
 */
export async function planReminderIntents(
  meetings: PlanMeeting[],
  data: ReminderData,
  settings: Settings,
  now: Date,
  options: ReminderIntentOptions & { calendar: SendCalendar },
): Promise<DeliveryIntent[]> {
  const intents: DeliveryIntent[] = [];
  for (const meeting of meetings) {
    const { plan, keys } = currentPlan(data.ledger.get(meeting.id) ?? [], meeting, settings, now);
    const date = localDate(meeting.startsAt);
    const members = (data.members.get(meeting.unitId) ?? [])
      .filter((m) => isEligible(m.member, date))
      .map((m) => m.person);
    const memberIds = new Set(members.map((m) => m.id));
    // The cell's and its grassroots organisation's committee members, each once, in read order.
    const assigned = [
      ...(data.committee.get(meeting.unitId) ?? []),
      ...(meeting.unit.parentId ? (data.committee.get(meeting.unit.parentId) ?? []) : []),
    ].sort((a, b) => a.order - b.order);
    const guests = [...new Map(assigned.map((a) => [a.person.id, a.person])).values()].filter(
      (g) => !memberIds.has(g.id),
    );
    for (const intent of await meetingIntents(
      meeting,
      plan,
      keys,
      members,
      guests,
      memberIds,
      now,
      options,
    )) {
      intents.push(intent);
    }
  }
  return intents;
}

async function meetingIntents(
  meeting: PlanMeeting,
  plan: PlannedReminder[],
  keys: Set<string>,
  members: Person[],
  guests: Person[],
  memberIds: Set<string>,
  now: Date,
  options: ReminderIntentOptions & { calendar: SendCalendar },
): Promise<DeliveryIntent[]> {
  const intents: DeliveryIntent[] = [];
  for (const [i, planned] of plan.entries()) {
    if (!(planned.dueAt >= now || planned.late)) continue;
    const fresh: { id: string; chat: Chat; key: string }[] = [];
    for (const { id, chat } of planned.first ? [...members, ...guests] : members) {
      const key = reminderKey(meeting, planned.kind, id);
      if (chat && !keys.has(key)) fresh.push({ id, chat, key });
    }
    if (fresh.length === 0) continue;
    const previous = plan[i - 1]?.dueAt.getTime() ?? planned.dueAt.getTime() - FIRST_WINDOW_MS;
    const lanes = fresh.map(({ chat }) => sendLane(chat.platform, chat.botId));
    const { times, late } = await options.calendar.assign(lanes, {
      target: planned.dueAt,
      earliest: new Date(Math.max(now.getTime(), previous)),
      latest: meeting.startsAt,
    });
    if (late > 0) {
      options.onLate?.({ kind: planned.kind, target: planned.dueAt, late, total: fresh.length });
    }
    // One payload object per role, shared by the offset's rows (the ledger serialises it once).
    const payload = (role: ReminderPayload["role"]): Prisma.InputJsonObject => {
      const value: ReminderPayload = {
        role,
        reminder: planned.kind,
        first: planned.first,
        last: planned.last,
        startsAt: meeting.startsAt.toISOString(),
      };
      return { ...value };
    };
    const asMember = payload("member");
    const asGuest = payload("guest");
    for (const [j, { id, chat, key }] of fresh.entries()) {
      intents.push({
        idempotencyKey: key,
        platform: chat.platform,
        chatId: chat.chatId,
        kind: "reminder",
        payload: memberIds.has(id) ? asMember : asGuest,
        dueAt: times[j]!,
        targetAt: planned.dueAt,
        memberId: id,
        meetingId: meeting.id,
      });
    }
  }
  return intents;
}

function currentPlan(
  ledger: LedgerGroup[],
  meeting: PlanMeeting,
  settings: Settings,
  now: Date,
): { plan: PlannedReminder[]; keys: Set<string> } {
  const startsAt = meeting.startsAt.toISOString();
  const existing = ledger.filter((g) => g.startsAt === startsAt);
  if (existing.length > 0) {
    const plan = existing
      .map((g) => ({ kind: g.reminder, dueAt: g.dueAt, late: false, first: g.first, last: g.last }))
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
    return { plan, keys: new Set(existing.flatMap((g) => g.keys)) };
  }
  // A moved meeting: kinds already delivered for the old start are not repeated (the members got
  // a notice of the new time instead), and the committee is not told twice.
  const sentKinds = [...new Set(ledger.filter((g) => g.sent).map((g) => g.reminder))];
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
