import type { MeetingKind } from "@prisma/client";
import { displayParts } from "../../../domain/local-time.ts";
import type { Translate } from "../../../i18n.ts";

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

/** A button label stays short: long places and agendas are cut with an ellipsis. */
export const shorten = (text: string, max = 28) =>
  [...text].length <= max ? text : `${[...text].slice(0, max - 1).join("")}…`;

const collator = new Intl.Collator("vi");
const givenName = (fullName: string) => fullName.trim().split(/\s+/).at(-1) ?? "";

/** Vietnamese rosters are read by given name (the last word), then by the full name. */
export function byName<T extends { fullName: string }>(people: readonly T[]): T[] {
  return [...people].sort(
    (a, b) =>
      collator.compare(givenName(a.fullName), givenName(b.fullName)) ||
      collator.compare(a.fullName, b.fullName),
  );
}
