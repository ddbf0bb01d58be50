import { displayParts } from "../../domain/local-time.ts";
import type { Translate } from "../../i18n.ts";
import { percent } from "../format.ts";
import { monthLabel } from "../months.ts";
import { qualityLine, qualityShort } from "../quality/view.ts";
import {
  FINDING_TYPES,
  type MonthlyReport,
  type ReportFindingView,
  type ReportMeeting,
  type ReportTotals,
  type UnitReport,
} from "./types.ts";

/** Telegram takes 4,096 characters per message; a little room for the channel's own additions. */
export const REPORT_TEXT_LIMIT = 4000;

export interface ReportTextOptions {
  /** The longest text allowed; the report is summarised to fit (default 4,000). */
  limit?: number;
  /** Lines put before the report (the digest's greeting). */
  intro?: string[];
  /** Lines put after it (a hint). */
  outro?: string[];
  /** An Excel file with every line goes with this text: a cut text points to it. */
  withFile?: boolean;
}

/** "2026-11" → "11/2026". */
export const reportMonthLabel = monthLabel;

/**
 * The report as one chat message (Vietnamese by default), for Telegram and Zalo alike. One unit:
 * every meeting with its figures, findings by name and who did not answer. Several units: the
 * totals, the late reporters, then one short line per unit under its organisation; when that is
 * too long, only the units that need attention, and at worst a count of the rest.
 */
export function renderReportText(
  t: Translate,
  report: MonthlyReport,
  options: ReportTextOptions = {},
): string {
  const limit = options.limit ?? REPORT_TEXT_LIMIT;
  const intro = options.intro?.length ? [...options.intro, ""] : [];
  const outro = options.outro?.length ? ["", ...options.outro] : [];
  const head = [...intro, ...headerLines(t, report)];
  const compose = (body: string[]) => [...head, ...body, ...outro].join("\n");

  if (report.units.length === 0) return compose(["", t("report-no-units")]);
  if (report.units.length === 1) {
    const text = compose(unitDetailLines(t, report, report.units[0]!));
    return text.length <= limit ? text : cut(t, text, limit, outro, options.withFile);
  }
  const summary = totalsLines(t, report);
  const full = compose([...summary, ...organisationLines(t, report, () => true)]);
  if (full.length <= limit) return full;
  const focused = compose([...summary, ...organisationLines(t, report, needsAttention)]);
  if (focused.length <= limit) return focused;
  return cut(t, focused, limit, outro, options.withFile);
}

function headerLines(t: Translate, report: MonthlyReport): string[] {
  const lines = [t("report-title", { month: reportMonthLabel(report.month) })];
  if (report.units.length === 1) {
    const unit = report.units[0]!;
    lines.push(
      unit.organisation.id === unit.id
        ? t("report-scope-unit", { cell: unit.name })
        : t("report-scope-cell", { cell: unit.name, organisation: unit.organisation.name }),
    );
  } else if (report.units.length > 1) {
    lines.push(
      t("report-scope-many", {
        units: report.units.length,
        organisations: report.organisations.length,
      }),
    );
  }
  if (!report.complete) {
    const asOf = displayParts(report.asOf);
    lines.push(t("report-as-of", { date: asOf.date, time: asOf.time }));
  }
  return lines;
}

// ── One unit, in detail ──────────────────────────────────────────────────────

function unitDetailLines(t: Translate, report: MonthlyReport, unit: UnitReport): string[] {
  const lines: string[] = [""];
  if (unit.meetings.length === 0)
    lines.push(t(unit.notHeld ? "report-unit-not-held" : "report-unit-no-meeting"));
  for (const meeting of unit.meetings) lines.push(...meetingDetailLines(t, report, meeting));
  if (unit.meetings.length > 0 && unit.notHeld) lines.push("", t("report-unit-not-held"));
  const yearly = unit.findings.filter((f) => f.type === "r8-warning" || f.type === "r8-consider");
  if (yearly.length > 0) {
    lines.push("", t("report-year-findings"));
    for (const f of yearly) lines.push(findingLine(t, report, f));
  }
  if (unit.meetingsCancelled > 0)
    lines.push("", t("report-cancelled", { count: unit.meetingsCancelled }));
  return lines;
}

