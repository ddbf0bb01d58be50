// `npx tsx bench/planner-run.ts [--reset]` with DATABASE_URL of a seeded province (`seed province
// --skip-plan`): times the planner's first run and a second one right after (everything planned
// already), as the nightly job runs it (without the queue: the reconciler enqueues). `--reset`
// first deletes what an earlier planner run made (planned meetings and reminder rows).
// Not part of `npm run bench` (it works on an existing database and writes into it).
import os from "node:os";
import { offlineServices } from "../src/cli/offline.ts";
import { ManualClock } from "../src/clock.ts";
import { runPlanner } from "../src/services/planner.ts";

const now = new Date(process.env.NOW ?? "2026-11-25T09:00:00+07:00");
const services = offlineServices(process.env, new ManualClock(now), { poolSize: 10 });
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
if (process.argv.includes("--reset")) {
  await services.db.$executeRaw`DELETE FROM "Delivery" WHERE kind = 'reminder'`;
  await services.db.$executeRaw`DELETE FROM "Meeting" WHERE status = 'PLANNED'`;
  await services.db.$executeRaw`VACUUM ANALYZE "Delivery"`;
  await services.db.$executeRaw`VACUUM ANALYZE "Meeting"`;
}
console.log(`planner-run: now ${now.toISOString()}, load ${load()}`);
for (const run of ["first", "second"]) {
  const started = performance.now();
  const result = await runPlanner(services);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const late = (result.late ?? []).map(
    (l) => `${l.kind}@${l.target.toISOString()} ${l.late}/${l.total}`,
  );
  console.log(
    `${run} run: ${result.changes.length} meetings, ${result.deliveries} reminder rows in ${seconds} s (load ${load()}); late: ${late.join(", ") || "none"}`,
  );
}
await services.db.$disconnect();
