// Turning what a clerk typed (or Excel stored) into stored values. Pure.
import { type CalendarDate, isCalendarDate } from "../../domain/eligibility.ts";
import { showDate } from "../../domain/local-time.ts";
import { formatDayRule, type Ordinal, parseDayRule, type Weekday } from "../../domain/schedule.ts";
import { cleanLine } from "../../domain/text.ts";
import { fold } from "./format.ts";

/** A cell as read from a workbook or a CSV file (formulas, rich text and links already resolved). */
export type CellValue = string | number | boolean | Date | null;

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
/** Dates before the Party's founding or after 2100 are typing mistakes. */
const FIRST_YEAR = 1930;
const LAST_YEAR = 2100;

const pad = (n: number) => String(n).padStart(2, "0");

/** The text of a cell as one clean line (see domain/text.ts): NFC, no controls, single spaces. */
export function asText(value: CellValue): string {
  if (value === null) return "";
  if (value instanceof Date) return excelDateText(value);
  return cleanLine(String(value));
}

/** A Date read from Excel carries the sheet's wall-clock date in its UTC fields. */
function excelDateText(value: Date): string {
  if (Number.isNaN(value.getTime())) return "";
  const time = value.getTime() - EXCEL_EPOCH;
  if (time >= 0 && time < DAY_MS) {
    return `${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}`;
  }
  return `${pad(value.getUTCDate())}/${pad(value.getUTCMonth() + 1)}/${value.getUTCFullYear()}`;
}

/**
 * A calendar date: an Excel date, an Excel serial number, or text "dd/MM/yyyy" (also with "-" or
 * "." and without leading zeros) or "yyyy-MM-dd". Undefined when it is none of these.
 */
export function asDate(value: CellValue): CalendarDate | undefined {
  if (value instanceof Date) return checkedDate(dateFromUtc(value));
  if (typeof value === "number") {
    if (!Number.isInteger(value) || value < 1) return undefined;
    return checkedDate(dateFromUtc(new Date(EXCEL_EPOCH + value * DAY_MS)));
  }
  const text = asText(value);
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (dmy) return checkedDate(`${dmy[3]}-${pad(Number(dmy[2]))}-${pad(Number(dmy[1]))}`);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return iso ? checkedDate(text) : undefined;
}

function dateFromUtc(value: Date): string {
  if (Number.isNaN(value.getTime())) return "";
  return value.toISOString().slice(0, 10);
}

function checkedDate(date: string): CalendarDate | undefined {
  if (!isCalendarDate(date)) return undefined;
  const year = Number(date.slice(0, 4));
  return year >= FIRST_YEAR && year <= LAST_YEAR ? date : undefined;
}

/** "yyyy-MM-dd" as a Vietnamese reader writes it. */
export const displayDate = showDate;

/** A time of day as "HH:mm": an Excel time, a fraction of a day, or text "19:30", "19h30", "7h". */
export function asTime(value: CellValue): string | undefined {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined;
    return `${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}`;
  }
  if (typeof value === "number") {
    if (value < 0 || value >= 1) return undefined;
    const minutes = Math.round(value * 24 * 60);
    return minutes < 24 * 60 ? `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}` : undefined;
  }
  const match = /^(\d{1,2})\s*(?::|h|giờ)\s*(\d{2})?(?:\s*(?:phút|p))?$/i.exec(asText(value));
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? "0");
  return hours < 24 && minutes < 60 ? `${pad(hours)}:${pad(minutes)}` : undefined;
}

const WEEKDAYS: Record<string, Weekday> = {
  "thu hai": "monday",
  "thu 2": "monday",
  t2: "monday",
  "thu ba": "tuesday",
  "thu 3": "tuesday",
  t3: "tuesday",
  "thu tu": "wednesday",
  "thu 4": "wednesday",
  t4: "wednesday",
  "thu nam": "thursday",
  "thu 5": "thursday",
  t5: "thursday",
  "thu sau": "friday",
  "thu 6": "friday",
  t6: "friday",
  "thu bay": "saturday",
  "thu 7": "saturday",
  t7: "saturday",
  "chu nhat": "sunday",
  cn: "sunday",
};

const ORDINALS: Record<string, Ordinal> = {
  "dau tien": "first",
  dau: "first",
  "thu nhat": "first",
  "thu hai": "second",
  "thu 2": "second",
  "thu ba": "third",
  "thu 3": "third",
  "thu tu": "fourth",
  "thu 4": "fourth",
  "cuoi cung": "last",
  cuoi: "last",
};

/**
 * A cell's default meeting day as the planner stores it ("day-5", "first-tuesday"), from
 * "5", "ngày 5", "thứ Ba đầu tiên", "thứ Sáu cuối cùng", "thứ Tư tuần thứ hai" or the stored form.
 */
export function asDayRule(value: CellValue): string | undefined {
  const text = asText(value);
  const stored = parseDayRule(text.toLowerCase());
  if (stored) return formatDayRule(stored);
  const folded = fold(text);
  const day = /^(?:ngay )?(\d{1,2})(?: hang thang)?$/.exec(folded);
  if (day) {
    const n = Number(day[1]);
    return n >= 1 && n <= 31 ? `day-${n}` : undefined;
  }
  for (const [weekdayText, weekday] of Object.entries(WEEKDAYS)) {
    if (!folded.startsWith(`${weekdayText} `)) continue;
    const rest = folded
      .slice(weekdayText.length + 1)
      .replace(/^tuan /, "")
      .replace(/ (cua |trong )?thang$/, "");
    const ordinal = ORDINALS[rest];
    if (ordinal) return `${ordinal}-${weekday}`;
  }
  return undefined;
}
