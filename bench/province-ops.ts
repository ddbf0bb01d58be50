// `npx tsx bench/province-ops.ts` with DATABASE_URL of a seeded province (`seed province`): times one
// alert sweep and the monthly report at that size, and prints EXPLAIN ANALYZE of the hot queries.
// Not part of `npm run bench` (it works on an existing database and writes alerts into it).
// `ONLY=report` times the report alone and writes nothing.
import os from "node:os";
import { offlineServices } from "../src/cli/offline.ts";
import { ManualClock } from "../src/clock.ts";
import { sweepAlerts } from "../src/services/alert-sweep.ts";
import { monthlyReport } from "../src/services/report/index.ts";

const now = new Date(process.env.NOW ?? "2026-11-25T09:00:00+07:00");
const services = offlineServices(process.env, new ManualClock(now), { poolSize: 10 });
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
console.log(`province-ops: load ${load()}`);
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
