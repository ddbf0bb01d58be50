import { describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/clock.ts";
import { seedCell } from "../../support/stack.ts";
import { createZaloStack } from "./zalo-stack.ts";

// Issue 15 on Zalo: scoring with numbers. Sunday 6 December 2026, 19:00 local.
const clock = new ManualClock(new Date("2026-12-06T12:00:00Z"));
const s = await createZaloStack({ clock });

async function heldCell() {
  const seeded = await seedCell(s, { size: 4 });
  const now = clock.now().getTime();
  const meeting = await s.db.meeting.create({
    data: {
      unitId: seeded.cell.id,
      startsAt: new Date(now - 100 * 60_000),
      plannedEndAt: new Date(now + 20 * 60_000),
    },
  });
  const secretary = seeded.members[0]!;
  const zaloId = `zq-${seeded.cell.code}`;
  await s.linkZalo(zaloId, secretary.id, secretary.telegramId);
  return { ...seeded, meeting, zaloId };
}

const all = (replies: string[]) => replies.join("\n");

describe("chamdiem on Zalo", () => {
  it("after chot: the sheet, numbered levels or «25 điểm», Để sau, resumed, corrected (audited)", async () => {
    const { meeting, zaloId } = await heldCell();
    await s.say(zaloId, "diemdanh");
    await s.say(zaloId, "tat ca c");
    const closed = all(await s.say(zaloId, "chot"));
    expect(closed).toContain("Chất lượng sinh hoạt: 12/100 điểm (chưa chấm xong, chưa xếp loại)");
    expect(closed).toContain("Gõ «chamdiem» để chấm điểm chất lượng cuộc họp này.");

    const opened = all(await s.say(zaloId, "chấm điểm"));
    expect(opened).toContain(
      "Tỷ lệ 100% (4/4) → 4 điểm; không ai vắng có lý do quá 3 lần liên tiếp → +1",
    );
    expect(opened).toContain("Mục «Chuẩn bị: các việc khác» (tối đa 4 điểm)");
    expect(opened).toContain("1. Đạt đủ (4 điểm)");
    expect(opened).toContain("4. Để sau");

    expect(all(await s.say(zaloId, "2"))).toContain("Đã ghi: Chuẩn bị: các việc khác — 2/4 điểm.");
    expect(all(await s.say(zaloId, "31 điểm"))).toContain("Số điểm phải là số nguyên từ 0 đến 30.");
    const typed = all(await s.say(zaloId, "25 điểm"));
    expect(typed).toContain("Đã ghi: Tiến hành sinh hoạt — 25/30 điểm.");
    expect(typed).toContain("Mục «Điều hành của đồng chí chủ trì»");
    expect(all(await s.say(zaloId, "4"))).toContain("Gõ «chamdiem» để chấm tiếp");
    expect(await s.db.qualityScore.count({ where: { meetingId: meeting.id } })).toBe(2);

    const resumed = all(await s.say(zaloId, "chamdiem"));
    expect(resumed).toContain("• Tiến hành sinh hoạt: 25/30");
    expect(resumed).toContain("• Điều hành của đồng chí chủ trì: chưa chấm (tối đa 10)");
    await s.say(zaloId, "1");
    await s.say(zaloId, "1");
    await s.say(zaloId, "1");
    const done = all(await s.say(zaloId, "3"));
    // 12 + 2 + 25 + 10 + 5 + 30 + 0 = 84.
    expect(done).toContain("✅ Đã chấm xong các mục của chi ủy.");
    expect(done).toContain("Chất lượng sinh hoạt: 84/100 điểm — xếp loại Khá");
    expect(done).toContain("6. ✏️ Kết thúc: biên bản, tài liệu được lưu và công khai");

    expect(all(await s.say(zaloId, "6"))).toContain(
      "Mục «Kết thúc: biên bản, tài liệu được lưu và công khai»",
    );
    const corrected = all(await s.say(zaloId, "1"));
    expect(corrected).toContain(
      "Đã sửa: Kết thúc: biên bản, tài liệu được lưu và công khai — 3/3 điểm.",
    );
    expect(corrected).toContain("87/100 điểm — xếp loại Khá");
    expect(
      await s.db.auditLog.count({ where: { entityId: meeting.id, action: "quality.correction" } }),
    ).toBe(1);
    expect(
      await s.db.auditLog.count({ where: { entityId: meeting.id, action: "quality.score" } }),
    ).toBe(6);
  });

  it("an unscored meeting stays «chưa chấm»; after 24 h it can no longer be scored", async () => {
    const { meeting, zaloId } = await heldCell();
    await s.say(zaloId, "diemdanh");
    await s.say(zaloId, "tat ca c");
    await s.say(zaloId, "chot");
    clock.advance(25 * 3_600_000);
    const late = all(await s.say(zaloId, "chamdiem"));
    expect(late).toContain("chưa chấm (tối đa 30)");
    expect(late).toContain("Đã hết thời hạn sửa điểm");
    expect(await s.db.qualityScore.count({ where: { meetingId: meeting.id } })).toBe(0);
  });
});
