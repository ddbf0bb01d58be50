import { getSolarDate } from "@dqcai/vn-lunar";

/** Stable English keys of the public holidays of the Labour Code 2019, art. 112. */
export type HolidayName =
  | "new_year"
  | "tet"
  | "hung_kings"
  | "reunification"
  | "labour"
  | "national_day";

export interface PublicHoliday {
  /** Local calendar date in Asia/Ho_Chi_Minh, "YYYY-MM-DD". */
  readonly date: string;
  readonly name: HolidayName;
}

export interface HolidayOptions {
  /**
   * The law gives 2 September plus "one adjacent day before or after" and the government
   * picks it each year; "before" (1 September) is the default, the actual choice can also be
   * added as an extra holiday.
   */
  readonly nationalDayAdjacent?: "before" | "after";
}

/** R2b: what the planner skips when it moves a meeting; both switches are off by default. */
export interface WorkingDayPolicy extends HolidayOptions {
  readonly skipWeekends: boolean;
  readonly skipHolidays: boolean;
  /** Decreed extra days off (a longer Tết break, compensatory days); used with skipHolidays. */
  readonly extraHolidays?: readonly string[];
}

/** The lunar calendar data of @dqcai/vn-lunar covers these years only. */
const LUNAR_MIN_YEAR = 1200;
const LUNAR_MAX_YEAR = 2199;

// A year never passes without a working day, so a longer search means a broken policy.
const MAX_SHIFT_DAYS = 366;

/**
 * The public holidays of a solar year (Labour Code 2019, art. 112), sorted by date.
 * Tết is the 5 days from the last day of the lunar year (the solar day before lunar 1/1, so a
 * 29- or 30-day 12th month needs no special case) to lunar 4/1; this is the law's minimum, the
 * government often decrees a longer break, which a deployment adds as extra holidays. Tết
 * always falls between 21 January and 20 February, so the whole break lies in `year`.
 * Lunar dates follow the Vietnamese calendar (UTC+7), which differs from the Chinese one in
 * some years (Tết 1985, 2007).
 */
export function vietnamesePublicHolidays(
  year: number,
  options: HolidayOptions = {},
): PublicHoliday[] {
  if (!Number.isInteger(year) || year < LUNAR_MIN_YEAR || year > LUNAR_MAX_YEAR) {
    throw new RangeError(
      `year ${year} is outside the lunar calendar range ${LUNAR_MIN_YEAR}–${LUNAR_MAX_YEAR}`,
    );
  }
  const tet = lunarToSolar(1, 1, year);
  const nationalDayExtra =
    (options.nationalDayAdjacent ?? "before") === "before" ? `${year}-09-01` : `${year}-09-03`;
  const holidays: PublicHoliday[] = [
    { date: `${year}-01-01`, name: "new_year" },
    ...[-1, 0, 1, 2, 3].map((offset) => ({
      date: addCalendarDays(tet, offset),
      name: "tet" as const,
    })),
    // Giỗ Tổ is on the regular 3rd month, never on a leap 3rd month (e.g. 1993, 2031).
    { date: lunarToSolar(10, 3, year), name: "hung_kings" },
    { date: `${year}-04-30`, name: "reunification" },
    { date: `${year}-05-01`, name: "labour" },
    { date: `${year}-09-02`, name: "national_day" },
    { date: nationalDayExtra, name: "national_day" },
  ];
  return holidays.sort((a, b) => a.date.localeCompare(b.date));
}

/** Is `date` a day a meeting may stay on under this policy? */
export function isWorkingDay(date: string, policy: WorkingDayPolicy): boolean {
  const { year } = parseCalendarDate(date);
  if (policy.skipWeekends) {
    const weekday = dayOfWeek(date);
    if (weekday === 0 || weekday === 6) return false;
  }
  if (policy.skipHolidays) {
    if (policy.extraHolidays?.includes(date)) return false;
    if (holidayDates(year, policy.nationalDayAdjacent ?? "before").has(date)) return false;
  }
  return true;
}

/**
 * R2b: the date itself when it is a working day under `policy`, else the next working day.
 * With both switches off nothing ever moves; whether the policy is on is the caller's choice.
 */
export function shiftToWorkingDay(date: string, policy: WorkingDayPolicy): string {
  parseCalendarDate(date);
  let candidate = date;
  for (let i = 0; i <= MAX_SHIFT_DAYS; i++) {
    if (isWorkingDay(candidate, policy)) return candidate;
    candidate = addCalendarDays(candidate, 1);
  }
  throw new RangeError(`no working day within ${MAX_SHIFT_DAYS} days after ${date}`);
}

// Holiday lists are pure functions of the year, so caching them changes no result.
const holidayCache = new Map<string, ReadonlySet<string>>();

function holidayDates(year: number, adjacent: "before" | "after"): ReadonlySet<string> {
  const key = `${year}-${adjacent}`;
  let dates = holidayCache.get(key);
  if (!dates) {
    dates = new Set(
      vietnamesePublicHolidays(year, { nationalDayAdjacent: adjacent }).map((h) => h.date),
    );
    holidayCache.set(key, dates);
  }
  return dates;
}

// vn-lunar silently returns day 0 out of range and rolls an invalid day into the next month,
// so only call it with dates that exist (day ≤ 29 exists in every lunar month).
function lunarToSolar(day: number, month: number, lunarYear: number): string {
  const solar = getSolarDate(day, month, lunarYear, false);
  if (solar.day === 0) throw new RangeError(`no solar date for lunar ${day}/${month}/${lunarYear}`);
  return formatCalendarDate(solar.year, solar.month, solar.day);
}

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseCalendarDate(date: string): { year: number; month: number; day: number } {
  const match = CALENDAR_DATE.exec(date);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const utc = new Date(Date.UTC(year, month - 1, day));
    if (utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day) return { year, month, day };
  }
  throw new RangeError(`not a calendar date "YYYY-MM-DD": ${date}`);
}

function formatCalendarDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

// Calendar dates carry no time zone, so UTC arithmetic on them is exact.
function addCalendarDays(date: string, days: number): string {
  const { year, month, day } = parseCalendarDate(date);
  const utc = new Date(Date.UTC(year, month - 1, day + days));
  return formatCalendarDate(utc.getUTCFullYear(), utc.getUTCMonth() + 1, utc.getUTCDate());
}

function dayOfWeek(date: string): number {
  const { year, month, day } = parseCalendarDate(date);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}
