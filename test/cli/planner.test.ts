import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { freshDatabase } from "../support/db.ts";

const run = promisify(execFile);
const { db, url } = await freshDatabase();

describe("npm run cli -- planner run", () => {
  it("prints each meeting it created, then a total; a second run creates nothing", async () => {
    await db.unit.create({
      data: {
        code: "KP7",
        name: "Chi bộ Khu phố 7",
        kind: "CELL",
        cellKind: "RESIDENTIAL",
        meetingTime: "19:00",
      },
    });
    const env = {
      ...process.env,
      DATABASE_URL: url,
      REDIS_PREFIX: `t${randomBytes(4).toString("hex")}`,
    };
    const first = await run(
      process.execPath,
      ["--import", "tsx", "src/cli/main.ts", "planner", "run"],
      { env },
    );
    const lines = first.stdout.trim().split("\n");
    expect(
      lines.slice(0, -1).every((l) => /^created\tKP7\t\d{4}-\d\d-03T19:00:00\+07:00$/.test(l)),
    ).toBe(true);
    expect(lines.at(-1)).toMatch(/^[23] created, 0 moved, 0 reminders queued$/);
    const second = await run(
      process.execPath,
      ["--import", "tsx", "src/cli/main.ts", "planner", "run"],
      { env },
    );
    expect(second.stdout.trim()).toBe("0 created, 0 moved, 0 reminders queued");
  });
});
