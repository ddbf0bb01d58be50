import {
  AlignmentType,
  Document,
  Packer,
  Paragraph,
  type ParagraphChild,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from "docx";
import { displayParts } from "../../domain/local-time.ts";
import type { Translate } from "../../i18n.ts";
import { percent } from "../format.ts";
import type { MinutesDocument } from "./document.ts";

/**
 * The minutes as a Word file laid out as Party documents are (HD 36-HD/VPTW): A4, margins 20 mm
 * top and bottom, 30 mm left, 15 mm right, Times New Roman 14 (13 in the heading and tables).
 */

const FONT = "Times New Roman";
/** Half-points. */
const BODY = 28;
const SMALL = 26;
/** Twips: A4 and the margins. */
const PAGE = { width: 11_906, height: 16_838 };
const MARGIN = { top: 1_134, bottom: 1_134, left: 1_701, right: 850 };
const CONTENT = PAGE.width - MARGIN.left - MARGIN.right;

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
  size?: number;
}

const run = (text: string, style: RunStyle = {}) =>
  new TextRun({
    text,
    font: FONT,
    size: style.size ?? BODY,
    bold: style.bold,
    italics: style.italics,
    underline: style.underline ? {} : undefined,
  });

function para(
  children: string | ParagraphChild[],
  options: {
    align?: Align;
    indent?: number;
    firstLine?: number;
    hanging?: number;
    before?: number;
    after?: number;
    keepNext?: boolean;
  } & RunStyle = {},
): Paragraph {
  return new Paragraph({
    children: typeof children === "string" ? [run(children, options)] : children,
    // Left by default: justified lines put gaps inside words when a PDF's text is read back.
    alignment: options.align ?? AlignmentType.LEFT,
    indent:
      options.indent || options.firstLine
        ? { left: options.indent, firstLine: options.firstLine, hanging: options.hanging }
        : undefined,
    spacing: { before: options.before ?? 60, after: options.after ?? 60, line: 288 },
    keepNext: options.keepNext,
  });
}

const centered = (text: string, style: RunStyle & { before?: number; after?: number } = {}) =>
  para(text, { ...style, align: AlignmentType.CENTER });

function cell(children: Paragraph[], width: number, bordered = false): TableCell {
  return new TableCell({
    children,
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.TOP,
    borders: bordered ? undefined : TableBorders.NONE,
  });
}

/** A table without borders: the heading and the signatures, two columns side by side. */
function sideBySide(left: Paragraph[], right: Paragraph[], split = 0.44): Table {
  const widths = [Math.round(CONTENT * split), CONTENT - Math.round(CONTENT * split)];
  return new Table({
    width: { size: CONTENT, type: WidthType.DXA },
    columnWidths: widths,
    borders: TableBorders.NONE,
    margins: { left: 0, right: 0 },
    // Never split over two pages: a signature without its name is no signature.
    rows: [
      new TableRow({
        cantSplit: true,
        children: [cell(left, widths[0]!), cell(right, widths[1]!)],
      }),
    ],
  });
}

/** A bordered table: a header row in bold, then the rows; `widths` are shares of the page. */
function grid(header: string[], rows: string[][], shares: number[], aligns: Align[]): Table {
  const widths = shares.map((s) => Math.round(CONTENT * s));
  const line = (cells: string[], bold: boolean) =>
    new TableRow({
      tableHeader: bold,
      cantSplit: true,
      children: cells.map((text, i) =>
        cell(
          [
            para(text, {
              size: SMALL,
              bold,
              before: 20,
              after: 20,
              align: bold ? AlignmentType.CENTER : aligns[i],
            }),
          ],
          widths[i]!,
          true,
        ),
      ),
    });
  return new Table({
    width: { size: CONTENT, type: WidthType.DXA },
    columnWidths: widths,
    rows: [line(header, true), ...rows.map((r) => line(r, false))],
  });
}

const C = AlignmentType.CENTER;
const L = AlignmentType.LEFT;
const ROMAN = ["I", "II", "III", "IV", "V", "VI"];

/** "19 giờ 30" and "06/12/2026" in local time. */
function clock(t: Translate, instant: Date) {
  const { time, date } = displayParts(instant);
  const [hour, minute] = time.split(":");
  return { time: t("mdoc-clock", { hour: hour!, minute: minute! }), date };
}

/** Strips a known prefix ("Đảng bộ", "Chi bộ") so it is not written twice. */
function withPrefix(name: string, prefix: string): string {
  return name.toLocaleLowerCase("vi").startsWith(prefix.toLocaleLowerCase("vi"))
    ? name
    : `${prefix} ${name}`;
}

