import type { UnitKind } from "@prisma/client";
import { standingOn } from "../../domain/eligibility.ts";
import { localDate } from "../../domain/local-time.ts";
import type { Translate } from "../../i18n.ts";
import { UserError } from "../errors.ts";
import { compareNames } from "../format.ts";
import { monthSpan, unitKnownSince, yearStart } from "../months.ts";
import { heldMeetingQuality, type SentFacts, sentFacts } from "../quality/index.ts";
import { cellMonthFindings, type HeldMeeting, heldTimes } from "./findings.ts";
import { isReportMonth } from "./month.ts";
import { readNames, readReminded, readUnits, readUnitsMonth, type UnitRow } from "./reads.ts";
import {
  FINDING_TYPES,
  type MonthlyReport,
  type ReportAttendance,
  type ReportDeps,
  type ReportFinding,
  type ReportFindingType,
  type ReportFindingView,
  type ReportMeeting,
  type ReportMeetingState,
  type ReportOrganisation,
  type ReportPerson,
  type ReportScope,
  type ReportTotals,
  type UnitReport,
} from "./types.ts";

/**
 * A month's report read from the database: the meeting units of a scope, each one's meetings,
 * figures and findings, the totals per organisation and overall (the shapes are in types.ts).
 */

const MEETING_UNITS: UnitKind[] = ["CELL", "GRASSROOTS_CELL"];

/** The meeting units of a scope, in report order; throws UserError for an unknown unit code. */
function scopeUnits(all: UnitRow[], scope: ReportScope): UnitRow[] {
  const meetingUnits = all.filter((u) => MEETING_UNITS.includes(u.kind));
  if (scope.kind === "all") return meetingUnits;
  if (scope.kind === "units") {
    const wanted = new Set(scope.unitIds);
    return meetingUnits.filter((u) => wanted.has(u.id));
  }
  const root = all.find((u) => u.code === scope.code);
  if (!root) throw new UserError("report-unknown-unit", { code: scope.code });
  const inside = new Set([root.id]);
  // The tree is shallow (town → organisation → cell); a few passes reach every descendant.
  for (let grown = true; grown; ) {
    grown = false;
    for (const u of all) {
      if (u.parentId && inside.has(u.parentId) && !inside.has(u.id)) {
        inside.add(u.id);
        grown = true;
      }
    }
  }
  return meetingUnits.filter((u) => inside.has(u.id));
}

/** A cell belongs to its grassroots organisation; a chi bộ cơ sở (or a loose cell) is its own. */
function organisationOf(unit: UnitRow, byId: Map<string, UnitRow>): ReportOrganisation {
  const parent = unit.parentId ? byId.get(unit.parentId) : undefined;
  const org = unit.kind === "CELL" && parent?.kind === "GRASSROOTS_COMMITTEE" ? parent : unit;
  return { id: org.id, code: org.code, name: org.name };
}

/**
 * The month's report for a scope: a handful of queries per slice of 500 units, PostgreSQL reading
 * the next slice while the rules judge this one (a province: 20 slices).
 */
