import ExcelJS from "exceljs";
import { displayParts, localDate } from "../../domain/local-time.ts";
import type { Translate } from "../../i18n.ts";
import { type CsvValue, writeCsv } from "../csv.ts";
import { percent } from "../format.ts";
import { qualityCell } from "../quality/view.ts";
import { reportMonthLabel } from "./text.ts";
import type {
  MonthlyReport,
  ReportFindingView,
  ReportMeeting,
  ReportTotals,
  UnitReport,
} from "./types.ts";

/**
 * The report as files: CSV (one row per meeting unit), Excel (totals, cells, meetings), JSON and a
 * table for the terminal. Headers and values come from the locale (Vietnamese by default).
 */

type Value = string | number | Date | null;
type Kind = "text" | "int" | "percent" | "date";

interface Column<T> {
  header: string;
  kind: Kind;
  width: number;
  value: (row: T) => Value;
}

const col = <T>(
  header: string,
  kind: Kind,
  width: number,
  value: (row: T) => Value,
): Column<T> => ({
  header,
  kind,
  width,
  value,
});

const yesNo = (t: Translate, value: boolean | null) =>
  value === null ? null : t(value ? "report-value-yes" : "report-value-no");

const count = (findings: readonly ReportFindingView[], ...types: string[]) =>
  findings.filter((f) => types.includes(f.type)).length;

