import { randomUUID } from "node:crypto";
import type { Meeting, Prisma, Unit } from "@prisma/client";
import { fromZonedTime } from "date-fns-tz";
import { shiftToWorkingDay } from "../domain/holidays.ts";
import { localDate } from "../domain/local-time.ts";
import { defaultMeetingStart, parseDayRule, TIME_ZONE } from "../domain/schedule.ts";
import { remindersPlannedLate } from "../metrics.ts";
import type { Services } from "./context.ts";
import { cancelPending, type DueDelivery, writeIntents } from "./ledger.ts";
import { type LateFanout, type ReminderIntentOptions, reminderIntentsFor } from "./reminders.ts";
import { SendCalendar } from "./send-calendar.ts";
import { BOUNDED_TX } from "./transactions.ts";

export interface PlanChange {
  unitCode: string;
  meetingId: string;
  startsAt: Date;
  change: "created" | "moved";
}

export interface PlanResult {
  changes: PlanChange[];
  /** Reminder rows written by this run. */
  deliveries: number;
  /**
   * Offsets whose fan-out does not fit by its target under the send capacity, one entry per
   * offset and target (all cells together): those deliveries go out after the target.
   */
  late?: LateFanout[];
}

/** Where the planner says once that an offset cannot fit (pino's logger fits). */
export interface PlanLogger {
  warn(details: object, message: string): void;
}

const MEETING_MINUTES = { REGULAR: 90, THEMATIC: 120 } as const;

/** "YYYY-MM" of this month and the next `count - 1`, in local time. */
export function monthsFrom(now: Date, count: number): string[] {
  const [year, month] = localDate(now).split("-").map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const index = year * 12 + month - 1 + i;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
  });
}

/** R1/R2 default start of a month for a cell, moved by R2b when the deployment asks for it. */
export function plannedStart(unit: Unit, month: string, s: Services["settings"]): Date | null {
  const start = defaultMeetingStart(
    {
      kind: unit.cellKind === "RESIDENTIAL" ? "residential" : "other",
      dayRule: unit.dayRule ? parseDayRule(unit.dayRule) : undefined,
      time: unit.meetingTime,
    },
    month,
    s.policy,
  );
  if (!start || !s.dateShift) return start;
  const day = shiftToWorkingDay(localDate(start), s.dateShift);
  // R2 needs a meeting in every month: a shift that would leave the month is not applied.
  if (!day.startsWith(month)) return start;
  return fromZonedTime(`${day}T${unit.meetingTime}:00`, TIME_ZONE);
}

/**
 * Keeps every meeting unit's regular meetings for this month and the next two in the database and
 * their reminders in the ledger. Never touches a meeting a secretary set, moved or cancelled.
 */
export async function runPlanner(
  services: Services,
  options: { unitIds?: string[]; months?: number; logger?: PlanLogger } = {},
): Promise<PlanResult> {
  const { db, clock } = services;
  // One calendar for the whole run: every cell's reminders share the deployment's capacity.
  const plan = newPlanContext(services);
  const now = clock.now();
  const months = monthsFrom(now, options.months ?? 3);
  const units = await db.unit.findMany({
    where: {
      kind: { in: ["CELL", "GRASSROOTS_CELL"] },
      ...(options.unitIds ? { id: { in: options.unitIds } } : {}),
    },
    orderBy: { code: "asc" },
  });
  const result: PlanResult = { changes: [], deliveries: 0 };
  for (let i = 0; i < units.length; i += PLAN_BATCH) {
    const batch = units.slice(i, i + PLAN_BATCH);
    const { changes, created, cancelled } = await db.$transaction(
      (tx) => planUnits(tx, batch, months, services, plan.options),
      PLAN_TX,
    );
    await services.dispatcher.dispatch(created, cancelled);
    result.changes.push(...changes);
    result.deliveries += created.length;
  }
  const late = plan.late();
  if (late.length > 0) {
    result.late = late;
    for (const entry of late) {
      reportLateFanout(entry);
      options.logger?.warn(
        {
          offset: entry.kind,
          target: entry.target.toISOString(),
          late: entry.late,
          of: entry.total,
        },
        "reminders cannot all be sent by their target at the send capacity: the rest go after it",
      );
    }
  }
  return result;
}

function reportLateFanout(entry: LateFanout): void {
  remindersPlannedLate.inc({ offset: entry.kind }, entry.late);
}

/** Meeting units planned per transaction (a province's 10,000 cells in 100 transactions). */
const PLAN_BATCH = 100;
/**
 * One batch: a few statements for 100 cells (about 2,500 members, 7,500 reminder rows). Bounded
 * by the batch size, not by CPU speed; the limits only catch a stuck one (see BOUNDED_TX).
 */
