import type { MeetingKind } from "@prisma/client";
import { displayParts } from "../domain/local-time.ts";
import type { Translate } from "../i18n.ts";

/**
 * Small helpers every channel-neutral text shares: a meeting's message arguments, the Vietnamese
 * order of names, a rate as a percentage.
 */

export interface MeetingLike {
  startsAt: Date | string;
  kind: MeetingKind;
  place: string | null;
  agenda: string | null;
}

/** The arguments every meeting message shares: weekday, dd/MM/yyyy, HH:mm, kind, place, agenda. */
export function meetingArgs(t: Translate, meeting: MeetingLike) {
  const when = displayParts(new Date(meeting.startsAt));
  return {
    weekday: t("weekday", { day: when.day }),
    date: when.date,
    time: when.time,
    meetingKind: meeting.kind === "THEMATIC" ? "thematic" : "regular",
    place: meeting.place ?? t("place-unknown"),
    agenda: meeting.agenda ?? t("agenda-unknown"),
  };
}

const collator = new Intl.Collator("vi");
const givenName = (fullName: string) => fullName.trim().split(/\s+/).at(-1) ?? "";

/** Vietnamese rosters are read by given name (the last word), then by the full name. */
export const compareNames = (a: string, b: string) =>
  collator.compare(givenName(a), givenName(b)) || collator.compare(a, b);

export function byName<T extends { fullName: string }>(people: readonly T[]): T[] {
  return [...people].sort((a, b) => compareNames(a.fullName, b.fullName));
}

/** A share as a percentage rounded down to one decimal, so a failing rate never reads as passing. */
export function percent(share: number): number;
export function percent(share: number | null): number | null;
export function percent(share: number | null): number | null {
  return share === null ? null : Math.floor(Math.round(share * 10_000) / 10) / 10;
}
