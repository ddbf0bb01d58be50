import type { Db } from "../../db/client.ts";
import type { Translate } from "../../i18n.ts";
import type { Settings } from "../../settings.ts";
import type { MeetingQuality } from "../quality/view.ts";

/**
 * The monthly report (SPEC §4 step 6): per meeting unit the meetings planned and held, each held
 * meeting's rate, the R3–R9 findings, the reminders nobody answered and the roll calls left open
 * ("last to report"); totals per grassroots organisation and overall. Plain data: the chat text,
 * CSV, xlsx, JSON and the terminal table are renderings of it.
 */

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

/** Which meeting units a report covers. */
export type ReportScope =
  | { kind: "all" }
  /** A unit and every meeting unit under it, by its code (the CLI's `--unit`). */
  | { kind: "unit"; code: string }
  /** Exactly these meeting units (a secretary's cell, a committee member's units). */
  | { kind: "units"; unitIds: readonly string[] };

export interface ReportPerson {
  id: string;
  name: string;
}

export interface ReportOrganisation {
  id: string;
  code: string;
  name: string;
}

/** The roll call's figures for a held meeting (R3, R4, R6, R7, R9). */
export interface ReportAttendance {
  /** Members in the cell on the meeting date, exempt and special duty included. */
  members: number;
  eligible: number;
  present: number;
  excused: number;
  /** Absent without a reason, unmarked at closing, or with a rejected reason (R4). */
  unexcused: number;
  minimumPresent: number;
  /** present ÷ eligible; null when nobody was eligible. */
  rate: number | null;
  rateOk: boolean | null;
  /** Exempt or special-duty members who attended anyway (R6: outside the rate by default). */
  exemptAttended: number;
  /** From opening to closing the roll call (R9); null when it was never opened. */
  durationMinutes: number | null;
  /** Committee members who attended as guests (R7). */
  committeePresent: ReportPerson[];
}

export interface ReportFindingView extends ReportFinding {
  memberName: string | null;
}

export type ReportMeetingState = "held" | "not-closed" | "in-progress" | "upcoming";

export interface ReportMeeting {
  id: string;
  kind: "regular" | "thematic";
  startsAt: Date;
  plannedEndAt: Date;
  /** "not-closed": its planned end has passed and nobody closed the roll call. */
  state: ReportMeetingState;
  attendance: ReportAttendance | null;
  /** Eligible members a reminder was delivered to. */
  reminded: number;
  /** Of those, the ones who never answered (counted once the meeting has started). */
  unanswered: ReportPerson[];
  findings: ReportFindingView[];
  /** Issue 15: a held meeting's quality score (HD 42); null otherwise or without a rubric. */
  quality?: MeetingQuality | null;
}

export interface UnitReport {
  id: string;
  code: string;
  name: string;
  kind: "cell" | "grassroots-cell";
  cellKind: "residential" | "other" | null;
  organisation: ReportOrganisation;
  /** Meetings of the month not cancelled (held ones included). */
  meetingsPlanned: number;
  meetingsHeld: number;
  meetingsCancelled: number;
  meetings: ReportMeeting[];
  /** Every finding of the month: the meetings' ones, R8 and R2. */
  findings: ReportFindingView[];
  /** Over the held meetings: Σ present ÷ Σ eligible. */
  eligible: number;
  present: number;
  rate: number | null;
  /** Every held meeting above the rate; null when none was held (or nobody was eligible). */
  rateOk: boolean | null;
  unanswered: number;
  /** Meetings whose roll call is still open after their planned end. */
  rollCallsOpen: number;
  /** The month is over and nothing was held (R2). */
  notHeld: boolean;
  /** The reader acknowledged the R2 alert already (the digest names the cell only once). */
  notHeldSeen?: boolean;
}

export interface ReportTotals {
  units: number;
  /** Units with at least one held meeting. */
  unitsHeld: number;
  /** Units without a held meeting in a finished month (R2). */
  unitsNotHeld: number;
  meetingsPlanned: number;
  meetingsHeld: number;
  meetingsRateOk: number;
  meetingsRateFailed: number;
  eligible: number;
  present: number;
  rate: number | null;
  findings: Record<ReportFindingType, number>;
  reminded: number;
  unanswered: number;
  rollCallsOpen: number;
  /** Units with a roll call left open: the "last to report". */
  lastToReport: number;
}

export interface OrganisationReport extends ReportOrganisation {
  totals: ReportTotals;
}

export interface MonthlyReport {
  /** "YYYY-MM", local (Asia/Ho_Chi_Minh). */
  month: string;
  /** When the figures were read; before the month's end they are the month so far. */
  asOf: Date;
  /** The month is over: R2 is judged, no meeting is upcoming. */
  complete: boolean;
  /** R3's threshold the rates were judged against. */
  minRate: number;
  units: UnitReport[];
  organisations: OrganisationReport[];
  totals: ReportTotals;
  /** Units that have not closed a roll call, in report order. */
  lastToReport: { id: string; code: string; name: string; meetings: Date[] }[];
}

export interface ReportDeps {
  db: Db;
  settings: Pick<Settings, "policy"> & Partial<Pick<Settings, "qualityRubric">>;
  /** With the rubric, held meetings get their quality score (its reasons in this language). */
  t?: Translate;
}
