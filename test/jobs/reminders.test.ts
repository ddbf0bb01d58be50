import { describe, expect, it } from "vitest";
import { parseOffsets } from "../../src/domain/reminder-plan.ts";
import { syncReminders } from "../../src/services/planner.ts";
import { createStack, seedCell, waitUntil } from "../support/stack.ts";

// Real time, short offsets: the meeting starts 9 s after planning; reminders 7 s, 5 s and 3 s before.
const stack = await createStack({
  settings: { reminderOffsets: parseOffsets("7s,5s,3s"), quietHours: "off" },
});

describe("reminders reach the right people at their due time, once", () => {
  it("a 20-member cell: first to all eligible and the committee member, later ones to those still expected", async () => {
    const { db, services, botApi } = stack;
    const { cell, members, committee } = await seedCell(stack, { size: 20 });
    const now = Date.now();
    await db.statusPeriod.create({
      data: {
        memberId: members[5]!.id,
        kind: "EXEMPT",
        fromDate: new Date("2026-01-01"),
        decisionRef: "QĐ 12",
      },
    });
    await db.member.update({ where: { id: members[6]!.id }, data: { muted: true } });
    const meeting = await db.meeting.create({
      data: {
        unitId: cell.id,
        startsAt: new Date(now + 9_000),
        plannedEndAt: new Date(now + 99_000),
        place: "Nhà văn hóa khu phố",
        agenda: "Sinh hoạt thường kỳ tháng 12",
      },
    });
    await syncReminders(services, cell.id);
    stack.startDeliveryWorker();

    // Member 7 declines as soon as the first reminder arrives.
    await waitUntil(
      async () => botApi.messagesSentTo(members[7]!.telegramId).length === 1,
      10_000,
      20,
    );
    await db.answer.create({
      data: {
        meetingId: meeting.id,
        memberId: members[7]!.id,
        kind: "ABSENT",
        reason: "ốm đau",
        answeredAt: new Date(),
      },
    });

    await waitUntil(
      async () => (await db.delivery.count({ where: { status: "PENDING" } })) === 0,
      20_000,
    );
    await waitUntil(
      async () => (await db.delivery.count({ where: { status: "SENDING" } })) === 0,
      5_000,
    );

    const received = (telegramId: number) => botApi.messagesSentTo(telegramId).length;
    const expected = new Map<number, number>();
    members.forEach((m, i) => {
      expected.set(m.telegramId, i === 5 ? 0 : i === 6 ? 1 : i === 7 ? 1 : 3);
    });
    expected.set(committee.telegramId, 1);
    for (const [telegramId, count] of expected)
      expect(received(telegramId), `chat ${telegramId}`).toBe(count);

    const first = botApi.messagesSentTo(members[2]!.telegramId)[0]!;
    expect(first.text).toContain("Chi bộ Khu phố");
    expect(first.text).toMatch(/Thứ (Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ nhật/);
    expect(first.buttons.flat().map((b) => b.label)).toEqual(["✅ Tham dự", "❌ Vắng (có lý do)"]);
    expect(botApi.messagesSentTo(committee.telegramId)[0]!.buttons).toEqual([]);

    const sent = await db.delivery.findMany({ where: { status: "SENT" } });
    expect(sent).toHaveLength([...expected.values()].reduce((a, b) => a + b, 0));
    const lateness = sent.map((d) => d.sentAt!.getTime() - d.dueAt.getTime());
    expect(Math.min(...lateness)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...lateness)).toBeLessThan(1_500);
  });
});