/** A local calendar date as a spreadsheet date (midnight UTC, so no time zone shifts the day). */
function sheetDate(instant: Date): Date {
  const [y, m, d] = localDate(instant).split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

function findingText(t: Translate, f: ReportFindingView, meetings: readonly ReportMeeting[]) {
  const text = t("report-finding-short", {
    type: f.type,
    member: f.memberName ?? "",
    value: f.value ?? 0,
  });
  const meeting = f.meetingId ? meetings.find((m) => m.id === f.meetingId) : undefined;
  return meeting ? `${displayParts(meeting.startsAt).date.slice(0, 5)}: ${text}` : text;
}

function unitColumns(t: Translate, report: MonthlyReport): Column<UnitReport>[] {
  return [
    col(t("report-col-code"), "text", 14, (u) => u.code),
    col(t("report-col-cell"), "text", 36, (u) => u.name),
    col(t("report-col-organisation"), "text", 32, (u) => u.organisation.name),
    col(t("report-col-cell-kind"), "text", 16, (u) =>
      t("report-cell-kind", { kind: u.kind === "grassroots-cell" ? u.kind : (u.cellKind ?? "") }),
    ),
    col(t("report-col-planned"), "int", 12, (u) => u.meetingsPlanned),
    col(t("report-col-held"), "int", 12, (u) => u.meetingsHeld),
    col(t("report-col-eligible"), "int", 11, (u) => u.eligible),
    col(t("report-col-present"), "int", 10, (u) => u.present),
    col(t("report-col-rate"), "percent", 11, (u) => u.rate),
    col(t("report-col-rate-ok", { threshold: percent(report.minRate) }), "text", 12, (u) =>
      yesNo(t, u.rateOk),
    ),
    col(t("report-col-r2"), "text", 11, (u) => (u.notHeld ? t("report-value-yes") : null)),
    col(t("report-col-r3"), "int", 12, (u) => count(u.findings, "r3-failed")),
    col(t("report-col-r4"), "int", 12, (u) => count(u.findings, "r4-unexcused")),
    col(t("report-col-r5"), "int", 12, (u) => count(u.findings, "r5-warning", "r5-violation")),
    col(t("report-col-r8"), "int", 12, (u) => count(u.findings, "r8-warning", "r8-consider")),
    col(t("report-col-r9"), "int", 10, (u) => count(u.findings, "r9-short")),
    col(t("report-col-unanswered"), "int", 12, (u) => u.unanswered),
    col(t("report-col-rollcall"), "text", 12, (u) =>
      u.rollCallsOpen > 0
        ? t("report-value-open")
        : u.meetingsHeld > 0
          ? t("report-value-closed")
          : null,
    ),
    col(t("report-col-findings"), "text", 60, (u) =>
      u.findings.map((f) => findingText(t, f, u.meetings)).join("; "),
    ),
    col(t("quality-col-quality"), "text", 22, (u) => {
      const scored = u.meetings.flatMap((m) => (m.quality ? [qualityCell(t, m.quality)] : []));
      return scored.length > 0 ? scored.join("; ") : null;
    }),
  ];
}

type MeetingRow = { unit: UnitReport; meeting: ReportMeeting };

function meetingColumns(t: Translate, report: MonthlyReport): Column<MeetingRow>[] {
  const a = (r: MeetingRow) => r.meeting.attendance;
  return [
    col(t("report-col-code"), "text", 14, (r) => r.unit.code),
    col(t("report-col-cell"), "text", 36, (r) => r.unit.name),
    col(t("report-col-organisation"), "text", 32, (r) => r.unit.organisation.name),
    col(t("report-col-date"), "date", 12, (r) => sheetDate(r.meeting.startsAt)),
    col(t("report-col-time"), "text", 8, (r) => displayParts(r.meeting.startsAt).time),
    col(t("report-col-kind"), "text", 20, (r) =>
      t("meeting-kind", { meetingKind: r.meeting.kind }),
    ),
    col(t("report-col-state"), "text", 20, (r) =>
      t("report-state-value", { state: r.meeting.state }),
    ),
    col(t("report-col-members"), "int", 10, (r) => a(r)?.members ?? null),
    col(t("report-col-eligible"), "int", 10, (r) => a(r)?.eligible ?? null),
    col(t("report-col-present"), "int", 10, (r) => a(r)?.present ?? null),
    col(t("report-col-excused"), "int", 10, (r) => a(r)?.excused ?? null),
    col(t("report-col-unexcused"), "int", 10, (r) => a(r)?.unexcused ?? null),
    col(t("report-col-minimum"), "int", 10, (r) => a(r)?.minimumPresent ?? null),
    col(t("report-col-rate"), "percent", 11, (r) => a(r)?.rate ?? null),
    col(t("report-col-rate-ok", { threshold: percent(report.minRate) }), "text", 12, (r) =>
      yesNo(t, a(r)?.rateOk ?? null),
    ),
    col(t("report-col-exempt"), "int", 12, (r) => a(r)?.exemptAttended ?? null),
    col(t("report-col-committee"), "text", 28, (r) =>
      a(r)
        ? a(r)!
            .committeePresent.map((p) => p.name)
            .join(", ")
        : null,
    ),
    col(t("report-col-duration"), "int", 10, (r) => a(r)?.durationMinutes ?? null),
    col(t("report-col-reminded"), "int", 10, (r) => r.meeting.reminded),
    col(t("report-col-unanswered"), "int", 12, (r) => r.meeting.unanswered.length),
    col(t("report-col-unanswered-names"), "text", 40, (r) =>
      r.meeting.unanswered.map((p) => p.name).join(", "),
    ),
    col(t("report-col-findings"), "text", 60, (r) =>
      r.meeting.findings.map((f) => findingText(t, f, [])).join("; "),
    ),
    col(t("quality-col-total"), "int", 10, (r) => r.meeting.quality?.total ?? null),
    col(t("quality-col-grade"), "text", 14, (r) =>
      r.meeting.quality ? (r.meeting.quality.gradeLabel ?? t("quality-col-incomplete")) : null,
    ),
  ];
}

type TotalsRow = { code: string; name: string; totals: ReportTotals };

function totalsColumns(t: Translate): Column<TotalsRow>[] {
  const f = (r: TotalsRow, ...types: (keyof ReportTotals["findings"])[]) =>
    types.reduce((n, type) => n + r.totals.findings[type], 0);
  return [
    col(t("report-col-code"), "text", 12, (r) => r.code),
    col(t("report-col-organisation"), "text", 36, (r) => r.name),
    col(t("report-col-units"), "int", 9, (r) => r.totals.units),
    col(t("report-col-units-held"), "int", 11, (r) => r.totals.unitsHeld),
    col(t("report-col-units-not-held"), "int", 11, (r) => r.totals.unitsNotHeld),
    col(t("report-col-planned"), "int", 12, (r) => r.totals.meetingsPlanned),
    col(t("report-col-held"), "int", 12, (r) => r.totals.meetingsHeld),
    col(t("report-col-eligible"), "int", 11, (r) => r.totals.eligible),
    col(t("report-col-present"), "int", 10, (r) => r.totals.present),
    col(t("report-col-rate"), "percent", 11, (r) => r.totals.rate),
    col(t("report-col-r3"), "int", 12, (r) => f(r, "r3-failed")),
    col(t("report-col-r4"), "int", 12, (r) => f(r, "r4-unexcused")),
    col(t("report-col-r5"), "int", 12, (r) => f(r, "r5-warning", "r5-violation")),
    col(t("report-col-r8"), "int", 12, (r) => f(r, "r8-warning", "r8-consider")),
    col(t("report-col-r9"), "int", 10, (r) => f(r, "r9-short")),
    col(t("report-col-reminded"), "int", 10, (r) => r.totals.reminded),
    col(t("report-col-unanswered"), "int", 12, (r) => r.totals.unanswered),
    col(t("report-col-last-to-report"), "int", 11, (r) => r.totals.lastToReport),
  ];
}

function totalsRows(t: Translate, report: MonthlyReport): TotalsRow[] {
  return [
    ...report.organisations.map((o) => ({ code: o.code, name: o.name, totals: o.totals })),
    { code: "", name: t("report-sheet-total"), totals: report.totals },
  ];
}

const meetingRows = (report: MonthlyReport): MeetingRow[] =>
  report.units.flatMap((unit) => unit.meetings.map((meeting) => ({ unit, meeting })));

// ── CSV ──────────────────────────────────────────────────────────────────────

function csvValue(value: Value, kind: Kind): CsvValue {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (kind === "percent" && typeof value === "number") return percent(value);
  return value;
}

/**
 * One row per meeting unit, comma-separated (RFC 4180), UTF-8 with a BOM so Excel reads the
 * Vietnamese; the rate in percent with a decimal point. For spreadsheets, the xlsx is better.
 */
export function renderReportCsv(t: Translate, report: MonthlyReport): string {
  const columns = unitColumns(t, report).map((c) =>
    c.kind === "percent" ? { ...c, header: t("report-col-rate-percent") } : c,
  );
  return writeCsv([
    columns.map((c) => c.header),
    ...report.units.map((u) => columns.map((c) => csvValue(c.value(u), c.kind))),
  ]);
}

// ── JSON ─────────────────────────────────────────────────────────────────────

/** The report's data as is (instants in ISO 8601, UTC). */
export function renderReportJson(report: MonthlyReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

// ── Excel ────────────────────────────────────────────────────────────────────

const HEADER_FILL: ExcelJS.Fill = {
  type: "pattern",
  pattern: "solid",
  fgColor: { argb: "FFB71C1C" },
};
const THIN: ExcelJS.Border = { style: "thin", color: { argb: "FFBDBDBD" } };

function addSheet<T>(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: Column<T>[],
  rows: readonly T[],
  options: { boldLast?: boolean } = {},
) {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: "frozen", ySplit: 1, xSplit: 2 }],
    pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  const header = sheet.getRow(1);
  header.height = 45;
  header.eachCell((cell) => {
    cell.font = { bold: true, color: { argb: "FFFFFFFF" } };
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
    cell.border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
  });
  for (const item of rows) {
    // A rate is stored as shown everywhere else: rounded down to 0.1 %, so 84.96 % never reads
    // as 85.0 % next to "Không đạt".
    const row = sheet.addRow(
      columns.map((c) => {
        const value = c.value(item);
        return c.kind === "percent" && typeof value === "number" ? percent(value) / 100 : value;
      }),
    );
    columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
      if (c.kind === "percent") cell.numFmt = "0.0%";
      else if (c.kind === "date") cell.numFmt = "dd/mm/yyyy";
      else if (c.kind === "int") cell.numFmt = "0";
      cell.alignment = { vertical: "top", wrapText: c.kind === "text" && c.width >= 28 };
    });
  }
  if (options.boldLast && rows.length > 0) sheet.lastRow!.font = { bold: true };
  if (rows.length > 0)
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return sheet;
}

