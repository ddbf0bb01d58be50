import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { importCommand } from "../../src/cli/import.ts";
import { freshDatabase } from "../support/db.ts";

// Issue 12 item 13: a file a clerk can make by mistake gets the usual report, never a crash.
const dir = await mkdtemp(join(tmpdir(), "chibo-import-limits-"));
const { db, url } = await freshDatabase();
afterAll(() => rm(dir, { recursive: true, force: true }));

const HEADER =
  "Mã đảng viên,Họ và tên,Mã chi bộ,Chính thức/Dự bị,Ngày bắt đầu sinh hoạt,Ngày thôi sinh hoạt";

async function cli(...args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await importCommand(
    args,
    {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
    },
    { ...process.env, DATABASE_URL: url },
  );
  return { code, stdout, stderr };
}

describe("import: huge or broken CSV files are refused with the problems listed", () => {
  it("200,000 bad rows: exit 2, the first 200 problems, then '… và N lỗi khác'", async () => {
    const file = join(dir, "dang-vien.csv");
    const rows = Array.from(
      { length: 200_000 },
      (_, i) => `X${i},Đảng viên ${i},CB-KHONG-CO,Chính thức,99/99/9999,`,
    );
    await writeFile(file, `${[HEADER, ...rows].join("\r\n")}\r\n`);

    const run = await cli(file);

    expect(run.stderr).not.toContain("internal error");
    expect(run.code).toBe(2);
    const lines = run.stderr.trimEnd().split("\n");
    const problems = lines.filter((l) => l.startsWith("dang-vien.csv, dòng "));
    expect(problems).toHaveLength(200);
    expect(problems[0]).toContain("dang-vien.csv, dòng 2:");
    const total = Number(/có ([\d.]+) lỗi/.exec(lines[0]!)![1]!.replaceAll(".", ""));
    expect(total).toBeGreaterThanOrEqual(200_000);
    expect(run.stderr).toContain(`… và ${(total - 200).toLocaleString("vi-VN")} lỗi khác`);
    expect(await db.member.count()).toBe(0);
  }, 120_000);

  it("an unterminated quote: exit 2, the row where it opens", async () => {
    const file = join(dir, "ngoac-kep.csv");
    await writeFile(
      file,
      [
        HEADER,
        "DV001,Nguyễn Văn An,PBS-KP1,Chính thức,15/03/2010,",
        'DV002,"Trần Thị Hoa,PBS-KP1,Chính thức,02/09/2012,',
        "DV003,Lê Văn Cường,PBS-KP1,Chính thức,01/01/2015,",
        "",
      ].join("\r\n"),
    );

    const run = await cli(file);

    expect(run.stderr).not.toContain("internal error");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'ngoac-kep.csv, dòng 3: dấu ngoặc kép (") mở ở dòng này không được đóng',
    );
    expect(await db.member.count()).toBe(0);
  });
});