function meetingDetailLines(t: Translate, report: MonthlyReport, m: ReportMeeting): string[] {
  const when = displayParts(m.startsAt);
  const lines = [
    t("report-meeting", {
      state: m.state,
      weekday: t("weekday", { day: when.day }),
      date: when.date,
      time: when.time,
      meetingKind: m.kind,
    }),
  ];
  const a = m.attendance;
  if (a) {
    if (a.rate === null) lines.push(t("report-meeting-nobody-eligible"));
    else
      lines.push(
        t("report-meeting-rate", {
          present: a.present,
          eligible: a.eligible,
          rate: percent(a.rate),
          verdict: a.rateOk ? "ok" : "failed",
          threshold: percent(report.minRate),
          minimum: a.minimumPresent,
        }),
      );
    lines.push(t("report-meeting-absent", { excused: a.excused, unexcused: a.unexcused }));
    if (a.exemptAttended > 0)
      lines.push(t("report-meeting-exempt-attended", { count: a.exemptAttended }));
    if (a.committeePresent.length > 0)
      lines.push(
        t("report-meeting-committee", { names: a.committeePresent.map((p) => p.name).join(", ") }),
      );
    if (a.durationMinutes !== null)
      lines.push(t("report-meeting-duration", { minutes: a.durationMinutes }));
  }
  if (m.quality) lines.push(`   ${qualityLine(t, m.quality)}`);
  if (m.reminded > 0)
    lines.push(
      m.unanswered.length === 0
        ? t("report-meeting-all-answered", { reminded: m.reminded })
        : t("report-meeting-unanswered", {
            count: m.unanswered.length,
            reminded: m.reminded,
            names: m.unanswered.map((p) => p.name).join(", "),
          }),
    );
  const unexcused = m.findings.filter((f) => f.type === "r4-unexcused");
  if (unexcused.length > 0)
    lines.push(
      t("report-finding-r4", {
        count: unexcused.length,
        names: unexcused.map((f) => f.memberName ?? "").join(", "),
      }),
    );
  for (const f of m.findings) {
    if (f.type === "r4-unexcused" || f.type === "r3-failed") continue;
    lines.push(findingLine(t, report, f));
  }
  return lines;
}

function findingLine(t: Translate, report: MonthlyReport, f: ReportFindingView): string {
  return t("report-finding", {
    type: f.type,
    member: f.memberName ?? "",
    value: f.value ?? 0,
    threshold: percent(report.minRate),
  });
}

// ── Several units, in short ──────────────────────────────────────────────────

function totalsLines(t: Translate, report: MonthlyReport): string[] {
  const totals = report.totals;
  const lines = ["", t("report-totals", totalsArgs(totals))];
  const findings = FINDING_TYPES.filter((type) => type !== "r2-not-held" && totals.findings[type]);
  if (findings.length === 0) lines.push(t("report-totals-no-findings"));
  for (const type of findings)
    lines.push(t("report-totals-finding", { type, count: totals.findings[type] }));
  if (totals.reminded > 0)
    lines.push(
      t("report-totals-unanswered", { count: totals.unanswered, reminded: totals.reminded }),
    );
  const notHeld = report.units.filter((u) => u.notHeld);
  const unseen = notHeld.filter((u) => !u.notHeldSeen);
  if (unseen.length < notHeld.length)
    lines.push(
      t("report-totals-not-held-seen", {
        count: notHeld.length,
        seen: notHeld.length - unseen.length,
        rest: unseen.length,
        names: unseen.map((u) => u.name).join(", "),
      }),
    );
  else if (notHeld.length > 0)
    lines.push(
      t("report-totals-not-held", {
        count: notHeld.length,
        names: notHeld.map((u) => u.name).join(", "),
      }),
    );
  if (report.lastToReport.length > 0)
    lines.push(
      t("report-last-to-report", {
        count: report.lastToReport.length,
        names: report.lastToReport.map((u) => u.name).join(", "),
      }),
    );
  return lines;
}

