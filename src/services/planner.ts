import type { Meeting, Prisma, Unit } from "@prisma/client";
import { fromZonedTime } from "date-fns-tz";
import type pg from "pg";
import { pgPool } from "../db/client.ts";
import { pgSql, type Sql, timeOrderedUuid } from "../db/sql.ts";
import { shiftToWorkingDay } from "../domain/holidays.ts";
import { localDate } from "../domain/local-time.ts";
import { defaultMeetingStart, parseDayRule, TIME_ZONE } from "../domain/schedule.ts";
import { remindersPlannedLate } from "../metrics.ts";
import type { Services } from "./context.ts";
import {
  cancelPending,
  copyIntents,
  type DeliveryIntent,
  type DueDelivery,
  writeIntents,
} from "./ledger.ts";
import {
  type LateFanout,
  loadCommittee,
  loadReminderData,
  type PlanMeeting,
  planReminderIntents,
  type ReminderIntentOptions,
  reminderIntentsFor,
} from "./reminders.ts";
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
 * Batches of cells, each written in its own small transaction; a batch's reads overlap the
 * previous batch's write, the send times are planned batch after batch on one calendar.
 */
export async function runPlanner(
  services: Services,
  options: { unitIds?: string[]; months?: number; logger?: PlanLogger } = {},
): Promise<PlanResult> {
  const { db, clock, settings } = services;
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
  const pool = pgPool(db);
  const sql = pgSql(pool);
  const inCharge = [...units.map((u) => u.id), ...units.flatMap((u) => u.parentId ?? [])];
  const committee = await loadCommittee(sql, [...new Set(inCharge)]);
  const read = (batch: Unit[]) =>
    settled(
      readBatch(sql, batch, months, settings, now).then(async (b) => ({
        ...b,
        data: await loadReminderData(sql, b.upcoming, committee),
      })),
    );
  const batches = Array.from({ length: Math.ceil(units.length / PLAN_BATCH) }, (_, i) =>
    units.slice(i * PLAN_BATCH, (i + 1) * PLAN_BATCH),
  );
  // The next batches are read while this one is planned and the previous one is written.
  const ahead = batches.slice(0, READ_AHEAD).map(read);
  const result: PlanResult = { changes: [], deliveries: 0 };
  let writing: Promise<void> = Promise.resolve();
  try {
    for (let i = 0; i < batches.length; i++) {
      const batch = await ahead.shift()!;
      const later = batches[i + READ_AHEAD];
      if (later) ahead.push(read(later));
      const cancelled = await moveMeetings(services, batch.moves);
      const intents = await planReminderIntents(
        batch.upcoming,
        batch.data,
        settings,
        now,
        plan.options,
      );
      result.changes.push(...batch.changes);
      // One write in flight; its send times were taken from the calendar before it starts.
      await writing;
      writing = settled(
        writeBatch(pool, batch.fresh, intents).then(async (created) => {
          await services.dispatcher.dispatch(created, cancelled);
          result.deliveries += created.length;
        }),
      );
    }
    await writing;
  } finally {
    // After a failure, what is still running ends before the error is thrown.
    await Promise.allSettled([writing, ...ahead]);
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

/** A promise awaited later: its failure is not "unhandled" in the meantime. */
function settled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

function reportLateFanout(entry: LateFanout): void {
  remindersPlannedLate.inc({ offset: entry.kind }, entry.late);
}

/** Meeting units planned per transaction (a province's 10,000 cells in 100 transactions). */
const PLAN_BATCH = 100;
/** Batches read ahead of the one being planned (each read takes a few of the pool's connections). */
const READ_AHEAD = 2;
/**
 * One batch's write: two statements for 100 cells (about 200 meetings, 15,000 reminder rows on a
 * first run). Bounded by the batch size, not by CPU speed; the limit only catches a stuck one.
 */
const PLAN_STATEMENT_TIMEOUT_MS = 120_000;

interface MeetingRow {
  id: string;
  unitId: string;
  plannerKey: string | null;
  startsAt: Date;
  status: Meeting["status"];
  setBySecretary: boolean;
}

interface FreshMeeting {
  id: string;
  unitId: string;
  plannerKey: string;
  startsAt: Date;
  plannedEndAt: Date;
  place: string | null;
}

interface Move {
  id: string;
  startsAt: Date;
  plannedEndAt: Date;
}

/**
 * R1/R2 meetings of `units` for `months`: the ones to create, the ones to move (the cell's defaults
 * or the policy changed), and then every upcoming planned meeting of these units in start order.
 */
async function readBatch(
  sql: Sql,
  units: Unit[],
  months: string[],
  settings: Services["settings"],
  now: Date,
) {
  const changes: PlanChange[] = [];
  const rows = await sql<MeetingRow>(
    `SELECT id, "unitId", "plannerKey", "startsAt", status::text AS status, "setBySecretary"
    FROM "Meeting"
    WHERE "unitId" = ANY($1::uuid[])
      AND ("plannerKey" = ANY($2::text[]) OR (status = 'PLANNED' AND "startsAt" > $3))`,
    [units.map((u) => u.id), months.map((m) => `regular-${m}`), now],
  );
  const byKey = new Map(rows.map((m) => [`${m.unitId}_${m.plannerKey}`, m]));
  const fresh: FreshMeeting[] = [];
  const moves: Move[] = [];
  for (const unit of units) {
    for (const month of months) {
      const startsAt = plannedStart(unit, month, settings);
      if (!startsAt || startsAt <= now) continue;
      const plannerKey = `regular-${month}`;
      const found = byKey.get(`${unit.id}_${plannerKey}`);
      const plannedEndAt = new Date(startsAt.getTime() + MEETING_MINUTES.REGULAR * 60_000);
      if (!found) {
        const id = timeOrderedUuid();
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
        // Follow the new default, and replace the reminders (see moveMeetings).
        moves.push({ id: found.id, startsAt, plannedEndAt });
        found.startsAt = startsAt;
        changes.push({ unitCode: unit.code, meetingId: found.id, startsAt, change: "moved" });
      }
    }
  }
  const unitOf = new Map(units.map((u) => [u.id, u]));
  const upcoming: PlanMeeting[] = [
    ...rows,
    ...fresh.map((m) => ({ ...m, status: "PLANNED" as const })),
  ]
    .filter((m) => m.status === "PLANNED" && m.startsAt > now)
    .map((m) => ({
      id: m.id,
      unitId: m.unitId,
      startsAt: m.startsAt,
      status: m.status,
      unit: unitOf.get(m.unitId)!,
    }))
    .sort(
      (a, b) =>
        a.startsAt.getTime() - b.startsAt.getTime() ||
        (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0),
    );
  return { changes, fresh, moves, upcoming };
}

/** Moved meetings get their new start, and their pending reminders are cancelled. */
async function moveMeetings(services: Services, moves: Move[]): Promise<string[]> {
  if (moves.length === 0) return [];
  return services.db.$transaction(async (tx) => {
    let cancelled: string[] = [];
    for (const { id, startsAt, plannedEndAt } of moves) {
      await tx.meeting.update({ where: { id }, data: { startsAt, plannedEndAt } });
      cancelled = cancelled.concat(
        await cancelPending(tx, { meetingId: id, kind: "reminder" }, "meeting moved"),
      );
    }
    return cancelled;
  }, BOUNDED_TX);
}

/** A batch's new meetings and reminder rows, in one transaction. */
async function writeBatch(
  pool: pg.Pool,
  fresh: FreshMeeting[],
  intents: DeliveryIntent[],
): Promise<DueDelivery[]> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query(`SET LOCAL statement_timeout = ${PLAN_STATEMENT_TIMEOUT_MS}`);
    if (fresh.length > 0) {
      await client.query(
        `INSERT INTO "Meeting" (id, "unitId", "plannerKey", "startsAt", "plannedEndAt", place,
          "updatedAt")
        SELECT m.*, now()
        FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::timestamptz[],
          $6::text[]) AS m`,
        [
          fresh.map((m) => m.id),
          fresh.map((m) => m.unitId),
          fresh.map((m) => m.plannerKey),
          fresh.map((m) => m.startsAt.toISOString()),
          fresh.map((m) => m.plannedEndAt.toISOString()),
          fresh.map((m) => m.place),
        ],
      );
    }
    const created = await copyIntents(client, intents);
    await client.query("COMMIT");
    return created;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** A calendar shared by one planning pass, and the late fan-outs it found, merged per target. */
function newPlanContext(services: Services) {
  const { db, settings } = services;
  const byTarget = new Map<string, LateFanout>();
  const options: ReminderIntentOptions & { calendar: SendCalendar } = {
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
