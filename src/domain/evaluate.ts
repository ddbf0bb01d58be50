import { inDateOrder, isEligible, type MeetingRecord, type Member } from "./eligibility.ts";
import type { Policy } from "./policy.ts";
import { meetingOutcome } from "./rate.ts";
import { removalConsiderationYears, unexcusedMonthsByYear } from "./removal.ts";
import { excusedStreaks } from "./streaks.ts";

export interface CellHistory {
  readonly policy: Policy;
  readonly members: readonly Member[];
  readonly meetings: readonly MeetingRecord[];
}

export interface MeetingEvaluation {
  readonly id: string;
  readonly eligible: number;
  readonly present: number;
  readonly minimumPresent: number;
  readonly rate: number | null;
  readonly rateOk: boolean | null;
  readonly unexcused: readonly string[];
  /** Excused streak after this meeting of every eligible member whose streak is at least 1. */
  readonly streaks: Readonly<Record<string, number>>;
  readonly streakViolations: readonly string[];
}

export interface MemberEvaluation {
  readonly id: string;
  readonly unexcusedMonthsByYear: Readonly<Record<string, number>>;
  readonly removalConsideration: readonly string[];
}

export interface CellEvaluation {
  readonly meetings: readonly MeetingEvaluation[];
  readonly members: readonly MemberEvaluation[];
}

/** R3, R4, R5 per meeting (in date order) and R8 per member, for one cell's whole history. */
export function evaluateCell({ policy, members, meetings }: CellHistory): CellEvaluation {
  const ordered = inDateOrder(meetings);
  const streaksByMember = new Map(
    members.map((member) => [member.id, excusedStreaks(member, ordered, policy)]),
  );
  return {
    meetings: ordered.map((meeting, index) => {
      const outcome = meetingOutcome(members, meeting, policy);
      const streaks: Record<string, number> = {};
      const streakViolations: string[] = [];
      for (const member of members) {
        const step = streaksByMember.get(member.id)?.[index];
        if (!step || !isEligible(member, meeting.date)) continue;
        if (step.streak >= 1) streaks[member.id] = step.streak;
        if (step.violation) streakViolations.push(member.id);
      }
      return {
        id: meeting.id,
        eligible: outcome.eligible,
        present: outcome.present,
        minimumPresent: outcome.minimumPresent,
        rate: outcome.rate,
        rateOk: outcome.rateOk,
        unexcused: outcome.unexcused,
        streaks,
        streakViolations,
      };
    }),
    members: members.map((member) => ({
      id: member.id,
      unexcusedMonthsByYear: unexcusedMonthsByYear(member, ordered),
      removalConsideration: removalConsiderationYears(member, ordered, policy),
    })),
  };
}
