import { formatInTimeZone } from "date-fns-tz";
import type { CalendarDate } from "./eligibility.ts";
import { TIME_ZONE } from "./schedule.ts";

/** "yyyy-MM-dd" as a Vietnamese reader writes it: "dd/MM/yyyy". */
export const showDate = (date: CalendarDate) =>
  `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

/**
 * Remembers a function of an instant and a zone. Reports and plans ask for the same few instants
 * (the cells' meeting times) tens of thousands of times, and date-fns-tz takes tens of
 * microseconds a call.
 */
function byInstant<T>(compute: (instant: Date, tz: string) => T) {
  const known = new Map<string, T>();
  return (instant: Date, tz = TIME_ZONE): T => {
    // Some callers pass an instant that came back from JSON as text: date-fns-tz reads it.
    if (!(instant instanceof Date)) return compute(instant, tz);
    const key = `${instant.getTime()} ${tz}`;
    let value = known.get(key);
    if (value === undefined) {
      value = compute(instant, tz);
      if (known.size >= 10_000) known.clear();
      known.set(key, value);
    }
    return value;
  };
}

/** The local calendar date of an instant, "YYYY-MM-DD". */
export const localDate: (instant: Date, tz?: string) => CalendarDate = byInstant((instant, tz) =>
  formatInTimeZone(instant, tz, "yyyy-MM-dd"),
);

/** What a Vietnamese reader expects: dd/MM/yyyy, HH:mm and the weekday (0 = Sunday). */
export const displayParts: (
  instant: Date,
  tz?: string,
) => Readonly<{ date: string; time: string; day: number }> = byInstant((instant, tz) =>
  Object.freeze({
    date: formatInTimeZone(instant, tz, "dd/MM/yyyy"),
    time: formatInTimeZone(instant, tz, "HH:mm"),
    day: Number(formatInTimeZone(instant, tz, "i")) % 7,
  }),
);

/** A DB `date` column (UTC midnight) as a calendar date. */
export function dateColumn(value: Date): CalendarDate {
  return value.toISOString().slice(0, 10);
}

/** How far a meeting's local day is from `now`'s: "today", "tomorrow" or "other". */
export function dayDistance(
  now: Date,
  instant: Date,
  tz = TIME_ZONE,
): "today" | "tomorrow" | "other" {
  const today = localDate(now, tz);
  const day = localDate(instant, tz);
  if (day === today) return "today";
  const tomorrow = localDate(new Date(now.getTime() + 86_400_000), tz);
  return day === tomorrow ? "tomorrow" : "other";
}
