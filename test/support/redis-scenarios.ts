// What a Redis target must carry, shared by the tests on a Redis Cluster and through Sentinel: a
// reminder fan-out (BullMQ, the pacer, the chat slots) and a roll call (conversations, the ledger).
import { expect } from "vitest";
import type { ManualClock } from "../../src/clock.ts";
import type { createBotStack } from "./bot.ts";
import { dueReminders, seedCell, waitUntil } from "./stack.ts";

type BotStack = Awaited<ReturnType<typeof createBotStack>>;

/** A cell of `size` members whose reminders are dispatched now; resolves once every one is SENT. */
export async function fanOut(s: BotStack, clock: ManualClock, size: number) {
  const { cell, members } = await seedCell(s, { size });
  const { meeting } = await dueReminders(s, cell.id, clock.now());
  await waitUntil(
    async () =>
      (await s.db.delivery.count({ where: { meetingId: meeting.id, status: "SENT" } })) === size,
    60_000,
  );
  return members;
}

/** /diemdanh, close, and the minutes and alerts delivered through the ledger. */
export async function rollCall(s: BotStack, clock: ManualClock) {
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
  }, 60_000);
  expect(
    (await s.db.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).rollCallClosedAt,
  ).not.toBeNull();
}
