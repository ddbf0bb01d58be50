// What the web console shows (issue 17), read with the same rules as chat: the month's report, a
// cell's year, a member's history, the charts' series and the audit log. Every function checks
// the viewer's scope first and throws WebForbidden for a unit outside it.
import { Prisma } from "@prisma/client";
import { isEligible, type MeetingRecord, standingOn } from "../domain/eligibility.ts";
import { localDate } from "../domain/local-time.ts";
import { meetingOutcome, projection } from "../domain/rate.ts";
import { unexcusedMonthsByYear } from "../domain/removal.ts";
import { excusedStreaks } from "../domain/streaks.ts";
import type { Services } from "./context.ts";
import { cellHistory, countedAttendance } from "./history.ts";
import { periodFromJson, type StatusPeriodJson, toDomainMember } from "./members.ts";
import { addMonths, monthOf, monthSpan, unitKnownSince, yearStart } from "./months.ts";
import { monthlyReport, type UnitReport } from "./report/index.ts";
import { inScope, type WebViewer } from "./web-access.ts";

/** A unit outside the viewer's scope (or one that does not exist): the page answers 403. */
export class WebForbidden extends Error {
  constructor(readonly what: string) {
    super(`not in scope: ${what}`);
    this.name = "WebForbidden";
  }
}

const scopeOf = (viewer: WebViewer) =>
  viewer.units === null
    ? ({ kind: "all" } as const)
    : { kind: "units" as const, unitIds: viewer.units };

export type CellState = "held" | "late" | "in-progress" | "upcoming" | "not-held" | "none";

export interface MonthRow {
  unit: UnitReport;
  state: CellState;
  /** The next meeting not started yet, else the month's last one. */
  meeting: { id: string; startsAt: Date; place: string | null; upcoming: boolean } | null;
  answers: { attending: number; absent: number; none: number } | null;
  atRisk: boolean;
}

function stateOf(unit: UnitReport): CellState {
  if (unit.notHeld) return "not-held";
  if (unit.rollCallsOpen > 0) return "late";
  if (unit.meetings.some((m) => m.state === "in-progress")) return "in-progress";
  if (unit.meetingsHeld > 0) return "held";
  if (unit.meetings.some((m) => m.state === "upcoming")) return "upcoming";
  return "none";
}

