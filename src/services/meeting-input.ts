// What a secretary types for a meeting's date, time, place and agenda, read leniently and checked
// strictly; shared by the Telegram conversation and the Zalo dialogue.
import { formatInTimeZone, fromZonedTime } from "date-fns-tz";
import { localDate, showDate } from "../domain/local-time.ts";
import { TIME_ZONE } from "../domain/schedule.ts";
import { cleanBlock, cleanLine } from "../domain/text.ts";
import { MAX_AGENDA_LENGTH, MAX_DAYS_AHEAD, MAX_PLACE_LENGTH } from "./meetings.ts";

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
export const showDay = showDate;

/** The local day `days` after `day` (both "yyyy-MM-dd"). */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export const localTimeOf = (instant: Date) => formatInTimeZone(instant, TIME_ZONE, "HH:mm");

const pad = (n: number) => String(n).padStart(2, "0");

/** A typed answer accepted (its value) or refused (the locale key and arguments of the reply). */
export type Checked<T> =
  | { ok: true; value: T }
  | { ok: false; key: string; args: Record<string, string | number> };

const refuse = (key: string, args: Record<string, string | number> = {}) =>
  ({ ok: false, key, args }) as const;

/** A real day, from today up to MAX_DAYS_AHEAD ahead: "yyyy-MM-dd". */
export function checkMeetingDay(text: string, now: Date): Checked<string> {
  const today = localDate(now);
  const day = parseLocalDate(text);
  if (!day)
    return refuse("lichhop-bad-date", {
      input: shorten(cleanLine(text), 40),
      example: showDay(addDays(today, 7)),
    });
  if (day < today)
    return refuse("lichhop-date-past", { date: showDay(day), today: showDay(today) });
  if (day > addDays(today, MAX_DAYS_AHEAD - 1))
    return refuse("lichhop-date-too-far", { date: showDay(day), days: MAX_DAYS_AHEAD });
  return { ok: true, value: day };
}

/** A time of day that, on `day`, is still ahead: the instant. */
export function checkMeetingTime(text: string, day: string, now: Date): Checked<Date> {
  const time = parseLocalTime(text);
  if (!time) return refuse("lichhop-bad-time", { input: shorten(cleanLine(text), 40) });
  const startsAt = localInstant(day, time);
  if (startsAt <= now) return refuse("lichhop-time-past", { date: showDay(day), time });
  return { ok: true, value: startsAt };
}

/** The longest place or agenda a secretary may type. */
export const maxLength = (what: "place" | "agenda") =>
  what === "place" ? MAX_PLACE_LENGTH : MAX_AGENDA_LENGTH;

/** A place or an agenda: not empty, not over its limit. */
export function checkMeetingText(text: string, what: "place" | "agenda"): Checked<string> {
  const max = maxLength(what);
  // A place is one line; an agenda may keep its lines (numbered items).
  const value = what === "place" ? cleanLine(text) : cleanBlock(text);
  if (!value) return refuse(text.trim() ? "error-text-unreadable" : `lichhop-ask-${what}`, { max });
  if ([...value].length > max) return refuse("lichhop-too-long", { max });
  return { ok: true, value };
}

/** A button label stays short: long places and agendas are cut with an ellipsis. */
export const shorten = (text: string, max = 28) =>
  [...text].length <= max ? text : `${[...text].slice(0, max - 1).join("")}…`;
