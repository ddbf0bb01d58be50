// Issue 18 item 6: the product on a real Redis Cluster (three masters started by this test).
import { afterAll, describe, expect, it } from "vitest";
import { ChatLocks } from "../../src/chat-lock.ts";
import { ManualClock } from "../../src/clock.ts";
import { createBotStack } from "../support/bot.ts";
import { startRedisCluster } from "../support/redis-cluster.ts";
import { dueReminders, seedCell, waitUntil } from "../support/stack.ts";

const cluster = await startRedisCluster();
afterAll(() => cluster.stop());
// Sunday 6 December 2026, 19:00 local; the roll call's meeting starts at 19:30.
const clock = new ManualClock(new Date("2026-12-06T12:00:00Z"));
const s = await createBotStack({ clock, redisCluster: cluster.nodes });
s.startDeliveryWorker();

describe("on a Redis Cluster", () => {
  it("the queues use a hash-tagged prefix and spread nothing across slots", () => {
    expect(s.queueSettings.prefix).toBe(`{${s.prefix}}`);
  });

  it("a 40-member fan-out: BullMQ, the pacer and the chat slots work, each reminder sent once", async () => {
    const { cell, members } = await seedCell(s, { size: 40 });
    const { meeting } = await dueReminders(s, cell.id, clock.now());
    await waitUntil(
      async () =>
        (await s.db.delivery.count({ where: { meetingId: meeting.id, status: "SENT" } })) === 40,
      30_000,
    );
    for (const m of members) expect(s.botApi.messagesSentTo(m.telegramId)).toHaveLength(1);
  });

  it("the chat lock holds one update at a time per chat across the cluster", async () => {
    const locks = new ChatLocks(s.redis, s.prefix);
    const order: string[] = [];
    const slow = (name: string) => async () => {
      order.push(`${name} in`);
      await new Promise((r) => setTimeout(r, 150));
      order.push(`${name} out`);
    };
    await Promise.all([locks.run("telegram:1", slow("a")), locks.run("telegram:1", slow("b"))]);
    expect(order).toEqual(["a in", "a out", "b in", "b out"]);
  });

  it("a roll call: /diemdanh, close, and the minutes and alerts delivered through the ledger", async () => {
    const { cell, members } = await seedCell(s, { size: 4 });
    const now = clock.now().getTime();
    const meeting = await s.db.meeting.create({
      data: {
        unitId: cell.id,
        startsAt: new Date(now + 30 * 60_000),
        plannedEndAt: new Date(now + 120 * 60_000),
      },
    });
    const secretary = members[0]!;
    const roster = (await s.say(secretary.telegramId, "/diemdanh"))[0]!;
    expect(roster.buttons.flat().some((b) => b.label.includes(members[3]!.fullName))).toBe(true);
    await s.press(secretary.telegramId, roster.messageId, "🔒 Chốt điểm danh");
    expect(await s.press(secretary.telegramId, roster.messageId, "✅ Xác nhận chốt")).toContain(
      "Đã chốt",
    );
    expect(
      s.botApi.messagesSentTo(secretary.telegramId).some((m) => m.text.includes("BIÊN BẢN")),
    ).toBe(true);
    await waitUntil(async () => {
      const rows = await s.db.delivery.findMany({ where: { meetingId: meeting.id } });
      return rows.length > 0 && rows.every((d) => d.status === "SENT");
    }, 30_000);
    expect(
      (await s.db.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).rollCallClosedAt,
    ).not.toBeNull();
  });
});