/** Page 1: one row per meeting unit in scope for a month, with the next meeting's answers. */
export async function monthOverview(services: Services, viewer: WebViewer, month: string) {
  const { db, clock, settings } = services;
  const now = clock.now();
  // The report and the meetings of the units in scope are read side by side (a page, not a job).
  const inUnits = viewer.units === null ? {} : { unitId: { in: viewer.units } };
  const [report, upcoming, lastOfMonth, members] = await Promise.all([
    monthlyReport(services, { month, scope: scopeOf(viewer), now }),
    db.meeting.findMany({
      where: { ...inUnits, status: "PLANNED", startsAt: { gt: now } },
      orderBy: { startsAt: "asc" },
      distinct: ["unitId"],
      select: { id: true, unitId: true, startsAt: true, place: true },
    }),
    db.meeting.findMany({
      where: {
        ...inUnits,
        status: { not: "CANCELLED" },
        startsAt: { gte: monthSpan(month).gte, lt: monthSpan(month).lt, lte: now },
      },
      orderBy: { startsAt: "desc" },
      distinct: ["unitId"],
      select: { id: true, unitId: true, startsAt: true, place: true },
    }),
    // Raw, as answers.ts reads a cell: Prisma's include materialises thousands of rows slowly.
    db.$queryRaw<
      {
        id: string;
        cellId: string;
        joinedOn: Date | null;
        leftOn: Date | null;
        periods: StatusPeriodJson[];
      }[]
    >`
      SELECT p.id, p."cellId", p."joinedOn", p."leftOn",
        COALESCE((SELECT json_agg(json_build_object(
            'kind', s.kind, 'fromDate', s."fromDate", 'toDate', s."toDate"))
          FROM "StatusPeriod" s WHERE s."memberId" = p.id), '[]'::json) AS periods
      FROM "Member" p
      WHERE p."cellId" IS NOT NULL
        AND (${viewer.units === null} OR p."cellId" = ANY(${viewer.units ?? []}::uuid[]))`,
  ]);
  const nextOf = new Map(upcoming.map((m) => [m.unitId, m]));
  const lastOf = new Map(lastOfMonth.map((m) => [m.unitId, m]));
  const answers = await db.answer.findMany({
    where: { meetingId: { in: [...upcoming, ...lastOfMonth].map((m) => m.id) } },
    select: { meetingId: true, memberId: true, kind: true },
  });
  const answersOf = new Map<string, Map<string, "attending" | "declined">>();
  for (const a of answers) {
    const map = answersOf.get(a.meetingId) ?? new Map();
    map.set(a.memberId, a.kind === "ATTENDING" ? "attending" : "declined");
    answersOf.set(a.meetingId, map);
  }
  const membersOf = new Map<string, ReturnType<typeof toDomainMember>[]>();
  for (const m of members) {
    const list = membersOf.get(m.cellId) ?? [];
    list.push(toDomainMember({ ...m, statusPeriods: m.periods.map(periodFromJson) }));
    membersOf.set(m.cellId, list);
  }
  const rows: MonthRow[] = report.units.map((unit) => {
    const next = nextOf.get(unit.id);
    const last = lastOf.get(unit.id);
    const chosen = next ?? last ?? null;
    let answerCounts: MonthRow["answers"] = null;
    let atRisk = unit.findings.length > 0 || unit.rollCallsOpen > 0 || unit.notHeld;
    if (chosen) {
      const date = localDate(chosen.startsAt);
      const eligible = (membersOf.get(unit.id) ?? []).filter((m) => isEligible(m, date));
      const given = answersOf.get(chosen.id) ?? new Map();
      const attending = eligible.filter((m) => given.get(m.id) === "attending").length;
      const absent = eligible.filter((m) => given.get(m.id) === "declined").length;
      answerCounts = { attending, absent, none: eligible.length - attending - absent };
      if (next) {
        const outlook = projection(
          membersOf.get(unit.id) ?? [],
          date,
          Object.fromEntries(given),
          settings.policy,
        );
        atRisk ||= outlook.atRisk;
      }
    }
    return {
      unit,
      state: stateOf(unit),
      meeting: chosen && {
        id: chosen.id,
        startsAt: chosen.startsAt,
        place: chosen.place,
        upcoming: !!next,
      },
      answers: answerCounts,
      atRisk,
    };
  });
  return { report, rows };
}

export type YearMark = "present" | "excused" | "unexcused" | "exempt" | "special-duty" | "outside";

export interface CellYear {
  unit: { id: string; code: string; name: string };
  year: string;
  meetings: UnitReport["meetings"];
  held: MeetingRecord[];
  members: {
    id: string;
    code: string;
    fullName: string;
    role: string;
    marks: Record<string, { mark: YearMark; reason: string | null }>;
    streak: number;
    r8Months: number;
  }[];
}

