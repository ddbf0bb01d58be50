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
  /** By cell. */
  members: Map<string, Member[]>;
  /** The year's held meetings up to the month's end and every meeting of the month, by start. */
  meetings: MeetingRow[];
  firstMeetingOf: Map<string, Date>;
}

const STATUS_OF: Record<string, AttendanceStatus> = {
  P: "PRESENT",
  E: "EXCUSED",
  U: "UNEXCUSED",
};

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
  const meetingsOfMonth = `"unitId" ${IN_UNITS} AND "startsAt" >= $2 AND "startsAt" < $4
    AND (status = 'HELD' OR "startsAt" >= $3)`;
  // A cell's members and a meeting's marks come as one text each, "id:joined:left,…" and
  // "id<P|E|U>[g: guest | r: reason rejected],…" (ids are 36 characters): node-postgres parses
  // arrays and PostgreSQL builds JSON several times slower.
  const [members, periods, meetings, marks, first] = await Promise.all([
    // By code: members whose names tie are listed in that order (Prisma's read had none).
    pool.query<[string, string]>({
      text: `SELECT "cellId", string_agg(
           id::text || ':' || coalesce("joinedOn"::text, '') || ':' || coalesce("leftOn"::text, ''),
           ',' ORDER BY code)
         FROM "Member" WHERE "cellId" ${IN_UNITS} GROUP BY "cellId"`,
      values: [unitIds],
      rowMode: "array",
    }),
    pool.query<StatusPeriodJson & { memberId: string }>(
      `SELECT s."memberId", s.kind, s."fromDate"::text AS "fromDate", s."toDate"::text AS "toDate"
       FROM "StatusPeriod" s JOIN "Member" m ON m.id = s."memberId" WHERE m."cellId" ${IN_UNITS}`,
      [unitIds],
    ),
    pool.query<Omit<MeetingRow, "marks" | "guestsPresent">>(
      `SELECT id, "unitId", kind, status, "startsAt", "plannedEndAt", "rollCallOpenedAt",
         "rollCallClosedAt"
       FROM "Meeting" WHERE ${meetingsOfMonth} ORDER BY "startsAt", id`,
      [unitIds, yearStart, gte, lt],
    ),
    pool.query<[string, string]>({
      text: `SELECT "meetingId", string_agg(
           "memberId"::text || left(status::text, 1)
             || CASE WHEN guest THEN 'g' WHEN "reasonAccepted" THEN '' ELSE 'r' END, ',')
         FROM "Attendance" WHERE "meetingId" IN (SELECT id FROM "Meeting" WHERE ${meetingsOfMonth})
         GROUP BY "meetingId"`,
      values: [unitIds, yearStart, gte, lt],
      rowMode: "array",
    }),
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
  const marksOf = new Map(marks.rows);
  return {
    members: new Map(
      members.rows.map(([cellId, list]) => [
        cellId,
        list.split(",").map((entry) => {
          const id = entry.slice(0, 36);
          const [joinedOn, leftOn] = entry.slice(37).split(":") as [string, string];
          return memberFromText(
            { id, joinedOn: joinedOn || null, leftOn: leftOn || null },
            periodsOf.get(id) ?? [],
          );
        }),
      ]),
    ),
    meetings: meetings.rows.map((meeting) => {
      // Without a prototype the object starts as a dictionary: with 25 new keys per meeting a
      // plain {} builds a hidden class per key (three times slower on the province).
      const counted: Record<string, Mark> = Object.create(null);
      const guestsPresent: string[] = [];
      for (const entry of marksOf.get(meeting.id)?.split(",") ?? []) {
        const id = entry.slice(0, 36);
        const status = STATUS_OF[entry[36]!]!;
        if (entry[37] === "g") {
          if (status === "PRESENT") guestsPresent.push(id);
        } else counted[id] = countedMarkOf(status, entry[37] !== "r");
      }
      return { ...meeting, marks: counted, guestsPresent };
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
