import { addMonths, monthOf } from "../months.ts";

/**
 * Which month a report is about: the "YYYY-MM" the CLI and the services take, the default (last
 * month) and a month as a person types it in chat.
 */

/** "YYYY-MM" with a real month. */
export function isReportMonth(text: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(text);
}

export { monthOf };

/** What a report covers when no month is given: the last finished month. */
export const defaultReportMonth = (now: Date) => addMonths(monthOf(now), -1);

/**
 * A month as a person types it in chat: "11/2026", "tháng 11/2026", "11-2026", "2026-11" (empty:
 * the default).
 * Months after the current one have nothing to report.
 */
export function reportMonthFromText(
  text: string,
  now: Date,
):
  | { month: string }
  | { error: "report-bad-month" }
  | { error: "report-future-month"; month: string } {
  // "tháng 11/2026" (or without diacritics, or typed decomposed) reads as "11/2026".
  const input = text
    .normalize("NFC")
    .trim()
    .replace(/^th(a|á)ng\s*/iu, "")
    .trim();
  if (input === "") return { month: defaultReportMonth(now) };
  const local = /^(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(input);
  const iso = /^(\d{4})-(\d{1,2})$/.exec(input);
  const [year, month] = local ? [local[2], local[1]] : iso ? [iso[1], iso[2]] : [];
  const candidate = `${year}-${String(month).padStart(2, "0")}`;
  if (!year || !isReportMonth(candidate)) return { error: "report-bad-month" };
  if (candidate > monthOf(now)) return { error: "report-future-month", month: candidate };
  return { month: candidate };
}
