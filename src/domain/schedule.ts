import { formatInTimeZone, fromZonedTime } from "date-fns-tz";
import type { Policy } from "./policy.ts";

/** Every date and time of day the cells use is local to this zone. */
export const TIME_ZONE = "Asia/Ho_Chi_Minh";

export type CellKind = "residential" | "other";

const WEEKDAYS = [
  "sunday",
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const ORDINALS = ["first", "second", "third", "fourth", "last"] as const;
export type Ordinal = (typeof ORDINALS)[number];

/** A cell's default meeting day: "day-N" or "<ordinal>-<weekday>", e.g. "first-tuesday". */
export type DayRule =
  | { readonly type: "day"; readonly day: number }
  | { readonly type: "weekday"; readonly ordinal: Ordinal; readonly weekday: Weekday };

/** R1: the day every residential cell (or every cell, with policy day3 "all") meets on. */
export const DAY_3: DayRule = { type: "day", day: 3 };

/** Parses the stored form of a day rule; undefined when the text is not one. */
export function parseDayRule(text: string): DayRule | undefined {
  const day = /^day-([1-9]\d?)$/.exec(text);
  if (day) {
    const n = Number(day[1]);
    return n <= 31 ? { type: "day", day: n } : undefined;
  }
  const [ordinal, weekday, ...rest] = text.split("-");
  if (rest.length > 0 || !isOneOf(ORDINALS, ordinal) || !isOneOf(WEEKDAYS, weekday)) {
    return undefined;
  }
  return { type: "weekday", ordinal, weekday };
}

export function formatDayRule(rule: DayRule): string {
  return rule.type === "day" ? `day-${rule.day}` : `${rule.ordinal}-${rule.weekday}`;
}

/** "HH:mm" (24-hour) to hours and minutes; undefined when the text is not a time of day. */
export function parseTimeOfDay(text: string): { hours: number; minutes: number } | undefined {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return match ? { hours: Number(match[1]), minutes: Number(match[2]) } : undefined;
}

/** "YYYY-MM" to year and month (1–12); undefined when the text is not a month. */
export function parseMonth(text: string): { year: number; month: number } | undefined {
  // Years below 1000 are refused: Date.UTC would read 0–99 as 1900–1999.
  const match = /^([1-9]\d{3})-(0[1-9]|1[0-2])$/.exec(text);
  return match ? { year: Number(match[1]), month: Number(match[2]) } : undefined;
}

/** The day of the month a rule gives; "day-N" past the month's end is the month's last day. */
export function meetingDay(rule: DayRule, year: number, month: number): number {
  const lastDay = daysInMonth(year, month);
  if (rule.type === "day") return Math.min(rule.day, lastDay);
  const weekday = WEEKDAYS.indexOf(rule.weekday);
  if (rule.ordinal === "last") {
    return lastDay - ((weekdayOf(year, month, lastDay) - weekday + 7) % 7);
  }
  const first = 1 + ((weekday - weekdayOf(year, month, 1) + 7) % 7);
  return first + 7 * ORDINALS.indexOf(rule.ordinal);
}

/** R1/R2: the rule a cell's regular meeting follows, or null when the secretary picks a date. */
export function effectiveDayRule(
  kind: CellKind,
  dayRule: DayRule | undefined,
  policy: Pick<Policy, "day3">,
): DayRule | null {
  if (kind === "residential" || policy.day3 === "all") return DAY_3;
  return dayRule ?? null;
}

export interface CellSchedule {
  readonly kind: CellKind;
  readonly dayRule?: DayRule;
  /** Local start time, "HH:mm". */
  readonly time: string;
}

/**
 * One month's default regular meeting start for a cell, or null when the cell has no default
 * day (R2: the secretary picks). `month` is "YYYY-MM".
 */
export function defaultMeetingStart(
  cell: CellSchedule,
  month: string,
  policy: Pick<Policy, "day3">,
): Date | null {
  const rule = effectiveDayRule(cell.kind, cell.dayRule, policy);
  if (!rule) return null;
  const { year, month: m } = required(parseMonth(month), "month", month);
  return startIn(rule, year, m, required(parseTimeOfDay(cell.time), "time", cell.time));
}

/**
 * The default regular meeting starts of `months` consecutive months from `from` ("YYYY-MM");
 * none for a cell without a default day.
 */
export function meetingStarts(
  input: CellSchedule & {
    readonly from: string;
    readonly months: number;
    readonly policy: Pick<Policy, "day3">;
  },
): Date[] {
  const rule = effectiveDayRule(input.kind, input.dayRule, input.policy);
  if (!rule) return [];
  const { year, month } = required(parseMonth(input.from), "month", input.from);
  const time = required(parseTimeOfDay(input.time), "time", input.time);
  return Array.from({ length: input.months }, (_, i) => {
    const index = year * 12 + (month - 1) + i;
    return startIn(rule, Math.floor(index / 12), (index % 12) + 1, time);
  });
}

/** ISO 8601 with the local offset, e.g. "2026-12-03T19:30:00+07:00". */
export function toLocalIso(instant: Date): string {
  return formatInTimeZone(instant, TIME_ZONE, "yyyy-MM-dd'T'HH:mm:ssXXX");
}

function startIn(
  rule: DayRule,
  year: number,
  month: number,
  time: { hours: number; minutes: number },
): Date {
  const day = meetingDay(rule, year, month);
  const local = `${year}-${pad(month)}-${pad(day)}T${pad(time.hours)}:${pad(time.minutes)}:00`;
  return fromZonedTime(local, TIME_ZONE);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// Pure calendar arithmetic: UTC avoids the process time zone without reading any clock.
function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

function isOneOf<T extends string>(values: readonly T[], value: string | undefined): value is T {
  return (values as readonly (string | undefined)[]).includes(value);
}

function required<T>(value: T | undefined, what: string, text: string): T {
  if (value === undefined) throw new RangeError(`invalid ${what}: "${text}"`);
  return value;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
