import type { Alert } from "@prisma/client";
import { localDate } from "../domain/local-time.ts";
import { type MeetingOutcome, meetingOutcome } from "../domain/rate.ts";
import type { Actor } from "./actors.ts";
import { alertAudience, alertHolds } from "./alerts.ts";
import type { Services } from "./context.ts";
import { UserError } from "./errors.ts";
import { cellHistory } from "./history.ts";
import { monthSpan } from "./months.ts";

/** How many open findings a unit's overview names. */
export const TOP_FINDINGS = 3;

/** Violations before warnings before the rest, for "the top findings". */
const SEVERITY: Record<string, number> = {
  "r4-unexcused": 0,
  "r5-violation": 0,
  "r3-failed": 0,
  "r8-consider": 0,
  "r2-not-held": 0,
  "r5-warning": 1,
  "r8-warning": 1,
  "r3-risk": 1,
  "rollcall-open": 1,
  "r2-unscheduled": 1,
  "r2c-thematic": 1,
  "r9-short": 2,
};

export type MeetingState = "held" | "upcoming" | "in-progress" | "not-closed";

export interface UnitMeetingView {
  id: string;
  kind: "regular" | "thematic";
  startsAt: Date;
  state: MeetingState;
  /** R3 from the roll call, for a held meeting. */
  outcome: MeetingOutcome | null;
}

export interface FindingView {
  type: string;
  memberName: string | null;
  meetingStartsAt: Date | null;
  /** The month of a month-period finding ("YYYY-MM"), when it has one. */
  month: string | null;
  createdAt: Date;
}

export interface UnitMonthView {
  unitId: string;
  name: string;
  meetings: UnitMeetingView[];
  /** Unacknowledged findings of this month that still hold. */
  openAlerts: number;
  findings: FindingView[];
}

/** Most severe first, then the newest. */
export function byImportance(a: Pick<Alert, "type" | "createdAt">, b: typeof a): number {
  return (
    (SEVERITY[a.type] ?? 2) - (SEVERITY[b.type] ?? 2) ||
    b.createdAt.getTime() - a.createdAt.getTime()
  );
}

/**
 * /donvi: this month in every meeting unit the committee member is in charge of — meetings and
 * whether they were held, the rate of held ones, open findings. Nothing outside their units.
 */
export async function committeeOverview(
  services: Services,
  actor: Actor,
): Promise<{ month: string; units: UnitMonthView[] }> {
  if (actor.inChargeOf.length === 0) throw new UserError("error-not-allowed");
  const { db, clock, settings } = services;
  const now = clock.now();
  const month = localDate(now).slice(0, 7);
  const span = monthSpan(month);
  const units = await db.unit.findMany({
    where: { id: { in: actor.inChargeOf }, kind: { in: ["CELL", "GRASSROOTS_CELL"] } },
    orderBy: [{ name: "asc" }, { code: "asc" }],
  });
  const views: UnitMonthView[] = [];
  for (const unit of units) {
    const [meetings, history, alerts] = await Promise.all([
      db.meeting.findMany({
        where: { unitId: unit.id, startsAt: span, status: { not: "CANCELLED" } },
        orderBy: { startsAt: "asc" },
      }),
      cellHistory(db, unit.id, { from: span.gte, to: span.lt }),
      db.alert.findMany({
        where: { unitId: unit.id, acknowledgedAt: null, createdAt: span },
        orderBy: { createdAt: "desc" },
      }),
    ]);
    const outcomes = new Map(
      history.meetings.map((m) => [m.id, meetingOutcome(history.members, m, settings.policy)]),
    );
    const open: Alert[] = [];
    for (const alert of alerts) {
      // The committee sees what is sent to it, and only what is still true.
      if (alertAudience(alert.type) !== "cell") continue;
      if (await alertHolds(db, alert, settings)) open.push(alert);
    }
    const top = open.sort(byImportance).slice(0, TOP_FINDINGS);
    const [names, dates] = await Promise.all([
      db.member.findMany({
        where: { id: { in: top.flatMap((a) => (a.memberId ? [a.memberId] : [])) } },
        select: { id: true, fullName: true },
      }),
      db.meeting.findMany({
        where: { id: { in: top.flatMap((a) => (a.meetingId ? [a.meetingId] : [])) } },
        select: { id: true, startsAt: true },
      }),
    ]);
    views.push({
      unitId: unit.id,
      name: unit.name,
      meetings: meetings.map((m) => ({
        id: m.id,
        kind: m.kind === "THEMATIC" ? "thematic" : "regular",
        startsAt: m.startsAt,
        state:
          m.status === "HELD"
            ? "held"
            : m.startsAt > now
              ? "upcoming"
              : m.plannedEndAt > now
                ? "in-progress"
                : "not-closed",
        outcome: outcomes.get(m.id) ?? null,
      })),
      openAlerts: open.length,
      findings: top.map((a) => {
        const month = (a.payload as Record<string, unknown>).month;
        return {
          type: a.type,
          memberName: names.find((n) => n.id === a.memberId)?.fullName ?? null,
          meetingStartsAt: dates.find((d) => d.id === a.meetingId)?.startsAt ?? null,
          month: typeof month === "string" ? month : null,
          createdAt: a.createdAt,
        };
      }),
    });
  }
  return { month, units: views };
}
