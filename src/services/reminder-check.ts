// A reminder's re-check just before it is sent, as one SQL value: the worker's claim selects it in
// the same statement (ledger.ts), prepareReminder reads it on its own when called without it.
import type { Meeting } from "@prisma/client";
import { type Db, pgPool } from "../db/client.ts";
import type { StatusPeriodJson } from "./members.ts";

/** What a reminder is checked against just before it is sent (the worker's hot path). */
export interface ReminderCheck {
  status: Meeting["status"];
  startsAt: Date;
  kind: Meeting["kind"];
  place: string | null;
  agenda: string | null;
  unitId: string;
  unitName: string;
  cellId: string | null;
  muted: boolean | null;
  joinedOn: Date | null;
  leftOn: Date | null;
  answer: "ATTENDING" | "ABSENT" | null;
  answerReason: string | null;
  periods: StatusPeriodJson[];
}

/** The check as SQL returns it (REMINDER_CHECK_SQL): JSON, its times as strings. */
export type ReminderCheckJson = Omit<ReminderCheck, "startsAt" | "joinedOn" | "leftOn"> & {
  startsAt: string;
  joinedOn: string | null;
  leftOn: string | null;
};

/**
 * The check of the delivery row aliased `d` (its meetingId and memberId) as one JSON value, NULL
 * when the meeting is gone. The worker's claim selects it in the same statement (ledger.ts).
 */
export const reminderCheckSql = (d: string) => `(SELECT json_build_object(
    'status', m.status, 'startsAt', m."startsAt", 'kind', m.kind, 'place', m.place,
    'agenda', m.agenda, 'unitId', m."unitId", 'unitName', u.name, 'cellId', p."cellId",
    'muted', p.muted, 'joinedOn', p."joinedOn", 'leftOn', p."leftOn", 'answer', a.kind,
    'answerReason', a.reason,
    'periods', COALESCE((SELECT json_agg(json_build_object(
        'kind', s.kind, 'fromDate', s."fromDate", 'toDate', s."toDate"))
      FROM "StatusPeriod" s WHERE s."memberId" = p.id), '[]'::json))
  FROM "Meeting" m
  JOIN "Unit" u ON u.id = m."unitId"
  LEFT JOIN "Member" p ON p.id = ${d}."memberId"
  LEFT JOIN "Answer" a ON a."meetingId" = m.id AND a."memberId" = p.id
  WHERE m.id = ${d}."meetingId")`;

const CHECK_ONE = `SELECT ${reminderCheckSql("d")} AS "check"
  FROM (SELECT $1::uuid AS "meetingId", $2::uuid AS "memberId") d`;

/** The delivery a reminder is prepared from; `reminderCheck` when the claim read it already. */
export interface ReminderDelivery {
  meetingId: string | null;
  memberId: string | null;
  payload: unknown;
  reminderCheck?: ReminderCheckJson | null;
}

export async function reminderCheck(
  db: Db,
  delivery: ReminderDelivery,
): Promise<ReminderCheck | null> {
  const json =
    delivery.reminderCheck !== undefined
      ? delivery.reminderCheck
      : (
          await pgPool(db).query<{ check: ReminderCheckJson | null }>(CHECK_ONE, [
            delivery.meetingId,
            delivery.memberId,
          ])
        ).rows[0]?.check;
  if (!json) return null;
  const day = (value: string | null) => (value ? new Date(`${value}T00:00:00Z`) : null);
  return {
    ...json,
    startsAt: new Date(json.startsAt),
    joinedOn: day(json.joinedOn),
    leftOn: day(json.leftOn),
  };
}
