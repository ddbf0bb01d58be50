import { describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/clock.ts";
import { sweepAlerts } from "../../../src/services/alert-sweep.ts";
import { closeRollCall, openRollCall } from "../../../src/services/rollcall/index.ts";
import { createBotStack } from "../../support/bot.ts";
import { waitUntil } from "../../support/stack.ts";

// Issue 13 item 3 on Telegram: a press on a past meeting's button names that meeting and offers
// the current one; the answer buttons of a meeting that is over are taken off its reminders.
// Thursday 3 December 2026 19:30 local; the clock only moves forward through the file.
const clock = new ManualClock(new Date("2026-12-03T12:30:00Z"));
const s = await createBotStack({ clock });
s.startDeliveryWorker();

const cellWithMeeting = (startsAt: Date) => s.remindedCell({ startsAt });

const buttonsOf = (telegramId: number, messageId: number) =>
  s.botApi
    .message(telegramId, messageId)!
    .buttons.flat()
    .map((b) => b.label);

async function unbuttoned(meetingId: string) {
  const inFlight = {
    meetingId,
    kind: "unbutton",
    status: { in: ["PENDING" as const, "SENDING" as const] },
  };
  await waitUntil(async () => (await s.db.delivery.count({ where: inFlight })) === 0);
  return s.db.delivery.count({ where: { meetingId, kind: "unbutton", status: "SENT" } });
}

// Sunday 6 December (A, never closed) and Friday 4 December (B, closed on the evening).
const a = await cellWithMeeting(new Date("2026-12-06T12:30:00Z"));
const b = await cellWithMeeting(new Date("2026-12-04T12:30:00Z"));
const reminderIn = (telegramId: number) => s.botApi.messagesSentTo(telegramId)[0]!;

describe("old buttons (Telegram)", () => {
  it("closing the roll call takes the answer buttons off that meeting's reminders", async () => {
    const member = b.members[2]!;
    const reminder = reminderIn(member.telegramId);
    expect(buttonsOf(member.telegramId, reminder.messageId)).toEqual([
      "✅ Tham dự",
      "❌ Vắng (có lý do)",
    ]);
    clock.set(new Date("2026-12-04T13:00:00Z"));
    const secretary = await s.actorOf(b.members[0]!.telegramId);
    await openRollCall(s.services, secretary);
    await closeRollCall(s.services, secretary, b.meeting.id);
    // One edit per reminder the members got on Telegram (the committee's has no buttons).
    expect(await unbuttoned(b.meeting.id)).toBe(4);
    for (const m of b.members) {
      const sent = reminderIn(m.telegramId);
      expect(buttonsOf(m.telegramId, sent.messageId)).toEqual([]);
      expect(sent.text).toContain("Nhắc lịch sinh hoạt chi bộ");
    }
  });

  it("a press on a past meeting's button names it and offers the current meeting's buttons", async () => {
    clock.set(new Date("2026-12-07T03:00:00Z"));
    const next = await s.db.meeting.create({
      data: {
        unitId: a.cell.id,
        startsAt: new Date("2027-01-03T12:30:00Z"),
        plannedEndAt: new Date("2027-01-03T14:00:00Z"),
      },
    });
    const member = a.members[2]!;
    const old = reminderIn(member.telegramId);
    const toast = await s.press(member.telegramId, old.messageId, "❌ Vắng (có lý do)");
    expect(toast).toBe("Buổi sinh hoạt ngày 06/12 đã kết thúc.");
    expect(buttonsOf(member.telegramId, old.messageId)).toEqual([]);
    const offer = s.lastBotMessage(member.telegramId);
    expect(offer.text).toMatch(
      /^Buổi sinh hoạt ngày 06\/12 đã kết thúc\. Cuộc họp tới của chi bộ:/,
    );
    expect(offer.text).toContain("🗓 Chủ nhật, ngày 03/01/2027");
    expect(offer.text).not.toContain("Cuộc họp đã bắt đầu");
    await s.press(member.telegramId, offer.messageId, "✅ Tham dự");
    const answer = await s.db.answer.findUnique({
      where: { meetingId_memberId: { meetingId: next.id, memberId: member.id } },
    });
    expect(answer?.kind).toBe("ATTENDING");
  });

  it("a meeting that passed without a closed roll call loses its buttons at the sweep", async () => {
    const other = a.members[3]!;
    const reminder = reminderIn(other.telegramId);
    expect(buttonsOf(other.telegramId, reminder.messageId)).toHaveLength(2);
    await sweepAlerts(s.services);
    // Four members' reminders; the one pressed above had lost its buttons already (no-op edit).
    expect(await unbuttoned(a.meeting.id)).toBe(4);
    expect(buttonsOf(other.telegramId, reminder.messageId)).toEqual([]);
    await sweepAlerts(s.services);
    expect(
      await s.db.delivery.count({ where: { meetingId: a.meeting.id, kind: "unbutton" } }),
    ).toBe(4);
  });
});
