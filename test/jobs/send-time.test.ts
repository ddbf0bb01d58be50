// Issue 18: a reminder is re-checked against the clock just before it goes out.
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.ts";
import { writeIntents } from "../../src/services/ledger.ts";
import { createStack, seedCell, waitUntil } from "../support/stack.ts";

const at = (local: string) => new Date(`${local}+07:00`);
// 22:00 local: inside the default quiet hours (21:30–06:30).
const clock = new ManualClock(at("2026-12-02T22:00:00"));
const stack = await createStack({ clock, env: { QUIET_HOURS: "21:30-06:30" } });
const { db, botApi, services } = stack;
stack.startDeliveryWorker();

/** A cell's reminders due now (by the clock) for a meeting starting at `startsAt`. */
async function dueNow(size: number, startsAt: Date) {
  const { cell, members } = await seedCell(stack, { size });
  const meeting = await db.meeting.create({
    data: { unitId: cell.id, startsAt, plannedEndAt: new Date(startsAt.getTime() + 5_400_000) },
  });
  const rows = await writeIntents(
    db,
    members.map((m) => ({
      idempotencyKey: `rem_${meeting.id}_${m.id}`,
      platform: "TELEGRAM" as const,
      chatId: String(m.telegramId),
      kind: "reminder",
      payload: {
        role: "member",
        reminder: "h2",
        first: true,
        last: true,
        startsAt: startsAt.toISOString(),
      },
      dueAt: clock.now(),
      memberId: m.id,
      meetingId: meeting.id,
    })),
  );
  await services.dispatcher.dispatch(rows);
  return { meeting, members };
}

const settled = (meetingId: string) =>
  waitUntil(
    async () =>
      (await db.delivery.count({
        where: { meetingId, status: { in: ["PENDING", "SENDING"] } },
      })) === 0,
  );

describe("at send time", () => {
  it("the meeting has started: dropped and counted, never sent late as if on time", async () => {
    const { meeting, members } = await dueNow(3, at("2026-12-02T21:50:00"));
    await settled(meeting.id);
    const rows = await db.delivery.findMany({ where: { meetingId: meeting.id } });
    expect(rows.map((r) => [r.status, r.error])).toEqual(
      rows.map(() => ["CANCELLED", "dropped: the meeting had started"]),
    );
    for (const m of members) expect(botApi.messagesSentTo(m.telegramId)).toHaveLength(0);
  });

  it("in quiet hours with the meeting the next evening: moved to 06:30, still pending, nothing sent now", async () => {
    const { meeting, members } = await dueNow(3, at("2026-12-03T19:30:00"));
    await waitUntil(async () => {
      const rows = await db.delivery.findMany({ where: { meetingId: meeting.id } });
      return rows.every((r) => r.status === "PENDING" && r.dueAt.getTime() > clock.now().getTime());
    });
    const rows = await db.delivery.findMany({ where: { meetingId: meeting.id } });
    expect(rows.every((r) => r.dueAt.getTime() === at("2026-12-03T06:30:00").getTime())).toBe(true);
    expect(rows.every((r) => r.attempts === 0)).toBe(true);
    for (const m of members) expect(botApi.messagesSentTo(m.telegramId)).toHaveLength(0);
    // Their jobs wait for 06:30 (the sandbox's clock driver promotes them by this due time).
    const delayed = await stack.queue.getDelayed();
    const ours = delayed.filter((j) => rows.some((r) => r.id === j.data.deliveryId));
    expect(ours.map((j) => j.data.dueAt)).toEqual(
      rows.map(() => at("2026-12-03T06:30:00").toISOString()),
    );
  });

  it("in quiet hours with the meeting before they end: dropped", async () => {
    const { meeting, members } = await dueNow(2, at("2026-12-03T06:00:00"));
    await settled(meeting.id);
    const rows = await db.delivery.findMany({ where: { meetingId: meeting.id } });
    expect(rows.map((r) => r.error)).toEqual(
      rows.map(() => "dropped: quiet hours until the meeting"),
    );
    for (const m of members) expect(botApi.messagesSentTo(m.telegramId)).toHaveLength(0);
  });
});
