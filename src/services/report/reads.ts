import type { AttendanceStatus, UnitKind } from "@prisma/client";
import { type Db, pgPool } from "../../db/client.ts";
import type { Mark, Member } from "../../domain/eligibility.ts";
import { countedMarkOf } from "../history.ts";
import { memberFromText, type StatusPeriodJson } from "../members.ts";

/**
 * What the monthly report reads, in plain SQL through node-postgres: a province is 10,000 cells,
 * 250,000 members and half a million roll-call marks a year, too many rows for Prisma's client to
 * map in time. Only the columns the report uses; one row per cell or meeting, its members and
 * marks in arrays; the reminders already joined to the answers.
 */

export interface UnitRow {
  id: string;
  code: string;
  name: string;
  kind: UnitKind;
  parentId: string | null;
  cellKind: "RESIDENTIAL" | "OTHER" | null;
  createdAt: Date;
}

export interface MemberRow {
  member: Member;
  cellId: string;
  fullName: string;
}

export interface MeetingRow {
  id: string;
  unitId: string;
  kind: "REGULAR" | "THEMATIC";
  status: "PLANNED" | "HELD" | "CANCELLED";
  startsAt: Date;
  plannedEndAt: Date;
  rollCallOpenedAt: Date | null;
  rollCallClosedAt: Date | null;
  /** Members (not guests) and their marks as the rules count them (R4: a rejected reason is none). */
  marks: Record<string, Mark>;
  /** Guests (committee members) marked present. */
  guestsPresent: string[];
}

export interface ReportReads {
  members: MemberRow[];
  /** The year's held meetings up to the month's end and every meeting of the month, by start. */
  meetings: MeetingRow[];
  firstMeetingOf: Map<string, Date>;
}

// `IN (SELECT unnest(…))` lets PostgreSQL hash the ids; `= ANY(…)` probes the index once per id.
const IN_UNITS = "IN (SELECT unnest($1::uuid[]))";

export async function readUnits(db: Db): Promise<UnitRow[]> {
  const { rows } = await pgPool(db).query<UnitRow>(
    `SELECT id, code, name, kind, "parentId", "cellKind", "createdAt" FROM "Unit"`,
  );
  return rows;
}

export async function readUnitsMonth(
  db: Db,
  input: { unitIds: readonly string[]; yearStart: Date; gte: Date; lt: Date },
): Promise<ReportReads> {
  const pool = pgPool(db);
  const { unitIds, yearStart, gte, lt } = input;
  const [members, periods, meetings, first] = await Promise.all([
    pool.query<{
      cellId: string;
      ids: string[];
      names: string[];
      joined: (string | null)[];
      left: (string | null)[];
    }>(
      `SELECT "cellId", array_agg(id) AS ids, array_agg("fullName") AS names,
         array_agg("joinedOn"::text) AS joined, array_agg("leftOn"::text) AS left
       FROM "Member" WHERE "cellId" ${IN_UNITS} GROUP BY "cellId"`,
      [unitIds],
    ),
    pool.query<StatusPeriodJson & { memberId: string }>(
      `SELECT s."memberId", s.kind, s."fromDate"::text AS "fromDate", s."toDate"::text AS "toDate"
       FROM "StatusPeriod" s JOIN "Member" m ON m.id = s."memberId" WHERE m."cellId" ${IN_UNITS}`,
      [unitIds],
    ),
    pool.query<
      Omit<MeetingRow, "marks" | "guestsPresent"> & {
        ids: string[] | null;
        statuses: AttendanceStatus[] | null;
        accepted: boolean[] | null;
        guests: boolean[] | null;
      }
    >(
      `SELECT mt.id, mt."unitId", mt.kind, mt.status, mt."startsAt", mt."plannedEndAt",
         mt."rollCallOpenedAt", mt."rollCallClosedAt",
         a.ids, a.statuses, a.accepted, a.guests
       FROM "Meeting" mt
       LEFT JOIN LATERAL (
         SELECT array_agg("memberId") AS ids, array_agg(status::text) AS statuses,
           array_agg("reasonAccepted") AS accepted, array_agg(guest) AS guests
         FROM "Attendance" WHERE "meetingId" = mt.id) a ON true
       WHERE mt."unitId" ${IN_UNITS} AND mt."startsAt" >= $2 AND mt."startsAt" < $4
         AND (mt.status = 'HELD' OR mt."startsAt" >= $3)
       ORDER BY mt."startsAt", mt.id`,
      [unitIds, yearStart, gte, lt],
    ),
    pool.query<{ unitId: string; first: Date }>(
      `SELECT "unitId", min("startsAt") AS first FROM "Meeting" WHERE "unitId" ${IN_UNITS}
       GROUP BY "unitId"`,
      [unitIds],
    ),
  ]);
  const periodsOf = new Map<string, StatusPeriodJson[]>();
  for (const p of periods.rows) {
    const list = periodsOf.get(p.memberId);
    if (list) list.push(p);
    else periodsOf.set(p.memberId, [p]);
  }
  return {
    members: members.rows.flatMap((c) =>
      c.ids.map((id, i) => ({
        member: memberFromText(
          { id, joinedOn: c.joined[i]!, leftOn: c.left[i]! },
          periodsOf.get(id) ?? [],
        ),
        cellId: c.cellId,
        fullName: c.names[i]!,
      })),
    ),
    meetings: meetings.rows.map(({ ids, statuses, accepted, guests, ...meeting }) => {
      const marks: Record<string, Mark> = {};
      const guestsPresent: string[] = [];
      for (const [i, id] of (ids ?? []).entries()) {
        const status = statuses![i]!;
        if (guests![i]) {
          if (status === "PRESENT") guestsPresent.push(id);
        } else marks[id] = countedMarkOf(status, accepted![i]!);
      }
      return { ...meeting, marks, guestsPresent };
    }),
    firstMeetingOf: new Map(first.rows.map((f) => [f.unitId, f.first])),
  };
}

/**
 * For meetings that have started: each member a reminder was sent to, and whether they answered.
 */
export async function readReminded(
  db: Db,
  meetingIds: readonly string[],
): Promise<Map<string, { memberId: string; answered: boolean }[]>> {
  const out = new Map<string, { memberId: string; answered: boolean }[]>();
  if (meetingIds.length === 0) return out;
  const { rows } = await pgPool(db).query<{
    meetingId: string;
    memberId: string;
    answered: boolean;
  }>(
    `SELECT d."meetingId", d."memberId", EXISTS (
         SELECT 1 FROM "Answer" a WHERE a."meetingId" = d."meetingId" AND a."memberId" = d."memberId"
       ) AS answered
     FROM "Delivery" d
     WHERE d."meetingId" IN (SELECT unnest($1::uuid[])) AND d.kind = 'reminder'
       AND d.status = 'SENT' AND d."memberId" IS NOT NULL
     GROUP BY d."meetingId", d."memberId"`,
    [meetingIds],
  );
  for (const r of rows) {
    const list = out.get(r.meetingId);
    if (list) list.push(r);
    else out.set(r.meetingId, [r]);
  }
  return out;
}

export async function readNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const { rows } = await pgPool(db).query<{ id: string; fullName: string }>(
    `SELECT id, "fullName" FROM "Member" WHERE id IN (SELECT unnest($1::uuid[]))`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.fullName]));
}
