/**
 * The monthly report (SPEC §4 step 6), the door of src/services/report/: what the channels, the
 * CLI, the jobs and the other services use. Inside the folder the files import each other
 * directly, never through this door.
 *
 * The files (CSV, Excel, JSON, the terminal table) are not behind this door: they come from
 * `./export.ts`, which loads exceljs. The worker reaches this door for the monthly digest and
 * has no use for a workbook, so it does not load exceljs at all.
 */

export { monthlyReport } from "./compute.ts";
export {
  DIGEST_HOUR,
  DIGEST_LAST_DAY,
  type DigestPayload,
  digestKey,
  digestMonth,
  prepareDigest,
  writeMonthlyDigests,
} from "./digest.ts";
export { type CellMonthEvaluation, cellMonthFindings, type HeldMeeting } from "./findings.ts";
export { actorReportUnits, reportAsked, reportForActor, reportHint } from "./for-actor.ts";
export { defaultReportMonth, isReportMonth, monthOf, reportMonthFromText } from "./month.ts";
export {
  REPORT_TEXT_LIMIT,
  type ReportTextOptions,
  renderReportText,
  reportMonthLabel,
} from "./text.ts";
export {
  FINDING_TYPES,
  type MonthlyReport,
  type OrganisationReport,
  type ReportAttendance,
  type ReportDeps,
  type ReportFinding,
  type ReportFindingType,
  type ReportFindingView,
  type ReportMeeting,
  type ReportMeetingState,
  type ReportOrganisation,
  type ReportPerson,
  type ReportScope,
  type ReportTotals,
  type UnitReport,
} from "./types.ts";
