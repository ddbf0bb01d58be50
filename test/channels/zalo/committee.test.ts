// Issue 13 items 9 and 10 on Zalo: the committee member's batch of alerts (one message, «1» to
// acknowledge them all, never "từ 1 đến 1"), the single alert's «1», and the /caidat choice.
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/clock.ts";
import { sweepAlerts } from "../../../src/services/alert-sweep.ts";
import { committeeMode } from "../../../src/services/committee-mode.ts";
import { seedCell, waitUntil } from "../../support/stack.ts";
import { createZaloStack } from "./zalo-stack.ts";

// Friday 25 December 2026, 10:00 local: R2's alert day, in the quarter's last month (R2c).
const clock = new ManualClock(new Date("2026-12-25T03:00:00Z"));
const s = await createZaloStack({ clock });
s.startBothWorker();
const { db } = s;

/** Three cells of a ward with nothing scheduled; their committee member uses Zalo. */
async function zaloCommittee(cells = 3) {
  const seeded = await seedCell(s, { size: 2, kind: "OTHER" });
  const units = [seeded.cell];
  for (let i = 2; i <= cells; i++)
    units.push(
      await db.unit.create({
        data: {
          code: `${seeded.cell.code}-${i}`,
          name: `Chi bộ Khu phố ${i}`,
          kind: "CELL",
          cellKind: "OTHER",
          parentId: seeded.parent.id,
        },
      }),
    );
  const zaloId = `zc-${seeded.cell.code}`;
  await db.chatIdentity.create({
    data: {
      platform: "ZALO",
      externalId: zaloId,
      chatId: zaloId,
      memberId: seeded.committee.id,
      lastUsedAt: new Date(Date.now() + 60_000),
    },
  });
  s.zaloApi.addUser({ id: zaloId, name: seeded.committee.fullName });
  return { ...seeded, units, zaloId };
}

const settled = () =>
  waitUntil(
    async () =>
      (await db.delivery.count({ where: { status: { in: ["PENDING", "SENDING"] } } })) === 0,
  );
const all = (replies: string[]) => replies.join("\n");

describe("a committee member on Zalo", () => {
  it("gets a sweep's alerts as one message, answered with «1» for all of them", async () => {
    const { units, zaloId, committee } = await zaloCommittee();
    await sweepAlerts(s.services, { unitIds: units.map((u) => u.id) });
    await settled();
    const received = s.zaloApi.messagesSentTo(zaloId).map((m) => m.text);
    expect(received).toHaveLength(1);
    const text = received[0]!;
    expect(text).toContain("6 cảnh báo mới về 3 chi bộ");
    expect(text).toContain("1. 👁 Đã xem tất cả");
    expect(text).toContain("Trả lời 1 để chọn «👁 Đã xem tất cả».");
    expect(text).not.toContain("từ 1 đến 1");
    expect(text).not.toMatch(/bấm|nút/);

    expect(all(await s.say(zaloId, "1"))).toContain("đồng chí đã xem 6 cảnh báo");
    expect(
      await db.alert.count({
        where: { unitId: { in: units.map((u) => u.id) }, acknowledgedById: committee.id },
      }),
    ).toBe(6);
  });

  it("a single alert is acknowledged with «1» too", async () => {
    const { cell, zaloId, committee } = await zaloCommittee(1);
    await db.meeting.create({
      data: {
        unitId: cell.id,
        kind: "THEMATIC",
        status: "HELD",
        startsAt: new Date("2026-11-10T12:30:00Z"),
        plannedEndAt: new Date("2026-11-10T14:30:00Z"),
        rollCallClosedAt: new Date("2026-11-10T14:30:00Z"),
      },
    });
    await sweepAlerts(s.services, { unitIds: [cell.id] });
    await settled();
    const [text] = s.zaloApi.messagesSentTo(zaloId).map((m) => m.text);
    expect(text).toContain("chưa có lịch sinh hoạt chi bộ tháng 12/2026");
    expect(text).toContain("Trả lời 1 để chọn «👁 Đã xem».");
    expect(all(await s.say(zaloId, "1"))).toContain("đã xem cảnh báo này");
    const alert = await db.alert.findFirstOrThrow({ where: { unitId: cell.id } });
    expect(alert.acknowledgedById).toBe(committee.id);
  });

  it("caidat offers every meeting's reminder or only the summary, and keeps the choice", async () => {
    const { zaloId, committee } = await zaloCommittee(1);
    const menu = all(await s.say(zaloId, "caidat"));
    // In charge of one cell: every meeting's reminder by default.
    expect(menu).toContain("nhận lời nhắc của từng cuộc họp");
    expect(menu).toContain("2. 📋 Chỉ nhận tóm tắt các chi bộ");
    expect(menu).toContain("Trả lời bằng một số từ 1 đến 2.");
    const saved = all(await s.say(zaloId, "2"));
    expect(saved).toContain("Đã lưu lựa chọn");
    expect(saved).toContain("chỉ nhận bản tóm tắt");
    expect(await committeeMode(db, committee.id)).toBe("summary");
    expect(all(await s.say(zaloId, "2"))).toContain("nhận lời nhắc của từng cuộc họp");
    expect(await committeeMode(db, committee.id)).toBe("every-meeting");
  });

  it("a member's Zalo texts never say «bấm» (there are no buttons) nor «từ 1 đến 1»", async () => {
    const { cell, members } = await seedCell(s, { size: 3 });
    await db.meeting.create({
      data: {
        unitId: cell.id,
        startsAt: new Date("2026-12-28T12:30:00Z"),
        plannedEndAt: new Date("2026-12-28T14:00:00Z"),
      },
    });
    const [secretary, member] = members;
    const zaloId = `zm-${cell.code}`;
    const texts = [
      ...(await s.linkZalo(zaloId, member!.id, secretary!.telegramId)),
      ...(await s.say(zaloId, "lich")),
      ...(await s.say(zaloId, "1")),
      ...(await s.say(zaloId, "caidat")),
      ...(await s.say(zaloId, "1")),
      ...(await s.say(zaloId, "trogiup")),
    ];
    expect(all(texts)).toContain("Đã ghi nhận đồng chí sẽ tham dự");
    for (const text of texts) {
      expect(text).not.toMatch(/bấm|nút/i);
      expect(text).not.toContain("từ 1 đến 1");
    }
  });
});
