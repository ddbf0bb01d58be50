import type { Meeting } from "@prisma/client";
import { displayParts, localDate } from "../domain/local-time.ts";
import { quarterOf, thematicGap } from "../domain/quarters.ts";
import {
  type AlertInput,
  type AlertType,
  alertKey,
  raiseAlertsAtOnce,
  recipientsOfUnits,
} from "./alerts.ts";
import { unbuttonPassedMeetings } from "./answer-question.ts";
import type { Services } from "./context.ts";
import { addMonths, monthLabel, monthOf, monthSpan, unitKnownSince } from "./months.ts";
import { writeMonthlyDigests } from "./report/index.ts";

/** R2: from this day of the month (local) a unit with nothing scheduled in the month is alerted. */
export const R2_ALERT_DAY = 25;
/** A roll call still open this long after the meeting's planned end is alerted. */
export const ROLLCALL_GRACE_MS = 2 * 3_600_000;
/** Older open roll calls are the monthly report's business (and R2's), not a fresh alert's. */
export const ROLLCALL_LOOKBACK_MS = 7 * 86_400_000;
/** Deliveries about a meeting whose arrival matters to the secretary when they end up UNKNOWN. */
const MEETING_MESSAGE_KINDS = ["reminder", "nudge", "notice"];

/** A meeting as the sweep sees it. */
export interface SweepMeeting {
  id: string;
  kind: "regular" | "thematic";
  status: "planned" | "held" | "cancelled";
  startsAt: Date;
  plannedEndAt: Date;
  rollCallClosed: boolean;
}

export type Finding =
  | { type: "r2-unscheduled" | "r2-not-held" | "r2c-thematic"; month: string }
  | { type: "rollcall-open"; meetingId: string };

/**
 * What the sweep finds about one meeting unit at `now` (pure). `meetings` must cover the
 * quarter's months and the previous month; `knownSince` is when the bot first knew the unit.
 */
export function unitFindings(input: {
  now: Date;
  knownSince: Date;
  meetings: readonly SweepMeeting[];
}): Finding[] {
  const { now, knownSince, meetings } = input;
  const today = localDate(now);
  const month = today.slice(0, 7);
  const live = meetings.filter((m) => m.status !== "cancelled");
  const findings: Finding[] = [];

  // R2: from day 25 the secretary is told while nothing is scheduled this month.
  if (Number(today.slice(8)) >= R2_ALERT_DAY && !live.some((m) => monthOf(m.startsAt) === month)) {
    findings.push({ type: "r2-unscheduled", month });
  }
  // R2: once the month is over, a month without a held meeting goes to the committee. A unit the
  // bot came to know after that month began is not judged on it: it may have met before.
  const previous = addMonths(month, -1);
  if (
    knownSince <= monthSpan(previous).gte &&
    !meetings.some((m) => m.status === "held" && monthOf(m.startsAt) === previous)
  ) {
    findings.push({ type: "r2-not-held", month: previous });
  }
  // R2c: in the last month of a quarter, no thematic meeting scheduled or held in it.
  const thematicDates = live.filter((m) => m.kind === "thematic").map((m) => localDate(m.startsAt));
  if (thematicGap({ month, thematicMeetingDates: thematicDates })) {
    findings.push({ type: "r2c-thematic", month });
  }
  for (const m of live) {
    const end = m.plannedEndAt.getTime();
    if (
      !m.rollCallClosed &&
      end + ROLLCALL_GRACE_MS <= now.getTime() &&
      end > now.getTime() - ROLLCALL_LOOKBACK_MS
    ) {
      findings.push({ type: "rollcall-open", meetingId: m.id });
    }
  }
  return findings;
}

function toSweepMeeting(m: Meeting): SweepMeeting {
  return {
    id: m.id,
    kind: m.kind === "THEMATIC" ? "thematic" : "regular",
    status: m.status === "HELD" ? "held" : m.status === "CANCELLED" ? "cancelled" : "planned",
    startsAt: m.startsAt,
    plannedEndAt: m.plannedEndAt,
    rollCallClosed: m.rollCallClosedAt !== null,
  };
}

