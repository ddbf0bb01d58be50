import { checkDuration } from "../../domain/duration.ts";
import {
  countedMark,
  inDateOrder,
  type MeetingRecord,
  type Member,
} from "../../domain/eligibility.ts";
import { evaluateCell } from "../../domain/evaluate.ts";
import type { Policy } from "../../domain/policy.ts";
import { type MeetingOutcome, meetingOutcome } from "../../domain/rate.ts";
import { removalLevel } from "../../domain/removal.ts";
import { streakLevel } from "../../domain/streaks.ts";

/** The findings a monthly report lists; the names match the alert types (locale term `finding`). */
export type ReportFindingType =
  | "r2-not-held"
  | "r3-failed"
  | "r4-unexcused"
  | "r5-warning"
  | "r5-violation"
  | "r8-warning"
  | "r8-consider"
  | "r9-short";

export const FINDING_TYPES: readonly ReportFindingType[] = [
  "r2-not-held",
  "r3-failed",
  "r4-unexcused",
  "r5-warning",
  "r5-violation",
  "r8-warning",
  "r8-consider",
  "r9-short",
];

export interface ReportFinding {
  type: ReportFindingType;
  /** The held meeting it is about (null for R2 and R8, which are about the month and the year). */
  meetingId: string | null;
  memberId: string | null;
  /** R5: the excused streak; R8: months with an unexcused absence this year; R9: minutes held. */
  value: number | null;
}

/** A held meeting with its roll call and the times R9 reads. */
export interface HeldMeeting extends MeetingRecord {
  readonly openedAt: Date | null;
  readonly closedAt: Date | null;
}

export interface CellMonthEvaluation {
  /** R3/R4 figures of each held meeting of the month, by meeting id. */
  outcomes: Map<string, MeetingOutcome>;
  findings: ReportFinding[];
}

/**
 * R3, R4, R5, R8 and R9 for one cell's month, from the pure domain rules (the same ones the roll
 * call's closing applies). `history` is the year's held meetings up to the month's end, so R5's
 * streaks and R8's month count see what came before. The findings are about the month's meetings:
 * R5 when an excused absence this month reaches the warning or breaks the rule, R8 when an
 * unexcused absence this month brings the year's count to the warning or to "consider".
 */
export function cellMonthFindings(input: {
  policy: Policy;
  month: string;
  members: readonly Member[];
  history: readonly HeldMeeting[];
}): CellMonthEvaluation {
  const { policy, month, members } = input;
  const history = inDateOrder(input.history);
  const inMonth = history.filter((m) => m.date.startsWith(month));
  const evaluation = evaluateCell({ policy, members, meetings: history });
  const byId = new Map(evaluation.meetings.map((e) => [e.id, e]));
  const outcomes = new Map<string, MeetingOutcome>();
  const findings: ReportFinding[] = [];
  const add = (
    type: ReportFindingType,
    meetingId: string | null,
    memberId: string | null = null,
    value: number | null = null,
  ) => findings.push({ type, meetingId, memberId, value });

  for (const meeting of inMonth) {
    const outcome = meetingOutcome(members, meeting, policy);
    outcomes.set(meeting.id, outcome);
    if (outcome.rateOk === false) add("r3-failed", meeting.id);
    for (const id of outcome.unexcused) add("r4-unexcused", meeting.id, id);
    const streaks = byId.get(meeting.id)?.streaks ?? {};
    if (meeting.kind === "regular") {
      for (const member of members) {
        if (countedMark(member, meeting) !== "excused") continue;
        const streak = streaks[member.id] ?? 0;
        const level = streakLevel(streak, policy);
        if (level === "warning" || level === "violation")
          add(`r5-${level}`, meeting.id, member.id, streak);
      }
    }
    if (meeting.openedAt && meeting.closedAt) {
      const duration = checkDuration(
        {
          openedAt: meeting.openedAt,
          closedAt: meeting.closedAt,
          withThematicPart: meeting.kind === "thematic",
        },
        policy,
      );
      if (duration && !duration.ok) add("r9-short", meeting.id, null, duration.minutes);
    }
  }

  const year = month.slice(0, 4);
  // evaluateCell lists the members in the order it was given them.
  members.forEach((member, i) => {
    if (!inMonth.some((m) => countedMark(member, m) === "unexcused")) return;
    const months = evaluation.members[i]?.unexcusedMonthsByYear[year] ?? 0;
    const level = removalLevel(months, policy);
    if (level) add(`r8-${level}`, null, member.id, months);
  });
  return { outcomes, findings };
}
