import { Queue, Worker } from "bullmq";
import type { Logger } from "pino";
import { TIME_ZONE } from "../domain/schedule.ts";
import type { Runtime } from "../runtime.ts";
import { sweepAlerts } from "../services/alert-sweep.ts";
import { runPlanner } from "../services/planner.ts";
import { pruneProcessedUpdates } from "../services/update-ledger.ts";
import { MAINTENANCE_QUEUE } from "./queues.ts";
import { reconcile } from "./reconciler.ts";

/** One handler per maintenance job; the schedulers are upserted at every start (idempotent). */
export async function startMaintenance(runtime: Runtime, logger: Logger) {
  const { queueSettings, services, deliveryQueue, db } = runtime;
  const queue = new Queue(MAINTENANCE_QUEUE, queueSettings);
  await queue.upsertJobScheduler(
    "planner",
    { pattern: "5 0 * * *", tz: TIME_ZONE },
    { name: "planner" },
  );
  await queue.upsertJobScheduler(
    "reconcile",
    { pattern: "*/5 * * * *", tz: TIME_ZONE },
    { name: "reconcile" },
  );
  // Time-driven alerts (R2 day 25 and month end, R2c, open roll calls, UNKNOWN digests).
  await queue.upsertJobScheduler(
    "alert-sweep",
    { pattern: "*/15 * * * *", tz: TIME_ZONE },
    { name: "alert-sweep" },
  );

  // The exactly-once ledger of incoming updates keeps a week (platforms redeliver within a day).
  await queue.upsertJobScheduler(
    "prune-updates",
    { pattern: "15 3 * * *", tz: TIME_ZONE },
    { name: "prune-updates" },
  );

  const handlers: Record<string, () => Promise<unknown>> = {
    // At province size a run changes tens of thousands of meetings: log the counts, not the list.
    planner: async () => {
      const { changes, deliveries, late } = await runPlanner(services, { logger });
      return { changes: changes.length, deliveries, lateOffsets: late?.length ?? 0 };
    },
    reconcile: () =>
      reconcile(db, deliveryQueue, services.clock, {
        horizonMs: services.settings.dispatchHorizonMs,
      }),
    "alert-sweep": () => sweepAlerts(services, { logger }),
    "prune-updates": () => pruneProcessedUpdates(db),
  };
  const worker = new Worker(
    MAINTENANCE_QUEUE,
    async (job) => {
      const handler = handlers[job.name];
      if (!handler) throw new Error(`No handler for maintenance job "${job.name}"`);
      const result = await handler();
      logger.info({ job: job.name, result }, "maintenance job done");
      return result;
    },
    { ...queueSettings, concurrency: 1 },
  );
  return { queue, worker };
}
