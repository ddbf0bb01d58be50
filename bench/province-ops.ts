// `npx tsx bench/province-ops.ts` with DATABASE_URL of a seeded province (`seed province`): times one
// alert sweep and the monthly report at that size, and prints EXPLAIN ANALYZE of the hot queries.
// Not part of `npm run bench` (it works on an existing database and writes alerts into it).
// `ONLY=report` times the report alone and writes nothing. `ONLY=reconcile` times the reconciler
// (the worker's every-5-minute check of the ledger against the queue) on the seed's pending rows:
// a first run that queues them into an empty Redis prefix, then a second with everything queued,
// and Redis's memory for those jobs; it removes its keys after.
import os from "node:os";
import { Redis } from "ioredis";
import { offlineServices } from "../src/cli/offline.ts";
import { ManualClock } from "../src/clock.ts";
import { createDeliveryQueue } from "../src/jobs/queues.ts";
import { reconcile } from "../src/jobs/reconciler.ts";
import { sweepAlerts } from "../src/services/alert-sweep.ts";
import { monthlyReport } from "../src/services/report/index.ts";
import { benchPrefix, deleteKeys, REDIS_URL } from "./support.ts";

const now = new Date(process.env.NOW ?? "2026-11-25T09:00:00+07:00");
const services = offlineServices(process.env, new ManualClock(now), { poolSize: 10 });
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
console.log(`province-ops: load ${load()}`);
if (process.env.ONLY === "reconcile") {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const prefix = benchPrefix();
  const queue = createDeliveryQueue({ connection: redis, prefix });
  const memory = async () => Number((await redis.info("memory")).match(/used_memory:(\d+)/)![1]);
  const before = await memory();
  const figures: Record<string, unknown> = {};
  for (const run of ["first", "second"]) {
    const started = performance.now();
    const result = await reconcile(services.db, queue, services.clock, {
      horizonMs: services.settings.dispatchHorizonMs,
    });
    const seconds = (performance.now() - started) / 1000;
    const jobs = await queue.getDelayedCount();
    const mb = ((await memory()) - before) / 1e6;
    console.log(
      `reconcile (${run}): ${JSON.stringify(result)} in ${seconds.toFixed(1)} s; ${jobs} delayed jobs, ${mb.toFixed(0)} MB of Redis (load ${load()})`,
    );
    figures[run] = {
      seconds: Number(seconds.toFixed(1)),
      ...result,
      delayedJobs: jobs,
      redisMb: Math.round(mb),
    };
  }
  await queue.close();
  await deleteKeys(redis, prefix);
  await redis.quit();
  await services.db.$disconnect();
  console.log(JSON.stringify({ reconcile: figures }));
  process.exit(0);
}
let t = performance.now();
const cpu = process.cpuUsage();
const report = await monthlyReport(services, { month: "2026-10", scope: { kind: "all" }, now });
const seconds = (performance.now() - t) / 1000;
const used = process.cpuUsage(cpu);
console.log(
  `report 2026-10: ${JSON.stringify(report).length} bytes of figures in ${seconds.toFixed(1)} s, ${((used.user + used.system) / 1e6).toFixed(1)} s of this process's CPU (load ${load()})`,
);
if (process.env.ONLY === "report") {
  await services.db.$disconnect();
  process.exit(0);
}
t = performance.now();
const swept = await sweepAlerts(services);
console.log(
  `alert sweep: ${JSON.stringify(swept)} in ${((performance.now() - t) / 1000).toFixed(1)} s (load ${load()})`,
);
for (const [name, sql] of [
  [
    "worker claim",
    `EXPLAIN ANALYZE UPDATE "Delivery" SET status = 'SENDING' WHERE id = (SELECT id FROM "Delivery" WHERE status = 'PENDING' LIMIT 1) AND status = 'PENDING' RETURNING id`,
  ],
  [
    "calendar load (a day of pending sends)",
    `EXPLAIN ANALYZE SELECT floor(extract(epoch FROM "dueAt"))::bigint, count(*) FROM "Delivery" WHERE status = 'PENDING' AND "dueAt" >= '2026-11-30' AND "dueAt" < '2026-12-01' GROUP BY 1`,
  ],
  [
    "reminders of 100 meetings (planner batch)",
    `EXPLAIN ANALYZE SELECT "meetingId", "idempotencyKey" FROM "Delivery" WHERE "meetingId" = ANY(ARRAY(SELECT id FROM "Meeting" WHERE status = 'PLANNED' LIMIT 100)) AND kind = 'reminder'`,
  ],
  [
    "overview: a meeting's pending reminders",
    `EXPLAIN ANALYZE SELECT payload->>'reminder', min("dueAt") FROM "Delivery" WHERE "meetingId" = (SELECT id FROM "Meeting" WHERE status = 'PLANNED' LIMIT 1) AND kind = 'reminder' AND status = 'PENDING' GROUP BY 1`,
  ],
] as const) {
  const rows = await services.db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(sql);
  console.log(`\n-- ${name}\n${rows.map((r) => r["QUERY PLAN"]).join("\n")}`);
}
await services.db.$disconnect();
