import {
  type CalendarDate,
  countedMark,
  inDateOrder,
  type MeetingRecord,
  type Member,
} from "./eligibility.ts";
import type { Policy } from "./policy.ts";

export interface StreakStep {
  readonly meetingId: string;
  /** R5: excused absences in a row, in this calendar year, after this meeting. */
  readonly streak: number;
  /** True when this meeting's excused absence took the streak past the maximum. */
  readonly violation: boolean;
}

/**
 * R5 across a member's history, one step per meeting in date order. Only regular meetings
 * where the member is eligible count: excused extends the run, present or unexcused breaks it;
 * thematic meetings and days the member was not eligible leave it as it was.
 */
export function excusedStreaks(
  member: Member,
  meetings: readonly MeetingRecord[],
  policy: Pick<Policy, "maxConsecutiveExcused">,
): StreakStep[] {
  let streak = 0;
  let year = "";
  return inDateOrder(meetings).map((meeting) => {
    // Policy "calendar-year": the run starts again on 1 January.
    if (yearOf(meeting.date) !== year) {
      year = yearOf(meeting.date);
      streak = 0;
    }
    const mark = meeting.kind === "regular" ? countedMark(member, meeting) : null;
    if (mark === "excused") streak++;
    else if (mark !== null) streak = 0;
    const violation = mark === "excused" && streak > policy.maxConsecutiveExcused;
    return { meetingId: meeting.id, streak, violation };
  });
}

/** The streak a member carries into a meeting on `date` (for the warning before it). */
export function streakBefore(
  member: Member,
  meetings: readonly MeetingRecord[],
  date: CalendarDate,
  policy: Pick<Policy, "maxConsecutiveExcused">,
): number {
  const earlierThisYear = meetings.filter((m) => m.date < date && yearOf(m.date) === yearOf(date));
  return excusedStreaks(member, earlierThisYear, policy).at(-1)?.streak ?? 0;
}

export type StreakLevel = "notice" | "warning" | "violation";

/** R5 levels with the default maximum 3: 2 = notice to the member, 3 = warning, 4 = violation. */
export function streakLevel(
  streak: number,
  policy: Pick<Policy, "maxConsecutiveExcused">,
): StreakLevel | null {
  const max = policy.maxConsecutiveExcused;
  if (streak > max) return "violation";
  if (streak === max) return "warning";
  if (streak === max - 1 && streak > 0) return "notice";
  return null;
}

function yearOf(date: CalendarDate): string {
  return date.slice(0, 4);
}
