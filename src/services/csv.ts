import { stringify } from "csv-stringify/sync";

/**
 * Every CSV file the project writes (the minutes, `report --format csv`) goes through here:
 * RFC 4180 with commas, rows ending in CRLF (the last one too), UTF-8 with a byte order mark so
 * Excel reads the Vietnamese, a field quoted only when it holds a comma, a quote or a line break.
 *
 * A text field that starts with `= + - @`, a tab or a carriage return (or their full-width twins)
 * gets a leading `'`, so a spreadsheet shows what a member typed instead of running it as a
 * formula (CSV injection). Numbers are written as numbers and never prefixed.
 */
export type CsvValue = string | number | null | undefined;

export function writeCsv(rows: readonly (readonly CsvValue[])[]): string {
  return stringify(rows as CsvValue[][], {
    bom: true,
    record_delimiter: "\r\n",
    escape_formulas: true,
    // csv-stringify quotes a lone CR or LF only when it is the record delimiter itself.
    quoted_match: /[\r\n]/,
  });
}
