// The web console's pages (issue 17), rendered from what src/services/web-views.ts computed.
import { displayParts, showDate } from "../domain/local-time.ts";
import type { Translate } from "../i18n.ts";
import type { Problem } from "../services/import/index.ts";
import { monthLabel } from "../services/months.ts";
import type { ReportFindingView, UnitReport } from "../services/report/index.ts";
import type {
  AuditRow,
  CellState,
  CellYear,
  ChartSeries,
  MonthRow,
  YearMark,
} from "../services/web-views.ts";
import { type Html, html, pct, raw } from "./html.ts";

const when = (d: Date) => {
  const p = displayParts(d);
  return `${p.time} ${p.date}`;
};

export const STATES: CellState[] = ["held", "late", "in-progress", "upcoming", "not-held", "none"];

function findingText(t: Translate, f: ReportFindingView) {
  return t("report-finding-short", {
    type: f.type,
    member: f.memberName ?? "",
    value: f.value ?? 0,
  });
}

function findingList(t: Translate, findings: readonly ReportFindingView[]) {
  if (findings.length === 0) return html`<span class="ok">${t("web-no-findings")}</span>`;
  return html`<ul class="findings">${findings.map(
    (f) => html`<li class="finding-${f.type}">${findingText(t, f)}</li>`,
  )}</ul>`;
}

export type MonthSort = "cell" | "organisation" | "date" | "rate" | "state" | "findings";

const SORTS: [MonthSort, string][] = [
  ["organisation", "web-col-organisation"],
  ["cell", "web-col-cell"],
  ["date", "web-col-meeting"],
  ["state", "web-col-rollcall"],
  ["rate", "web-col-rate"],
  ["findings", "web-col-findings"],
];

export interface MonthPageInput {
  month: string;
  rows: MonthRow[];
  organisations: { id: string; name: string }[];
  filter: { organisation?: string; late: boolean; risk: boolean };
  sort: MonthSort;
  dir: "asc" | "desc";
  counts: Record<CellState, number>;
}

