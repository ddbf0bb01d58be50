import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { rules } from "../../src/cli/rules.ts";

const fixture = (name: string) => `test/fixtures/rules/${name}`;

async function run(...args: string[]) {
  const out = { stdout: "", stderr: "" };
  const code = await rules(args, {
    stdout: { write: (text: string) => (out.stdout += text) },
    stderr: { write: (text: string) => (out.stderr += text) },
  });
  return { code, ...out };
}

describe("CLI rules evaluate", () => {
  it("prints the whole cell's evaluation as one JSON object", async () => {
    const { code, stdout } = await run("evaluate", fixture("valid.json"));
    expect({ code, evaluation: JSON.parse(stdout) }).toEqual({
      code: 0,
      evaluation: {
        meetings: [
          {
            id: "2026-01",
            eligible: 4,
            present: 2,
            minimumPresent: 4,
            rate: 0.5,
            rateOk: false,
            unexcused: ["m3"],
            streaks: { m2: 1 },
            streakViolations: [],
          },
          {
            id: "2026-02",
            eligible: 4,
            present: 2,
            minimumPresent: 4,
            rate: 0.5,
            rateOk: false,
            unexcused: ["m3"],
            streaks: { m2: 2 },
            streakViolations: [],
          },
          {
            id: "2026-03",
            eligible: 3,
            present: 1,
            minimumPresent: 3,
            rate: 1 / 3,
            rateOk: false,
            unexcused: ["m3"],
            streaks: { m2: 3 },
            streakViolations: [],
          },
          {
            id: "2026-04",
            eligible: 3,
            present: 2,
            minimumPresent: 3,
            rate: 2 / 3,
            rateOk: false,
            unexcused: [],
            streaks: { m2: 4 },
            streakViolations: ["m2"],
          },
        ],
        members: [
          { id: "m1", unexcusedMonthsByYear: {}, removalConsideration: [] },
          { id: "m2", unexcusedMonthsByYear: {}, removalConsideration: [] },
          { id: "m3", unexcusedMonthsByYear: { "2026": 3 }, removalConsideration: ["2026"] },
          { id: "m4", unexcusedMonthsByYear: {}, removalConsideration: [] },
        ],
      },
    });
  });

  it.each([
    {
      file: "unknown-status.json",
      error:
        'member m4: status #1: kind: unknown status "retired" (expected exempt or special_duty)',
    },
    {
      file: "unknown-member.json",
      error: "meeting 2026-03: member m9 is not in the members list",
    },
    {
      file: "not-in-cell.json",
      error: "meeting 2026-03: member m3 is not in the cell on 2026-03-03",
    },
    {
      file: "impossible-date.json",
      error: 'meeting 2026-02b: date: "2026-02-30" is not a date (YYYY-MM-DD)',
    },
    { file: "missing.json", error: "no such file" },
  ])("refuses $file with exit code 2 and one line naming the problem", async ({ file, error }) => {
    const path = fixture(file);
    expect(await run("evaluate", path)).toEqual({
      code: 2,
      stdout: "",
      stderr: `${path}: ${error}\n`,
    });
  });

  // Written at run time: a malformed .json in the repository would break `biome check .`.
  it("refuses malformed JSON with exit code 2 and one line", async () => {
    const dir = await mkdtemp(join(tmpdir(), "rules-"));
    const path = join(dir, "malformed.json");
    await writeFile(path, '{"members": [');
    const { code, stderr } = await run("evaluate", path);
    await rm(dir, { recursive: true });
    // The parser's own wording differs between Node versions; the shape is what users see.
    expect({ code, stderr }).toEqual({
      code: 2,
      stderr: expect.stringMatching(new RegExp(`^${path}: malformed JSON: [^\\n]+\\n$`)),
    });
  });

  it("prints its usage for a missing file argument", async () => {
    expect((await run("evaluate")).code).toBe(2);
  });
});