const PLAN_TX = { maxWait: 20_000, timeout: 120_000 } as const;

/** R1/R2 meetings of `units` for `months`, and the reminders of their upcoming meetings. */
async function planUnits(
  tx: Prisma.TransactionClient,
  units: Unit[],
  months: string[],
  services: Services,
  options: ReminderIntentOptions,
): Promise<{ changes: PlanChange[]; created: DueDelivery[]; cancelled: string[] }> {
  const { settings } = services;
  const now = services.clock.now();
  const changes: PlanChange[] = [];
  let cancelled: string[] = [];
  const existing = await tx.meeting.findMany({
    where: {
      unitId: { in: units.map((u) => u.id) },
      plannerKey: { in: months.map((m) => `regular-${m}`) },
    },
  });
  const byKey = new Map(existing.map((m) => [`${m.unitId}_${m.plannerKey}`, m]));
  const fresh: Prisma.MeetingCreateManyInput[] = [];
  for (const unit of units) {
    for (const month of months) {
      const startsAt = plannedStart(unit, month, settings);
      if (!startsAt || startsAt <= now) continue;
      const plannerKey = `regular-${month}`;
      const found = byKey.get(`${unit.id}_${plannerKey}`);
      const plannedEndAt = new Date(startsAt.getTime() + MEETING_MINUTES.REGULAR * 60_000);
      if (!found) {
        const id = randomUUID();
        fresh.push({
          id,
          unitId: unit.id,
          plannerKey,
          startsAt,
          plannedEndAt,
          place: unit.meetingPlace,
        });
        changes.push({ unitCode: unit.code, meetingId: id, startsAt, change: "created" });
      } else if (
        !found.setBySecretary &&
        found.status === "PLANNED" &&
        found.startsAt > now &&
        found.startsAt.getTime() !== startsAt.getTime()
      ) {
        // The cell's defaults or the policy changed: follow them, and replace the reminders.
        await tx.meeting.update({ where: { id: found.id }, data: { startsAt, plannedEndAt } });
        cancelled = cancelled.concat(
          await cancelPending(tx, { meetingId: found.id, kind: "reminder" }, "meeting moved"),
        );
        changes.push({ unitCode: unit.code, meetingId: found.id, startsAt, change: "moved" });
      }
    }
  }
  if (fresh.length > 0) await tx.meeting.createMany({ data: fresh });
  const upcoming = await tx.meeting.findMany({
    where: { unitId: { in: units.map((u) => u.id) }, status: "PLANNED", startsAt: { gt: now } },
    include: { unit: true },
    orderBy: [{ startsAt: "asc" }, { unitId: "asc" }],
  });
  const intents = await reminderIntentsFor(tx, upcoming, settings, now, options);
  return { changes, created: await writeIntents(tx, intents), cancelled };
}

/** A calendar shared by one planning pass, and the late fan-outs it found, merged per target. */
function newPlanContext(services: Services) {
  const { db, settings } = services;
  const byTarget = new Map<string, LateFanout>();
  const options: ReminderIntentOptions = {
    calendar: new SendCalendar(db, settings.sendCapacityPerSecond, settings.quietHours),
    onLate: (entry) => {
      const key = `${entry.kind}_${entry.target.getTime()}`;
      const known = byTarget.get(key);
      if (known) {
        known.late += entry.late;
        known.total += entry.total;
      } else byTarget.set(key, { ...entry });
    },
  };
  return { options, late: () => [...byTarget.values()] };
}

/** Reminder rows for every upcoming meeting of a unit (idempotent: existing keys are skipped). */
async function writeReminderIntents(
  tx: Prisma.TransactionClient,
  unitId: string,
  services: Services,
  options: ReminderIntentOptions = {},
): Promise<DueDelivery[]> {
  const now = services.clock.now();
  const upcoming = await tx.meeting.findMany({
    where: { unitId, status: "PLANNED", startsAt: { gt: now } },
    include: { unit: true },
    orderBy: { startsAt: "asc" },
  });
  return writeIntents(tx, await reminderIntentsFor(tx, upcoming, services.settings, now, options));
}

/** After a change that affects who gets reminders (a member linked, joined, left): top them up. */
export async function syncReminders(services: Services, unitId: string): Promise<number> {
  const plan = newPlanContext(services);
  const created = await services.db.$transaction(
    (tx) => writeReminderIntents(tx, unitId, services, plan.options),
    BOUNDED_TX,
  );
  await services.dispatcher.dispatch(created);
  for (const entry of plan.late()) reportLateFanout(entry);
  return created.length;
}

export const meetingDurationMinutes = (meeting: Pick<Meeting, "kind">) =>
  MEETING_MINUTES[meeting.kind];
