// Reading the files: an Excel workbook (one sheet per kind) or CSV files (one kind each) become
// rows keyed by field, with the row numbers Excel shows. exceljs reads workbooks, csv-parse CSV.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import { CsvError, parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import {
  type ColumnSpec,
  fold,
  GUIDE_SHEET,
  matchesName,
  SHEETS,
  type SheetKind,
  type SheetSpec,
} from "./format.ts";
import type { Problem } from "./problems.ts";
import { asText, type CellValue } from "./values.ts";

export interface SheetRow {
  /** As Excel numbers it: the header is row 1. */
  readonly row: number;
  readonly cells: ReadonlyMap<string, CellValue>;
}

export interface ReadSheet {
  /** The sheet's name in a workbook, the file's name for a CSV file. */
  readonly name: string;
  readonly kind: SheetKind;
  /** The fields whose column is present: an absent column leaves stored values alone. */
  readonly fields: ReadonlySet<string>;
  readonly rows: readonly SheetRow[];
}

export interface ReadResult {
  readonly sheets: ReadSheet[];
  /** Sheets that cannot be read (a required column missing, a header twice…). */
  readonly problems: Problem[];
  /** Ignored sheets and columns: reported, never blocking. */
  readonly warnings: Problem[];
  /** Of every file's bytes, in order: names the import in the audit log. */
  readonly sha256: string;
}

export type FileErrorReason = "missing" | "unreadable" | "not-xlsx" | "xls" | "type" | "encoding";

/** A file that cannot be read at all: the command stops with one line. */
export class ImportFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: FileErrorReason,
    readonly detail = "",
  ) {
    super(`${file}: ${reason}${detail ? ` (${detail})` : ""}`);
  }
}

/** Reads every file; the first one that cannot be read throws ImportFileError. */
export async function readImportFiles(paths: readonly string[]): Promise<ReadResult> {
  const result = { sheets: [], problems: [], warnings: [] } as Omit<ReadResult, "sha256">;
  const hash = createHash("sha256");
  for (const path of paths) {
    const extension = extname(path).toLowerCase();
    if (extension !== ".xlsx" && extension !== ".csv") {
      throw new ImportFileError(path, extension === ".xls" ? "xls" : "type");
    }
    const bytes = await readBytes(path);
    hash.update(bytes);
    if (extension === ".xlsx") {
      const workbook = await readWorkbook(path, bytes);
      const known = workbook.worksheets.filter((w) => readSheet(w, w.name, result));
      if (known.length === 0) {
        result.problems.push({
          sheet: basename(path),
          reason: "import-no-known-sheet",
          args: { sheets: SHEETS.map((s) => s.name).join(", ") },
        });
      }
    } else {
      const worksheet = readCsv(path, bytes);
      if ("reason" in worksheet) result.problems.push(worksheet);
      else readSheet(worksheet, basename(path), result, basename(path, extname(path)));
    }
  }
  return { ...result, sha256: hash.digest("hex") };
}

async function readBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    throw new ImportFileError(path, code === "ENOENT" ? "missing" : "unreadable", code);
  }
}

async function readWorkbook(path: string, bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new ImportFileError(path, "not-xlsx");
  }
  return workbook;
}

/**
 * A CSV file as a worksheet (one record per row, as Excel numbers them), or the problem that stops
 * it being read: a quote opened and never closed is reported at the row where it opens.
 */