/** Page 1: this month at a glance. */
export function monthPage(t: Translate, input: MonthPageInput): Html {
  const { month, rows, filter, sort, dir } = input;
  const query = (extra: Record<string, string>) => {
    const params = new URLSearchParams({ thang: month });
    if (filter.organisation) params.set("to-chuc", filter.organisation);
    if (filter.late) params.set("cham", "1");
    if (filter.risk) params.set("nguy-co", "1");
    for (const [k, v] of Object.entries(extra)) params.set(k, v);
    return `/web?${params}`;
  };
  const th = (key: MonthSort, label: string) => {
    const active = sort === key;
    const next = active && dir === "asc" ? "desc" : "asc";
    return html`<th scope="col" aria-sort="${active ? (dir === "asc" ? "ascending" : "descending") : "none"}"><a href="${query({ sap: key, chieu: next })}">${label}${active ? (dir === "asc" ? " ▲" : " ▼") : ""}</a></th>`;
  };
  return html`
<form class="filters" method="get" action="/web" aria-label="${t("web-filters")}">
  <div class="field"><label for="f-month">${t("web-month")}</label>
    <input id="f-month" type="month" name="thang" value="${month}"></div>
  <div class="field"><label for="f-org">${t("web-organisation")}</label>
    <select id="f-org" name="to-chuc"><option value="">${t("web-all")}</option>
    ${input.organisations.map((o) => html`<option value="${o.id}"${o.id === filter.organisation ? raw(" selected") : ""}>${o.name}</option>`)}
    </select></div>
  <div class="field check"><input id="f-late" type="checkbox" name="cham" value="1"${filter.late ? raw(" checked") : ""}><label for="f-late">${t("web-filter-late")}</label></div>
  <div class="field check"><input id="f-risk" type="checkbox" name="nguy-co" value="1"${filter.risk ? raw(" checked") : ""}><label for="f-risk">${t("web-filter-risk")}</label></div>
  <div class="field"><label for="f-sort">${t("web-sort")}</label>
    <select id="f-sort" name="sap">${SORTS.map(
      ([key, label]) =>
        html`<option value="${key}"${key === sort ? raw(" selected") : ""}>${t(label)}</option>`,
    )}</select></div>
  <div class="field"><label for="f-dir">${t("web-sort-dir")}</label>
    <select id="f-dir" name="chieu"><option value="asc">${t("web-sort-asc")}</option><option value="desc"${dir === "desc" ? raw(" selected") : ""}>${t("web-sort-desc")}</option></select></div>
  <button type="submit">${t("web-apply")}</button>
  <a class="button secondary" href="/web/bao-cao.xlsx?thang=${month}">${t("web-download-report")}</a>
</form>
<ul class="counts" aria-label="${t("web-counts")}" data-testid="state-counts">
  ${STATES.filter((s) => input.counts[s] > 0).map(
    (s) =>
      html`<li class="state state-${s}" data-state="${s}"><strong>${input.counts[s]}</strong> ${t("web-state", { state: s })}</li>`,
  )}
</ul>
<p class="muted">${t("web-month-rows", { count: rows.length, month: monthLabel(month) })}</p>
<div class="table-wrap" tabindex="0" role="region" aria-label="${t("web-month-table")}">
<table class="month cards" data-testid="month-table">
<thead><tr>
  ${th("cell", t("web-col-cell"))}
  ${th("organisation", t("web-col-organisation"))}
  ${th("date", t("web-col-meeting"))}
  <th scope="col">${t("web-col-answers")}</th>
  ${th("state", t("web-col-rollcall"))}
  ${th("rate", t("web-col-rate"))}
  ${th("findings", t("web-col-findings"))}
</tr></thead>
<tbody>
${rows.map(
  (r) => html`<tr data-testid="cell-row" data-unit="${r.unit.code}" data-state="${r.state}">
  <th scope="row"><a href="/web/chi-bo/${r.unit.id}">${r.unit.name}</a>${r.atRisk ? html` <span class="tag risk">${t("web-at-risk")}</span>` : ""}</th>
  <td data-label="${t("web-col-organisation")}">${r.unit.organisation.name}</td>
  <td data-label="${t("web-col-meeting")}">${
    r.meeting
      ? html`${r.meeting.upcoming ? t("web-next") : t("web-last")}: ${when(r.meeting.startsAt)}<br><span class="muted">${r.meeting.place ?? t("web-place-unknown")}</span>`
      : html`<span class="muted">${t("web-no-meeting")}</span>`
  }</td>
  <td data-label="${t("web-col-answers")}">${r.answers ? t("web-answers", r.answers) : "—"}</td>
  <td data-label="${t("web-col-rollcall")}"><span class="state state-${r.state}">${t("web-state", { state: r.state })}</span></td>
  <td class="num" data-label="${t("web-col-rate")}">${pct(r.unit.rate)}</td>
  <td data-label="${t("web-col-findings")}">${findingList(t, r.unit.findings)}</td>
</tr>`,
)}
</tbody></table></div>`;
}

const MARK_CODE: Record<YearMark, string> = {
  present: "C",
  excused: "P",
  unexcused: "K",
  exempt: "M",
  "special-duty": "N",
  outside: "—",
};

function markCell(t: Translate, mark: { mark: YearMark; reason: string | null }) {
  const label = t("web-mark", { mark: mark.mark });
  const title = mark.reason ? `${label}: ${mark.reason}` : label;
  return html`<td class="mark mark-${mark.mark}"><abbr title="${title}">${MARK_CODE[mark.mark]}</abbr><span class="sr">${title}</span></td>`;
}

export function markLegend(t: Translate) {
  return html`<p class="legend">${(Object.keys(MARK_CODE) as YearMark[]).map(
    (m) => html`<span class="mark mark-${m}">${MARK_CODE[m]}</span> ${t("web-mark", { mark: m })} `,
  )}</p>`;
}