export interface SweepResult {
  /** New alerts by type. */
  raised: Partial<Record<AlertType, number>>;
  /** Delivery rows written for them. */
  deliveries: number;
  /** Monthly report digests written (a full sweep on the month's first days only). */
  digests?: number;
  /** Alerts that could not be raised this time (logged; the next sweep tries them again). */
  failed?: number;
}

/** Where the sweep says which alert it could not raise (pino's logger fits). */
export interface SweepLogger {
  warn(details: object, message: string): void;
}

/**
 * The time-driven alerts (SPEC §3): R2 on day 25 and after the month, R2c, roll calls left open,
 * and a digest of UNKNOWN deliveries per meeting; on a month's first days, the committee's
 * monthly report (src/services/report/digest.ts). Each key is raised at most once, so running it
 * every few minutes (or whenever the sandbox clock moves) is safe.
 */
export async function sweepAlerts(
  services: Services,
  options: { unitIds?: string[]; logger?: SweepLogger } = {},
): Promise<SweepResult> {
  const { db, clock } = services;
  const now = clock.now();
  const month = monthOf(now);
  const units = await db.unit.findMany({
    where: {
      kind: { in: ["CELL", "GRASSROOTS_CELL"] },
      ...(options.unitIds ? { id: { in: options.unitIds } } : {}),
    },
    orderBy: { code: "asc" },
  });
  const unitIds = units.map((u) => u.id);
  // The quarter so far and the month before it: everything unitFindings looks at.
  const window = monthSpan(addMonths(month, -2), 3);
  const [meetings, firsts] = await Promise.all([
    db.meeting.findMany({
      where: { unitId: { in: unitIds }, startsAt: window },
      orderBy: { startsAt: "asc" },
    }),
    db.meeting.groupBy({
      by: ["unitId"],
      where: { unitId: { in: unitIds } },
      _min: { startsAt: true },
    }),
  ]);
  const firstOf = new Map(firsts.map((f) => [f.unitId, f._min.startsAt]));
  const byId = new Map(meetings.map((m) => [m.id, m]));

  const inputs: AlertInput[] = [];
  for (const unit of units) {
    const own = meetings.filter((m) => m.unitId === unit.id);
    const findings = unitFindings({
      now,
      knownSince: unitKnownSince(unit.createdAt, firstOf.get(unit.id) ?? null),
      meetings: own.map(toSweepMeeting),
    });
    for (const f of findings) {
      if (f.type === "rollcall-open") {
        const meeting = byId.get(f.meetingId)!;
        const when = displayParts(meeting.startsAt);
        inputs.push({
          type: f.type,
          unitId: unit.id,
          meetingId: meeting.id,
          period: localDate(meeting.startsAt),
          args: {
            cell: unit.name,
            date: when.date,
            time: when.time,
            end: displayParts(meeting.plannedEndAt).time,
          },
        });
      } else {
        const { year, quarter } = quarterOf(f.month);
        inputs.push({
          type: f.type,
          unitId: unit.id,
          period: f.type === "r2c-thematic" ? `${year}-Q${quarter}` : f.month,
          args: {
            cell: unit.name,
            month: f.month,
            monthLabel: monthLabel(f.month),
            quarter,
            // A string: Fluent would print the number 2026 as "2.026" in Vietnamese.
            year: String(year),
          },
        });
      }
    }
  }
  inputs.push(...(await unknownDigests(services, unitIds)));
  const result = await raiseNew(services, inputs, options.logger);
  // Last month's report to each committee member, due on day 1: a full sweep writes it (once).
  if (!options.unitIds) {
    const digests = await writeMonthlyDigests(services);
    if (digests > 0) result.digests = digests;
    // Meetings that passed without a closed roll call lose their answer buttons (issue 13).
    await unbuttonPassedMeetings(services);
  }
  return result;
}

/**
 * One digest per upcoming meeting of the members whose messages may not have arrived (UNKNOWN:
 * never resent blindly). The period is how many there were, so a new one brings a new digest.
 */