/** Months of `year` up to the current one ("YYYY-MM"), oldest first. */
function monthsOfYear(year: string, now: Date) {
  const last = year === monthOf(now).slice(0, 4) ? Number(monthOf(now).slice(5)) : 12;
  return Array.from({ length: last }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}`);
}

/** Page 2: the cell's meetings of the year and each member's meeting-by-meeting row. */
export async function cellYear(
  services: Services,
  viewer: WebViewer,
  unitId: string,
  year: string,
): Promise<CellYear> {
  if (!inScope(viewer, unitId)) throw new WebForbidden(`unit ${unitId}`);
  const { db, clock, settings } = services;
  const now = clock.now();
  const unit = await db.unit.findUnique({ where: { id: unitId } });
  if (!unit) throw new WebForbidden(`unit ${unitId}`);
  // Only the months with a meeting: the others have no meeting row to show (R2 is on page 1).
  const range0 = { gte: yearStart(year), lt: yearStart(String(Number(year) + 1)) };
  const dated = await db.meeting.findMany({
    where: { unitId, status: { not: "CANCELLED" }, startsAt: range0 },
    select: { startsAt: true },
  });
  const withMeetings = new Set(dated.map((m) => monthOf(m.startsAt)));
  const months = monthsOfYear(year, now).filter((m) => withMeetings.has(m));
  const reports = await Promise.all(
    months.map((month) =>
      monthlyReport(services, { month, scope: { kind: "units", unitIds: [unitId] }, now }),
    ),
  );
  const meetings = reports.flatMap((r) => r.units[0]?.meetings ?? []);
  const range = { from: yearStart(year), to: yearStart(String(Number(year) + 1)) };
  const [history, rows, reasons] = await Promise.all([
    cellHistory(db, unitId, range),
    db.member.findMany({ where: { cellId: unitId }, orderBy: { fullName: "asc" } }),
    db.attendance.findMany({
      where: {
        meeting: { unitId, status: "HELD", startsAt: { gte: range.from, lt: range.to } },
        guest: false,
      },
      select: { meetingId: true, memberId: true, reason: true, reasonAccepted: true },
    }),
  ]);
  const reasonOf = new Map(reasons.map((r) => [`${r.meetingId}:${r.memberId}`, r.reason]));
  const domainOf = new Map(history.members.map((m) => [m.id, m]));
  return {
    unit: { id: unit.id, code: unit.code, name: unit.name },
    year,
    meetings,
    held: history.meetings,
    members: rows.map((row) => {
      const member = domainOf.get(row.id)!;
      const marks: CellYear["members"][number]["marks"] = {};
      for (const meeting of history.meetings) {
        const standing = standingOn(member, meeting.date);
        const mark: YearMark =
          standing === "outside"
            ? "outside"
            : standing === "exempt"
              ? "exempt"
              : standing === "special_duty"
                ? "special-duty"
                : (meeting.attendance[member.id] ?? "unexcused");
        marks[meeting.id] = { mark, reason: reasonOf.get(`${meeting.id}:${row.id}`) ?? null };
      }
      return {
        id: row.id,
        code: row.code,
        fullName: row.fullName,
        role: row.cellRole,
        marks,
        streak: excusedStreaks(member, history.meetings, settings.policy).at(-1)?.streak ?? 0,
        r8Months: unexcusedMonthsByYear(member, history.meetings)[year] ?? 0,
      };
    }),
  };
}

/** Page 3: a member's year (answers, marks, reasons), status periods and linked chats. */
export async function memberHistory(
  services: Services,
  viewer: WebViewer,
  memberId: string,
  year: string,
) {
  const { db } = services;
  const member = await db.member.findUnique({
    where: { id: memberId },
    include: {
      cell: true,
      statusPeriods: { orderBy: { fromDate: "asc" } },
      identities: { select: { platform: true, lastUsedAt: true, createdAt: true } },
    },
  });
  if (!member || !inScope(viewer, member.cellId)) throw new WebForbidden(`member ${memberId}`);
  const cell = await cellYear(services, viewer, member.cellId!, year);
  const me = cell.members.find((m) => m.id === memberId)!;
  const answers = await db.answer.findMany({
    where: { memberId, meeting: { unitId: member.cellId!, startsAt: { gte: yearStart(year) } } },
    select: { meetingId: true, kind: true, reason: true, answeredAt: true },
  });
  const answerOf = new Map(answers.map((a) => [a.meetingId, a]));
  return {
    member,
    cell: cell.unit,
    year,
    streak: me.streak,
    r8Months: me.r8Months,
    rows: cell.held.map((meeting) => ({
      meeting,
      report: cell.meetings.find((m) => m.id === meeting.id) ?? null,
      mark: me.marks[meeting.id]!,
      answer: answerOf.get(meeting.id) ?? null,
    })),
  };
}

export interface ChartSeries {
  months: string[];
  /** Attendance rate per month, 0–100, null when nothing was held. */
  rates: (number | null)[];
  /** Of the meeting units judged in the month (R2), the share that held a meeting, 0–100. */
  onTime: (number | null)[];
}

/** Page 4: 12 months ending with `month`, for one unit, one organisation or the whole scope. */
export async function chartSeries(
  services: Services,
  viewer: WebViewer,
  target: { unitId?: string; organisationId?: string },
  month: string,
): Promise<{ series: ChartSeries; title: string | null }> {
  let unitIds = viewer.units;
  let title: string | null = null;
  if (target.unitId || target.organisationId) {
    const id = (target.unitId ?? target.organisationId)!;
    const unit = await services.db.unit.findUnique({ where: { id } });
    if (!unit) throw new WebForbidden(`unit ${id}`);
    title = unit.name;
    const inside = target.unitId
      ? [id]
      : (
          await services.db.unit.findMany({
            where: { OR: [{ id }, { parentId: id }], kind: { in: ["CELL", "GRASSROOTS_CELL"] } },
            select: { id: true },
          })
        ).map((u) => u.id);
    const allowed = inside.filter((u) => inScope(viewer, u));
    if (allowed.length === 0 || (target.unitId && allowed.length !== 1))
      throw new WebForbidden(`unit ${id}`);
    unitIds = allowed;
  }
  const months = Array.from({ length: 12 }, (_, i) => addMonths(month, i - 11));
  return { title, series: await monthlySeries(services, unitIds, months) };
}

/**
 * The charts' figures for consecutive months in one pass (a monthly report per month would read
 * the year twelve times): per month Σ present ÷ Σ eligible over the held meetings (R3's rate, as
 * the report totals it), and of the units judged under R2 (held, or a finished month without a
 * meeting once the unit was known) the share that held one.
 */
export async function monthlySeries(
  services: Services,
  unitIds: readonly string[] | null,
  months: readonly string[],
): Promise<ChartSeries> {
  const { db, clock, settings } = services;
  const now = clock.now();
  const from = monthSpan(months[0]!).gte;
  const to = monthSpan(months.at(-1)!).lt;
  const unitFilter = unitIds === null ? {} : { id: { in: [...unitIds] } };
  const [units, members, meetings, firsts] = await Promise.all([
    db.unit.findMany({
      where: { kind: { in: ["CELL", "GRASSROOTS_CELL"] }, ...unitFilter },
      select: { id: true, createdAt: true },
    }),
    db.member.findMany({
      where: { cellId: unitIds === null ? { not: null } : { in: [...unitIds] } },
      select: { id: true, cellId: true, joinedOn: true, leftOn: true, statusPeriods: true },
    }),
    db.meeting.findMany({
      where: {
        status: "HELD",
        startsAt: { gte: from, lt: to },
        ...(unitIds === null ? {} : { unitId: { in: [...unitIds] } }),
      },
      select: {
        id: true,
        unitId: true,
        kind: true,
        startsAt: true,
        attendance: { select: { memberId: true, status: true, reasonAccepted: true, guest: true } },
      },
    }),
    db.meeting.groupBy({
      by: ["unitId"],
      where: unitIds === null ? {} : { unitId: { in: [...unitIds] } },
      _min: { startsAt: true },
    }),
  ]);
  const membersOf = new Map<string, ReturnType<typeof toDomainMember>[]>();
  for (const m of members) {
    const list = membersOf.get(m.cellId!) ?? [];
    list.push(toDomainMember(m));
    membersOf.set(m.cellId!, list);
  }
  const firstOf = new Map(firsts.map((f) => [f.unitId, f._min.startsAt]));
  const sums = new Map(
    months.map((m) => [m, { present: 0, eligible: 0, held: new Set<string>() }]),
  );
  for (const meeting of meetings) {
    const sum = sums.get(monthOf(meeting.startsAt));
    if (!sum) continue;
    const record: MeetingRecord = {
      id: meeting.id,
      kind: meeting.kind === "THEMATIC" ? "thematic" : "regular",
      date: localDate(meeting.startsAt),
      attendance: countedAttendance(meeting.attendance),
    };
    const outcome = meetingOutcome(membersOf.get(meeting.unitId) ?? [], record, settings.policy);
    sum.present += outcome.present;
    sum.eligible += outcome.eligible;
    sum.held.add(meeting.unitId);
  }
  const pct = (share: number) => Math.round(share * 1000) / 10;
  return {
    months: [...months],
    rates: months.map((m) => {
      const sum = sums.get(m)!;
      return sum.eligible === 0 ? null : pct(sum.present / sum.eligible);
    }),
    onTime: months.map((m) => {
      const span = monthSpan(m);
      const held = sums.get(m)!.held.size;
      const notHeld =
        now < span.lt
          ? 0
          : units.filter(
              (u) =>
                !sums.get(m)!.held.has(u.id) &&
                unitKnownSince(u.createdAt, firstOf.get(u.id) ?? null) <= span.gte,
            ).length;
      return held + notHeld === 0 ? null : pct(held / (held + notHeld));
    }),
  };
}

export interface AuditFilter {
  unitId?: string;
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
  page: number;
}

export const AUDIT_PAGE_SIZE = 50;

export interface AuditRow {
  id: bigint;
  at: Date;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  actorName: string | null;
  unitId: string | null;
  unitName: string | null;
}

/**
 * Page 5: the audit log, newest first. Each entry's unit is found from what it is about (a
 * meeting, a member, an answer); outside an administrator's view, only the units in scope.
 */
export async function auditLog(services: Services, viewer: WebViewer, filter: AuditFilter) {
  if (filter.unitId && !inScope(viewer, filter.unitId))
    throw new WebForbidden(`unit ${filter.unitId}`);
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (viewer.units !== null) conditions.push(Prisma.sql`x."unitId" = ANY(${viewer.units}::uuid[])`);
  if (filter.unitId) conditions.push(Prisma.sql`x."unitId" = ${filter.unitId}::uuid`);
  if (filter.action) conditions.push(Prisma.sql`x.action = ${filter.action}`);
  if (filter.actor)
    conditions.push(
      Prisma.sql`(x."actorName" ILIKE ${`%${filter.actor}%`} OR x."actorCode" = ${filter.actor})`,
    );
  if (filter.from)
    conditions.push(
      Prisma.sql`x.at >= (${filter.from}::date)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`,
    );
  if (filter.to)
    conditions.push(
      Prisma.sql`x.at < ((${filter.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')`,
    );
  const where = Prisma.join(conditions, " AND ");
  const base = Prisma.sql`
    SELECT l.id, l.at, l.action, l.entity, l."entityId", l.before, l.after,
      a."fullName" AS "actorName", a.code AS "actorCode",
      COALESCE(mt."unitId", mb."cellId", am."unitId") AS "unitId"
    FROM "AuditLog" l
    LEFT JOIN "Member" a ON a.id = l."actorId"
    LEFT JOIN "Meeting" mt ON l.entity = 'Meeting' AND mt.id::text = l."entityId"
    LEFT JOIN "Member" mb ON l.entity = 'Member' AND mb.id::text = l."entityId"
    LEFT JOIN "Answer" an ON l.entity = 'Answer' AND an.id::text = l."entityId"
    LEFT JOIN "Meeting" am ON am.id = an."meetingId"`;
  const page = Math.max(1, filter.page);
  const [rows, [count], actions] = await Promise.all([
    services.db.$queryRaw<AuditRow[]>`
      SELECT x.*, u.name AS "unitName" FROM (${base}) x LEFT JOIN "Unit" u ON u.id = x."unitId"
      WHERE ${where} ORDER BY x.at DESC, x.id DESC
      LIMIT ${AUDIT_PAGE_SIZE} OFFSET ${(page - 1) * AUDIT_PAGE_SIZE}`,
    services.db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM (${base}) x WHERE ${where}`,
    services.db.$queryRaw<{ action: string }[]>`
      SELECT DISTINCT action FROM "AuditLog" ORDER BY action`,
  ]);
  // Member ids inside before/after ("present": [...], "memberId") read as names.
  const ids = new Set<string>();
  const collect = (value: unknown) => {
    if (typeof value === "string" && /^[0-9a-f-]{36}$/.test(value)) ids.add(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === "object") Object.values(value).forEach(collect);
  };
  for (const r of rows) {
    collect(r.before);
    collect(r.after);
  }
  const people = ids.size
    ? await services.db.member.findMany({
        where: { id: { in: [...ids] } },
        select: { id: true, fullName: true },
      })
    : [];
  return {
    rows,
    total: Number(count?.n ?? 0),
    page,
    pages: Math.max(1, Math.ceil(Number(count?.n ?? 0) / AUDIT_PAGE_SIZE)),
    actions: actions.map((a) => a.action),
    names: new Map(people.map((p) => [p.id, p.fullName])),
  };
}

/** The units a viewer may pick in filters (id, code, name, organisation), in report order. */
export async function unitsInScope(services: Services, viewer: WebViewer) {
  const units = await services.db.unit.findMany({
    where: {
      kind: { in: ["CELL", "GRASSROOTS_CELL"] },
      ...(viewer.units === null ? {} : { id: { in: viewer.units } }),
    },
    select: { id: true, code: true, name: true, parentId: true },
    orderBy: { code: "asc" },
  });
  return units;
}
