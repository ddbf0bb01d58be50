import { execFile } from "node:child_process";
import { copyFile, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { importCommand } from "../../src/cli/import.ts";
import type { Db } from "../../src/db/client.ts";
import { dateColumn } from "../../src/domain/local-time.ts";
import { createI18n, translator } from "../../src/i18n.ts";
import { buildTemplate } from "../../src/services/import/index.ts";
import { freshDatabase } from "../support/db.ts";

const BASE = "test/fixtures/import";
const BAD = "test/fixtures/import-bad";
const dir = await mkdtemp(join(tmpdir(), "chibo-import-"));
// One database per story, so each starts empty.
const templateDb = await freshDatabase();
const workbookDb = await freshDatabase();
const csvDb = await freshDatabase();

afterAll(() => rm(dir, { recursive: true, force: true }));

// No Redis: the import leaves the new reminders PENDING for the worker's reconciler.
const envFor = (url: string) => ({ ...process.env, DATABASE_URL: url });

/** The command in-process against one database: exit code and both streams. */
function cliFor(url: string) {
  return async (...args: string[]) => {
    let stdout = "";
    let stderr = "";
    const io = {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
    };
    const code = await importCommand(args, io, envFor(url));
    return { code, stdout, stderr };
  };
}

/** Everything an import may touch (with updatedAt), to prove what it did not change. */
async function state(db: Db) {
  const [units, members, periods, assignments, audit, meetings, deliveries] = await Promise.all([
    db.unit.findMany({ orderBy: { code: "asc" } }),
    db.member.findMany({ orderBy: { code: "asc" } }),
    db.statusPeriod.findMany({ orderBy: { id: "asc" } }),
    db.committeeAssignment.findMany({ orderBy: { id: "asc" } }),
    db.auditLog.count(),
    db.meeting.count(),
    db.delivery.count(),
  ]);
  return { units, members, periods, assignments, audit, meetings, deliveries };
}

const baseFiles = async () =>
  (await readdir(BASE))
    .filter((f) => f.endsWith(".csv"))
    .sort()
    .map((f) => join(BASE, f));

/** The problem lines of a refused import's report: after its heading, before notes and hint. */
function problemLines(stderr: string) {
  const lines = stderr.trimEnd().split("\n").slice(1, -1);
  const notes = lines.indexOf("Lưu ý:");
  return notes < 0 ? lines : lines.slice(0, notes);
}

describe("import --template", () => {
  const { db, url } = templateDb;
  const cli = cliFor(url);
  const file = join(dir, "mau.xlsx");

  it("writes a guide and one sheet per kind with Vietnamese headers, notes and lists", async () => {
    const run = await cli("--template", file);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toContain(`Đã ghi tệp mẫu ${file}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      "Hướng dẫn",
      "Đơn vị",
      "Đảng viên",
      "Chức vụ",
      "Miễn sinh hoạt",
      "Phân công phụ trách",
    ]);
    const headers = (name: string) =>
      (workbook.getWorksheet(name)!.getRow(1).values as unknown[]).slice(1);
    expect(headers("Đơn vị")).toEqual([
      "Mã đơn vị",
      "Tên đơn vị",
      "Loại đơn vị",
      "Mã đơn vị cấp trên",
      "Loại chi bộ",
      "Ngày họp thường kỳ",
      "Giờ họp",
      "Địa điểm họp",
    ]);
    expect(headers("Đảng viên")).toEqual([
      "Mã đảng viên",
      "Họ và tên",
      "Mã chi bộ",
      "Chính thức/Dự bị",
      "Ngày bắt đầu sinh hoạt",
      "Ngày thôi sinh hoạt",
    ]);
    expect(headers("Chức vụ")).toEqual(["Mã chi bộ", "Mã đảng viên", "Họ và tên", "Chức vụ"]);
    expect(headers("Miễn sinh hoạt")).toEqual([
      "Mã đảng viên",
      "Họ và tên",
      "Trường hợp",
      "Từ ngày",
      "Đến ngày",
      "Số quyết định",
    ]);
    expect(headers("Phân công phụ trách")).toEqual([
      "Mã đảng viên",
      "Họ và tên",
      "Mã đơn vị phụ trách",
    ]);
    const units = workbook.getWorksheet("Đơn vị")!;
    expect(units.getCell("A1").note).toContain("không trùng");
    expect(units.getCell("C2").dataValidation).toMatchObject({
      type: "list",
      formulae: ['"Đảng bộ cấp trên cơ sở,Đảng bộ cơ sở,Chi bộ cơ sở,Chi bộ trực thuộc"'],
    });
    expect(workbook.getWorksheet("Chức vụ")!.getCell("D9").dataValidation).toMatchObject({
      formulae: ['"Bí thư,Phó bí thư"'],
    });
    expect(workbook.getWorksheet("Miễn sinh hoạt")!.getCell("C500").dataValidation).toMatchObject({
      formulae: ['"Miễn công tác và sinh hoạt đảng,LLVT làm nhiệm vụ đặc biệt"'],
    });
    const guide = workbook.getWorksheet("Hướng dẫn")!;
    expect(guide.getCell("A1").value).toBe("Hướng dẫn nhập dữ liệu tổ chức đảng và đảng viên");
  });

  it("the empty template is valid and writes nothing", async () => {
    const run = await cli(file);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toContain("Không có gì thay đổi");
    expect(run.stdout).toContain("Tổng cộng: 0 thêm mới, 0 cập nhật.");
    expect(await state(db)).toMatchObject({ units: [], members: [], audit: 0 });
  });

  it("never overwrites an existing file unless --force", async () => {
    expect(await cli("--template", file)).toEqual({
      code: 2,
      stdout: "",
      stderr: `${file}: tệp đã có, không ghi đè (thêm --force để ghi đè)\n`,
    });
    expect((await cli("--template", file, "--force")).code).toBe(0);
  });
});

describe("import a workbook filled in from the template", () => {
  const { db, url } = workbookDb;
  const cli = cliFor(url);
  const file = join(dir, "to-chuc.xlsx");
  const t = translator(createI18n());

  /** What a clerk types: text, numbers, Excel dates and times, rich text, no diacritics. */
  async function writeWorkbook(edit: (sheets: Record<string, unknown[][]>) => void = () => {}) {
    const sheets: Record<string, unknown[][]> = {
      "Đơn vị": [
        ["TX", "Đảng bộ thị xã Bỉm Sơn", "Dang bo thi xa"],
        ["DB01", "Đảng bộ phường Ngọc Trạo", "Đảng bộ cơ sở", "TX"],
        [
          "DB01-KP3",
          "Chi bộ Khu phố 3",
          "Chi bộ trực thuộc",
          "DB01",
          "Khu dân cư",
          null,
          new Date(Date.UTC(1899, 11, 30, 19, 0)),
          "Nhà văn hóa khu phố 3",
        ],
        [
          "DB01-CQ",
          "Chi bộ Cơ quan phường",
          "chi bo truc thuoc",
          "DB01",
          "Khác",
          "Thứ Ba đầu tiên",
          "14:00",
        ],
        [102, "Chi bộ Trường Tiểu học Ngọc Trạo", "Chi bộ cơ sở", "TX", "Khác", "ngày 5", "16h30"],
      ],
      "Đảng viên": [
        [
          "DV01",
          { richText: [{ text: "Nguyễn " }, { text: "Văn Bình", font: { bold: true } }] },
          "DB01-KP3",
          "Chính thức",
          new Date(Date.UTC(2010, 2, 15)),
        ],
        ["DV02", "Trần Thị Hoa", "DB01-KP3", "Dự bị", "02/09/2025"],
        ["DV03", "Lê Văn Cường", "DB01-CQ", null, "2015-05-20"],
        ["DV04", "Phạm Thị Dung", "DB01-CQ", "chinh thuc", "1/1/2016", "15/06/2026"],
        ["UV01", "Hoàng Văn Tám"],
        [501, "Đỗ Thị Hằng", 102, "Chính thức", "01/09/2014"],
      ],
      "Chức vụ": [
        ["DB01-KP3", "DV01", "Nguyễn Văn Bình", "Bí thư"],
        ["DB01-KP3", "DV02", null, "phó bí thư"],
        [102, 501, null, "Bí thư"],
      ],
      "Miễn sinh hoạt": [
        [
          "DV03",
          null,
          "Miễn công tác và sinh hoạt đảng",
          new Date(Date.UTC(2024, 0, 1)),
          null,
          "12-QĐ/ĐU",
        ],
        ["DV02", null, "LLVT làm nhiệm vụ đặc biệt", "01/10/2026", "31/12/2026"],
      ],
      "Phân công phụ trách": [
        ["UV01", "Hoàng Văn Tám", "DB01"],
        ["UV01", "Hoàng Văn Tám", 102],
        ["DV03", null, "DB01-KP3"],
      ],
    };
    edit(sheets);
    const workbook = buildTemplate(t);
    for (const [name, rows] of Object.entries(sheets)) {
      const sheet = workbook.getWorksheet(name)!;
      for (const row of rows) sheet.addRow(row);
    }
    // A column of the clerk's own is read past (and mentioned).
    workbook.getWorksheet("Đảng viên")!.getCell("G1").value = "Ghi chú";
    await workbook.xlsx.writeFile(file);
  }

  it("imports units, cells, members, roles, status periods and assignments exactly", async () => {
    await writeWorkbook();
    const run = await cli(file);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      "Lưu ý:\nĐảng viên, dòng 1: bỏ qua cột «Ghi chú» (không có trong mẫu)\n",
    );
    expect(run.stdout.split("\n").slice(0, 7)).toEqual([
      "Đã nhập to-chuc.xlsx:",
      "  Đơn vị: 5 thêm mới, 0 cập nhật, 0 không đổi",
      "  Đảng viên: 6 thêm mới, 0 cập nhật, 0 không đổi",
      "  Chức vụ: 3 thêm mới, 0 cập nhật, 0 không đổi",
      "  Miễn sinh hoạt: 2 thêm mới, 0 cập nhật, 0 không đổi",
      "  Phân công phụ trách: 3 thêm mới, 0 cập nhật, 0 không đổi",
      "Tổng cộng: 19 thêm mới, 0 cập nhật.",
    ]);
    expect(run.stdout).toMatch(/^Lịch họp: [1-9]\d* cuộc họp mới, 0 cuộc họp đổi ngày giờ/m);

    const units = await db.unit.findMany({ include: { parent: true }, orderBy: { code: "asc" } });
    expect(
      units.map((u) => [
        u.code,
        u.name,
        u.kind,
        u.parent?.code ?? null,
        u.cellKind,
        u.dayRule,
        u.meetingTime,
        u.meetingPlace,
      ]),
    ).toEqual([
      [
        "102",
        "Chi bộ Trường Tiểu học Ngọc Trạo",
        "GRASSROOTS_CELL",
        "TX",
        "OTHER",
        "day-5",
        "16:30",
        null,
      ],
      ["DB01", "Đảng bộ phường Ngọc Trạo", "GRASSROOTS_COMMITTEE", "TX", null, null, "19:30", null],
      ["DB01-CQ", "Chi bộ Cơ quan phường", "CELL", "DB01", "OTHER", "first-tuesday", "14:00", null],
      [
        "DB01-KP3",
        "Chi bộ Khu phố 3",
        "CELL",
        "DB01",
        "RESIDENTIAL",
        null,
        "19:00",
        "Nhà văn hóa khu phố 3",
      ],
      ["TX", "Đảng bộ thị xã Bỉm Sơn", "TOWN_COMMITTEE", null, null, null, "19:30", null],
    ]);
    const members = await db.member.findMany({ include: { cell: true }, orderBy: { code: "asc" } });
    expect(
      members.map((m) => [
        m.code,
        m.fullName,
        m.cell?.code ?? null,
        m.membership,
        m.cellRole,
        m.joinedOn && dateColumn(m.joinedOn),
        m.leftOn && dateColumn(m.leftOn),
      ]),
    ).toEqual([
      ["501", "Đỗ Thị Hằng", "102", "FULL", "SECRETARY", "2014-09-01", null],
      ["DV01", "Nguyễn Văn Bình", "DB01-KP3", "FULL", "SECRETARY", "2010-03-15", null],
      ["DV02", "Trần Thị Hoa", "DB01-KP3", "PROBATIONARY", "DEPUTY", "2025-09-02", null],
      ["DV03", "Lê Văn Cường", "DB01-CQ", "FULL", "MEMBER", "2015-05-20", null],
      ["DV04", "Phạm Thị Dung", "DB01-CQ", "FULL", "MEMBER", "2016-01-01", "2026-06-15"],
      ["UV01", "Hoàng Văn Tám", null, "FULL", "MEMBER", null, null],
    ]);
    const periods = await db.statusPeriod.findMany({
      include: { member: true },
      orderBy: { fromDate: "asc" },
    });
    expect(
      periods.map((p) => [
        p.member.code,
        p.kind,
        dateColumn(p.fromDate),
        p.toDate && dateColumn(p.toDate),
        p.decisionRef,
      ]),
    ).toEqual([
      ["DV03", "EXEMPT", "2024-01-01", null, "12-QĐ/ĐU"],
      ["DV02", "SPECIAL_DUTY", "2026-10-01", "2026-12-31", null],
    ]);
    const assignments = await db.committeeAssignment.findMany({
      include: { member: true, unit: true },
    });
    expect(assignments.map((a) => `${a.member.code}→${a.unit.code}`).sort()).toEqual([
      "DV03→DB01-KP3",
      "UV01→102",
      "UV01→DB01",
    ]);
    const audit = await db.auditLog.findMany();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "import.organisation",
      entity: "Import",
      after: {
        files: ["to-chuc.xlsx"],
        counts: { units: { created: 5 }, members: { created: 6 }, assignments: { created: 3 } },
      },
    });
    // R1: the residential cell meets on day 3 at its own time; the planner ran on the new cells.
    const meetings = await db.meeting.findMany({ include: { unit: true } });
    expect(new Set(meetings.map((m) => m.unit.code))).toEqual(
      new Set(["DB01-KP3", "DB01-CQ", "102"]),
    );
  });

  it("importing the same workbook again changes nothing", async () => {
    const before = await state(db);
    const run = await cli(file);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Không có gì thay đổi: dữ liệu trong to-chuc.xlsx đã có đầy đủ");
    expect(run.stdout).toContain("  Đảng viên: 0 thêm mới, 0 cập nhật, 6 không đổi");
    expect(run.stdout).toContain("Tổng cộng: 0 thêm mới, 0 cập nhật.");
    expect(await state(db)).toEqual(before);
  });

  it("a changed name updates that row only; a row left out deletes nothing and is mentioned", async () => {
    const before = await state(db);
    await writeWorkbook((sheets) => {
      const members = sheets["Đảng viên"]!;
      members[2]![1] = "Lê Mạnh Cường";
      members.splice(3, 1); // DV04 has left: not mentioned
      members.splice(0, 1); // DV01 is still in DB01-KP3: mentioned
    });
    const run = await cli(file);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("  Đảng viên: 0 thêm mới, 1 cập nhật, 3 không đổi");
    expect(run.stdout).toContain("Tổng cộng: 0 thêm mới, 1 cập nhật.");
    expect(run.stdout).toContain(
      "Lưu ý: 1 đảng viên đang sinh hoạt tại các chi bộ có trong tệp nhưng không có tên trong tệp; không ai bị xóa: DV01.",
    );
    const after = await state(db);
    const changed = after.members.filter(
      (m, i) => m.updatedAt.getTime() !== before.members[i]!.updatedAt.getTime(),
    );
    expect(changed.map((m) => [m.code, m.fullName])).toEqual([["DV03", "Lê Mạnh Cường"]]);
    expect(after.members).toHaveLength(6);
    expect(after.units).toEqual(before.units);
    expect(after.audit).toBe(before.audit + 1);
  });

  it("a workbook with mistakes in several sheets is refused with one line per mistake", async () => {
    await writeWorkbook((sheets) => {
      sheets["Đơn vị"]!.push(["DB01-KP4", "Chi bộ Khu phố 4", "Chi bộ trực thuộc", "DB01"]);
      sheets["Đảng viên"]!.push(["DV05", "Vũ Văn Hải", "DB01-KP4", "Chính thức", "32/01/2020"]);
      sheets["Phân công phụ trách"]!.push(["UV01", null, "DB09"]);
      // DV03's stored exemption (open-ended since 2024) is no longer listed, but still stored.
      sheets["Miễn sinh hoạt"]!.splice(0, 1);
      sheets["Miễn sinh hoạt"]!.push(["DV03", null, "Miễn sinh hoạt", "01/06/2025", "31/12/2025"]);
    });
    const before = await state(db);
    const run = await cli(file);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(problemLines(run.stderr)).toEqual([
      "Đơn vị, dòng 7: chưa ghi Loại chi bộ (Khu dân cư hoặc Khác)",
      "Đảng viên, dòng 8: Ngày bắt đầu sinh hoạt «32/01/2020» không phải ngày hợp lệ; ghi theo dạng dd/MM/yyyy, ví dụ 03/02/2025",
      "Miễn sinh hoạt, dòng 3: trùng thời gian với giai đoạn đã có trong hệ thống: Miễn công tác và sinh hoạt đảng từ 01/01/2024, chưa có ngày kết thúc",
      "Phân công phụ trách, dòng 5: đơn vị «DB09» không có trong tệp và cũng chưa có trong hệ thống",
    ]);
    expect(await state(db)).toEqual(before);
  });
});

describe("import CSV files", () => {
  const { db, url } = csvDb;
  const cli = cliFor(url);

  it("imports the organisation from one CSV file per kind (BOM, semicolons, CRLF, quotes)", async () => {
    const run = await cli(...(await baseFiles()));
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout.split("\n").slice(0, 7)).toEqual([
      "Đã nhập chuc-vu.csv, dang-vien.csv, don-vi.csv, mien-sinh-hoat.csv, phan-cong.csv:",
      "  Đơn vị: 6 thêm mới, 0 cập nhật, 0 không đổi",
      "  Đảng viên: 15 thêm mới, 0 cập nhật, 0 không đổi",
      "  Chức vụ: 5 thêm mới, 0 cập nhật, 0 không đổi",
      "  Miễn sinh hoạt: 2 thêm mới, 0 cập nhật, 0 không đổi",
      "  Phân công phụ trách: 3 thêm mới, 0 cập nhật, 0 không đổi",
      "Tổng cộng: 31 thêm mới, 0 cập nhật.",
    ]);
    const cq = await db.unit.findUniqueOrThrow({ where: { code: "PBS-CQ" } });
    expect(cq).toMatchObject({
      cellKind: "OTHER",
      dayRule: "first-monday",
      meetingTime: "14:00",
      meetingPlace: "Hội trường UBND phường, tầng 2",
    });
    const townMember = await db.member.findUniqueOrThrow({
      where: { code: "TX-01" },
      include: { assignments: { include: { unit: true } } },
    });
    expect([townMember.cellId, townMember.assignments.map((a) => a.unit.code)]).toEqual([
      null,
      ["PBS"],
    ]);
    const onDuty = await db.statusPeriod.findFirstOrThrow({ where: { kind: "SPECIAL_DUTY" } });
    expect(onDuty.decisionRef).toBe("215-QĐ/BCH");
  });

  it("importing the same files again changes nothing", async () => {
    const before = await state(db);
    const run = await cli(...(await baseFiles()));
    expect(run.stdout).toContain("Tổng cộng: 0 thêm mới, 0 cập nhật.");
    expect(await state(db)).toEqual(before);
  });

  // Each file is one mistake in an addition to the organisation above (test/fixtures/import/).
  it.each([
    [
      "missing-cell.csv",
      [
        "missing-cell.csv, dòng 3: chi bộ «PBS-KP9» không có trong tệp và cũng chưa có trong hệ thống",
      ],
    ],
    [
      "duplicate-member-code.csv",
      [
        "duplicate-member-code.csv, dòng 2: mã đảng viên «DV101» bị trùng (các dòng 2, 4)",
        "duplicate-member-code.csv, dòng 4: mã đảng viên «DV101» bị trùng (các dòng 2, 4)",
      ],
    ],
    [
      "unknown-unit.csv",
      [
        "unknown-unit.csv, dòng 3: đơn vị cấp trên «PNS» không có trong tệp và cũng chưa có trong hệ thống",
      ],
    ],
    [
      "bad-date.csv",
      [
        "bad-date.csv, dòng 3: Ngày bắt đầu sinh hoạt «31/02/2026» không phải ngày hợp lệ; ghi theo dạng dd/MM/yyyy, ví dụ 03/02/2025",
      ],
    ],
    [
      "overlapping-status-periods.csv",
      [
        "overlapping-status-periods.csv, dòng 3: trùng thời gian với dòng 4: Miễn công tác và sinh hoạt đảng từ 01/09/2026, chưa có ngày kết thúc",
        "overlapping-status-periods.csv, dòng 4: trùng thời gian với dòng 3: Miễn công tác và sinh hoạt đảng từ 01/03/2026 đến 30/09/2026",
      ],
    ],
    [
      "secretary-not-member.csv",
      [
        "secretary-not-member.csv, dòng 3: Bí thư «DV003» không sinh hoạt tại chi bộ «PBS-KP2» mà tại chi bộ «PBS-KP1»",
      ],
    ],
  ])("%s is refused with a precise report and changes nothing", async (name, lines) => {
    const before = await state(db);
    const run = await cli(join(BAD, name));
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    const stderr = run.stderr.trimEnd().split("\n");
    expect(stderr[0]).toBe(`Chưa ghi gì vào hệ thống: có ${lines.length} lỗi.`);
    expect(problemLines(run.stderr)).toEqual(lines);
    expect(stderr.at(-1)).toBe(
      "Sửa các lỗi trên rồi nhập lại cả tệp, hoặc thêm --partial để ghi các dòng hợp lệ và bỏ qua các dòng có lỗi.",
    );
    expect(await state(db)).toEqual(before);
  });

  it("the bad-input folder holds exactly one file per mistake the tests know", async () => {
    expect((await readdir(BAD)).filter((f) => f.endsWith(".csv")).sort()).toEqual([
      "bad-date.csv",
      "duplicate-member-code.csv",
      "missing-cell.csv",
      "overlapping-status-periods.csv",
      "secretary-not-member.csv",
      "unknown-unit.csv",
    ]);
  });

  it("--dry-run checks and counts, and writes nothing", async () => {
    const file = join(dir, "them-dang-vien.csv");
    await writeFile(
      file,
      "Mã đảng viên,Họ và tên,Mã chi bộ\nDV201,Phan Văn Khải,PBS-KP2\nDV005,Vũ Văn Hải,PBS-KP2\n",
    );
    const before = await state(db);
    const run = await cli(file, "--dry-run");
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout.split("\n").slice(0, 3)).toEqual([
      "Đã kiểm tra them-dang-vien.csv: không có lỗi; chưa ghi gì (--dry-run). Nếu nhập sẽ:",
      "  Đảng viên: 1 thêm mới, 0 cập nhật, 1 không đổi",
      "Tổng cộng: 1 thêm mới, 0 cập nhật.",
    ]);
    expect(await state(db)).toEqual(before);
  });

  it("--partial writes the good rows, reports the others and exits 0", async () => {
    const run = await cli(join(BAD, "missing-cell.csv"), "--partial");
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      "Đã bỏ qua 1 dòng có lỗi (--partial), 1 lỗi:\n" +
        "missing-cell.csv, dòng 3: chi bộ «PBS-KP9» không có trong tệp và cũng chưa có trong hệ thống\n",
    );
    expect(run.stdout).toContain("  Đảng viên: 1 thêm mới, 0 cập nhật, 0 không đổi");
    const codes = (await db.member.findMany({ where: { code: { in: ["DV101", "DV102"] } } })).map(
      (m) => m.code,
    );
    expect(codes).toEqual(["DV101"]);
  });

  it("--partial with nothing good is refused (exit 2)", async () => {
    const file = join(dir, "toan-loi.csv");
    await writeFile(file, "Mã đảng viên,Họ và tên,Mã chi bộ\nDV301,Phan Thị Yến,KP404\n");
    const run = await cli(file, "--partial");
    expect(run.code).toBe(2);
    expect(problemLines(run.stderr)).toEqual([
      "toan-loi.csv, dòng 2: chi bộ «KP404» không có trong tệp và cũng chưa có trong hệ thống",
    ]);
  });

  it("--lang en reports in English", async () => {
    const run = await cli(join(BAD, "bad-date.csv"), "--lang", "en");
    expect(run.code).toBe(2);
    expect(problemLines(run.stderr)).toEqual([
      "bad-date.csv, row 3: Ngày bắt đầu sinh hoạt «31/02/2026» is not a valid date; write dd/MM/yyyy, e.g. 03/02/2025",
    ]);
  });
});

describe("unusable arguments and unreadable files: exit 2 and one line", () => {
  const cli = cliFor(csvDb.url);

  it.each([
    [[], /^import: no file given; usage: npm run cli -- import FILE\.xlsx/],
    [["a.csv", "--bogus"], /^import: Unknown option '--bogus'/],
    [["--template", "mau.csv"], /^import: the template is an \.xlsx file/],
    [["--template", "mau.xlsx", "a.csv"], /^import: --template takes no other file or option/],
    [[join(dir, "khong-co.xlsx")], /khong-co\.xlsx: không tìm thấy tệp$/],
    [["danh-sach.xls"], /^danh-sach\.xls: tệp Excel 97-2003 \(\.xls\) chưa được hỗ trợ/],
    [["danh-sach.ods"], /^danh-sach\.ods: chỉ nhận tệp \.xlsx hoặc \.csv$/],
  ])("%j", async (args, line) => {
    const run = await cli(...args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(run.stderr.trimEnd()).toMatch(line);
  });

  it("a damaged workbook and a CSV file that is not UTF-8", async () => {
    const damaged = join(dir, "hong.xlsx");
    await copyFile(join(BASE, "don-vi.csv"), damaged);
    expect(await cli(damaged)).toEqual({
      code: 2,
      stdout: "",
      stderr: `${damaged}: không phải tệp Excel .xlsx hợp lệ (tệp hỏng hoặc sai đuôi tệp)\n`,
    });
    const legacy = join(dir, "windows-1258.csv");
    // "Mã" in Windows-1258: the byte 0xE3 alone is not UTF-8.
    await writeFile(legacy, Buffer.from([0x4d, 0xe3, 0x0a]));
    expect((await cli(legacy)).stderr).toBe(
      `${legacy}: tệp CSV không dùng bảng mã UTF-8; trong Excel chọn Lưu thành › «CSV UTF-8 (Comma delimited)»\n`,
    );
  });

  it("a CSV file whose header row is no known kind is refused", async () => {
    const file = join(dir, "la.csv");
    await writeFile(file, "Số thứ tự,Ghi chú\n1,abc\n");
    const run = await cli(file);
    expect(run.code).toBe(2);
    expect(problemLines(run.stderr)).toEqual([
      "la.csv, dòng 1: không nhận ra loại dữ liệu: dòng đầu tiên phải là tiêu đề cột của một trong các trang Đơn vị, Đảng viên, Chức vụ, Miễn sinh hoạt, Phân công phụ trách",
    ]);
  });
});

describe("npm run cli -- import (the real process)", () => {
  it("exits 2 with the report on stderr, through the command dispatcher", async () => {
    const run = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "src/cli/main.ts", "import", join(BAD, "unknown-unit.csv")],
      { env: envFor(csvDb.url) },
    ).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(problemLines(run.stderr)).toEqual([
      "unknown-unit.csv, dòng 3: đơn vị cấp trên «PNS» không có trong tệp và cũng chưa có trong hệ thống",
    ]);
  });
});
