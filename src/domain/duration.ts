import type { Policy } from "./policy.ts";

export interface DurationFinding {
  readonly minutes: number;
  readonly requiredMinutes: number;
  readonly ok: boolean;
}

/**
 * When the meeting took place, for the minutes and R9: from its planned start (a roll call opened
 * early is preparation, not the meeting) to the close. Closed before the planned start (the
 * secretary confirmed it), it began when the roll call opened. Never an end before the start.
 */
export function meetingTimes(meeting: {
  readonly plannedStart: Date;
  readonly openedAt: Date | null;
  readonly closedAt: Date;
}): { start: Date; end: Date } {
  const { plannedStart, closedAt } = meeting;
  if (closedAt.getTime() >= plannedStart.getTime()) return { start: plannedStart, end: closedAt };
  const opened = meeting.openedAt ?? closedAt;
  return { start: opened.getTime() <= closedAt.getTime() ? opened : closedAt, end: closedAt };
}

/**
 * R9: did the meeting last long enough, from the roll call's opening and closing times?
 * Returns null when the policy is off; a finding is reported, never blocking.
 */
export function checkDuration(
  meeting: { readonly openedAt: Date; readonly closedAt: Date; readonly withThematicPart: boolean },
  policy: Pick<Policy, "minDuration">,
): DurationFinding | null {
  const { enabled, regularMinutes, thematicMinutes } = policy.minDuration;
  if (!enabled) return null;
  const minutes = Math.floor((meeting.closedAt.getTime() - meeting.openedAt.getTime()) / 60_000);
  const requiredMinutes = meeting.withThematicPart ? thematicMinutes : regularMinutes;
  return { minutes, requiredMinutes, ok: minutes >= requiredMinutes };
}
