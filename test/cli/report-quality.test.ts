import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { monthlyReport, renderReportText } from "../../src/services/report/index.ts";
import { seedReportMonth } from "../services/report-fixture.ts";
import { createStack } from "../support/stack.ts";

// Issue 15: every held meeting of `report` carries its quality score; October 2026 is over.
const MONTH = "2026-10";
const stack = await createStack();
const seeded = await seedReportMonth(stack, MONTH);
process.env.DATABASE_URL = stack.url;

async function cli(...argv: string[]) {
  let stdout = "";
  const code = await main(["report", "--month", MONTH, ...argv], {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: () => undefined },
  });
  return { code, stdout };
}

describe("report: the quality score per held meeting", () => {
  it("json: quality {total, grade, items [{key, points, max, by, why}]}; a secretary's score counts", async () => {
    await stack.db.qualityScore.create({
      data: { meetingId: seeded.main.id, itemKey: "conduct", points: 25, scoredAt: new Date() },
    });
    const { code, stdout } = await cli("--format", "json");
    expect(code).toBe(0);
    const data = JSON.parse(stdout);
    const kp3 = data.units.find((u: { name: string }) => u.name === "Chi bộ Khu phố 3");
    const held = kp3.meetings.find((m: { id: string }) => m.id === seeded.main.id);
    const { quality } = held;
    expect(Object.keys(quality)).toEqual(
      expect.arrayContaining(["total", "grade", "items", "max", "complete"]),
    );
    expect(quality.grade).toBeNull();
    expect(quality.complete).toBe(false);
    const item = (key: string) => quality.items.find((i: { key: string }) => i.key === key);
    // 16 of 19 (84.2 %): 3; one unexcused: 1; X's third excused in a row keeps the bonus: +1.
    expect(item("attendance")).toEqual({
      key: "attendance",
      label: "Tỷ lệ đảng viên dự họp",
      points: 2,
      max: 5,
      by: "bot",
      why: "Tỷ lệ 84,2% (16/19) → 3 điểm; 1 đảng viên vắng không có lý do → 1 điểm; không ai vắng có lý do quá 3 lần liên tiếp → +1",
    });
    expect(item("duration")).toMatchObject({ points: 0, by: "bot" });
    expect(item("duration").why).toContain("Họp 75 phút, chưa đủ 90 phút");
    expect(item("conduct")).toMatchObject({ points: 25, max: 30, by: "secretary" });
    expect(item("chairing")).toMatchObject({ points: null, by: "secretary" });
    expect(quality.total).toBe(
      quality.items.reduce((s: number, i: { points: number | null }) => s + (i.points ?? 0), 0),
    );
    // The meeting still open has no score.
    expect(kp3.meetings.find((m: { id: string }) => m.id === seeded.open.id).quality).toBeNull();
  });

  it("table and csv show it too", async () => {
    const table = (await cli()).stdout;
    expect(table).toContain("Chất lượng sinh hoạt");
    expect(table).toMatch(/\d+\/100 \(chưa chấm xong\)/);
    const csv = (await cli("--format", "csv")).stdout;
    expect(csv.split("\r\n")[0]).toContain("Chất lượng sinh hoạt");
    expect(csv).toMatch(/\d+\/100 \(chưa chấm xong\)/);
  });

  it("the committee's short lines (the monthly digest's text) carry it per held meeting", async () => {
    const report = await monthlyReport(stack.services, {
      month: MONTH,
      scope: { kind: "all" },
      now: new Date(),
    });
    const text = renderReportText(stack.services.t, report);
    const line = text.split("\n").find((l) => l.includes("Chi bộ Trường Tiểu học Lam Sơn"))!;
    expect(line).toMatch(/chất lượng \d+\/100 \(chưa chấm xong\)/);
  });
});
