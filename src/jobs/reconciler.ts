import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { Clock } from "../clock.ts";
import type { Db } from "../db/client.ts";
import { query, sql } from "../db/sql.ts";
import type { Dispatcher } from "../services/context.ts";
import type { DueDelivery } from "../services/ledger.ts";
import { markSent } from "../services/ledger.ts";
import {
  type DeliveryJobData,
  deliveryJobId,
  enqueueDeliveries,
  removeDeliveryJobs,
} from "./queues.ts";
import { UnrecordedSends } from "./unrecorded-sends.ts";

/**
 * The queue side of the outbox: committed rows due within the horizon become delayed jobs (the
 * later ones are queued by the reconciler as they come within it), cancelled rows lose theirs.
 */
export function queueDispatcher(
  queue: Queue<DeliveryJobData>,
  clock: Clock,
  horizonMs: number,
): Dispatcher {
  return {
    async dispatch(created: DueDelivery[], cancelledIds: string[] = []) {
      const until = clock.now().getTime() + horizonMs;
      await enqueueDeliveries(
        queue,
        created.filter((row) => row.dueAt.getTime() <= until),
        clock,
      );
      await removeDeliveryJobs(queue, cancelledIds);
    },
  };
}

/** PENDING rows due by `until`, in due order from after `after` (keyset: the status/due index). */
function pendingDueBy(db: Db, until: Date, after: { dueAt: Date; id: string } | undefined) {
  const from = after?.dueAt ?? new Date(0);
  return query<DueDelivery>(
    db,
    sql`SELECT id, "dueAt", platform, "chatId" FROM "Delivery"
        WHERE status = 'PENDING' AND "dueAt" BETWEEN ${from}::timestamptz AND ${until}::timestamptz
          AND ("dueAt", id) > (${from}::timestamptz, ${after?.id ?? NIL_UUID}::uuid)
        ORDER BY "dueAt", id LIMIT 2000`,
  );
}
const NIL_UUID = "00000000-0000-0000-0000-000000000000";

/**
 * Every PENDING row due within the horizon gets a job if it has none (it came within the horizon,
 * Redis lost it, or its job finished after a release); returns how many were queued.
 */
export async function queueDueWithin(
  db: Db,
  queue: Queue<DeliveryJobData>,
  clock: Clock,
  horizonMs: number,
): Promise<number> {
  let queued = 0;
  const until = new Date(clock.now().getTime() + horizonMs);
  for (let rows = await pendingDueBy(db, until, undefined); rows.length > 0; ) {
    queued += await requeueMissing(queue, rows, clock);
    rows = await pendingDueBy(db, until, rows.at(-1));
  }
  return queued;
}

/** Gives each of these PENDING rows a job if it has no live one; returns how many it queued. */
export async function requeueMissing(
  queue: Queue<DeliveryJobData>,
  rows: DueDelivery[],
  clock: Clock,
): Promise<number> {
  const states = await Promise.all(rows.map((r) => queue.getJobState(deliveryJobId(r.id))));
  // A finished job whose row is still PENDING was released (429, 5xx) and must run again.
  const finished = rows.filter((_, i) => states[i] === "completed" || states[i] === "failed");
  const missing = rows.filter((_, i) => ["unknown", "completed", "failed"].includes(states[i]!));
  await removeDeliveryJobs(
    queue,
    finished.map((r) => r.id),
  );
  await enqueueDeliveries(queue, missing, clock);
  return missing.length;
}

export interface ReconcileResult {
  /** PENDING rows whose job was missing and has been re-created. */
  requeued: number;
  /** Jobs removed because their delivery is no longer PENDING. */
  removed: number;
  /** SENDING rows abandoned by a dead worker, now UNKNOWN for a person to check. */
  abandoned: number;
  /** SENDING rows whose send had arrived (message id kept in Redis), now SENT. */
  recovered: number;
}

/**
 * The database is the truth: every PENDING delivery due within the horizon gets its job (it came
 * within it since the last round, or Redis restarted, lost or was flushed), jobs of cancelled
 * deliveries go, and sends interrupted mid-way become UNKNOWN.
 */
export async function reconcile(
  db: Db,
  queue: Queue<DeliveryJobData>,
  clock: Clock,
  options: { horizonMs: number; abandonedAfterMs?: number },
): Promise<ReconcileResult> {
  const result: ReconcileResult = { requeued: 0, removed: 0, abandoned: 0, recovered: 0 };
  result.requeued = await queueDueWithin(db, queue, clock, options.horizonMs);

  const queued: string[] = [];
  for (let start = 0; ; start += 1000) {
    const jobs = await queue.getJobs(["delayed", "wait", "prioritized"], start, start + 999, true);
    queued.push(...jobs.map((j) => j?.data?.deliveryId).filter((id): id is string => Boolean(id)));
    if (jobs.length < 1000) break;
  }
  for (let i = 0; i < queued.length; i += 1000) {
    const ids = queued.slice(i, i + 1000);
    // A SENDING row's job may be between a release (busy chat slot, 429) and its move back to
    // the delayed set: it is no stale job.
    const live = await db.delivery.findMany({
      where: { id: { in: ids }, status: { in: ["PENDING", "SENDING"] } },
      select: { id: true },
    });
    const keep = new Set(live.map((r) => r.id));
    const stale = ids.filter((id) => !keep.has(id));
    await removeDeliveryJobs(queue, stale);
    result.removed += stale.length;
  }

  const abandonedBefore = new Date(
    clock.now().getTime() - (options.abandonedAfterMs ?? 5 * 60_000),
  );
  const sending = await db.delivery.findMany({
    where: { status: "SENDING", updatedAt: { lt: abandonedBefore } },
    select: { id: true },
  });
  const unrecorded = new UnrecordedSends(
    // BullMQ's client is ioredis behind a narrower interface.
    (await queue.backend.client) as unknown as Redis,
    queue.opts.prefix ?? "bull",
  );
  for (const row of sending) {
    // Sent while the database was away, by a worker that then stopped: SENT after all (even if
    // its job still looks active: the send is known to have arrived).
    const known = await unrecorded.recall(row.id);
    if (known) {
      await markSent(db, [{ id: row.id, ...known }]);
      await unrecorded.forget(row.id);
      result.recovered += 1;
      continue;
    }
    if ((await queue.getJobState(deliveryJobId(row.id))) === "active") continue;
    const { count } = await db.delivery.updateMany({
      where: { id: row.id, status: "SENDING" },
      data: { status: "UNKNOWN", error: "abandoned while sending" },
    });
    result.abandoned += count;
  }
  return result;
}
