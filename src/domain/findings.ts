import { checkDuration, type DurationFinding } from "./duration.ts";
import { countedMark, inDateOrder, type MeetingRecord, type Member } from "./eligibility.ts";
import type { Policy } from "./policy.ts";
import { type MeetingOutcome, meetingOutcome } from "./rate.ts";
import { removalLevel, unexcusedMonthsByYear } from "./removal.ts";
import { excusedStreaks, streakLevel } from "./streaks.ts";

export type FindingType =
  | "r3-failed"
  | "r4-unexcused"
  | "r5-notice"
  | "r5-warning"
  | "r5-violation"
  | "r8-warning"
  | "r8-consider"
  | "r9-short";

export interface Finding {
  readonly type: FindingType;
  /** The member it is about (R4, R5, R8); null for the meeting's own findings (R3, R9). */
  readonly memberId: string | null;
  /** R5: excused absences in a row; R8: months with an unexcused absence this year; R9: minutes. */
  readonly value: number | null;
}

export interface HeldMeetingFindings {
  readonly outcome: MeetingOutcome;
  /** R9's figures; null when the policy is off or the roll call's times are unknown. */
  readonly duration: DurationFinding | null;
  readonly findings: Finding[];
}

/**
 * R3, R4, R5, R8 and R9 of one held meeting, as its roll call's closing finds them and the
 * monthly report lists them. `history` is the cell's held meetings (this one may be among them):
 * R5's run and R8's month count look only at the meetings of the year up to this one.
 */
export function heldMeetingFindings(input: {
  policy: Policy;
  members: readonly Member[];
  meeting: MeetingRecord;
  history: readonly MeetingRecord[];
  /** The roll call's opening and closing (R9). */
  times?: { openedAt: Date; closedAt: Date } | null;
}): HeldMeetingFindings {
  const { policy, members, meeting } = input;
  const year = meeting.date.slice(0, 4);
  const ordered = inDateOrder([...input.history.filter((m) => m.id !== meeting.id), meeting]);
  const upTo = ordered
    .slice(0, ordered.indexOf(meeting) + 1)
    .filter((m) => m.date.startsWith(year));
  const outcome = meetingOutcome(members, meeting, policy);
  const findings: Finding[] = [];
  const add = (type: FindingType, memberId: string | null = null, value: number | null = null) =>
    findings.push({ type, memberId, value });

  if (outcome.rateOk === false) add("r3-failed");
  for (const id of outcome.unexcused) add("r4-unexcused", id);
  for (const member of members) {
    const mark = countedMark(member, meeting);
    if (mark === "excused" && meeting.kind === "regular") {
      const streak = excusedStreaks(member, upTo, policy).at(-1)?.streak ?? 0;
      const level = streakLevel(streak, policy);
      if (level) add(`r5-${level}`, member.id, streak);
    }
    if (mark === "unexcused") {
      const months = unexcusedMonthsByYear(member, upTo)[year] ?? 0;
      const level = removalLevel(months, policy);
      if (level) add(`r8-${level}`, member.id, months);
    }
  }
  const duration = input.times
    ? checkDuration({ ...input.times, withThematicPart: meeting.kind === "thematic" }, policy)
    : null;
  if (duration && !duration.ok) add("r9-short", null, duration.minutes);
  return { outcome, duration, findings };
}