function totalsArgs(totals: ReportTotals) {
  return {
    units: totals.units,
    unitsHeld: totals.unitsHeld,
    meetings: totals.meetingsHeld,
    present: totals.present,
    eligible: totals.eligible,
    rate: totals.rate === null ? "—" : percent(totals.rate),
    hasRate: totals.rate === null ? "no" : "yes",
  };
}

/** Something the committee should look at; unanswered reminders alone are not. */
function needsAttention(unit: UnitReport): boolean {
  return unit.findings.length > 0 || unit.rollCallsOpen > 0 || unit.rateOk === false;
}

function organisationLines(
  t: Translate,
  report: MonthlyReport,
  show: (unit: UnitReport) => boolean,
): string[] {
  const lines: string[] = [];
  let single = false;
  let hiddenSingles = 0;
  for (const org of report.organisations) {
    const units = report.units.filter((u) => u.organisation.id === org.id);
    // A chi bộ cơ sở is its own organisation: one line each, listed together.
    if (units.length === 1 && units[0]!.id === org.id) {
      if (!show(units[0]!)) {
        hiddenSingles++;
        continue;
      }
      if (!single) lines.push("");
      single = true;
      lines.push(t("report-grassroots-line", { cell: org.name, text: unitSummary(t, units[0]!) }));
      continue;
    }
    single = false;
    const shown = units.filter(show);
    lines.push("", t("report-organisation", { organisation: org.name, ...totalsArgs(org.totals) }));
    for (const unit of shown)
      lines.push(t("report-unit-line", { cell: unit.name, text: unitSummary(t, unit) }));
    if (shown.length < units.length)
      lines.push(
        t("report-units-fine", { count: units.length - shown.length, shown: shown.length }),
      );
  }
  if (hiddenSingles > 0) {
    if (!single) lines.push("");
    lines.push(t("report-grassroots-fine", { count: hiddenSingles }));
  }
  return lines;
}

function unitSummary(t: Translate, unit: UnitReport): string {
  const parts: string[] = [];
  if (unit.meetings.length === 0)
    parts.push(t(unit.notHeld ? "report-short-not-held" : "report-short-no-meeting"));
  for (const m of unit.meetings) {
    const when = displayParts(m.startsAt);
    const day = when.date.slice(0, 5);
    const a = m.attendance;
    if (!a) parts.push(t("report-short-meeting", { state: m.state, day }));
    else if (a.rate === null) parts.push(t("report-short-nobody", { day }));
    else
      parts.push(
        t("report-short-held", {
          day,
          present: a.present,
          eligible: a.eligible,
          rate: percent(a.rate),
          verdict: a.rateOk ? "ok" : "failed",
        }),
      );
    if (m.quality) parts.push(qualityShort(t, m.quality));
  }
  const counts = new Map<string, number>();
  for (const f of unit.findings) {
    if (f.type === "r3-failed" || f.type === "r2-not-held") continue;
    const key = f.type.startsWith("r5") ? "r5" : f.type.startsWith("r8") ? "r8" : f.type;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (const [type, count] of counts) parts.push(t("report-short-issue", { type, count }));
  if (unit.unanswered > 0) parts.push(t("report-short-unanswered", { count: unit.unanswered }));
  return parts.join(" · ");
}

/** Cuts at a line end so that the text and its outro fit, and says how much was left out. */
function cut(t: Translate, text: string, limit: number, outro: string[], withFile = false): string {
  const lines = text.split("\n");
  const tail = outro.join("\n");
  const body = lines.slice(0, lines.length - outro.length);
  const kept: string[] = [];
  let length = tail.length + 80;
  for (const line of body) {
    if (length + line.length + 1 > limit) break;
    kept.push(line);
    length += line.length + 1;
  }
  const left = body.slice(kept.length).filter((l) => l.trim() !== "").length;
  const more = t(withFile ? "report-more-file" : "report-more", { count: left });
  const text2 = [...kept, more, ...outro].join("\n");
  return text2.length <= limit ? text2 : text2.slice(0, limit);
}