function meetingRows(t: Translate, meetings: UnitReport["meetings"]) {
  if (meetings.length === 0) return html`<p class="muted">${t("web-no-meetings-year")}</p>`;
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label="${t("web-meetings")}"><table class="cards" data-testid="meetings-table">
<thead><tr><th scope="col">${t("web-col-date")}</th><th scope="col">${t("web-col-kind")}</th><th scope="col">${t("web-col-rollcall")}</th><th scope="col">${t("web-col-present")}</th><th scope="col">${t("web-col-rate")}</th><th scope="col">${t("web-col-findings")}</th><th scope="col">${t("web-col-minutes")}</th></tr></thead>
<tbody>${meetings.map(
    (m) => html`<tr><th scope="row">${when(m.startsAt)}</th>
<td data-label="${t("web-col-kind")}">${t("web-meeting-kind", { kind: m.kind })}</td>
<td data-label="${t("web-col-rollcall")}">${t("report-state-value", { state: m.state })}</td>
<td class="num" data-label="${t("web-col-present")}">${m.attendance ? `${m.attendance.present}/${m.attendance.eligible}` : "—"}</td>
<td class="num" data-label="${t("web-col-rate")}">${pct(m.attendance?.rate)}</td>
<td data-label="${t("web-col-findings")}">${findingList(t, m.findings)}</td>
<td data-label="${t("web-col-minutes")}">${m.state === "held" ? html`<a href="/web/bien-ban/${m.id}.csv">${t("web-download-minutes")}</a>` : "—"}</td></tr>`,
  )}</tbody></table></div>`;
}

/** Page 2: a cell's year. */
export function cellPage(t: Translate, cell: CellYear, chart: Html): Html {
  const held = cell.held;
  return html`
<p class="actions"><a href="/web/bieu-do?chi-bo=${cell.unit.id}">${t("web-nav-charts")}</a> · <a href="/web/nhat-ky?chi-bo=${cell.unit.id}">${t("web-nav-audit")}</a>
 · <a href="/web/chi-bo/${cell.unit.id}?nam=${Number(cell.year) - 1}">${t("web-year-before", { year: String(Number(cell.year) - 1) })}</a></p>
<h2>${t("web-meetings-of-year", { year: cell.year })}</h2>
${meetingRows(t, cell.meetings)}
${chart}
<h2>${t("web-members-of-year", { year: cell.year })}</h2>
${markLegend(t)}
<div class="table-wrap" tabindex="0" role="region" aria-label="${t("web-members")}"><table class="marks" data-testid="members-table">
<thead><tr><th scope="col">${t("web-col-member")}</th>
${held.map((m) => html`<th scope="col" class="mark">${showDate(m.date).slice(0, 5)}</th>`)}
<th scope="col">${t("web-col-streak")}</th><th scope="col">${t("web-col-r8")}</th></tr></thead>
<tbody>${cell.members.map(
    (
      m,
    ) => html`<tr data-testid="member-row"><th scope="row"><a href="/web/dang-vien/${m.id}">${m.fullName}</a>${m.role !== "MEMBER" ? html` <span class="tag">${t("web-cell-role", { role: m.role })}</span>` : ""}</th>
${held.map((meeting) => markCell(t, m.marks[meeting.id]!))}
<td class="num${m.streak >= 3 ? " warn" : ""}">${m.streak}</td><td class="num${m.r8Months >= 2 ? " warn" : ""}">${m.r8Months}</td></tr>`,
  )}</tbody></table></div>`;
}

export interface MemberPageInput {
  member: {
    fullName: string;
    code: string;
    membership: string;
    cellRole: string;
    statusPeriods: {
      kind: string;
      fromDate: Date;
      toDate: Date | null;
      decisionRef: string | null;
    }[];
    identities: { platform: string; lastUsedAt: Date; createdAt: Date }[];
  };
  cell: { id: string; name: string };
  year: string;
  streak: number;
  r8Months: number;
  rows: {
    meeting: { id: string; date: string; kind: string };
    report: UnitReport["meetings"][number] | null;
    mark: { mark: YearMark; reason: string | null };
    answer: { kind: string; reason: string | null; answeredAt: Date } | null;
  }[];
}

const day = (d: Date) => showDate(d.toISOString().slice(0, 10));

/** Page 3: a member. */
export function memberPage(t: Translate, input: MemberPageInput): Html {
  const { member } = input;
  return html`
<dl class="facts">
  <dt>${t("web-col-cell")}</dt><dd><a href="/web/chi-bo/${input.cell.id}">${input.cell.name}</a></dd>
  <dt>${t("web-member-kind")}</dt><dd>${t("web-membership", { kind: member.membership })}${member.cellRole !== "MEMBER" ? `, ${t("web-cell-role", { role: member.cellRole })}` : ""}</dd>
  <dt>${t("web-col-streak")}</dt><dd>${input.streak}</dd>
  <dt>${t("web-col-r8")}</dt><dd>${input.r8Months}</dd>
</dl>
<h2>${t("web-status-periods")}</h2>
${
  member.statusPeriods.length === 0
    ? html`<p class="muted">${t("web-none")}</p>`
    : html`<ul>${member.statusPeriods.map(
        (s) =>
          html`<li>${t("web-status-kind", { kind: s.kind })}: ${day(s.fromDate)} – ${s.toDate ? day(s.toDate) : t("web-open-ended")}${s.decisionRef ? ` (${s.decisionRef})` : ""}</li>`,
      )}</ul>`
}
<h2>${t("web-channels")}</h2>
${
  member.identities.length === 0
    ? html`<p class="muted">${t("web-no-channels")}</p>`
    : html`<ul data-testid="channels">${member.identities.map(
        (i) =>
          html`<li>${t("web-platform", { platform: i.platform })} — ${t("web-channel-since", { since: day(i.createdAt), used: day(i.lastUsedAt) })}</li>`,
      )}</ul>`
}
<h2>${t("web-history-of-year", { year: input.year })}</h2>
<div class="table-wrap" tabindex="0" role="region" aria-label="${t("web-history")}"><table class="cards" data-testid="history-table">
<thead><tr><th scope="col">${t("web-col-date")}</th><th scope="col">${t("web-col-answer")}</th><th scope="col">${t("web-col-mark")}</th><th scope="col">${t("web-col-rate")}</th></tr></thead>
<tbody>${input.rows.map(
    (r) => html`<tr><th scope="row">${showDate(r.meeting.date)}</th>
<td data-label="${t("web-col-answer")}">${r.answer ? (r.answer.kind === "ATTENDING" ? t("web-answer-attending") : t("web-answer-absent", { reason: r.answer.reason ?? "" })) : html`<span class="muted">${t("web-answer-none")}</span>`}</td>
<td class="mark-${r.mark.mark}" data-label="${t("web-col-mark")}">${t("web-mark", { mark: r.mark.mark })}${r.mark.reason ? `: ${r.mark.reason}` : ""}</td>
<td class="num" data-label="${t("web-col-rate")}">${pct(r.report?.attendance?.rate)}</td></tr>`,
  )}</tbody></table></div>`;
}

/** A chart figure: the server-drawn SVG and, for screen readers and checks, its data table. */
export function chartFigure(
  t: Translate,
  id: string,
  svg: { wide: string; narrow: string },
  caption: string,
  months: string[],
  values: (number | null)[],
): Html {
  return html`<figure class="chart" data-testid="chart-${id}" data-points="${values.length}">
<div class="svg svg-wide" role="img" aria-label="${caption}">${raw(svg.wide)}</div>
<div class="svg svg-narrow" role="img" aria-label="${caption}">${raw(svg.narrow)}</div>
<figcaption>${caption}</figcaption>
<details><summary>${t("web-chart-data")}</summary>
<table><thead><tr><th scope="col">${t("web-month")}</th><th scope="col">${t("web-chart-value")}</th></tr></thead>
<tbody>${months.map((m, i) => html`<tr data-testid="chart-point"><th scope="row">${monthLabel(m)}</th><td class="num">${values[i] === null ? "—" : `${String(values[i]).replace(".", ",")}%`}</td></tr>`)}</tbody></table>
</details></figure>`;
}

export function chartsPicker(
  t: Translate,
  units: { id: string; name: string }[],
  organisations: { id: string; name: string }[],
  chosen: { unitId?: string; organisationId?: string; month: string },
): Html {
  return html`<form class="filters" method="get" action="/web/bieu-do">
<div class="field"><label for="c-cell">${t("web-col-cell")}</label><select id="c-cell" name="chi-bo"><option value="">${t("web-all")}</option>
${units.map((u) => html`<option value="${u.id}"${u.id === chosen.unitId ? raw(" selected") : ""}>${u.name}</option>`)}</select></div>
<div class="field"><label for="c-org">${t("web-organisation")}</label><select id="c-org" name="to-chuc"><option value="">${t("web-all")}</option>
${organisations.map((o) => html`<option value="${o.id}"${o.id === chosen.organisationId ? raw(" selected") : ""}>${o.name}</option>`)}</select></div>
<div class="field"><label for="c-month">${t("web-chart-until")}</label><input id="c-month" type="month" name="thang" value="${chosen.month}"></div>
<button type="submit">${t("web-show")}</button></form>`;
}

export type { ChartSeries };

// ── The audit log ───────────────────────────────────────────────────────────

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function readable(t: Translate, value: unknown, names: Map<string, string>): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "boolean") return value ? t("web-yes") : t("web-no");
  if (typeof value === "number") return value.toLocaleString("vi-VN");
  if (typeof value === "string") {
    if (names.has(value)) return names.get(value)!;
    if (ISO.test(value)) return when(new Date(value));
    if (/^[A-Z_]+$/.test(value)) return t("web-audit-value", { value });
    return value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return t("web-none");
    return value.map((v) => readable(t, v, names)).join(", ");
  }
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${t("web-audit-field", { field: k })}: ${readable(t, v, names)}`)
    .join("; ");
}

