import type { CalendarDate } from "../../domain/eligibility.ts";
import { type Choice, choose, type SheetKind, sheetSpec } from "./format.ts";
import { type Problem, rowList } from "./problems.ts";
import type { ReadSheet, SheetRow } from "./read.ts";
import { asDate, asText, type CellValue } from "./values.ts";

/**
 * One sheet row while validate.ts checks it: its cells read as text, choices and dates, each
 * problem recorded against the row and its column; and the helpers that check rows together.
 */

/** Where a row came from: its sheet and its row number. */
export interface Located {
  readonly sheet: string;
  readonly row: number;
}

/** One row being checked: its problems accumulate; it is good when none did. */
export class Row<T extends object> {
  readonly problems: Problem[] = [];
  value: { -readonly [K in keyof T]?: T[K] } = {};
  constructor(
    readonly sheet: ReadSheet,
    readonly source: SheetRow,
  ) {}
  get ok() {
    return this.problems.length === 0;
  }
  get at(): Located {
    return { sheet: this.sheet.name, row: this.source.row };
  }
  fail(reason: string, args: Record<string, string | number> = {}) {
    this.problems.push({ sheet: this.sheet.name, row: this.source.row, reason, args });
  }
  has(field: string) {
    return this.sheet.fields.has(field);
  }
  cell(field: string): CellValue {
    return this.source.cells.get(field) ?? null;
  }
  text(field: string): string {
    return asText(this.cell(field));
  }
  column(field: string): string {
    return sheetSpec(this.sheet.kind).columns.find((c) => c.field === field)?.header ?? field;
  }
  /** A required cell's text (the problem names the column when it is empty). */
  need(field: string, max: number): string {
    const text = this.text(field);
    if (text === "") this.fail("import-empty-value", { column: this.column(field) });
    else if (text.length > max) this.fail("import-too-long", { column: this.column(field), max });
    return text;
  }
  optionalText(field: string, max: number): string | null | undefined {
    if (!this.has(field)) return undefined;
    const text = this.text(field);
    if (text.length > max) this.fail("import-too-long", { column: this.column(field), max });
    return text === "" ? null : text;
  }
  choice<V>(field: string, choices: readonly Choice<V>[]): V | null | undefined {
    if (!this.has(field)) return undefined;
    const text = this.text(field);
    if (text === "") return null;
    const value = choose(choices, text);
    if (value === undefined) {
      this.fail("import-bad-choice", {
        column: this.column(field),
        value: text,
        choices: choices.map((c) => c.label).join("; "),
      });
    }
    return value;
  }
  date(field: string): CalendarDate | null | undefined {
    if (!this.has(field)) return undefined;
    const value = this.cell(field);
    if (asText(value) === "") return null;
    const date = asDate(value);
    if (date === undefined)
      this.fail("import-bad-date", { column: this.column(field), value: asText(value) });
    return date;
  }
}

/** Every occurrence of a key used by more than one row gets the same problem. */
export function flagDuplicates<T extends object>(
  rows: readonly Row<T>[],
  keyOf: (row: Row<T>) => string | undefined,
  fail: (row: Row<T>, rows: string) => void,
): void {
  const byKey = new Map<string, Row<T>[]>();
  for (const row of rows) {
    const key = keyOf(row);
    if (key === undefined) continue;
    byKey.set(key, [...(byKey.get(key) ?? []), row]);
  }
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    const list = rowList(group.map((r) => r.source.row));
    for (const row of group) fail(row, list);
  }
}

export const rowsOf = <T extends object>(sheets: readonly ReadSheet[], kind: SheetKind) =>
  sheets
    .filter((s) => s.kind === kind)
    .flatMap((sheet) => sheet.rows.map((source) => new Row<T>(sheet, source)));
