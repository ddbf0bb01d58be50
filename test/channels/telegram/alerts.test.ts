import { describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/clock.ts";
import { sweepAlerts } from "../../../src/services/alert-sweep.ts";
import { ackButtonData } from "../../../src/services/alerts.ts";
import { createBotStack } from "../../support/bot.ts";
import { seedCell, waitUntil } from "../../support/stack.ts";

// Friday 25 December 2026, 10:00 local: R2's alert day.
const clock = new ManualClock(new Date("2026-12-25T03:00:00Z"));
const s = await createBotStack({ clock });
s.startDeliveryWorker();

const R2_TEXT = "chưa có lịch sinh hoạt chi bộ tháng 12/2026";
const alertsTo = (telegramId: number) =>
  s.botApi.messagesSentTo(telegramId).filter((m) => m.text?.includes(R2_TEXT));

/** A cell with nothing scheduled in December (and a thematic meeting held in Q4): swept, sent. */
async function alertedCell() {
  const seeded = await seedCell(s, { size: 4, kind: "OTHER" });
  const startsAt = new Date("2026-11-10T12:30:00Z");
  await s.db.meeting.create({
    data: {
      unitId: seeded.cell.id,
      kind: "THEMATIC",
      status: "HELD",
      startsAt,
      plannedEndAt: new Date(startsAt.getTime() + 120 * 60_000),
      rollCallClosedAt: new Date(startsAt.getTime() + 120 * 60_000),
    },
  });
  await sweepAlerts(s.services, { unitIds: [seeded.cell.id] });
  const alert = await s.db.alert.findFirstOrThrow({ where: { unitId: seeded.cell.id } });
  await waitUntil(
    async () => (await s.db.delivery.count({ where: { alertId: alert.id, status: "SENT" } })) === 3,
  );
  const [secretary, deputy] = seeded.members;
  return { ...seeded, alert, secretary: secretary!, deputy: deputy! };
}

describe("who receives an alert", () => {
  it("exactly the secretary, the deputy and the committee member in charge, with a Đã xem button", async () => {
    const other = await seedCell(s, { size: 3 });
    const { members, committee, alert } = await alertedCell();
    expect(await s.db.alert.count({ where: { unitId: alert.unitId } })).toBe(1);
    for (const person of [members[0]!, members[1]!, committee]) {
      const received = alertsTo(person.telegramId);
      expect(received).toHaveLength(1);
      expect(received[0]!.text).toContain("Chi bộ Khu phố");
      expect(received[0]!.buttons.flat().map((b) => [b.label, b.data])).toEqual([
        ["👁 Đã xem", ackButtonData(alert.id)],
      ]);
    }
    for (const person of [members[2]!, members[3]!, other.committee, other.members[0]!])
      expect(alertsTo(person.telegramId)).toEqual([]);
  });
});

describe("acknowledging an alert", () => {
  it("the first press wins: the message says who saw it and when, the alert is acknowledged", async () => {
    const { alert, secretary } = await alertedCell();
    const message = alertsTo(secretary.telegramId)[0]!;
    expect(await s.press(secretary.telegramId, message.messageId, "👁 Đã xem")).toContain(
      "đã xem cảnh báo",
    );
    const edited = s.botApi.message(secretary.telegramId, message.messageId)!;
    expect(edited.text).toContain(R2_TEXT);
    expect(edited.text).toContain(`Đã xem bởi ${secretary.fullName} lúc 10:00 25/12/2026`);
    expect(edited.buttons).toEqual([]);
    const row = await s.db.alert.findUniqueOrThrow({ where: { id: alert.id } });
    expect([row.acknowledgedById, row.acknowledgedAt]).toEqual([secretary.id, clock.now()]);
  });

  it("another recipient pressing later is told it was already acknowledged, and by whom", async () => {
    const { alert, secretary, deputy } = await alertedCell();
    await s.press(secretary.telegramId, alertsTo(secretary.telegramId)[0]!.messageId, "👁 Đã xem");
    clock.advance(5 * 60_000);
    const copy = alertsTo(deputy.telegramId)[0]!;
    const answer = await s.press(deputy.telegramId, copy.messageId, "👁 Đã xem");
    expect(answer).toContain("đã được xác nhận");
    expect(answer).toContain(secretary.fullName);
    expect(s.botApi.message(deputy.telegramId, copy.messageId)!.text).toContain(
      `Đã xem bởi ${secretary.fullName}`,
    );
    const row = await s.db.alert.findUniqueOrThrow({ where: { id: alert.id } });
    expect(row.acknowledgedById).toBe(secretary.id);
  });

  it("someone the alert was not for is refused, and nothing changes", async () => {
    const { alert, members } = await alertedCell();
    const other = await seedCell(s, { size: 2 });
    for (const outsider of [members[2]!, other.committee]) {
      // Callback data can be forged: the button is re-checked on the server.
      const forged = await s.api.sendMessage(outsider.telegramId, "…", {
        reply_markup: {
          inline_keyboard: [[{ text: "👁 Đã xem", callback_data: ackButtonData(alert.id) }]],
        },
      });
      expect(await s.press(outsider.telegramId, forged.message_id, "👁 Đã xem")).toContain(
        "không có quyền",
      );
    }
    expect(
      (await s.db.alert.findUniqueOrThrow({ where: { id: alert.id } })).acknowledgedAt,
    ).toBeNull();
  });

  it("malformed ack data is answered as a stale button", async () => {
    const { secretary } = await alertedCell();
    const forged = await s.api.sendMessage(secretary.telegramId, "…", {
      reply_markup: { inline_keyboard: [[{ text: "👁 Đã xem", callback_data: "ack:xyz" }]] },
    });
    expect(await s.press(secretary.telegramId, forged.message_id, "👁 Đã xem")).toContain(
      "không còn hiệu lực",
    );
  });

  it("fits Telegram's 64-byte callback data", () => {
    expect(
      Buffer.byteLength(ackButtonData("ffffffff-ffff-ffff-ffff-ffffffffffff")),
    ).toBeLessThanOrEqual(64);
  });
});
