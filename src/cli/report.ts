import { writeFile } from "node:fs/promises";
import { systemClock } from "../clock.ts";
import { UserError } from "../services/errors.ts";
import {
  renderReportCsv,
  renderReportJson,
  renderReportTable,
  renderReportXlsx,
} from "../services/report/export.ts";
import {
  defaultReportMonth,
  isReportMonth,
  type MonthlyReport,
  monthlyReport,
  monthOf,
} from "../services/report/index.ts";
import { ArgumentError, type Command, parseArguments } from "./io.ts";
import { offlineServices } from "./offline.ts";

const FORMATS = ["table", "csv", "xlsx", "json"] as const;
type Format = (typeof FORMATS)[number];

const USAGE =
  "usage: npm run cli -- report [--month YYYY-MM] [--unit CODE] [--format table|csv|xlsx|json] [--out FILE]\n" +
  "  --month   the month to report (default: the previous month, Asia/Ho_Chi_Minh)\n" +
  "  --unit    a unit's code: that unit and every cell under it (default: all)\n" +
  "  --format  table (default), csv (UTF-8 with BOM, comma-separated), xlsx, json\n" +
  "  --out     write to FILE instead of the standard output (required for xlsx)";

interface Options {
  month?: string;
  unit?: string;
  format: Format;
  out?: string;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { format: "table" };
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") throw new ArgumentError("");
    const match = /^--(month|unit|format|out)(?:=(.*))?$/.exec(arg);
    if (!match) throw new ArgumentError(`unknown argument "${arg}"`);
    const name = match[1] as "month" | "unit" | "format" | "out";
    const value = match[2] ?? argv[++i];
    if (value === undefined || value === "" || (match[2] === undefined && value.startsWith("--")))
      throw new ArgumentError(`--${name} needs a value`);
    if (seen.has(name)) throw new ArgumentError(`--${name} given twice`);
    seen.add(name);
    if (name === "format") {
      if (!FORMATS.includes(value as Format))
        throw new ArgumentError(`--format must be one of ${FORMATS.join(", ")}, not "${value}"`);
      options.format = value as Format;
    } else options[name] = value;
  }
  if (options.month !== undefined && !isReportMonth(options.month))
    throw new ArgumentError(`--month must be YYYY-MM (e.g. 2026-11), not "${options.month}"`);
  if (options.format === "xlsx" && !options.out)
    throw new ArgumentError("--format xlsx needs --out FILE.xlsx");
  return options;
}

/** `report`: the monthly report of all cells or of one unit's subtree, in the chosen format. */
export const report: Command = async (argv, io) => {
  const options = parseArguments("report", () => parseArgs(argv), io, USAGE);
  if (typeof options === "number") return options;
  const now = systemClock.now();
  const month = options.month ?? defaultReportMonth(now);
  if (month > monthOf(now)) {
    io.stderr.write(`report: ${month} has not begun yet: there is nothing to report\n`);
    return 2;
  }

  const services = offlineServices(process.env, systemClock, { poolSize: 4 });
  const { db, t } = services;
  let data: MonthlyReport;
  try {
    data = await monthlyReport(services, {
      month,
      scope: options.unit ? { kind: "unit", code: options.unit } : { kind: "all" },
      now,
    });
  } catch (error) {
    if (error instanceof UserError && error.key === "report-unknown-unit") {
      io.stderr.write(`report: unknown unit "${options.unit}"\n`);
      return 2;
    }
    throw error;
  } finally {
    await db.$disconnect();
  }

  const output: string | Buffer =
    options.format === "xlsx"
      ? await renderReportXlsx(t, data)
      : options.format === "csv"
        ? renderReportCsv(t, data)
        : options.format === "json"
          ? renderReportJson(data)
          : renderReportTable(t, data);
  if (!options.out) {
    // Only text formats get here: xlsx always has --out.
    io.stdout.write(output.toString());
    return 0;
  }
  try {
    await writeFile(options.out, output);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    io.stderr.write(`report: cannot write ${options.out} (${code})\n`);
    return 2;
  }
  io.stdout.write(
    `${options.out}: ${options.format}, ${month}, ${data.units.length} meeting units\n`,
  );
  return 0;
};