function readCsv(path: string, bytes: Buffer): ExcelJS.Worksheet | Problem {
  let text: string;
  try {
    // The decoder drops a UTF-8 byte order mark (Excel's "CSV UTF-8" writes one).
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ImportFileError(path, "encoding");
  }
  let records: string[][];
  try {
    records = parseCsv(text, {
      delimiter: delimiterOf(text),
      // Rows of any length, a stray quote inside a field kept as typed (as Excel does).
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // The context names the records read before the one that failed.
    const row = (typeof error.records === "number" ? error.records : 0) + 1;
    return error.code === "CSV_QUOTE_NOT_CLOSED"
      ? { sheet: basename(path), row, reason: "import-csv-quote-not-closed" }
      : { sheet: basename(path), row, reason: "import-csv-unreadable", args: { code: error.code } };
  }
  const worksheet = new ExcelJS.Workbook().addWorksheet("csv");
  // Keep every value as typed: "001" is a code, "03/02/2025" a date we parse ourselves.
  for (const record of records)
    worksheet.addRow(record.length === 1 && record[0] === "" ? [] : record);
  return worksheet;
}

/** Excel writes ";" where the list separator is "," in the regional settings (Vietnamese). */
function delimiterOf(text: string): string {
  const header = text.split(/\r?\n/, 1)[0] ?? "";
  const unquoted = header.replace(/"[^"]*"/g, "");
  const counts = [",", ";", "\t"].map((d) => [d, unquoted.split(d).length - 1] as const);
  return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

/** A cell's value with formulas, rich text and links resolved to what the clerk sees. */
function plain(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value !== "object") return value;
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("error" in value) return value.error;
  if ("hyperlink" in value) return plain(value.text as ExcelJS.CellValue);
  if ("result" in value) return plain(value.result ?? null);
  if ("formula" in value || "sharedFormula" in value) return null;
  return String(value);
}

function readSheet(
  worksheet: ExcelJS.Worksheet,
  name: string,
  result: Omit<ReadResult, "sha256">,
  /** A CSV file's name, used when its header row fits two kinds equally. */
  fileName?: string,
): boolean {
  if (fileName === undefined && matchesName(name, GUIDE_SHEET)) return false;
  const headerRow = worksheet.getRow(1);
  const headers: { column: number; text: string }[] = [];
  headerRow.eachCell((cell, column) => {
    const text = asText(plain(cell.value));
    if (text !== "") headers.push({ column, text });
  });
  // A sheet the clerk emptied entirely (headers too) holds nothing to import.
  if (fileName === undefined && worksheet.actualRowCount === 0) return false;
  const spec = specFor(fileName === undefined ? name : undefined, headers, fileName);
  if (!spec) {
    if (fileName !== undefined) {
      result.problems.push({
        sheet: name,
        row: 1,
        reason: "import-unknown-csv",
        args: { sheets: SHEETS.map((s) => s.name).join(", ") },
      });
    } else {
      result.warnings.push({
        sheet: name,
        reason: "import-unknown-sheet",
        args: { sheets: SHEETS.map((s) => s.name).join(", ") },
      });
    }
    return false;
  }
  const columns = new Map<number, ColumnSpec>();
  const seen = new Map<string, string>();
  let usable = true;
  for (const { column, text } of headers) {
    const match = spec.columns.find((c) => matchesName(text, c.header, c.aliases));
    if (!match) {
      result.warnings.push({
        sheet: name,
        row: 1,
        reason: "import-unknown-column",
        args: { column: text },
      });
      continue;
    }
    if (seen.has(match.field)) {
      result.problems.push({
        sheet: name,
        row: 1,
        reason: "import-column-twice",
        args: { column: match.header },
      });
      usable = false;
    }
    seen.set(match.field, text);
    columns.set(column, match);
  }
  for (const column of spec.columns) {
    if (column.required && !seen.has(column.field)) {
      result.problems.push({
        sheet: name,
        row: 1,
        reason: "import-missing-column",
        args: { column: column.header },
      });
      usable = false;
    }
  }
  if (!usable) return true;
  const rows: SheetRow[] = [];
  worksheet.eachRow((row, number) => {
    if (number === 1) return;
    const cells = new Map<string, CellValue>();
    let empty = true;
    for (const [column, spec] of columns) {
      const value = plain(row.getCell(column).value);
      if (asText(value) !== "") empty = false;
      cells.set(spec.field, value);
    }
    if (!empty) rows.push({ row: number, cells });
  });
  result.sheets.push({
    name,
    kind: spec.kind,
    fields: new Set(seen.keys()),
    rows,
  });
  return true;
}

/** A workbook sheet is known by its name, else (and a CSV file always) by its header row. */
function specFor(
  sheetName: string | undefined,
  headers: readonly { text: string }[],
  fileName: string | undefined,
): SheetSpec | undefined {
  if (sheetName !== undefined) {
    const named = SHEETS.find((s) => matchesName(sheetName, s.name, s.aliases));
    if (named) return named;
  }
  const scored = SHEETS.map((spec) => {
    const matched = spec.columns.filter((c) =>
      headers.some((h) => matchesName(h.text, c.header, c.aliases)),
    );
    const complete = spec.columns.every((c) => !c.required || matched.includes(c));
    return { spec, score: complete ? matched.length : 0 };
  }).filter((s) => s.score > 0);
  const best = Math.max(0, ...scored.map((s) => s.score));
  const top = scored.filter((s) => s.score === best).map((s) => s.spec);
  if (top.length === 1) return top[0];
  if (top.length === 0 || fileName === undefined) return undefined;
  const name = fold(fileName);
  const byName = top.filter((s) => [s.name, ...s.aliases].some((n) => name.includes(fold(n))));
  return byName.length === 1 ? byName[0] : undefined;
}