/** The report as an Excel workbook: the totals per organisation, one row per cell, per meeting. */
export async function renderReportXlsx(t: Translate, report: MonthlyReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const month = reportMonthLabel(report.month);
  workbook.creator = "chibo-bot";
  workbook.title = t("report-sheet-title", { month });
  workbook.created = report.asOf;
  const title = t("report-sheet-title", { month });
  const asOf = displayParts(report.asOf);
  const subtitle = report.complete ? "" : ` — ${t("report-sheet-as-of", asOf)}`;
  const sheets = [
    addSheet(workbook, t("report-sheet-organisations"), totalsColumns(t), totalsRows(t, report), {
      boldLast: true,
    }),
    addSheet(workbook, t("report-sheet-units"), unitColumns(t, report), report.units),
    addSheet(workbook, t("report-sheet-meetings"), meetingColumns(t, report), meetingRows(report)),
  ];
  for (const sheet of sheets) sheet.headerFooter.oddHeader = `&L${title}${subtitle}`;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// ── The terminal ─────────────────────────────────────────────────────────────

const width = (text: string) => [...text.normalize("NFC")].length;

function clip(text: string, max: number): string {
  const chars = [...text.normalize("NFC")];
  return chars.length <= max ? chars.join("") : `${chars.slice(0, max - 1).join("")}…`;
}

function table(headers: string[], rows: string[][], right: ReadonlySet<number>): string[] {
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ""))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => {
        const pad = " ".repeat(widths[i]! - width(c));
        return right.has(i) ? pad + c : c + pad;
      })
      .join("  ")
      .trimEnd();
  return [line(headers), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)];
}