export async function monthlyReport(
  deps: ReportDeps,
  options: { month: string; scope: ReportScope; now: Date },
): Promise<MonthlyReport> {
  const { db, settings } = deps;
  const { policy } = settings;
  const { month, now } = options;
  if (!isReportMonth(month)) throw new UserError("report-bad-month");
  const span = monthSpan(month);
  const fromYearStart = yearStart(month.slice(0, 4));
  const complete = now >= span.lt;
  const rubric = settings.qualityRubric;
  const context: SliceContext = {
    db,
    policy,
    month,
    now,
    span,
    fromYearStart,
    complete,
    withQuality:
      rubric && deps.t
        ? { settings: { policy, qualityRubric: rubric }, t: rememberingTranslate(deps.t) }
        : null,
    knownSinceOf: remembering(
      unitKnownSince,
      (createdAt, first) => `${createdAt.getTime()} ${first?.getTime()}`,
    ),
  };

  const allUnits = await readUnits(db);
  const unitById = new Map(allUnits.map((u) => [u.id, u]));
  const units = scopeUnits(allUnits, options.scope)
    .map((u) => ({ unit: u, organisation: organisationOf(u, unitById) }))
    .sort(
      (a, b) =>
        a.organisation.code.localeCompare(b.organisation.code) ||
        // An organisation that is itself a meeting unit comes before anything under it.
        Number(a.unit.id !== a.organisation.id) - Number(b.unit.id !== b.organisation.id) ||
        a.unit.code.localeCompare(b.unit.code),
    );
  const reports: UnitReport[] = [];
  const slices = [];
  for (let i = 0; i < units.length; i += SLICE) slices.push(units.slice(i, i + SLICE));
  let reading = slices.length > 0 ? readSlice(context, slices[0]!) : null;
  for (const [i, slice] of slices.entries()) {
    const read = await reading!;
    reading = i + 1 < slices.length ? readSlice(context, slices[i + 1]!) : null;
    // Not awaited if this slice fails: its failure must not go unhandled.
    reading?.catch(() => undefined);
    reports.push(...(await reportSlice(context, slice, read)));
  }

  const organisations = new Map<string, { org: ReportOrganisation; units: UnitReport[] }>();
  for (const r of reports) {
    const entry = organisations.get(r.organisation.id) ?? { org: r.organisation, units: [] };
    entry.units.push(r);
    organisations.set(r.organisation.id, entry);
  }
  return {
    month,
    asOf: now,
    complete,
    minRate: policy.minRate,
    units: reports,
    organisations: [...organisations.values()].map(({ org, units }) => ({
      ...org,
      totals: totalsOf(units),
    })),
    totals: totalsOf(reports),
    lastToReport: reports
      .filter((r) => r.rollCallsOpen > 0)
      .map((r) => ({
        id: r.id,
        code: r.code,
        name: r.name,
        meetings: r.meetings.filter((m) => m.state === "not-closed").map((m) => m.startsAt),
      })),
  };
}

const SLICE = 500;

type ScopedUnit = { unit: UnitRow; organisation: ReportOrganisation };

interface SliceContext {
  db: ReportDeps["db"];
  policy: ReportDeps["settings"]["policy"];
  month: string;
  now: Date;
  span: { gte: Date; lt: Date };
  fromYearStart: Date;
  complete: boolean;
  withQuality: Parameters<typeof heldMeetingQuality>[0] | null;
  knownSinceOf: (createdAt: Date, firstMeetingAt: Date | null) => Date;
}

type SliceRead = Awaited<ReturnType<typeof readSlice>>;

/** What a slice of units needs from the database. */
async function readSlice(context: SliceContext, units: readonly ScopedUnit[]) {
  const { db, span, now, withQuality } = context;
  const unitIds = units.map((u) => u.unit.id);

  const {
    members: membersOf,
    meetings: meetingRows,
    firstMeetingOf,
  } = await readUnitsMonth(db, { unitIds, yearStart: context.fromYearStart, ...span });
  const monthMeetings = meetingRows.filter((m) => m.startsAt >= span.gte);
  // Answers and reminders matter once a meeting has started: until then they may still come.
  const started = monthMeetings.filter((m) => m.status !== "CANCELLED" && m.startsAt <= now);
  const guestIds = [
    ...new Set(monthMeetings.flatMap((m) => (m.status === "HELD" ? m.guestsPresent : []))),
  ];
  const [remindedBy, sent] = await Promise.all([
    readReminded(
      db,
      started.map((m) => m.id),
    ),
    withQuality
      ? sentFacts(
          db,
          monthMeetings.filter((m) => m.status === "HELD"),
        )
      : new Map<string, SentFacts>(),
  ]);
  return {
    membersOf,
    meetingsOf: groupBy(meetingRows, (m) => m.unitId),
    firstMeetingOf,
    guestIds,
    remindedBy,
    sent,
  };
}

