import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

// Spawns the real CLI as `npm run cli` would, to prove exit codes and streams end to end.
async function cli(...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)("npx", [
      "tsx",
      "src/cli/main.ts",
      ...args,
    ]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("CLI dispatcher", () => {
  it("runs schedule and exits 0", async () => {
    const args = "schedule --kind residential --time 19:30 --from 2026-12 --months 1".split(" ");
    expect(await cli(...args)).toEqual({
      code: 0,
      stdout: "2026-12-03T19:30:00+07:00\n",
      stderr: "",
    });
  });

  it("exits 2 with one line and no stack trace on bad rules input", async () => {
    const file = "test/fixtures/rules/not-in-cell.json";
    expect(await cli("rules", "evaluate", file)).toEqual({
      code: 2,
      stdout: "",
      stderr: `${file}: meeting 2026-03: member m3 is not in the cell on 2026-03-03\n`,
    });
  });

  it("exits 2 with the usage on an unknown command", async () => {
    const { code, stderr } = await cli("report");
    expect({ code, firstLine: stderr.split("\n")[0] }).toEqual({
      code: 2,
      firstLine: 'unknown command "report"; usage:',
    });
  });
});
