import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

// Spawns the real CLI as `npm run cli` would, to prove exit codes and streams end to end.
async function cli(...input: (string | Record<string, string>)[]) {
  const args = input.filter((a): a is string => typeof a === "string");
  const env = { ...process.env, ...input.find((a) => typeof a === "object") };
  try {
    const { stdout, stderr } = await promisify(execFile)(
      "npx",
      ["tsx", "src/cli/main.ts", ...args],
      { env },
    );
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
    const { code, stderr } = await cli("baocao");
    expect({ code, firstLine: stderr.split("\n")[0] }).toEqual({
      code: 2,
      firstLine: 'unknown command "baocao"; usage:',
    });
  });

  it("says in one line when the database does not exist, without a stack or Prisma's dump", async () => {
    const { code, stderr } = await cli("report", {
      DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/chibo_missing_db",
    });
    expect({ code, stderr }).toEqual({
      code: 1,
      stderr:
        "report: Database `chibo_missing_db` does not exist on the database server; start PostgreSQL, check DATABASE_URL and run npm run db:migrate\n",
    });
  });
});
