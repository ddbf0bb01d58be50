import { loadConfig } from "../config.ts";
import { toLocalIso } from "../domain/schedule.ts";
import { createRuntime } from "../runtime.ts";
import { runPlanner } from "../services/planner.ts";
import type { Io } from "./io.ts";

/** `planner run [--months N]`: plans now and prints what it created or moved. */
export async function planner(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  const monthsFlag = rest.indexOf("--months");
  const months = monthsFlag >= 0 ? Number(rest[monthsFlag + 1]) : 3;
  if (sub !== "run" || !Number.isInteger(months) || months < 1 || months > 24) {
    io.stderr.write("usage: npm run cli -- planner run [--months N]   (N from 1 to 24)\n");
    return 2;
  }
  const runtime = createRuntime(loadConfig());
  try {
    const result = await runPlanner(runtime.services, { months });
    for (const c of result.changes)
      io.stdout.write(`${c.change}\t${c.unitCode}\t${toLocalIso(c.startsAt)}\n`);
    io.stdout.write(
      `${result.changes.filter((c) => c.change === "created").length} created, ` +
        `${result.changes.filter((c) => c.change === "moved").length} moved, ${result.deliveries} reminders queued\n`,
    );
    return 0;
  } finally {
    await runtime.close();
  }
}
