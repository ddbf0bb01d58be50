import { describe, expect, it } from "vitest";
import { schedule } from "../../src/cli/schedule.ts";

async function run(args: string) {
  const out = { stdout: "", stderr: "" };
  const code = await schedule(args.split(" "), {
    stdout: { write: (text: string) => (out.stdout += text) },
    stderr: { write: (text: string) => (out.stderr += text) },
  });
  return { code, ...out };
}

describe("CLI schedule (R1, R2)", () => {
  it("prints one residential meeting start per line with the local offset", async () => {
    const { stdout } = await run("--kind residential --time 19:30 --from 2026-11 --months 3");
    expect(stdout).toBe(
      "2026-11-03T19:30:00+07:00\n2026-12-03T19:30:00+07:00\n2027-01-03T19:30:00+07:00\n",
    );
  });

  it("follows an other cell's day rule", async () => {
    const { stdout } = await run(
      "--kind other --day-rule last-friday --time 08:00 --from 2026-01 --months 2",
    );
    expect(stdout).toBe("2026-01-30T08:00:00+07:00\n2026-02-27T08:00:00+07:00\n");
  });

  it("puts an other cell without a day rule on day 3 under --policy day3=all", async () => {
    const { stdout } = await run(
      "--kind other --time 08:00 --from 2026-03 --months 1 --policy day3=all",
    );
    expect(stdout).toBe("2026-03-03T08:00:00+07:00\n");
  });

  it.each([
    {
      args: "--kind other --time 08:00 --from 2026-03 --months 1",
      error: "schedule: --kind other needs --day-rule (or --policy day3=all)\n",
    },
    {
      args: "--kind residential --day-rule day-5 --time 08:00 --from 2026-03 --months 1",
      error: "schedule: --day-rule is only for --kind other: residential cells meet on day 3\n",
    },
    {
      args: "--kind office --time 08:00 --from 2026-03 --months 1",
      error: 'schedule: --kind must be residential or other, got "office"\n',
    },
    {
      args: "--kind other --day-rule fifth-monday --time 08:00 --from 2026-03 --months 1",
      error:
        'schedule: --day-rule must be day-N (1-31) or first|second|third|fourth|last-<weekday>, got "fifth-monday"\n',
    },
    {
      args: "--kind residential --time 8:00 --from 2026-03 --months 1",
      error: 'schedule: --time must be HH:mm, got "8:00"\n',
    },
    {
      args: "--kind residential --time 08:00 --from 2026-13 --months 1",
      error: 'schedule: --from must be YYYY-MM, got "2026-13"\n',
    },
    {
      args: "--kind residential --time 08:00 --from 2026-03 --months 0",
      error: 'schedule: --months must be a whole number from 1 to 1200, got "0"\n',
    },
    {
      args: "--kind residential --time 08:00 --from 2026-03",
      error: "schedule: --months N is required\n",
    },
    {
      args: "--kind residential --time 08:00 --from 2026-03 --months 1 --policy day3=some",
      error: 'schedule: --policy must be day3=all or day3=residential, got "day3=some"\n',
    },
    {
      args: "--kind residential --color red",
      error: "schedule: Unknown option '--color'\n",
    },
  ])("refuses $args with exit code 2 and one line", async ({ args, error }) => {
    expect(await run(args)).toEqual({ code: 2, stdout: "", stderr: error });
  });
});
