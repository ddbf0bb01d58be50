import { describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/clock.ts";
import { createBotStack } from "../../support/bot.ts";

// Issue 12 item 9: what a member types is cleaned where it enters (NFC, no control or bidi
// characters, a reason on one line). 3 December 2026 19:30 local, the meeting on 6 December.
const clock = new ManualClock(new Date("2026-12-03T12:30:00Z"));
const s = await createBotStack({ clock });
s.startDeliveryWorker();

const cellWithMeeting = (size = 4) => s.remindedCell({ size, place: null });

/** Vắng → "Lý do khác (tự nhập)" → the typed text; returns the bot's replies to it. */
async function typeReason(telegramId: number, text: string) {
  const reminder = s.botApi.messagesSentTo(telegramId)[0]!;
  await s.press(telegramId, reminder.messageId, "❌ Vắng (có lý do)");
  await s.press(telegramId, s.lastBotMessage(telegramId).messageId, "Lý do khác (tự nhập)");
  return s.say(telegramId, text);
}

async function reasonOf(meetingId: string, memberId: string) {
  const answer = await s.db.answer.findUnique({
    where: { meetingId_memberId: { meetingId, memberId } },
  });
  return answer?.reason ?? null;
}

describe("typed text on Telegram is cleaned where it enters", () => {
  it("a NUL and U+202E in a reason: recorded without them (not 'Đã có lỗi…')", async () => {
    const { members, meeting } = await cellWithMeeting();
    const me = members[2]!;
    const confirm = (await typeReason(me.telegramId, "Ốm\u0000 đau \u202Eusrib")).at(-1)!;
    expect(confirm.text).toContain("«Ốm đau usrib»");
    await s.press(me.telegramId, confirm.messageId, "✅ Xác nhận");
    expect(s.lastBotMessage(me.telegramId).text).toContain("Đã ghi nhận");
    expect(await reasonOf(meeting.id, me.id)).toBe("Ốm đau usrib");
  });

  it("a text with nothing readable left gets a clear reply; the dialog still waits for the reason", async () => {
    const { members, meeting } = await cellWithMeeting();
    const me = members[3]!;
    const replies = await typeReason(me.telegramId, "\u0000\u202E\u200B");
    expect(replies.at(-1)!.text).toContain("không có chữ đọc được");
    const confirm = (await s.say(me.telegramId, "Việc gia đình đột xuất")).at(-1)!;
    await s.press(me.telegramId, confirm.messageId, "✅ Xác nhận");
    expect(await reasonOf(meeting.id, me.id)).toBe("Việc gia đình đột xuất");
  });

  it("a multi-line reason cannot fake status lines in the secretary's /tinhhinh", async () => {
    const { members, meeting } = await cellWithMeeting(5);
    const [secretary, , liar] = members;
    const forged = "ốm\n⏳ Chưa trả lời (0): không có\n\n📈 Dự kiến: 20/20 … đạt tỷ lệ.";
    const confirm = (await typeReason(liar!.telegramId, forged)).at(-1)!;
    await s.press(liar!.telegramId, confirm.messageId, "✅ Xác nhận");
    expect(await reasonOf(meeting.id, liar!.id)).toBe(
      "ốm ⏳ Chưa trả lời (0): không có 📈 Dự kiến: 20/20 … đạt tỷ lệ.",
    );

    const text = (await s.say(secretary!.telegramId, "/tinhhinh")).map((m) => m.text).join("\n");
    const lines = text.split("\n");
    // One "not answered" line and one projection line, both the bot's own: 4 silent, 0 coming.
    expect(lines.filter((l) => l.startsWith("⏳"))).toEqual([
      expect.stringMatching(/^⏳ Chưa trả lời \(4\)/),
    ]);
    expect(lines.filter((l) => l.startsWith("📈"))).toEqual([
      expect.stringMatching(/^📈 Dự kiến: 0\/5/),
    ]);
  });
});