/** A slice's units, in its order. */
async function reportSlice(
  context: SliceContext,
  units: readonly ScopedUnit[],
  read: SliceRead,
): Promise<UnitReport[]> {
  const { db, policy, month, now, span, complete, withQuality, knownSinceOf } = context;
  const { membersOf, meetingsOf, firstMeetingOf, guestIds, remindedBy, sent } = read;
  // The rules first: then only the names of the members they name are read, not a province's.
  const evaluated = units.map(({ unit, organisation }) => {
    const members = membersOf.get(unit.id) ?? [];
    const own = meetingsOf.get(unit.id) ?? [];
    const history: HeldMeeting[] = own
      .filter((m) => m.status === "HELD")
      .map((m) => ({
        id: m.id,
        kind: m.kind === "THEMATIC" ? "thematic" : "regular",
        date: localDate(m.startsAt),
        attendance: m.marks,
        startsAt: m.startsAt,
        openedAt: m.rollCallOpenedAt,
        closedAt: m.rollCallClosedAt,
      }));
    const evaluation = cellMonthFindings({ policy, month, members, history });
    return { unit, organisation, members, own, history, ...evaluation };
  });
  const named = new Set(guestIds);
  for (const { findings } of evaluated)
    for (const f of findings) if (f.memberId) named.add(f.memberId);
  for (const list of remindedBy.values())
    for (const r of list) if (!r.answered) named.add(r.memberId);
  const names = await readNames(db, [...named]);
  const person = (id: string): ReportPerson => ({ id, name: names.get(id) ?? "" });

  return evaluated.map((evaluation) => {
    const { unit, organisation, members, own, history, outcomes, findings } = evaluation;
    const memberById = new Map(members.map((m) => [m.id, m]));
    const timesOf = new Map(history.map((h) => [h.id, heldTimes(h)]));
    const view = (f: ReportFinding): ReportFindingView => ({
      ...f,
      memberName: f.memberId ? (names.get(f.memberId) ?? null) : null,
    });
    const monthOwn = own.filter((m) => m.startsAt >= span.gte);
    const live = monthOwn.filter((m) => m.status !== "CANCELLED");

    // In meeting order, then by rule, then by given name: how a secretary reads a list.
    const order = new Map(live.map((m, i) => [m.id, i]));
    const sorted = findings
      .map(view)
      .sort(
        (a, b) =>
          (a.meetingId ? (order.get(a.meetingId) ?? 0) : live.length) -
            (b.meetingId ? (order.get(b.meetingId) ?? 0) : live.length) ||
          FINDING_TYPES.indexOf(a.type) - FINDING_TYPES.indexOf(b.type) ||
          byName({ id: "", name: a.memberName ?? "" }, { id: "", name: b.memberName ?? "" }),
      );

    const meetings: ReportMeeting[] = live.map((m) => {
      const date = localDate(m.startsAt);
      const state: ReportMeetingState =
        m.status === "HELD"
          ? "held"
          : m.plannedEndAt <= now
            ? "not-closed"
            : m.startsAt <= now
              ? "in-progress"
              : "upcoming";
      const outcome = outcomes.get(m.id);
      const attendance: ReportAttendance | null = outcome
        ? {
            members: members.filter((x) => standingOn(x, date) !== "outside").length,
            eligible: outcome.eligible,
            present: outcome.present,
            excused: outcome.excused.length,
            unexcused: outcome.unexcused.length,
            minimumPresent: outcome.minimumPresent,
            rate: outcome.rate,
            rateOk: outcome.rateOk,
            exemptAttended: outcome.exemptAttendees.length,
            durationMinutes: durationMinutes(timesOf.get(m.id) ?? null),
            committeePresent: m.guestsPresent
              .filter((id) => !memberById.has(id))
              .map(person)
              .sort(byName),
          }
        : null;
      let reminded = 0;
      const unanswered: ReportPerson[] = [];
      if (m.startsAt <= now) {
        for (const { memberId, answered } of remindedBy.get(m.id) ?? []) {
          const member = memberById.get(memberId);
          // Guests (committee members) are reminded too but are not asked to answer for the rate.
          if (!member || standingOn(member, date) !== "eligible") continue;
          reminded++;
          if (!answered) unanswered.push(person(memberId));
        }
      }
      return {
        id: m.id,
        kind: m.kind === "THEMATIC" ? "thematic" : "regular",
        startsAt: m.startsAt,
        plannedEndAt: m.plannedEndAt,
        state,
        attendance,
        reminded,
        unanswered: unanswered.sort(byName),
        findings: sorted.filter((f) => f.meetingId === m.id),
        quality:
          withQuality && m.status === "HELD"
            ? heldMeetingQuality(withQuality, {
                members,
                meeting: history.find((h) => h.id === m.id)!,
                history,
                startsAt: m.startsAt,
                plannedEndAt: m.plannedEndAt,
                times: timesOf.get(m.id) ?? null,
                closedAt: m.rollCallClosedAt,
                sent: sent.get(m.id)!,
              })
            : null,
      };
    });

    const held = meetings.filter((m) => m.attendance);
    const eligible = sum(held.map((m) => m.attendance!.eligible));
    const present = sum(held.map((m) => m.attendance!.present));
    const judged = held.filter((m) => m.attendance!.rateOk !== null);
    // R2 as the sweep sees it: only for a month the bot knew the unit from its first day.
    const knownSince = knownSinceOf(unit.createdAt, firstMeetingOf.get(unit.id) ?? null);
    const notHeld = complete && held.length === 0 && knownSince <= span.gte;
    const all = [...sorted];
    if (notHeld)
      all.unshift({
        type: "r2-not-held",
        meetingId: null,
        memberId: null,
        value: null,
        memberName: null,
      });
    return {
      id: unit.id,
      code: unit.code,
      name: unit.name,
      kind: unit.kind === "GRASSROOTS_CELL" ? "grassroots-cell" : "cell",
      cellKind:
        unit.cellKind === "RESIDENTIAL"
          ? "residential"
          : unit.cellKind === "OTHER"
            ? "other"
            : null,
      organisation,
      meetingsPlanned: live.length,
      meetingsHeld: held.length,
      meetingsCancelled: monthOwn.length - live.length,
      meetings,
      findings: all,
      eligible,
      present,
      rate: eligible === 0 ? null : present / eligible,
      rateOk: judged.length === 0 ? null : judged.every((m) => m.attendance!.rateOk),
      unanswered: sum(meetings.map((m) => m.unanswered.length)),
      rollCallsOpen: meetings.filter((m) => m.state === "not-closed").length,
      notHeld,
    };
  });
}

