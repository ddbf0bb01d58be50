import { access } from "node:fs/promises";
import { basename, extname } from "node:path";
import { parseArgs } from "node:util";
import { systemClock } from "../clock.ts";
import { createI18n, type Translate, translator } from "../i18n.ts";
import { SHEETS } from "../services/import/format.ts";
import {
  buildTemplate,
  ImportFileError,
  type ImportOutcome,
  importOrganisation,
  type Problem,
  readImportFiles,
} from "../services/import/index.ts";
import type { ReadResult } from "../services/import/read.ts";
import { ArgumentError, type Io, parseArguments } from "./io.ts";
import { offlineServices } from "./offline.ts";

const USAGE =
  "usage: npm run cli -- import FILE.xlsx|FILE.csv… [--partial] [--dry-run] [--lang vi|en] | import --template OUT.xlsx [--force]";
const LOCALES = ["vi", "en"];
/** Members the file leaves out, listed by code up to this many. */
const MAX_ABSENT = 20;
/** Problems (and warnings) listed up to this many, then counted: 200,000 bad rows are one screen. */
export const MAX_LISTED = 200;

interface ImportArgs {
  files: string[];
  template?: string;
  partial: boolean;
  dryRun: boolean;
  force: boolean;
  lang: string;
}

/**
 * `import FILE…`: units, cells, members, roles, status periods and committee assignments from a
 * workbook or CSV files, written whole (exit 0) or refused whole with a report (exit 2);
 * `--partial` writes the good rows. `import --template OUT.xlsx` writes the empty workbook.
 */
export async function importCommand(
  argv: string[],
  io: Io,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const args = parseArguments("import", () => parseImportArgs(argv), io);
  if (typeof args === "number") return args;
  const i18n = createI18n();
  const t = translator(i18n, args.lang);
  if (args.template !== undefined) return writeTemplate(args.template, args.force, t, io);

  let read: ReadResult;
  try {
    read = await readImportFiles(args.files);
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    io.stderr.write(
      `${t(`import-file-${error.reason}`, { file: error.file, detail: error.detail })}\n`,
    );
    return 2;
  }
  const services = offlineServices(env, systemClock, { poolSize: 2, locale: args.lang });
  const { db } = services;
  let outcome: ImportOutcome;
  try {
    outcome = await importOrganisation(services, read, {
      partial: args.partial,
      dryRun: args.dryRun,
      source: { files: args.files.map((f) => basename(f)), sha256: read.sha256 },
    });
  } finally {
    await db.$disconnect();
  }
  report(outcome, read, args, t, io);
  return outcome.status === "refused" ? 2 : 0;
}

function parseImportArgs(argv: string[]): ImportArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new ArgumentError(`${error instanceof Error ? error.message : error}; ${USAGE}`);
  }
  const { values, positionals } = parsed;
  const lang = values.lang ?? "vi";
  if (!LOCALES.includes(lang)) throw new ArgumentError(`--lang must be vi or en; ${USAGE}`);
  const common = {
    partial: values.partial ?? false,
    dryRun: values["dry-run"] ?? false,
    force: values.force ?? false,
    lang,
  };
  if (values.template !== undefined) {
    if (positionals.length > 0 || common.partial || common.dryRun)
      throw new ArgumentError(`--template takes no other file or option; ${USAGE}`);
    if (extname(values.template).toLowerCase() !== ".xlsx")
      throw new ArgumentError(`the template is an .xlsx file; ${USAGE}`);
    return { ...common, files: [], template: values.template };
  }
  if (positionals.length === 0) throw new ArgumentError(`no file given; ${USAGE}`);
  if (common.force) throw new ArgumentError(`--force goes with --template; ${USAGE}`);
  return { ...common, files: positionals };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      template: { type: "string" },
      partial: { type: "boolean" },
      "dry-run": { type: "boolean" },
      force: { type: "boolean" },
      lang: { type: "string" },
    },
  });
}

