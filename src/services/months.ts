// Calendar months ("YYYY-MM") in Asia/Ho_Chi_Minh: the period of R2, R2c, the report and the digest.
import { fromZonedTime } from "date-fns-tz";
import { localDate } from "../domain/local-time.ts";
import { TIME_ZONE } from "../domain/schedule.ts";

/** The local month of an instant, "YYYY-MM". */
export const monthOf = (instant: Date) => localDate(instant).slice(0, 7);

/** "YYYY-MM" shifted by whole months. */
export function addMonths(month: string, delta: number): string {
  const [year, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, m - 1 + delta, 1)).toISOString().slice(0, 7);
}

/** The instants of `count` local months from `month` ("YYYY-MM"), as a Prisma range. */
export function monthSpan(month: string, count = 1): { gte: Date; lt: Date } {
  const start = (m: string) => fromZonedTime(`${m}-01T00:00:00`, TIME_ZONE);
  return { gte: start(month), lt: start(addMonths(month, count)) };
}

/** "2026-12" → "12/2026", as a reader writes a month. */
export const monthLabel = (month: string) => `${month.slice(5)}/${month.slice(0, 4)}`;

/**
 * When the bot first knew a unit: the earlier of its creation and the start of the month of its
 * first meeting. R2 is judged only for months that began after it.
 */
export function unitKnownSince(createdAt: Date, firstMeetingAt: Date | null): Date {
  if (!firstMeetingAt) return createdAt;
  const firstMonth = monthSpan(monthOf(firstMeetingAt)).gte;
  return firstMonth < createdAt ? firstMonth : createdAt;
}

/** The first instant of a local calendar year: 1 January 00:00 in Asia/Ho_Chi_Minh. */
export const yearStart = (year: string) => monthSpan(`${year}-01`).gte;
