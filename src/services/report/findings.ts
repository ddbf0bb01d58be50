import { meetingTimes } from "../../domain/duration.ts";
import { inDateOrder, type MeetingRecord, type Member } from "../../domain/eligibility.ts";
import { heldMeetingFindings } from "../../domain/findings.ts";
import type { Policy } from "../../domain/policy.ts";
import type { MeetingOutcome } from "../../domain/rate.ts";
import type { ReportFinding } from "./types.ts";

/** A held meeting with its roll call and the times R9 reads. */
export interface HeldMeeting extends MeetingRecord {
  readonly startsAt: Date;
  readonly openedAt: Date | null;
  readonly closedAt: Date | null;
}

/** The held meeting's start and end as the minutes give them (meetingTimes), if it was closed. */
export function heldTimes(meeting: Pick<HeldMeeting, "startsAt" | "openedAt" | "closedAt">) {
  if (!meeting.closedAt) return null;
  const { start, end } = meetingTimes({
    plannedStart: meeting.startsAt,
    openedAt: meeting.openedAt,
    closedAt: meeting.closedAt,
  });
  return { openedAt: start, closedAt: end };
}

export interface CellMonthEvaluation {
  /** R3/R4 figures of each held meeting of the month, by meeting id. */
  outcomes: Map<string, MeetingOutcome>;
  findings: ReportFinding[];
}

/**
 * R3, R4, R5, R8 and R9 for one cell's month: each held meeting's findings as its roll call's
 * closing computes them (src/domain/findings.ts). `history` is the year's held meetings up to the
 * month's end. The report lists R5 from the warning on (the notice is the member's own), and R8
 * once per member: the year's count after the month.
 */
export function cellMonthFindings(input: {
  policy: Policy;
  month: string;
  members: readonly Member[];
  history: readonly HeldMeeting[];
}): CellMonthEvaluation {
  const { policy, month, members, history } = input;
  const outcomes = new Map<string, MeetingOutcome>();
  const findings: ReportFinding[] = [];
  const removal = new Map<string, ReportFinding>();
  for (const meeting of inDateOrder(history.filter((m) => m.date.startsWith(month)))) {
    const held = heldMeetingFindings({
      policy,
      members,
      meeting,
      history,
      times: heldTimes(meeting),
    });
    outcomes.set(meeting.id, held.outcome);
    for (const { type, memberId, value } of held.findings) {
      if (type === "r5-notice") continue;
      if (type === "r8-warning" || type === "r8-consider")
        removal.set(memberId!, { type, meetingId: null, memberId, value });
      else findings.push({ type, meetingId: meeting.id, memberId, value });
    }
  }
  findings.push(...removal.values());
  return { outcomes, findings };
}