async function unknownDigests(services: Services, unitIds: string[]): Promise<AlertInput[]> {
  const { db, clock } = services;
  const upcoming = await db.meeting.findMany({
    where: { unitId: { in: unitIds }, status: "PLANNED", plannedEndAt: { gt: clock.now() } },
    include: { unit: true },
  });
  if (upcoming.length === 0) return [];
  const unknown = await db.delivery.findMany({
    where: {
      meetingId: { in: upcoming.map((m) => m.id) },
      status: "UNKNOWN",
      kind: { in: MEETING_MESSAGE_KINDS },
      memberId: { not: null },
    },
    select: { meetingId: true, memberId: true },
  });
  if (unknown.length === 0) return [];
  const names = new Map(
    (
      await db.member.findMany({
        where: { id: { in: [...new Set(unknown.map((d) => d.memberId!))] } },
        select: { id: true, fullName: true },
      })
    ).map((m) => [m.id, m.fullName]),
  );
  const inputs: AlertInput[] = [];
  for (const meeting of upcoming) {
    const rows = unknown.filter((d) => d.meetingId === meeting.id);
    if (rows.length === 0) continue;
    const members = [...new Set(rows.map((d) => names.get(d.memberId!) ?? ""))].sort((a, b) =>
      a.localeCompare(b, "vi"),
    );
    const when = displayParts(meeting.startsAt);
    inputs.push({
      type: "deliveries-unknown",
      unitId: meeting.unitId,
      meetingId: meeting.id,
      period: `unknown-${rows.length}`,
      args: {
        cell: meeting.unit.name,
        date: when.date,
        time: when.time,
        count: rows.length,
        members: members.join(", "),
      },
    });
  }
  return inputs;
}

/** Alerts raised per statement; a statement that fails is tried again one alert at a time. */
const RAISE_BATCH = 100;

/**
 * Raises the inputs whose key is new, each alert with its deliveries in one statement (no
 * interactive transaction: nothing waits on a busy event loop while holding a transaction). A
 * batch that fails is raised one alert at a time, so an alert that cannot be written (a lost
 * connection, bad data) is logged and counted while the others go on; the next sweep tries it
 * again (its key is still new).
 */
async function raiseNew(
  services: Services,
  inputs: AlertInput[],
  logger: SweepLogger | undefined,
): Promise<SweepResult> {
  const { db, clock } = services;
  const result: SweepResult = { raised: {}, deliveries: 0 };
  if (inputs.length === 0) return result;
  const existing = new Set<string>();
  for (let i = 0; i < inputs.length; i += 5_000) {
    const keys = inputs.slice(i, i + 5_000).map(alertKey);
    const found = await db.alert.findMany({ where: { key: { in: keys } }, select: { key: true } });
    for (const a of found) existing.add(a.key);
  }
  const fresh = inputs.filter((a) => !existing.has(alertKey(a)));
  if (fresh.length === 0) return result;
  const recipients = await recipientsOfUnits(db, [...new Set(fresh.map((a) => a.unitId))]);
  const raise = async (batch: AlertInput[]) => {
    const { alerts, created } = await raiseAlertsAtOnce(db, batch, recipients, clock.now());
    await services.dispatcher.dispatch(created);
    result.deliveries += created.length;
    for (const a of alerts) {
      const type = a.type as AlertType;
      result.raised[type] = (result.raised[type] ?? 0) + 1;
    }
  };
  for (let i = 0; i < fresh.length; i += RAISE_BATCH) {
    const batch = fresh.slice(i, i + RAISE_BATCH);
    try {
      await raise(batch);
      continue;
    } catch {
      // Find the one that fails: the rest of the batch is raised alone.
    }
    for (const input of batch) {
      try {
        await raise([input]);
      } catch (error) {
        result.failed = (result.failed ?? 0) + 1;
        logger?.warn(
          {
            alertKey: alertKey(input),
            err: error instanceof Error ? error.message : String(error),
          },
          "alert not raised: retried at the next sweep",
        );
      }
    }
  }
  return result;
}
