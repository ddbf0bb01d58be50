import type { Attendance } from "@prisma/client";
import type { DurationFinding } from "../../domain/duration.ts";
import {
  type CalendarDate,
  type MeetingRecord,
  type Member,
  standingOn,
} from "../../domain/eligibility.ts";
import { localDate } from "../../domain/local-time.ts";
import { meetingOutcome } from "../../domain/rate.ts";
import type { AlertInput } from "../alerts.ts";
import type { Services } from "../context.ts";
import { compareNames } from "../format.ts";
import { countedAttendance, MARKS } from "../history.ts";
import { toDomainMember } from "../members.ts";
import type { MeetingQuality } from "../quality/view.ts";
import { committeeInCharge } from "../recipients.ts";
import { CORRECTION_WINDOW_MS, type Tx } from "./guards.ts";
import type { VoteResult } from "./votes.ts";

/**
 * The roll call as plain data: the roster a secretary presses on and the minutes closing writes
 * (the texts are rendered from these), read from the database.
 */

export type RosterStatus = "unmarked" | "present" | "excused" | "unexcused";
export type RosterStanding = "eligible" | "exempt" | "special_duty";

export interface RosterMember {
  memberId: string;
  fullName: string;
  probationary: boolean;
  /** Exempt and special-duty members are listed apart and are outside the rate (R6). */
  standing: RosterStanding;
  status: RosterStatus;
  reason: string | null;
  /** R4: false when a secretary rejected the reason, which makes the absence unexcused. */
  reasonAccepted: boolean;
  /** Prefilled from the member's answer and not touched by a secretary since. */
  fromAnswer: boolean;
  /** What the member answered the reminder: said they would come is not being here. */
  answer: "attending" | "absent" | null;
  /** When the member checked themselves in with the code (issue 16); null otherwise. */
  selfCheckedAt: Date | null;
}

export interface RosterGuest {
  memberId: string;
  fullName: string;
  present: boolean;
}

export interface RosterView {
  meeting: {
    id: string;
    unitId: string;
    cellName: string;
    kind: "regular" | "thematic";
    startsAt: Date;
    place: string | null;
    openedAt: Date | null;
    closedAt: Date | null;
  };
  /** Eligible members, by given name. */
  members: RosterMember[];
  exempt: RosterMember[];
  guests: RosterGuest[];
  counts: {
    eligible: number;
    present: number;
    excused: number;
    /** Marked unexcused or with a rejected reason. */
    unexcused: number;
    unmarked: number;
    minimumPresent: number;
    /** Unmarked eligible or exempt members who answered Tham dự (one press marks them present). */
    confirmedUnmarked: number;
    /** Members present by their own check-in (issue 16). */
    selfChecked: number;
  };
  closed: boolean;
  correctableUntil: Date | null;
  /** Open, or closed less than 24 h ago: presses still change the roll call. */
  editable: boolean;
}

/** The attendance part of the minutes (biên bản), as plain data; rendered by minutesMessages. */
export interface Minutes {
  meetingId: string;
  cell: string;
  meetingKind: "regular" | "thematic";
  date: CalendarDate;
  start: Date;
  end: Date;
  total: number;
  eligible: number;
  present: number;
  minimumPresent: number;
  rate: number | null;
  rateOk: boolean | null;
  threshold: number;
  rows: MinutesRow[];
  findings: { type: AlertInput["type"]; args: AlertInput["args"] }[];
  duration: DurationFinding | null;
  /** How many corrections were made after closing (0 for the first minutes). */
  revision: number;
  /** Issue 15: the quality score so far (the secretary scores their items after closing). */
  quality?: MeetingQuality | null;
  /** Members present by their own check-in (issue 16). */
  selfChecked?: number;
  /** The meeting's closed votes (issue 16). */
  votes?: VoteResult[];
}

export interface MinutesRow {
  name: string;
  role: "full" | "probationary" | "guest";
  status: "present" | "excused" | "unexcused" | "absent" | "exempt";
  standing: RosterStanding | "guest";
  reason: string | null;
  reasonRejected: boolean;
}

