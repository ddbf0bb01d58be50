import type { Policy } from "./policy.ts";

export interface DurationFinding {
  readonly minutes: number;
  readonly requiredMinutes: number;
  readonly ok: boolean;
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