export function minutesDocx(t: Translate, doc: MinutesDocument): Document {
  const a = doc.attendance;
  const [year, month, day] = doc.date.split("-") as [string, string, string];
  const dateArgs = {
    day,
    // Official dates write months 1 and 2 with a zero (tháng 01, tháng 02), the others without.
    month: Number(month) <= 2 ? month : String(Number(month)),
    year,
  };
  const start = clock(t, doc.start);
  const end = clock(t, doc.end);
  const upper = (text: string) => text.toLocaleUpperCase("vi");
  const cellName = withPrefix(doc.cell, t("mdoc-cell-prefix"));

  const heading = sideBySide(
    [
      ...(doc.organisation
        ? [
            centered(upper(withPrefix(doc.organisation, t("mdoc-organisation-prefix"))), {
              size: SMALL,
              before: 0,
              after: 0,
            }),
          ]
        : []),
      centered(upper(cellName), { size: SMALL, bold: true, before: 0, after: 0 }),
      centered("*", { size: SMALL, before: 0, after: 0 }),
    ],
    [
      para([run(t("mdoc-party"), { bold: true, underline: true, size: 30 })], {
        align: AlignmentType.CENTER,
        before: 0,
        after: 120,
      }),
      centered(
        t("mdoc-place-date", { place: doc.locality ?? t("mdoc-blank-short"), ...dateArgs }),
        {
          italics: true,
          size: SMALL,
          before: 0,
          after: 0,
        },
      ),
    ],
  );

  const body: (Paragraph | Table)[] = [
    heading,
    centered(t("mdoc-title"), { bold: true, size: 32, before: 480, after: 0 }),
    centered(t("mdoc-subtitle", { month: dateArgs.month, year, kind: doc.kind }), {
      bold: true,
      before: 0,
      after: doc.revision > 0 ? 0 : 240,
    }),
    ...(doc.revision > 0
      ? [centered(t("mdoc-revision", { revision: doc.revision }), { italics: true, after: 240 })]
      : []),
    para(
      t("mdoc-opening", {
        time: start.time,
        date: start.date,
        place: doc.place ?? t("mdoc-blank"),
        cell: cellName,
        kind: doc.kind,
        month: dateArgs.month,
        year,
      }),
      { firstLine: 567, align: AlignmentType.JUSTIFIED },
    ),
  ];

  let section = 0;
  const heading2 = (key: string) =>
    para(`${ROMAN[section++]}. ${t(key)}`, { bold: true, before: 200, keepNext: true });
  const line = (text: string) => para(text, { firstLine: 567 });
  const person = (text: string) => para(text, { indent: 1_134, hanging: 227, before: 0, after: 0 });

  body.push(
    heading2("mdoc-section-time"),
    line(t("mdoc-start", start)),
    line(t("mdoc-end", end)),
    line(t("mdoc-place", { place: doc.place ?? t("mdoc-blank") })),
    line(t("mdoc-chair", { name: doc.chair ?? t("mdoc-blank") })),
    line(t("mdoc-taker", { name: doc.minuteTaker ?? t("mdoc-blank") })),
    para(t("mdoc-attendance"), { firstLine: 567, keepNext: true }),
    line(t("mdoc-total", { total: a.total, official: a.official, probationary: a.probationary })),
    line(t("mdoc-exempt", { count: a.exempt.length })),
    ...a.exempt.map((p) =>
      person(t("mdoc-status-person", { name: p.name, attended: p.attended ? "yes" : "no" })),
    ),
    line(t("mdoc-special-duty", { count: a.specialDuty.length })),
    ...a.specialDuty.map((p) =>
      person(t("mdoc-status-person", { name: p.name, attended: p.attended ? "yes" : "no" })),
    ),
    line(t("mdoc-eligible", { eligible: a.eligible })),
    line(
      a.rate === null
        ? t("mdoc-present-none", { present: a.present })
        : t("mdoc-present", { present: a.present, eligible: a.eligible, rate: percent(a.rate) }),
    ),
    line(t("mdoc-excused", { count: a.excused.length })),
    ...a.excused.map((p) =>
      person(t("mdoc-excused-person", { name: p.name, reason: p.reason ?? t("mdoc-no-reason") })),
    ),
    line(t("mdoc-unexcused", { count: a.unexcused.length })),
    ...a.unexcused.map((p) =>
      person(
        p.rejectedReason
          ? t("mdoc-unexcused-rejected", { name: p.name, reason: p.rejectedReason })
          : t("mdoc-unexcused-person", { name: p.name }),
      ),
    ),
    ...(a.committee.length === 0
      ? [line(t("mdoc-committee-none"))]
      : a.committee.length === 1
        ? [
            line(
              t("mdoc-committee", {
                name: a.committee[0]!.name,
                present: a.committee[0]!.present ? "yes" : "no",
              }),
            ),
          ]
        : [
            line(t("mdoc-committee-count", { count: a.committee.length })),
            ...a.committee.map((c) =>
              person(
                t("mdoc-committee-person", { name: c.name, present: c.present ? "yes" : "no" }),
              ),
            ),
          ]),
    heading2("mdoc-section-agenda"),
    ...(doc.agenda.length === 0
      ? [line(t("mdoc-agenda-none"))]
      : doc.agenda.map((item, i) => para(`${i + 1}. ${item}`, { indent: 851, hanging: 284 }))),
  );

  if (doc.votes && doc.votes.length > 0) {
    body.push(
      heading2("mdoc-section-votes"),
      grid(
        [
          t("mdoc-vote-col-no"),
          t("mdoc-vote-col-text"),
          t("mdoc-vote-col-approve"),
          t("mdoc-vote-col-reject"),
          t("mdoc-vote-col-abstain"),
          t("mdoc-vote-col-result"),
        ],
        doc.votes.map((v, i) => [
          String(i + 1),
          v.text,
          t("mdoc-vote-count", { count: v.approve, of: v.of }),
          t("mdoc-vote-count", { count: v.reject, of: v.of }),
          t("mdoc-vote-count", { count: v.abstain, of: v.of }),
          t("mdoc-vote-result", { passed: v.passed ? "yes" : "no" }),
        ]),
        [0.07, 0.37, 0.13, 0.14, 0.14, 0.15],
        [C, L, C, C, C, C],
      ),
    );
  }

  if (doc.quality) {
    const q = doc.quality;
    const max = q.items.reduce((sum, item) => sum + item.max, 0);
    body.push(
      heading2("mdoc-section-quality"),
      grid(
        [
          t("mdoc-quality-col-no"),
          t("mdoc-quality-col-item"),
          t("mdoc-quality-col-points"),
          t("mdoc-quality-col-by"),
          t("mdoc-quality-col-why"),
        ],
        q.items.map((item, i) => [
          String(i + 1),
          item.label,
          t("mdoc-quality-points", { points: item.points, max: item.max }),
          t("mdoc-quality-by", { by: item.by }),
          item.why,
        ]),
        [0.07, 0.3, 0.1, 0.16, 0.37],
        [C, L, C, C, L],
      ),
      para(t("mdoc-quality-total", { total: q.total, max, grade: q.grade }), {
        firstLine: 567,
        before: 120,
        bold: true,
      }),
    );
  }

  const signature = (title: string, name: string | null) => [
    centered(title, { bold: true, before: 0, after: 0 }),
    centered(t("mdoc-signature-hint"), { italics: true, before: 0, after: 1_200 }),
    centered(name ?? t("mdoc-blank"), { bold: true, before: 0, after: 0 }),
  ];
  body.push(
    // The closing line stays on the page of the signatures.
    para(t("mdoc-closing", end), { firstLine: 567, keepNext: true }),
    para("", { before: 120, after: 120, keepNext: true }),
    sideBySide(
      signature(t("mdoc-signature-taker"), doc.minuteTaker),
      signature(t("mdoc-signature-chair"), doc.chair),
      0.5,
    ),
  );

  return new Document({
    creator: "chibo-bot",
    title: `${t("mdoc-title")} ${t("mdoc-subtitle", { month: dateArgs.month, year, kind: doc.kind })}`,
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [
      {
        properties: { page: { size: PAGE, margin: MARGIN } },
        children: body,
      },
    ],
  });
}

/** The minutes as .docx bytes. */
export function renderMinutesDocx(t: Translate, doc: MinutesDocument): Promise<Buffer> {
  return Packer.toBuffer(minutesDocx(t, doc));
}

/** `bien-ban-sinh-hoat-chi-bo-khu-pho-3-2026-12-06.docx`: ASCII, so every chat and mail keeps it. */
export function minutesFileName(doc: MinutesDocument): string {
  const slug =
    doc.cell
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "chi-bo";
  return `bien-ban-sinh-hoat-${slug}-${doc.date}${doc.revision > 0 ? `-sua-${doc.revision}` : ""}.docx`;
}