/**
 * A province's report asks the same questions thousands of times: the same few instants (cells
 * created by one import, meeting at the same hour), the same reasons in the same words.
 */
function remembering<A extends unknown[], R>(
  compute: (...args: A) => R,
  keyOf: (...args: A) => string,
): (...args: A) => R {
  const known = new Map<string, R>();
  return (...args) => {
    const key = keyOf(...args);
    const hit = known.get(key);
    if (hit !== undefined) return hit;
    const value = compute(...args);
    known.set(key, value);
    return value;
  };
}

function rememberingTranslate(t: Translate): Translate {
  return remembering(t, (key, args) => (args ? `${key} ${JSON.stringify(args)}` : key));
}

function totalsOf(units: readonly UnitReport[]): ReportTotals {
  const findings = Object.fromEntries(FINDING_TYPES.map((type) => [type, 0])) as Record<
    ReportFindingType,
    number
  >;
  for (const u of units) for (const f of u.findings) findings[f.type]++;
  const meetings = units.flatMap((u) => u.meetings);
  const eligible = sum(units.map((u) => u.eligible));
  const present = sum(units.map((u) => u.present));
  return {
    units: units.length,
    unitsHeld: units.filter((u) => u.meetingsHeld > 0).length,
    unitsNotHeld: units.filter((u) => u.notHeld).length,
    meetingsPlanned: sum(units.map((u) => u.meetingsPlanned)),
    meetingsHeld: sum(units.map((u) => u.meetingsHeld)),
    meetingsRateOk: meetings.filter((m) => m.attendance?.rateOk === true).length,
    meetingsRateFailed: meetings.filter((m) => m.attendance?.rateOk === false).length,
    eligible,
    present,
    rate: eligible === 0 ? null : present / eligible,
    findings,
    reminded: sum(meetings.map((m) => m.reminded)),
    unanswered: sum(units.map((u) => u.unanswered)),
    rollCallsOpen: sum(units.map((u) => u.rollCallsOpen)),
    lastToReport: units.filter((u) => u.rollCallsOpen > 0).length,
  };
}

/** Vietnamese lists are read by given name (the last word), then by the full name. */
function byName(a: ReportPerson, b: ReportPerson): number {
  return compareNames(a.name, b.name);
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

function durationMinutes(times: { openedAt: Date; closedAt: Date } | null): number | null {
  return times ? Math.floor((times.closedAt.getTime() - times.openedAt.getTime()) / 60_000) : null;
}