/** Aligned columns for a terminal: the cells, then the totals per organisation and overall. */
export function renderReportTable(t: Translate, report: MonthlyReport): string {
  const pct = (share: number | null) =>
    share === null ? "—" : t("report-percent", { rate: percent(share) });
  const asOf = displayParts(report.asOf);
  const lines = [t("report-sheet-title", { month: reportMonthLabel(report.month) })];
  if (!report.complete) lines.push(t("report-sheet-as-of", asOf));
  if (report.units.length === 0) return [...lines, t("report-no-units"), ""].join("\n");

  const f = (findings: Record<string, number>, ...types: string[]) =>
    String(types.reduce((n, type) => n + (findings[type] ?? 0), 0));
  const unitFindings = (u: UnitReport) => {
    const byType: Record<string, number> = {};
    for (const x of u.findings) byType[x.type] = (byType[x.type] ?? 0) + 1;
    return byType;
  };
  const unitRows = report.units.map((u) => {
    const byType = unitFindings(u);
    return [
      u.code,
      clip(u.name, 34),
      `${u.meetingsHeld}/${u.meetingsPlanned}`,
      u.eligible ? `${u.present}/${u.eligible}` : "—",
      pct(u.rate),
      u.notHeld ? "R2" : (yesNo(t, u.rateOk) ?? "—"),
      f(byType, "r4-unexcused"),
      f(byType, "r5-warning", "r5-violation"),
      f(byType, "r8-warning", "r8-consider"),
      f(byType, "r9-short"),
      String(u.unanswered),
      u.rollCallsOpen > 0
        ? t("report-value-open")
        : u.meetingsHeld > 0
          ? t("report-value-closed")
          : "—",
      u.meetings.flatMap((m) => (m.quality ? [qualityCell(t, m.quality)] : [])).join("; ") || "—",
    ];
  });
  lines.push(
    "",
    t("report-table-units"),
    ...table(
      [
        t("report-col-code"),
        t("report-col-cell"),
        t("report-col-short-held"),
        t("report-col-short-present"),
        t("report-col-short-rate"),
        t("report-col-short-ok"),
        "R4",
        "R5",
        "R8",
        "R9",
        t("report-col-short-unanswered"),
        t("report-col-short-rollcall"),
        t("quality-col-quality"),
      ],
      unitRows,
      new Set([2, 3, 4, 6, 7, 8, 9, 10]),
    ),
  );

  const orgRows = totalsRows(t, report).map((r) => [
    r.code,
    clip(r.name, 34),
    `${r.totals.unitsHeld}/${r.totals.units}`,
    r.totals.eligible ? `${r.totals.present}/${r.totals.eligible}` : "—",
    pct(r.totals.rate),
    f(r.totals.findings, "r3-failed"),
    f(r.totals.findings, "r4-unexcused"),
    f(r.totals.findings, "r5-warning", "r5-violation"),
    f(r.totals.findings, "r8-warning", "r8-consider"),
    f(r.totals.findings, "r9-short"),
    String(r.totals.unanswered),
    String(r.totals.lastToReport),
  ]);
  lines.push(
    "",
    t("report-table-organisations"),
    ...table(
      [
        t("report-col-code"),
        t("report-col-organisation"),
        t("report-col-short-units"),
        t("report-col-short-present"),
        t("report-col-short-rate"),
        t("report-col-short-failed"),
        "R4",
        "R5",
        "R8",
        "R9",
        t("report-col-short-unanswered"),
        t("report-col-short-late"),
      ],
      orgRows,
      new Set([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
    ),
  );
  if (report.lastToReport.length > 0)
    lines.push(
      "",
      t("report-table-last-to-report", {
        names: report.lastToReport.map((u) => `${u.code} ${u.name}`).join(", "),
      }),
    );
  return `${lines.join("\n")}\n`;
}