function changes(t: Translate, row: AuditRow, names: Map<string, string>): Html {
  const before = (row.before ?? {}) as Record<string, unknown>;
  const after = (row.after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  if (typeof row.before !== "object" || typeof row.after !== "object" || keys.length === 0)
    return html`<span class="muted">—</span>`;
  return html`<ul class="changes">${keys.map((k) => {
    const has = k in before;
    return html`<li><span class="field">${t("web-audit-field", { field: k })}</span>: ${has ? html`<del>${readable(t, before[k], names)}</del> → ` : ""}<ins>${readable(t, after[k], names)}</ins></li>`;
  })}</ul>`;
}

export interface AuditPageInput {
  rows: AuditRow[];
  total: number;
  page: number;
  pages: number;
  actions: string[];
  names: Map<string, string>;
  units: { id: string; name: string }[];
  filter: { unitId?: string; actor?: string; action?: string; from?: string; to?: string };
}

/** Page 5: the audit log. */
export function auditPage(t: Translate, input: AuditPageInput): Html {
  const { filter } = input;
  const link = (page: number) => {
    const params = new URLSearchParams();
    if (filter.unitId) params.set("chi-bo", filter.unitId);
    if (filter.actor) params.set("nguoi", filter.actor);
    if (filter.action) params.set("hanh-dong", filter.action);
    if (filter.from) params.set("tu", filter.from);
    if (filter.to) params.set("den", filter.to);
    params.set("trang", String(page));
    return `/web/nhat-ky?${params}`;
  };
  return html`<form class="filters" method="get" action="/web/nhat-ky" aria-label="${t("web-filters")}">
<div class="field"><label for="a-cell">${t("web-col-cell")}</label><select id="a-cell" name="chi-bo"><option value="">${t("web-all")}</option>
${input.units.map((u) => html`<option value="${u.id}"${u.id === filter.unitId ? raw(" selected") : ""}>${u.name}</option>`)}</select></div>
<div class="field"><label for="a-actor">${t("web-audit-actor")}</label><input id="a-actor" name="nguoi" value="${filter.actor ?? ""}"></div>
<div class="field"><label for="a-action">${t("web-audit-action-label")}</label><select id="a-action" name="hanh-dong"><option value="">${t("web-all")}</option>
${input.actions.map((a) => html`<option value="${a}"${a === filter.action ? raw(" selected") : ""}>${t("web-audit-action", { action: a.replaceAll(".", "-") })}</option>`)}</select></div>
<div class="field"><label for="a-from">${t("web-from")}</label><input id="a-from" type="date" name="tu" value="${filter.from ?? ""}"></div>
<div class="field"><label for="a-to">${t("web-to")}</label><input id="a-to" type="date" name="den" value="${filter.to ?? ""}"></div>
<button type="submit">${t("web-apply")}</button></form>
<p class="muted" data-testid="audit-total">${t("web-audit-total", { count: input.total, page: input.page, pages: input.pages })}</p>
<div class="table-wrap" tabindex="0" role="region" aria-label="${t("web-nav-audit")}"><table class="cards" data-testid="audit-table">
<thead><tr><th scope="col">${t("web-audit-when")}</th><th scope="col">${t("web-audit-actor")}</th><th scope="col">${t("web-audit-action-label")}</th><th scope="col">${t("web-col-cell")}</th><th scope="col">${t("web-audit-changes")}</th></tr></thead>
<tbody>${input.rows.map(
    (
      r,
    ) => html`<tr data-testid="audit-row"><th scope="row">${when(r.at)}</th><td data-label="${t("web-audit-actor")}">${r.actorName ?? t("web-audit-system")}</td>
<td data-label="${t("web-audit-action-label")}">${t("web-audit-action", { action: r.action.replaceAll(".", "-") })}</td><td data-label="${t("web-col-cell")}">${r.unitName ?? "—"}</td><td data-label="${t("web-audit-changes")}">${changes(t, r, input.names)}</td></tr>`,
  )}</tbody></table></div>
<nav class="pager" aria-label="${t("web-pages")}">
${input.page > 1 ? html`<a href="${link(input.page - 1)}" rel="prev">${t("web-prev")}</a>` : ""}
<span>${t("web-page-of", { page: input.page, pages: input.pages })}</span>
${input.page < input.pages ? html`<a href="${link(input.page + 1)}" rel="next">${t("web-next-page")}</a>` : ""}
</nav>`;
}

// ── Import ──────────────────────────────────────────────────────────────────

export function importForm(t: Translate, csrf: string): Html {
  return html`<p>${t("web-import-intro")}</p>
<form method="post" action="/web/nhap" enctype="multipart/form-data" class="upload">
<input type="hidden" name="csrf" value="${csrf}">
<div class="field"><label for="i-file">${t("web-import-file")}</label><input id="i-file" type="file" name="file" accept=".xlsx" required></div>
<button type="submit">${t("web-import-check")}</button></form>`;
}

export interface ImportReportInput {
  fileName: string;
  status: string;
  rows: number;
  badRows: number;
  problems: readonly Problem[];
  warnings: readonly Problem[];
  counts?: Record<string, unknown>;
  uploadId?: string;
  csrf: string;
}

function problemTable(t: Translate, problems: readonly Problem[], id: string) {
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label="${t("web-import-problems")}"><table data-testid="${id}">
<thead><tr><th scope="col">${t("web-import-sheet")}</th><th scope="col">${t("web-import-row")}</th><th scope="col">${t("web-import-reason")}</th></tr></thead>
<tbody>${problems.map((p) => html`<tr data-testid="problem-row"><td>${p.sheet}</td><td class="num">${p.row ?? "—"}</td><td>${t(p.reason, p.args as Record<string, string | number>)}</td></tr>`)}</tbody></table></div>`;
}

/** What the import would create, update or leave as it is, per sheet (the CLI's lines). */
function countList(t: Translate, counts: Record<string, unknown>) {
  return html`<ul class="counts-list" data-testid="import-counts">${Object.entries(counts).map(
    ([kind, c]) => {
      const n = c as { created: number; updated: number; unchanged: number };
      return html`<li>${t("import-count", { sheet: t("web-import-kind", { kind }), ...n })}</li>`;
    },
  )}</ul>`;
}

/** The dry run's report; "Nhập" is offered only when it found nothing wrong. */
export function importReport(t: Translate, input: ImportReportInput): Html {
  const ok = input.problems.length === 0;
  return html`<section aria-labelledby="dry-run" data-testid="import-report" data-status="${input.status}">
<h2 id="dry-run">${t("web-import-dry-run", { file: input.fileName })}</h2>
<p class="${ok ? "ok" : "bad"}" role="status">${ok ? t("web-import-clean", { rows: input.rows }) : t("web-import-bad", { rows: input.rows, bad: input.badRows, problems: input.problems.length })}</p>
${input.problems.length ? problemTable(t, input.problems, "import-problems") : ""}
${input.warnings.length ? html`<h3>${t("web-import-warnings")}</h3>${problemTable(t, input.warnings, "import-warnings")}` : ""}
${input.counts ? countList(t, input.counts) : ""}
${
  ok && input.uploadId
    ? html`<form method="post" action="/web/nhap/ghi"><input type="hidden" name="csrf" value="${input.csrf}"><input type="hidden" name="upload" value="${input.uploadId}"><button type="submit">${t("web-import-write")}</button></form>`
    : html`<p>${t("web-import-fix")}</p>`
}
</section>`;
}

export function importDone(t: Translate, status: string, counts: unknown): Html {
  return html`<p class="ok" role="status" data-testid="import-done" data-status="${status}">${t("web-import-done", { status })}</p>
${counts ? countList(t, counts as Record<string, unknown>) : ""}
<p><a href="/web/nhap">${t("web-import-again")}</a></p>`;
}

/** A short page for errors and sign-in answers. */
export function messageBody(text: string, extra?: Html): Html {
  return html`<p class="message" role="alert">${text}</p>${extra ?? ""}`;
}
