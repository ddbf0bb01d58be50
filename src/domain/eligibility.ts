/** A local calendar date in Asia/Ho_Chi_Minh, "YYYY-MM-DD"; such strings sort as dates. */
export type CalendarDate = string;

/** True for a real calendar date written "YYYY-MM-DD" (so not "2026-02-30"). */
export function isCalendarDate(text: string): text is CalendarDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day && year >= 1000;
}

export type StatusKind = "exempt" | "special_duty";

/** R6: a status held for an inclusive date range; `to: null` means open-ended. */
export interface StatusPeriod {
  readonly kind: StatusKind;
  readonly from: CalendarDate;
  readonly to: CalendarDate | null;
}

/** A member of one cell: in the cell from `joined` until the day before `left`. */
export interface Member {
  readonly id: string;
  readonly joined: CalendarDate;
  readonly left: CalendarDate | null;
  readonly statuses: readonly StatusPeriod[];
}

export type Mark = "present" | "excused" | "unexcused";

export type MeetingKind = "regular" | "thematic";

/** A held meeting and its roll call; a member missing from `attendance` was not marked. */
export interface MeetingRecord {
  readonly id: string;
  readonly kind: MeetingKind;
  readonly date: CalendarDate;
  readonly attendance: Readonly<Record<string, Mark>>;
}

/** Where a member stands on a date: only "eligible" members count for R3–R5. */
export type Standing = "eligible" | "outside" | StatusKind;

/** A member who left on a date is no longer in the cell on that date. */
export function isInCell(member: Member, date: CalendarDate): boolean {
  return member.joined <= date && (member.left === null || date < member.left);
}

export function statusOn(member: Member, date: CalendarDate): StatusKind | null {
  // A loop, not find(): asked for every member of every meeting, a closure each time adds up.
  for (const s of member.statuses)
    if (s.from <= date && (s.to === null || date <= s.to)) return s.kind;
  return null;
}

export function standingOn(member: Member, date: CalendarDate): Standing {
  if (!isInCell(member, date)) return "outside";
  return statusOn(member, date) ?? "eligible";
}

export function isEligible(member: Member, date: CalendarDate): boolean {
  return standingOn(member, date) === "eligible";
}

/** The mark that counts for the rules, or null when the member was not eligible that day. */
export function countedMark(member: Member, meeting: MeetingRecord): Mark | null {
  if (!isEligible(member, meeting.date)) return null;
  // R4: an eligible member nobody marked gave no reason, so the absence is unexcused.
  return meeting.attendance[member.id] ?? "unexcused";
}

/** Meetings sorted by date; meetings on the same date keep their given order. */
export function inDateOrder<T extends Pick<MeetingRecord, "date">>(meetings: readonly T[]): T[] {
  const copy = [...meetings];
  // Usually already in order (read by start): sort's own buffers, for every member of every
  // meeting, were a sixth of the province report's allocations.
  if (copy.every((m, i) => i === 0 || copy[i - 1]!.date <= m.date)) return copy;
  return copy.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
