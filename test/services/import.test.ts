// The import's pure parts: reading what clerks type, the checks, and the plan (no database).
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { type SheetKind, sheetSpec } from "../../src/services/import/format.ts";
import { planImport } from "../../src/services/import/plan.ts";
import type { Problem } from "../../src/services/import/problems.ts";
import { type ReadSheet, readImportFiles } from "../../src/services/import/read.ts";
import {
  EMPTY_SNAPSHOT,
  type ExistingMember,
  type ExistingUnit,
  type Snapshot,
} from "../../src/services/import/snapshot.ts";
import { validate } from "../../src/services/import/validate.ts";
import { asDate, asDayRule, asTime, type CellValue } from "../../src/services/import/values.ts";

const TODAY = "2026-11-25";
const dir = await mkdtemp(join(tmpdir(), "chibo-import-unit-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A sheet as the reader hands it over: every column of the template present unless told. */
function sheet(
  kind: SheetKind,
  rows: Record<string, CellValue>[],
  fields: string[] = sheetSpec(kind).columns.map((c) => c.field),
): ReadSheet {
  return {
    name: sheetSpec(kind).name,
    kind,
    fields: new Set(fields),
    rows: rows.map((cells, i) => ({ row: i + 2, cells: new Map(Object.entries(cells)) })),
  };
}

const unit = (u: Partial<ExistingUnit> & Pick<ExistingUnit, "code" | "kind">): ExistingUnit => ({
  id: `id-${u.code}`,
  name: u.code,
  parentCode: null,
  cellKind: u.kind === "CELL" || u.kind === "GRASSROOTS_CELL" ? "RESIDENTIAL" : null,
  dayRule: null,
  meetingTime: "19:30",
  meetingPlace: null,
  ...u,
});

const member = (m: Partial<ExistingMember> & Pick<ExistingMember, "code">): ExistingMember => ({
  id: `id-${m.code}`,
  fullName: m.code,
  cellCode: "KP1",
  membership: "FULL",
  cellRole: "MEMBER",
  joinedOn: null,
  leftOn: null,
  ...m,
});

/** A stored organisation: a ward (PBS) with two residential cells, KP1 (DV1 secretary) and KP2. */
const stored: Snapshot = {
  ...EMPTY_SNAPSHOT,
  units: new Map(
    [
      unit({ code: "TX", kind: "TOWN_COMMITTEE" }),
      unit({ code: "PBS", kind: "GRASSROOTS_COMMITTEE", parentCode: "TX" }),
      unit({ code: "KP1", kind: "CELL", parentCode: "PBS" }),
      unit({ code: "KP2", kind: "CELL", parentCode: "PBS" }),
    ].map((u) => [u.code, u]),
  ),
  members: new Map(
    [
      member({ code: "DV1", cellRole: "SECRETARY" }),
      member({ code: "DV2", cellRole: "DEPUTY" }),
      member({ code: "DV3" }),
      member({ code: "DV4", cellCode: "KP2" }),
      member({ code: "DV5", cellCode: "KP2", leftOn: "2026-01-31" }),
    ].map((m) => [m.code, m]),
  ),
};

const reasons = (problems: Problem[]) => problems.map((p) => [p.sheet, p.row, p.reason, p.args]);

describe("values as clerks type them", () => {
  it.each([
    ["03/02/2025", "2025-02-03"],
    ["3/2/2025", "2025-02-03"],
    ["03-02-2025", "2025-02-03"],
    ["03.02.2025", "2025-02-03"],
    ["2025-02-03", "2025-02-03"],
    [new Date(Date.UTC(2025, 1, 3)), "2025-02-03"],
    [45691, "2025-02-03"], // an Excel serial date
    ["29/02/2024", "2024-02-29"],
    ["29/02/2025", undefined],
    ["31/04/2026", undefined],
    ["02/13/2025", undefined], // month first is not read as a date
    ["2025/02/03", undefined],
    ["3/2/25", undefined],
    ["01/01/1800", undefined],
    ["hôm qua", undefined],
  ])("date %j → %s", (value, expected) => {
    expect(asDate(value)).toBe(expected);
  });

  it.each([
    ["19:30", "19:30"],
    ["7:05", "07:05"],
    ["19h30", "19:30"],
    ["19h", "19:00"],
    ["19 giờ 30", "19:30"],
    [new Date(Date.UTC(1899, 11, 30, 14, 0)), "14:00"],
    [0.8125, "19:30"],
    ["24:00", undefined],
    ["19:75", undefined],
    ["tối", undefined],
  ])("time %j → %s", (value, expected) => {
    expect(asTime(value)).toBe(expected);
  });

  it.each([
    ["5", "day-5"],
    ["ngày 5", "day-5"],
    ["Ngày 15 hằng tháng", "day-15"],
    ["thứ Ba đầu tiên", "first-tuesday"],
    ["Thứ Hai tuần đầu", "first-monday"],
    ["thứ Tư thứ hai", "second-wednesday"],
    ["thu sau cuoi cung", "last-friday"],
    ["Chủ nhật cuối cùng của tháng", "last-sunday"],
    ["T7 thứ ba", "third-saturday"],
    ["first-tuesday", "first-tuesday"],
    ["day-10", "day-10"],
    ["ngày 32", undefined],
    ["thứ Tám đầu tiên", undefined],
    ["đầu tháng", undefined],
  ])("meeting day %j → %s", (value, expected) => {
    expect(asDayRule(value)).toBe(expected);
  });
});

describe("reading files", () => {
  it("CSV headers are matched without diacritics or case; the kind comes from the header row", async () => {
    const file = join(dir, "export-2026.csv");
    await writeFile(
      file,
      "MA DON VI,ten don vi,Loại Đơn Vị (*),Ma don vi cap tren,loai chi bo\n" +
        'KP3,"Chi bộ Khu phố 3",Chi bộ trực thuộc,PBS,Khu dân cư\n',
    );
    const read = await readImportFiles([file]);
    expect(read.problems).toEqual([]);
    expect(read.sheets.map((s) => [s.name, s.kind, s.rows.length])).toEqual([
      ["export-2026.csv", "units", 1],
    ]);
    expect([...read.sheets[0]!.fields].sort()).toEqual(
      ["cellKind", "code", "kind", "name", "parent"].sort(),
    );
  });

  it("workbook sheets are known by name (any case, no diacritics); unknown sheets are mentioned", async () => {
    const workbook = new ExcelJS.Workbook();
    const members = workbook.addWorksheet("DANG VIEN");
    members.addRow(["Mã đảng viên", "Họ tên", "Mã chi bộ", "Số điện thoại"]);
    members.addRow(["DV9", "Lê Thị Chín", "KP1", "0912345678"]);
    members.addRow([]);
    members.addRow(["DV10", "Lê Văn Mười", "KP1"]);
    workbook.addWorksheet("Trang tính 2").addRow(["Bảng tổng hợp"]);
    const file = join(dir, "dang-vien.xlsx");
    await workbook.xlsx.writeFile(file);
    const read = await readImportFiles([file]);
    expect(read.sheets.map((s) => [s.name, s.kind, s.rows.map((r) => r.row)])).toEqual([
      ["DANG VIEN", "members", [2, 4]],
    ]);
    expect(reasons(read.warnings)).toEqual([
      ["DANG VIEN", 1, "import-unknown-column", { column: "Số điện thoại" }],
      ["Trang tính 2", undefined, "import-unknown-sheet", expect.anything()],
    ]);
  });

  it("a sheet without a required column is not read, and says which column", async () => {
    const file = join(dir, "chuc-vu.csv");
    await writeFile(file, "Mã chi bộ,Mã đảng viên,Chức vụ,Chức vụ\nKP1,DV1,Bí thư,Bí thư\n");
    const twice = await readImportFiles([file]);
    expect(reasons(twice.problems)).toEqual([
      ["chuc-vu.csv", 1, "import-column-twice", { column: "Chức vụ" }],
    ]);
    await writeFile(file, "Mã chi bộ,Mã đảng viên,Họ và tên,Chức vụ\n");
    expect((await readImportFiles([file])).sheets[0]?.kind).toBe("roles");
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Đảng viên").addRow(["Mã đảng viên", "Mã chi bộ"]);
    await workbook.xlsx.writeFile(join(dir, "thieu.xlsx"));
    const missing = await readImportFiles([join(dir, "thieu.xlsx")]);
    expect(reasons(missing.problems)).toEqual([
      ["Đảng viên", 1, "import-missing-column", { column: "Họ và tên" }],
    ]);
  });
});

describe("checks against the file and the database", () => {
  it("the unit tree: a cell needs a grassroots committee above it, the top nothing", () => {
    const valid = validate(
      [
        sheet("units", [
          { code: "KP3", name: "Khu phố 3", kind: "Chi bộ trực thuộc", cellKind: "Khu dân cư" },
          { code: "KP4", name: "Khu phố 4", kind: "Chi bộ", parent: "KP1", cellKind: "Khác" },
          { code: "TX2", name: "Thị xã", kind: "Đảng bộ thị xã", parent: "TX" },
          { code: "CB5", name: "Chi bộ 5", kind: "Chi bộ cơ sở", parent: "TX" },
          { code: "CB6", name: "Chi bộ 6", kind: "Chi bộ cơ sở", parent: "TX", cellKind: "khac" },
          { code: "KP7", name: "Khu phố 7", kind: "Chi bộ", parent: "PBS", cellKind: "Thôn" },
        ]),
      ],
      stored,
      TODAY,
    );
    expect(reasons(valid.problems)).toEqual([
      ["Đơn vị", 2, "import-cell-needs-parent", {}],
      [
        "Đơn vị",
        3,
        "import-bad-parent-kind",
        {
          kind: "Chi bộ trực thuộc",
          code: "KP1",
          parentKind: "Chi bộ trực thuộc",
          expected: "Đảng bộ cơ sở",
        },
      ],
      ["Đơn vị", 4, "import-top-has-parent", { code: "TX" }],
      ["Đơn vị", 5, "import-missing-cell-kind", { column: "Loại chi bộ" }],
    ]);
    expect(valid.units.map((u) => [u.code, u.cellKind])).toEqual([
      ["CB6", "OTHER"],
      ["KP7", "RESIDENTIAL"],
    ]);
  });

  it("a unit that still has members cannot stop being a cell", () => {
    const valid = validate(
      [
        sheet("units", [{ code: "KP2", name: "KP2", kind: "Đảng bộ cơ sở", parent: "TX" }]),
        sheet("members", [{ code: "DV4", fullName: "DV4", cell: "KP1" }]),
      ],
      stored,
      TODAY,
    );
    // DV4 moves out in the same file; DV5 has left: no member stays.
    expect(valid.problems).toEqual([]);
    const refused = validate(
      [sheet("units", [{ code: "KP1", name: "KP1", kind: "Đảng bộ cơ sở", parent: "TX" }])],
      stored,
      TODAY,
    );
    expect(reasons(refused.problems)).toEqual([
      ["Đơn vị", 2, "import-kind-change-members", { kind: "Đảng bộ cơ sở", count: 3 }],
    ]);
  });

  it("a member needs a cell unless a committee member in charge of a unit", () => {
    const valid = validate(
      [
        sheet("members", [
          { code: "UV1", fullName: "Ủy viên 1" },
          { code: "UV2", fullName: "Ủy viên 2" },
          { code: "DV9", fullName: "Đảng viên 9", cell: "PBS" },
        ]),
        sheet("assignments", [{ member: "UV1", unit: "KP1" }]),
      ],
      stored,
      TODAY,
    );
    expect(reasons(valid.problems)).toEqual([
      ["Đảng viên", 3, "import-no-cell", { column: "Mã chi bộ" }],
      ["Đảng viên", 4, "import-not-a-cell", { code: "PBS", kind: "Đảng bộ cơ sở" }],
    ]);
  });

  it("roles: one secretary per cell, one role per member, held by a current member of the cell", () => {
    const valid = validate(
      [
        sheet("roles", [
          { cell: "KP1", member: "DV1", role: "Bí thư" },
          { cell: "KP1", member: "DV3", role: "Bí thư" },
          { cell: "KP2", member: "DV4", role: "Phó bí thư" },
          { cell: "KP2", member: "DV4", role: "Bí thư" },
          { cell: "KP2", member: "DV5", role: "Phó bí thư" },
          { cell: "KP2", member: "DV2", role: "Phó bí thư" },
          { cell: "KP2", member: "DV404", role: "Phó bí thư" },
          { cell: "KP1", member: "DV2", role: "Chi ủy viên" },
        ]),
      ],
      stored,
      TODAY,
    );
    expect(reasons(valid.problems)).toEqual([
      ["Chức vụ", 2, "import-two-secretaries", { cell: "KP1", rows: "2, 3" }],
      ["Chức vụ", 3, "import-two-secretaries", { cell: "KP1", rows: "2, 3" }],
      ["Chức vụ", 4, "import-two-roles", { member: "DV4", rows: "4, 5" }],
      ["Chức vụ", 5, "import-two-roles", { member: "DV4", rows: "4, 5" }],
      ["Chức vụ", 6, "import-role-left", { member: "DV5", date: "31/01/2026" }],
      ["Chức vụ", 7, "import-two-roles", { member: "DV2", rows: "7, 9" }],
      ["Chức vụ", 8, "import-unknown-member", { code: "DV404" }],
      [
        "Chức vụ",
        9,
        "import-bad-choice",
        { column: "Chức vụ", value: "Chi ủy viên", choices: "Bí thư; Phó bí thư" },
      ],
      ["Chức vụ", 9, "import-two-roles", { member: "DV2", rows: "7, 9" }],
    ]);
  });

  it("a role follows the member's cell as the same file sets it", () => {
    const valid = validate(
      [
        sheet("members", [{ code: "DV3", fullName: "DV3", cell: "KP2" }]),
        sheet("roles", [
          { cell: "KP2", member: "DV3", role: "Bí thư" },
          { cell: "KP1", member: "DV4", role: "Phó bí thư" },
        ]),
      ],
      stored,
      TODAY,
    );
    expect(reasons(valid.problems)).toEqual([
      [
        "Chức vụ",
        3,
        "import-role-not-member",
        { member: "DV4", cell: "KP1", actual: "KP2", role: "Phó bí thư" },
      ],
    ]);
  });

  it("--partial keeps a cell's roles out together when one of them is wrong", () => {
    const sheets = [
      sheet("roles", [
        { cell: "KP2", member: "DV4", role: "Bí thư" },
        { cell: "KP2", member: "DV1", role: "Phó bí thư" },
        { cell: "KP1", member: "DV3", role: "Phó bí thư" },
      ]),
    ];
    const partial = validate(sheets, stored, TODAY, { partial: true });
    expect(reasons(partial.problems).map((p) => [p[1], p[2]])).toEqual([
      [2, "import-roles-cell-bad"],
      [3, "import-role-not-member"],
    ]);
    expect(partial.roles.map((r) => r.member)).toEqual(["DV3"]);
  });

  it("status periods: dates in order, no two of a member overlapping, in the file or stored", () => {
    const snapshot: Snapshot = {
      ...stored,
      periods: new Map([
        [
          "DV3",
          [{ id: "p1", kind: "EXEMPT", from: "2024-01-01", to: "2024-12-31", decisionRef: null }],
        ],
      ]),
    };
    const valid = validate(
      [
        sheet("statuses", [
          { member: "DV1", kind: "Miễn sinh hoạt", from: "01/05/2026", to: "01/04/2026" },
          { member: "DV3", kind: "Nhiệm vụ đặc biệt", from: "01/12/2024", to: "31/01/2025" },
          {
            member: "DV3",
            kind: "Miễn công tác và sinh hoạt đảng",
            from: "01/01/2024",
            to: "30/06/2025",
          },
          { member: "DV4", kind: "Miễn sinh hoạt", from: "01/01/2026" },
          { member: "DV4", kind: "Miễn sinh hoạt", from: "01/01/2026" },
          { member: "DV2", kind: "Miễn sinh hoạt", from: "" },
        ]),
      ],
      snapshot,
      TODAY,
    );
    expect(reasons(valid.problems)).toEqual([
      ["Miễn sinh hoạt", 2, "import-period-reversed", { from: "01/05/2026", to: "01/04/2026" }],
      [
        "Miễn sinh hoạt",
        3,
        "import-period-overlap",
        {
          row: "4",
          kind: "Miễn công tác và sinh hoạt đảng",
          from: "01/01/2024",
          to: "30/06/2025",
        },
      ],
      [
        "Miễn sinh hoạt",
        4,
        "import-period-overlap",
        { row: "3", kind: "LLVT làm nhiệm vụ đặc biệt", from: "01/12/2024", to: "31/01/2025" },
      ],
      ["Miễn sinh hoạt", 5, "import-duplicate-row", { rows: "5, 6" }],
      ["Miễn sinh hoạt", 6, "import-duplicate-row", { rows: "5, 6" }],
      ["Miễn sinh hoạt", 7, "import-empty-value", { column: "Từ ngày" }],
    ]);
  });

  it("a reference to a row with a problem names that row", () => {
    const valid = validate(
      [
        sheet("units", [
          { code: "KP9", name: "", kind: "Chi bộ", parent: "PBS", cellKind: "Khác" },
        ]),
        sheet("members", [{ code: "DV9", fullName: "Đảng viên 9", cell: "KP9" }]),
        sheet("assignments", [{ member: "DV1", unit: "TX" }]),
      ],
      stored,
      TODAY,
    );
    expect(reasons(valid.problems)).toEqual([
      ["Đơn vị", 2, "import-empty-value", { column: "Tên đơn vị" }],
      [
        "Đảng viên",
        2,
        "import-reference-bad",
        { what: "unit", code: "KP9", sheet: "Đơn vị", row: "2" },
      ],
      [
        "Phân công phụ trách",
        2,
        "import-assign-top",
        { code: "TX", kind: "Đảng bộ cấp trên cơ sở" },
      ],
    ]);
  });
});

describe("the plan: only real differences are written", () => {
  const plan = (sheets: ReadSheet[], snapshot = stored) => {
    const valid = validate(sheets, snapshot, TODAY);
    expect(valid.problems).toEqual([]);
    return planImport(valid, snapshot, TODAY);
  };

  it("an absent column keeps the stored value; an empty cell clears it (time: back to 19:30)", () => {
    const snapshot: Snapshot = {
      ...stored,
      units: new Map([
        ...stored.units,
        [
          "CQ",
          unit({
            code: "CQ",
            kind: "CELL",
            parentCode: "PBS",
            cellKind: "OTHER",
            meetingTime: "14:00",
            meetingPlace: "Hội trường",
          }),
        ],
      ]),
    };
    const row = { code: "CQ", name: "CQ", kind: "Chi bộ", parent: "PBS" };
    expect(
      plan([sheet("units", [row], ["code", "name", "kind", "parent"])], snapshot).units.update,
    ).toEqual([]);
    const cleared = plan(
      [sheet("units", [{ ...row, cellKind: "Khác", meetingTime: "", meetingPlace: "" }])],
      snapshot,
    );
    expect(cleared.units.update).toEqual([
      { code: "CQ", id: "id-CQ", data: { meetingTime: "19:30", meetingPlace: null } },
    ]);
  });

  it("a cell listed in the roles sheet gets exactly its listed roles; a member who moves loses his", () => {
    const result = plan([
      sheet("members", [{ code: "DV2", fullName: "DV2", cell: "KP2" }]),
      sheet("roles", [{ cell: "KP1", member: "DV3", role: "Bí thư" }]),
    ]);
    expect(result.members.update.map((u) => [u.code, u.data])).toEqual([
      // Joins KP2 today: KP2's earlier meetings must not count them absent.
      ["DV2", { cellCode: "KP2", joinedOn: TODAY, cellRole: "MEMBER" }],
      ["DV1", { cellRole: "MEMBER" }],
      ["DV3", { cellRole: "SECRETARY" }],
    ]);
    expect(result.counts.roles).toEqual({ created: 0, updated: 3, unchanged: 0 });
    expect(result.counts.members).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(new Set(result.touchedUnits)).toEqual(new Set(["KP1", "KP2"]));
  });

  it("a member who moves with a new joining date in the file keeps that date", () => {
    const result = plan([
      sheet("members", [{ code: "DV3", fullName: "DV3", cell: "KP2", joinedOn: "01/11/2026" }]),
    ]);
    expect(result.members.update.map((u) => [u.code, u.data])).toEqual([
      ["DV3", { cellCode: "KP2", joinedOn: "2026-11-01" }],
    ]);
  });

  it("a secretary whose leaving the file records is no longer secretary", () => {
    const result = plan([
      sheet(
        "members",
        [{ code: "DV1", fullName: "DV1", cell: "KP1", leftOn: "31/10/2026" }],
        ["code", "fullName", "cell", "leftOn"],
      ),
    ]);
    expect(result.members.update.map((u) => [u.code, u.data])).toEqual([
      ["DV1", { leftOn: "2026-10-31", cellRole: "MEMBER" }],
    ]);
  });

  it("an assignment to a grassroots committee touches its cells (their reminders now include him)", () => {
    const result = plan([sheet("assignments", [{ member: "DV4", unit: "PBS" }])]);
    expect(result.assignments.create).toEqual([{ memberCode: "DV4", unitCode: "PBS" }]);
    expect(new Set(result.touchedUnits)).toEqual(new Set(["KP1", "KP2"]));
  });
});
