import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { seedReportMonth } from "../services/report-fixture.ts";
import { createStack } from "../support/stack.ts";

// The CLI reads the real clock: October 2026 is over on this project's machines.
const MONTH = "2026-10";
const stack = await createStack();
const seeded = await seedReportMonth(stack, MONTH);
process.env.DATABASE_URL = stack.url;
const dir = await mkdtemp(join(tmpdir(), "chibo-report-"));
const SOFFICE = "/usr/bin/soffice";

async function cli(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(["report", ...argv], {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

/** RFC 4180 (rows end in CRLF, or LF as LibreOffice writes): quoted fields may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || (c === "\r" && text[i + 1] === "\n")) {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      if (c === "\r") i++;
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

describe("npm run cli -- report", () => {
  it("table (the default): one line per cell, totals per organisation, the late reporters", async () => {
    const { code, stdout } = await cli("--month", MONTH);
    expect(code).toBe(0);
    expect(stdout).toContain("Báo cáo sinh hoạt chi bộ tháng 10/2026");
    const line = stdout.split("\n").find((l) => l.includes("Chi bộ Khu phố 3"))!;
    expect(line).toMatch(/1\/2\s+16\/19\s+84,2%\s+Không/);
    expect(stdout).toContain("Đảng bộ phường Bắc Sơn");
    expect(stdout).toContain(
      `Chậm báo cáo (chưa chốt điểm danh): ${seeded.cell.code} Chi bộ Khu phố 3`,
    );
  });

  it("csv: UTF-8 with a BOM, a header and one row per cell, numbers as numbers", async () => {
    const { code, stdout } = await cli("--month", MONTH, "--format", "csv");
    expect(code).toBe(0);
    expect(stdout.startsWith("\uFEFF")).toBe(true);
    const [header, ...rows] = parseCsv(stdout.slice(1));
    expect(header).toEqual([
      "Mã",
      "Chi bộ",
      "Tổ chức cơ sở đảng",
      "Loại chi bộ",
      "Số cuộc họp theo lịch",
      "Số cuộc họp đã tổ chức",
      "Đảng viên phải dự",
      "Có mặt",
      "Tỷ lệ tham dự (%)",
      "Đạt tỷ lệ (trên 85%)",
      "R2 Không sinh hoạt",
      "R3 Cuộc họp không đạt tỷ lệ",
      "R4 Vắng không lý do (lượt)",
      "R5 Vắng có lý do liên tiếp",
      "R8 Nhiều tháng vắng không lý do",
      "R9 Họp ngắn",
      "Chưa trả lời lời nhắc",
      "Chốt điểm danh",
      "Chi tiết vi phạm, cảnh báo",
      "Chất lượng sinh hoạt",
    ]);
    expect(rows).toHaveLength(3);
    const kp3 = rows.find((r) => r[1] === "Chi bộ Khu phố 3")!;
    expect(kp3.slice(0, 18)).toEqual([
      seeded.cell.code,
      "Chi bộ Khu phố 3",
      "Đảng bộ phường Bắc Sơn",
      "Khu dân cư",
      "2",
      "1",
      "19",
      "16",
      "84.2",
      "Không",
      "",
      "1",
      "1",
      "1",
      "1",
      // R9 is off in the default (2018) profile.
      "0",
      "3",
      "Chưa chốt",
    ]);
    expect(kp3[18]).toContain(`03/10: Vắng không có lý do: ${seeded.y.fullName}`);
    expect(rows.find((r) => r[1] === "Chi bộ Cơ quan phường Bắc Sơn")![10]).toBe("Có");
  });

  it("json: the report's data, parseable", async () => {
    const { code, stdout } = await cli("--month", MONTH, "--format", "json");
    expect(code).toBe(0);
    const data = JSON.parse(stdout);
    expect(data.month).toBe(MONTH);
    expect(data.units.map((u: { name: string }) => u.name)).toEqual([
      "Chi bộ Khu phố 3",
      "Chi bộ Cơ quan phường Bắc Sơn",
      "Chi bộ Trường Tiểu học Lam Sơn",
    ]);
    expect(data.totals).toMatchObject({ units: 3, meetingsHeld: 2, present: 22, eligible: 25 });
    expect(data.units[0].meetings[0].startsAt).toBe("2026-10-03T12:30:00.000Z");
  });

  it("xlsx: LibreOffice opens it and shows the Vietnamese text, dd/MM/yyyy dates and the rates", async () => {
    if (!existsSync(SOFFICE))
      throw new Error(
        `LibreOffice is missing at ${SOFFICE}: this test opens the workbook with it. Install it with ` +
          "`apt-get install -y --no-install-recommends libreoffice-calc-nogui` (.ci/run does this).",
      );
    const out = join(dir, "mo-bang-libreoffice.xlsx");
    expect((await cli("--month", MONTH, "--format", "xlsx", "--out", out)).code).toBe(0);
    // Every sheet to CSV (UTF-8, "as shown"), as a person would see the cells.
    const filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1";
    await promisify(execFile)(
      SOFFICE,
      [
        "--headless",
        `-env:UserInstallation=file://${dir}/lo-profile`,
        "--convert-to",
        filter,
        "--outdir",
        dir,
        out,
      ],
      { timeout: 90_000 },
    );
    const sheet = async (name: string) =>
      parseCsv((await readFile(join(dir, `mo-bang-libreoffice-${name}.csv`), "utf8")).trim());
    const cells = await sheet("Chi bộ");
    const header = cells[0]!;
    const kp3 = cells.find((row) => row[1] === "Chi bộ Khu phố 3")!;
    expect(kp3[2]).toBe("Đảng bộ phường Bắc Sơn");
    expect(kp3[header.indexOf("Tỷ lệ tham dự")]).toBe("84.2%");
    expect(kp3[header.indexOf("Đạt tỷ lệ (trên 85%)")]).toBe("Không");
    const meetings = await sheet("Cuộc họp");
    const first = meetings[1]!;
    expect(first[meetings[0]!.indexOf("Ngày họp")]).toBe("03/10/2026");
    expect(first[meetings[0]!.indexOf("Loại cuộc họp")]).toBe("sinh hoạt thường kỳ");
  }, 120_000);

  it("xlsx: read back, the Vietnamese intact, numbers as numbers, rates as percentages", async () => {
    const out = join(dir, "bao-cao.xlsx");
    const { code, stdout } = await cli("--month", MONTH, "--format", "xlsx", "--out", out);
    expect(code).toBe(0);
    expect(stdout).toContain(out);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(out)) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Tổng hợp", "Chi bộ", "Cuộc họp"]);

    const cells = workbook.getWorksheet("Chi bộ")!;
    const header = (cells.getRow(1).values as unknown[]).slice(1);
    const column = (name: string) => header.indexOf(name) + 1;
    const kp3 = cells.getRow(2);
    expect(kp3.getCell(column("Chi bộ")).value).toBe("Chi bộ Khu phố 3");
    expect(kp3.getCell(column("Tổ chức cơ sở đảng")).value).toBe("Đảng bộ phường Bắc Sơn");
    expect(kp3.getCell(column("Có mặt")).value).toBe(16);
    expect(kp3.getCell(column("Đảng viên phải dự")).value).toBe(19);
    const rate = kp3.getCell(column("Tỷ lệ tham dự"));
    // 16/19 = 84.21…%: stored as shown in chat, rounded down to 0.1 % (never up to a passing rate).
    expect(rate.value).toBeCloseTo(0.842, 6);
    expect(rate.numFmt).toBe("0.0%");
    expect(cells.getRow(1).getCell(1).font?.bold).toBe(true);

    const meetings = workbook.getWorksheet("Cuộc họp")!;
    const mHeader = (meetings.getRow(1).values as unknown[]).slice(1);
    expect(mHeader).toContain("Vắng có lý do");
    const first = meetings.getRow(2);
    const mCol = (name: string) => mHeader.indexOf(name) + 1;
    expect(first.getCell(mCol("Vắng có lý do")).value).toBe(2);
    expect(first.getCell(mCol("Ngày họp")).value).toEqual(new Date(Date.UTC(2026, 9, 3)));
    expect(first.getCell(mCol("Loại cuộc họp")).value).toBe("sinh hoạt thường kỳ");
    expect(first.getCell(mCol("Cấp ủy viên dự")).value).toBe(seeded.ward.committee.fullName);

    const totals = workbook.getWorksheet("Tổng hợp")!;
    const last = totals.getRow(totals.rowCount);
    expect(last.getCell(2).value).toBe("Tổng cộng");
    expect(last.getCell(3).value).toBe(3);
  });

  it("--unit: that unit's subtree only", async () => {
    const { code, stdout } = await cli("--month", MONTH, "--unit", seeded.school.parent.code);
    expect(code).toBe(0);
    expect(stdout).toContain("Chi bộ Trường Tiểu học Lam Sơn");
    expect(stdout).not.toContain("Chi bộ Khu phố 3");
  });

  it.each([
    [["--month", "2026-13"], 'report: --month must be YYYY-MM (e.g. 2026-11), not "2026-13"'],
    [["--month", "10/2026"], 'report: --month must be YYYY-MM (e.g. 2026-11), not "10/2026"'],
    [["--month", "2999-01"], "report: 2999-01 has not begun yet: there is nothing to report"],
    [["--month", MONTH, "--unit", "NO-SUCH"], 'report: unknown unit "NO-SUCH"'],
    [["--format", "pdf"], 'report: --format must be one of table, csv, xlsx, json, not "pdf"'],
    [["--format", "xlsx"], "report: --format xlsx needs --out FILE.xlsx"],
    [["--colour"], 'report: unknown argument "--colour"'],
  ])("bad input %j: exit 2 and one line", async (argv, message) => {
    const { code, stdout, stderr } = await cli(...argv);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe(`${message}\n`);
  });

  it("through npm run cli: a bad --month exits with code 2", async () => {
    const failed = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "src/cli/main.ts", "report", "--month", "2026/10"],
      { env: { ...process.env, DATABASE_URL: stack.url } },
    ).catch((error: { code: number; stderr: string }) => error);
    expect("code" in failed && failed.code).toBe(2);
    expect((failed as { stderr: string }).stderr.trim().split("\n")).toHaveLength(1);
  });
});
