import { parseArgs } from "node:util";
import { type Policy, resolvePolicy } from "../domain/policy.ts";
import {
  type CellKind,
  type DayRule,
  effectiveDayRule,
  meetingStarts,
  parseDayRule,
  parseMonth,
  parseTimeOfDay,
  toLocalIso,
} from "../domain/schedule.ts";
import { ArgumentError, type Io, parseArguments } from "./io.ts";

const MAX_MONTHS = 1200;

/** `schedule …`: prints the default regular meeting starts, one ISO 8601 instant a line. */
export async function schedule(argv: string[], io: Io): Promise<number> {
  const input = parseArguments("schedule", () => parseScheduleArgs(argv), io);
  if (typeof input === "number") return input;
  for (const start of meetingStarts(input)) io.stdout.write(`${toLocalIso(start)}\n`);
  return 0;
}

function parseScheduleArgs(argv: string[]) {
  const { values } = parseOptions(argv);
  const policy = parsePolicy(values.policy ?? []);
  const kind = parseKind(values.kind);
  const dayRule = values["day-rule"] === undefined ? undefined : parseRule(values["day-rule"]);
  if (kind === "residential" && dayRule) {
    throw new ArgumentError("--day-rule is only for --kind other: residential cells meet on day 3");
  }
  if (!effectiveDayRule(kind, dayRule, policy)) {
    throw new ArgumentError("--kind other needs --day-rule (or --policy day3=all)");
  }
  const time = required(values.time, "--time", "HH:mm");
  if (!parseTimeOfDay(time)) throw new ArgumentError(`--time must be HH:mm, got "${time}"`);
  const from = required(values.from, "--from", "YYYY-MM");
  if (!parseMonth(from)) throw new ArgumentError(`--from must be YYYY-MM, got "${from}"`);
  const monthsText = required(values.months, "--months", "N");
  const months = Number(monthsText);
  if (!/^\d+$/.test(monthsText) || months < 1 || months > MAX_MONTHS) {
    throw new ArgumentError(
      `--months must be a whole number from 1 to ${MAX_MONTHS}, got "${monthsText}"`,
    );
  }
  return { kind, dayRule, time, from, months, policy };
}

function parseOptions(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        kind: { type: "string" },
        "day-rule": { type: "string" },
        time: { type: "string" },
        from: { type: "string" },
        months: { type: "string" },
        policy: { type: "string", multiple: true },
      },
    });
  } catch (error) {
    // node:util reports unknown or incomplete options with a readable one-line message.
    throw new ArgumentError(error instanceof Error ? error.message : String(error));
  }
}

function parseKind(text: string | undefined): CellKind {
  const kind = required(text, "--kind", "residential|other");
  if (kind !== "residential" && kind !== "other") {
    throw new ArgumentError(`--kind must be residential or other, got "${kind}"`);
  }
  return kind;
}

function parseRule(text: string): DayRule {
  const rule = parseDayRule(text);
  if (!rule) {
    throw new ArgumentError(
      `--day-rule must be day-N (1-31) or first|second|third|fourth|last-<weekday>, got "${text}"`,
    );
  }
  return rule;
}

function parsePolicy(settings: string[]): Policy {
  let day3: Policy["day3"] | undefined;
  for (const setting of settings) {
    const [key, value] = setting.split("=", 2);
    if (key !== "day3" || (value !== "all" && value !== "residential")) {
      throw new ArgumentError(`--policy must be day3=all or day3=residential, got "${setting}"`);
    }
    day3 = value;
  }
  return resolvePolicy({ day3 });
}

function required(value: string | undefined, option: string, shape: string): string {
  if (value === undefined) throw new ArgumentError(`${option} ${shape} is required`);
  return value;
}
