// `npx tsx bench/planner-run.ts [--reset]` with DATABASE_URL of a seeded province (`seed province
// --skip-plan`): times the planner's first run and a second one right after (everything planned
// already), as the nightly job runs it (without the queue: the reconciler enqueues). Besides the
// wall time it prints the CPU seconds of this process and of this database's PostgreSQL backends
// (read from /proc, so on the database's machine only): on a shared machine the wall time follows
// the load, the CPU seconds much less. `--reset` first deletes what an earlier planner run made.
// Not part of `npm run bench` (it works on an existing database and writes into it).
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import { offlineServices } from "../src/cli/offline.ts";
import { ManualClock } from "../src/clock.ts";
import { runPlanner } from "../src/services/planner.ts";

const now = new Date(process.env.NOW ?? "2026-11-25T09:00:00+07:00");
const database = new URL(process.env.DATABASE_URL ?? "postgresql://x/chibo").pathname.slice(1);
const services = offlineServices(process.env, new ManualClock(now), { poolSize: 10 });
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
const TICK = 100; // clock ticks per second (USER_HZ) on Linux

/** CPU seconds so far of each PostgreSQL backend serving `database`, by pid. */
function backendCpu(): Map<string, number> {
  const cpu = new Map<string, number>();
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (!cmdline.startsWith("postgres: ") || !cmdline.split(" ").includes(database)) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      cpu.set(pid, (Number(fields[11]) + Number(fields[12])) / TICK);
    } catch {
      // The process ended meanwhile.
    }
  }
  return cpu;
}

if (process.argv.includes("--reset")) {
  await services.db.$executeRaw`DELETE FROM "Delivery" WHERE kind = 'reminder'`;
  await services.db.$executeRaw`DELETE FROM "Meeting" WHERE status = 'PLANNED'`;
  await services.db.$executeRaw`VACUUM ANALYZE "Delivery"`;
  await services.db.$executeRaw`VACUUM ANALYZE "Meeting"`;
}
console.log(`planner-run: now ${now.toISOString()}, load ${load()}`);
for (const run of ["first", "second"]) {
  const pgBefore = backendCpu();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const result = await runPlanner(services);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  let pg = 0;
  for (const [pid, total] of backendCpu()) pg += total - (pgBefore.get(pid) ?? 0);
  const late = (result.late ?? []).map(
    (l) => `${l.kind}@${l.target.toISOString()} ${l.late}/${l.total}`,
  );
  console.log(
    `${run} run: ${result.changes.length} meetings, ${result.deliveries} reminder rows in ${seconds.toFixed(1)} s ` +
      `(CPU: node ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, PostgreSQL ${pg.toFixed(1)} s; load ${load()}); ` +
      `late: ${late.join(", ") || "none"}`,
  );
}
await services.db.$disconnect();