async function writeTemplate(file: string, force: boolean, t: Translate, io: Io) {
  // A filled-in workbook is an afternoon's work: never overwrite one by accident.
  const exists = await access(file).then(
    () => true,
    () => false,
  );
  if (exists && !force) {
    io.stderr.write(`${t("import-template-exists", { file })}\n`);
    return 2;
  }
  try {
    await buildTemplate(t).xlsx.writeFile(file);
  } catch (error) {
    const detail = (error as NodeJS.ErrnoException).code ?? String(error);
    io.stderr.write(`${t("import-template-unwritable", { file, detail })}\n`);
    return 2;
  }
  const sheets = SHEETS.map((s) => s.name).join(", ");
  io.stdout.write(`${t("import-template-written", { file, sheets })}\n`);
  return 0;
}

function problemLine(t: Translate, p: Problem): string {
  const reason = t(p.reason, p.args ? { ...p.args } : undefined);
  return p.row === undefined
    ? t("import-problem-sheet", { sheet: p.sheet, reason })
    : t("import-problem-row", { sheet: p.sheet, row: String(p.row), reason });
}

/** The first MAX_LISTED lines, then "… and N more" (never a spread of a huge array). */
function listed(t: Translate, items: readonly Problem[], more: string): string[] {
  const lines = items.slice(0, MAX_LISTED).map((p) => problemLine(t, p));
  if (items.length > MAX_LISTED) lines.push(t(more, { count: items.length - MAX_LISTED }));
  return lines;
}

/** The summary on stdout; the problems and warnings on stderr. */
function report(outcome: ImportOutcome, read: ReadResult, args: ImportArgs, t: Translate, io: Io) {
  const err: string[] = [];
  const out: string[] = [];
  const files = args.files.map((f) => basename(f)).join(", ");
  const count = outcome.problems.length;
  const problems = listed(t, outcome.problems, "import-more-problems");
  if (outcome.status === "refused") {
    err.push(t("import-refused", { count }), ...problems);
  } else if (count > 0) {
    err.push(t("import-partial-skipped", { rows: outcome.badRows, count }), ...problems);
  }
  if (outcome.warnings.length > 0) {
    err.push(t("import-warnings"), ...listed(t, outcome.warnings, "import-more-warnings"));
  }
  if (outcome.status === "refused") err.push(t("import-refused-hint"));
  const counts = outcome.counts;
  if (counts) {
    const heading = {
      written: "import-written",
      unchanged: "import-unchanged",
      checked: "import-checked",
      refused: "import-refused",
    }[outcome.status];
    out.push(t(heading, { files }));
    const present = new Set(read.sheets.map((s) => s.kind));
    for (const spec of SHEETS) {
      const c = counts[spec.kind === "statuses" ? "periods" : spec.kind];
      if (!present.has(spec.kind) && c.created + c.updated === 0) continue;
      out.push(`  ${t("import-count", { sheet: spec.name, ...c })}`);
    }
    const all = Object.values(counts);
    out.push(
      t("import-total", {
        created: all.reduce((n, c) => n + c.created, 0),
        updated: all.reduce((n, c) => n + c.updated, 0),
      }),
    );
    if (outcome.absent.length > 0) {
      const shown = outcome.absent.slice(0, MAX_ABSENT).join(", ");
      const codes = outcome.absent.length > MAX_ABSENT ? `${shown}, …` : shown;
      out.push(t("import-absent", { count: outcome.absent.length, codes }));
    }
  }
  const planned = outcome.planned;
  if (planned && "error" in planned) {
    err.push(t("import-planner-failed", { error: planned.error }));
  } else if (planned) {
    out.push(
      t("import-planned", {
        created: planned.changes.filter((c) => c.change === "created").length,
        moved: planned.changes.filter((c) => c.change === "moved").length,
        reminders: planned.deliveries,
      }),
    );
  }
  if (out.length > 0) io.stdout.write(`${out.join("\n")}\n`);
  if (err.length > 0) io.stderr.write(`${err.join("\n")}\n`);
}
