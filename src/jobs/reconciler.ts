import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { Clock } from "../clock.ts";
import type { Db } from "../db/client.ts";
import type { Dispatcher } from "../services/context.ts";
import type { DueDelivery } from "../services/ledger.ts";
import { DUE_DELIVERY, markSent } from "../services/ledger.ts";
import {
  type DeliveryJobData,
  deliveryJobId,
  enqueueDeliveries,
  removeDeliveryJobs,
} from "./queues.ts";
import { UnrecordedSends } from "./unrecorded-sends.ts";

/** The queue side of the outbox: committed rows become delayed jobs, cancelled rows lose theirs. */
export function queueDispatcher(queue: Queue<DeliveryJobData>, clock: Clock): Dispatcher {
  return {
    async dispatch(created: DueDelivery[], cancelledIds: string[] = []) {
      await enqueueDeliveries(queue, created, clock);
      await removeDeliveryJobs(queue, cancelledIds);
    },
  };
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
 * The database is the truth: every PENDING delivery gets its job back (after a restart, a lost or
 * flushed Redis), jobs of cancelled deliveries go, and sends interrupted mid-way become UNKNOWN.
 */
export async function reconcile(
  db: Db,
  queue: Queue<DeliveryJobData>,
  clock: Clock,
  options: { abandonedAfterMs?: number } = {},
): Promise<ReconcileResult> {
  const result: ReconcileResult = { requeued: 0, removed: 0, abandoned: 0, recovered: 0 };
  let cursor: string | undefined;
  for (;;) {
    const rows = await db.delivery.findMany({
      where: { status: "PENDING" },
      select: DUE_DELIVERY,
      orderBy: { id: "asc" },
      take: 2000,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (rows.length === 0) break;
    cursor = rows.at(-1)!.id;
    const states = await Promise.all(rows.map((r) => queue.getJobState(deliveryJobId(r.id))));
    // A finished job whose row is still PENDING was released (429, 5xx) and must run again.
    const finished = rows.filter((_, i) => states[i] === "completed" || states[i] === "failed");
    const missing = rows.filter((_, i) => ["unknown", "completed", "failed"].includes(states[i]!));
    await removeDeliveryJobs(
      queue,
      finished.map((r) => r.id),
    );
    await enqueueDeliveries(queue, missing, clock);
    result.requeued += missing.length;
  }

  const queued: string[] = [];
  for (let start = 0; ; start += 1000) {
    const jobs = await queue.getJobs(["delayed", "wait", "prioritized"], start, start + 999, true);
    queued.push(...jobs.map((j) => j?.data?.deliveryId).filter((id): id is string => Boolean(id)));
    if (jobs.length < 1000) break;
  }
  for (let i = 0; i < queued.length; i += 1000) {
    const ids = queued.slice(i, i + 1000);
    const pending = await db.delivery.findMany({
      where: { id: { in: ids }, status: "PENDING" },
      select: { id: true },
    });
    const keep = new Set(pending.map((r) => r.id));
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
