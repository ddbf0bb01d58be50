import {
  type CalendarDate,
  countedMark,
  isEligible,
  type Mark,
  type MeetingRecord,
  type Member,
  standingOn,
} from "./eligibility.ts";
import type { Policy } from "./policy.ts";

/** R3: ⌊minRate × eligible⌋ + 1, e.g. 20 → 18, 7 → 6, 6 → 6; nobody eligible → 0. */
export function minimumPresent(eligible: number, policy: Pick<Policy, "minRate">): number {
  if (eligible === 0) return 0;
  // Basis points keep the product exact: 0.7 × 90 in floating point is 62.99999999999999.
  const basisPoints = Math.round(policy.minRate * 10_000);
  return Math.floor((basisPoints * eligible) / 10_000) + 1;
}

/** R3: strictly above minRate; null when nobody is eligible, so there is nothing to judge. */
export function isRateOk(
  present: number,
  eligible: number,
  policy: Pick<Policy, "minRate">,
): boolean | null {
  return eligible === 0 ? null : present >= minimumPresent(eligible, policy);
}

export interface MeetingOutcome {
  /** The rate's denominator. */
  readonly eligible: number;
  /** The rate's numerator. */
  readonly present: number;
  readonly minimumPresent: number;
  /** present ÷ eligible, or null when nobody is eligible. */
  readonly rate: number | null;
  readonly rateOk: boolean | null;
  readonly excused: readonly string[];
  /** R4: each one is a violation. */
  readonly unexcused: readonly string[];
  /** Exempt or special-duty members who attended; listed, counted only if the policy says so. */
  readonly exemptAttendees: readonly string[];
}

/** R3 and R4 for one meeting, from its roll call; members are listed in the given order. */
export function meetingOutcome(
  members: readonly Member[],
  meeting: MeetingRecord,
  policy: Pick<Policy, "minRate" | "countExemptAttendees">,
): MeetingOutcome {
  const byMark: Record<Mark, string[]> = { present: [], excused: [], unexcused: [] };
  const exemptAttendees: string[] = [];
  for (const member of members) {
    const mark = countedMark(member, meeting);
    if (mark !== null) byMark[mark].push(member.id);
    else if (meeting.attendance[member.id] === "present" && holdsStatus(member, meeting.date)) {
      exemptAttendees.push(member.id);
    }
  }
  const extra = policy.countExemptAttendees ? exemptAttendees.length : 0;
  const eligible = byMark.present.length + byMark.excused.length + byMark.unexcused.length + extra;
  const present = byMark.present.length + extra;
  return {
    eligible,
    present,
    minimumPresent: minimumPresent(eligible, policy),
    rate: eligible === 0 ? null : present / eligible,
    rateOk: isRateOk(present, eligible, policy),
    excused: byMark.excused,
    unexcused: byMark.unexcused,
    exemptAttendees,
  };
}

/** In the cell but exempt or on special duty that day (R6). */
function holdsStatus(member: Member, date: CalendarDate): boolean {
  const standing = standingOn(member, date);
  return standing === "exempt" || standing === "special_duty";
}

/** A member's answer to the reminder; no entry means not answered yet. */
export type Answer = "attending" | "declined";

export interface Projection {
  readonly eligible: number;
  readonly minimumPresent: number;
  readonly attending: number;
  readonly declined: number;
  /** How many more must say they come to reach the minimum (never negative). */
  readonly needed: number;
  /** True as soon as the members who have not declined can no longer reach the minimum. */
  readonly atRisk: boolean;
}

/** R3 before the meeting, from the answers so far. */
export function projection(
  members: readonly Member[],
  date: CalendarDate,
  answers: Readonly<Record<string, Answer>>,
  policy: Pick<Policy, "minRate" | "countExemptAttendees">,
): Projection {
  let eligible = 0;
  let attending = 0;
  let declined = 0;
  for (const member of members) {
    const answer = answers[member.id];
    const counted =
      isEligible(member, date) ||
      (policy.countExemptAttendees && answer === "attending" && holdsStatus(member, date));
    if (!counted) continue;
    eligible++;
    if (answer === "attending") attending++;
    if (answer === "declined") declined++;
  }
  const minimum = minimumPresent(eligible, policy);
  return {
    eligible,
    minimumPresent: minimum,
    attending,
    declined,
    needed: Math.max(0, minimum - attending),
    atRisk: eligible - declined < minimum,
  };
}