/** The roster as plain data, read from the database (callers check who may see it). */
export async function rosterView(services: Services, meetingId: string): Promise<RosterView> {
  const { db, clock, settings } = services;
  const meeting = await db.meeting.findUniqueOrThrow({
    where: { id: meetingId },
    include: { unit: true },
  });
  const [rows, attendance, answers] = await Promise.all([
    db.member.findMany({ where: { cellId: meeting.unitId }, include: { statusPeriods: true } }),
    db.attendance.findMany({ where: { meetingId } }),
    db.answer.findMany({ where: { meetingId }, select: { memberId: true, kind: true } }),
  ]);
  const answered = new Map(
    answers.map((a) => [a.memberId, a.kind === "ATTENDING" ? "attending" : "absent"] as const),
  );
  const date = localDate(meeting.startsAt);
  const marks = new Map(attendance.map((a) => [a.memberId, a]));
  const members: RosterMember[] = [];
  const exempt: RosterMember[] = [];
  for (const row of rows) {
    const standing = standingOn(toDomainMember(row), date);
    if (standing === "outside") continue;
    const mark = marks.get(row.id);
    const entry: RosterMember = {
      memberId: row.id,
      fullName: row.fullName,
      probationary: row.membership === "PROBATIONARY",
      standing,
      status: mark ? (MARKS[mark.status] as RosterStatus) : "unmarked",
      reason: mark?.reason ?? null,
      reasonAccepted: mark?.reasonAccepted ?? true,
      fromAnswer: !!mark && mark.markedById === null,
      answer: answered.get(row.id) ?? null,
      selfCheckedAt: mark?.selfCheckedAt ?? null,
    };
    (standing === "eligible" ? members : exempt).push(entry);
  }
  const outcome = meetingOutcome(
    rows.map(toDomainMember),
    meetingRecord({ id: meeting.id, kind: meeting.kind, date }, attendance),
    settings.policy,
  );
  const closedAt = meeting.rollCallClosedAt;
  const correctableUntil = closedAt ? new Date(closedAt.getTime() + CORRECTION_WINDOW_MS) : null;
  const rejected = (m: RosterMember) => m.status === "excused" && !m.reasonAccepted;
  return {
    meeting: {
      id: meeting.id,
      unitId: meeting.unitId,
      cellName: meeting.unit.name,
      kind: meeting.kind === "THEMATIC" ? "thematic" : "regular",
      startsAt: meeting.startsAt,
      place: meeting.place,
      openedAt: meeting.rollCallOpenedAt,
      closedAt,
    },
    members: members.sort((a, b) => compareNames(a.fullName, b.fullName)),
    exempt: exempt.sort((a, b) => compareNames(a.fullName, b.fullName)),
    guests: (await guestsOf(db, meeting.unitId, attendance, new Set(rows.map((r) => r.id))))
      .map((g) => ({ memberId: g.id, fullName: g.fullName, present: g.present }))
      .sort((a, b) => compareNames(a.fullName, b.fullName)),
    counts: {
      eligible: outcome.eligible,
      present: outcome.present,
      excused: members.filter((m) => m.status === "excused" && !rejected(m)).length,
      unexcused: members.filter((m) => m.status === "unexcused" || rejected(m)).length,
      unmarked: members.filter((m) => m.status === "unmarked").length,
      minimumPresent: outcome.minimumPresent,
      confirmedUnmarked: [...members, ...exempt].filter(
        (m) => m.status === "unmarked" && m.answer === "attending",
      ).length,
      selfChecked: [...members, ...exempt].filter((m) => m.selfCheckedAt !== null).length,
    },
    closed: closedAt !== null,
    correctableUntil,
    editable:
      meeting.status !== "CANCELLED" &&
      (correctableUntil === null || clock.now().getTime() <= correctableUntil.getTime()),
  };
}

/** Committee members in charge (and anyone marked as guest), with their presence; never cell members. */
export async function guestsOf(
  tx: Tx | Services["db"],
  unitId: string,
  attendance: Attendance[],
  cellMembers: ReadonlySet<string>,
) {
  const present = new Set(attendance.filter((a) => a.guest).map((a) => a.memberId));
  const inCharge = (await committeeInCharge(tx, unitId)).filter((c) => !cellMembers.has(c.id));
  const known = new Set(inCharge.map((c) => c.id));
  const former = await tx.member.findMany({
    where: { id: { in: [...present].filter((id) => !known.has(id)) } },
  });
  return [...inCharge, ...former].map((g) => ({
    id: g.id,
    fullName: g.fullName,
    present: present.has(g.id),
  }));
}

export function meetingRecord(
  meeting: { id: string; kind: "REGULAR" | "THEMATIC"; date: CalendarDate },
  attendance: Attendance[],
): MeetingRecord {
  return {
    id: meeting.id,
    kind: meeting.kind === "THEMATIC" ? "thematic" : "regular",
    date: meeting.date,
    attendance: countedAttendance(attendance),
  };
}

export function minutesRows(
  rows: { id: string; fullName: string; membership: "FULL" | "PROBATIONARY" }[],
  members: Member[],
  date: CalendarDate,
  attendance: Attendance[],
  guests: { fullName: string; present: boolean }[],
): MinutesRow[] {
  const marks = new Map(attendance.map((a) => [a.memberId, a]));
  const out: MinutesRow[] = [];
  rows.forEach((row, i) => {
    const standing = standingOn(members[i]!, date);
    if (standing === "outside") return;
    const mark = marks.get(row.id);
    const rejected = mark?.status === "EXCUSED" && !mark.reasonAccepted;
    out.push({
      name: row.fullName,
      role: row.membership === "PROBATIONARY" ? "probationary" : "full",
      standing,
      status:
        standing !== "eligible"
          ? mark?.status === "PRESENT"
            ? "present"
            : "exempt"
          : rejected
            ? "unexcused"
            : mark
              ? MARKS[mark.status]
              : "unexcused",
      reason: mark?.reason ?? null,
      reasonRejected: rejected,
    });
  });
  out.sort((a, b) => compareNames(a.name, b.name));
  return [
    ...out,
    ...guests
      .map((g) => ({
        name: g.fullName,
        role: "guest" as const,
        standing: "guest" as const,
        status: g.present ? ("present" as const) : ("absent" as const),
        reason: null,
        reasonRejected: false,
      }))
      .sort((a, b) => compareNames(a.name, b.name)),
  ];
}
