/**
 * One thing wrong in the files, where the clerk sees it: the sheet (or CSV file) and the row as
 * Excel numbers it (the header is row 1; no row for a problem with the whole sheet or file).
 * `reason` is a message id in locales/<lang>/import.ftl and `args` fills it.
 */
export interface Problem {
  readonly sheet: string;
  readonly row?: number;
  readonly reason: string;
  readonly args?: Readonly<Record<string, string | number>>;
}

/** Rows listed in a message: "3, 7". */
export const rowList = (rows: readonly number[]) => rows.join(", ");
