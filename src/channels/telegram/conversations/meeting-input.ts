// What a secretary types for a meeting's date and time, read leniently and checked strictly.
import { formatInTimeZone, fromZonedTime } from "date-fns-tz";
import { TIME_ZONE } from "../../../domain/schedule.ts";

/** "dd/MM/yyyy" (also d/M/yyyy, with - or .) to "yyyy-MM-dd"; null when it is not a real date. */
export function parseLocalDate(text: string): string | null {
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text.trim());
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 2000 || month < 1 || month > 12 || day < 1) return null;
  // 31/02 rolls over to March in Date: a real date survives the round trip.
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** "HH:mm" (also H:mm, 19h30, 19h) to "HH:mm"; null outside 00:00–23:59. */
export function parseLocalTime(text: string): string | null {
  const match = /^(\d{1,2})(?:[:hH.](\d{2})?)?$/.exec(text.trim());
  if (!match || (match[2] === undefined && !/[hH]$/.test(text.trim()))) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? 0);
  if (hours > 23 || minutes > 59) return null;
  return `${pad(hours)}:${pad(minutes)}`;
}

/** A local day and time in Asia/Ho_Chi_Minh as the instant stored. */
export const localInstant = (day: string, time: string) =>
  fromZonedTime(`${day}T${time}:00`, TIME_ZONE);

/** "yyyy-MM-dd" as a reader expects it, "dd/MM/yyyy". */
export const showDay = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/** The local day `days` after `day` (both "yyyy-MM-dd"). */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export const localTimeOf = (instant: Date) => formatInTimeZone(instant, TIME_ZONE, "HH:mm");

const pad = (n: number) => String(n).padStart(2, "0");
