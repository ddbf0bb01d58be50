// The empty workbook a clerk fills in: a guide sheet, then one sheet per kind with a styled,
// frozen header row (a note on every header), text-formatted columns (codes keep their leading
// zeros, dates stay as typed) and drop-down lists where the values are fixed.
import ExcelJS from "exceljs";
import type { Translate } from "../../i18n.ts";
import { GUIDE_SHEET, SHEETS } from "./format.ts";

/** Rows that get the drop-down lists (Excel stores the range, not one entry per row). */
const LAST_ROW = 20_000;
const HEADER_FILL = "FFB71C1C";
const HEADER_FONT = "FFFFFFFF";

export function buildTemplate(t: Translate): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "chibo-bot";
  writeGuide(workbook.addWorksheet(GUIDE_SHEET), t);
  for (const spec of SHEETS) {
    const sheet = workbook.addWorksheet(spec.name, { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.columns = spec.columns.map((c) => ({
      header: c.header,
      key: c.field,
      width: c.width,
      style: { numFmt: "@" },
    }));
    const header = sheet.getRow(1);
    header.height = 30;
    spec.columns.forEach((column, index) => {
      const cell = header.getCell(index + 1);
      cell.font = { bold: true, color: { argb: HEADER_FONT } };
      cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: HEADER_FILL } };
      cell.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
      cell.note = t(`import-column-${spec.kind}-${column.field}`);
      if (!column.choices) return;
      const letter = sheet.getColumn(index + 1).letter;
      rangeValidations(sheet).add(`${letter}2:${letter}${LAST_ROW}`, {
        type: "list",
        allowBlank: true,
        formulae: [`"${column.choices.join(",")}"`],
        showErrorMessage: true,
        // A warning, not a stop: the import also takes the usual other spellings.
        errorStyle: "warning",
        errorTitle: column.header,
        error: t("import-template-choose", { choices: column.choices.join("; ") }),
      });
    });
  }
  return workbook;
}

/**
 * exceljs keeps a sheet's validations by address and writes a range address as one entry; its
 * typings only expose the per-cell form, which would create every cell of the range.
 */
function rangeValidations(sheet: ExcelJS.Worksheet) {
  return (
    sheet as unknown as {
      dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
    }
  ).dataValidations;
}

function writeGuide(sheet: ExcelJS.Worksheet, t: Translate): void {
  sheet.columns = [
    { key: "sheet", width: 22 },
    { key: "column", width: 26 },
    { key: "required", width: 11 },
    { key: "how", width: 100 },
  ];
  const title = sheet.addRow([t("import-guide-title")]);
  title.font = { bold: true, size: 14 };
  sheet.addRow([]);
  // Unwrapped, so each line runs across the empty cells to its right.
  for (const line of t("import-guide-rules").split("\n")) sheet.addRow([line]);
  sheet.addRow([]);
  const header = sheet.addRow([
    t("import-guide-sheet"),
    t("import-guide-column"),
    t("import-guide-required"),
    t("import-guide-how"),
  ]);
  header.eachCell((cell) => {
    cell.font = { bold: true, color: { argb: HEADER_FONT } };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: HEADER_FILL } };
  });
  for (const spec of SHEETS) {
    const intro = sheet.addRow([spec.name, "", "", t(`import-sheet-${spec.kind}`)]);
    intro.font = { bold: true };
    intro.alignment = { wrapText: true, vertical: "top" };
    for (const column of spec.columns) {
      const row = sheet.addRow([
        "",
        column.header,
        column.required ? t("import-guide-yes") : "",
        t(`import-column-${spec.kind}-${column.field}`),
      ]);
      row.alignment = { wrapText: true, vertical: "top" };
    }
  }
}
