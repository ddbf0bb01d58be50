import { describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/clock.ts";
import { syncReminders } from "../../../src/services/planner.ts";
import { createBotStack } from "../../support/bot.ts";
import { seedCell, waitUntil } from "../../support/stack.ts";

const clock = new ManualClock(new Date("2026-12-03T12:30:00Z"));
const s = await createBotStack({ clock });
s.startDeliveryWorker();

describe("bad input gets a clear Vietnamese reply and changes nothing", () => {
  it("a group chat: commands are refused there, answers and the roll call happen in private", async () => {
    const { members } = await seedCell(s, { size: 3 });
    const secretary = members[0]!;
    s.botApi.addGroup({
      id: -100777,
      title: "Chi bộ Khu phố — nhóm",
      members: members.map((m) => m.telegramId),
    });
    await s.botApi.sendText(secretary.telegramId, "/diemdanh@chibo_test_bot", -100777);
    const group = s.botApi.chat(-100777).filter((m) => m.from === "bot");
    expect(group.at(-1)!.text).toContain("trò chuyện riêng");
    expect(await s.db.meeting.count({ where: { rollCallOpenedAt: { not: null } } })).toBe(0);
  });

  it("text where a button is expected: the confirmation asks to press a button, nothing recorded", async () => {
    const { cell, members } = await seedCell(s, { size: 3 });
    const meeting = await s.db.meeting.create({
      data: {
        unitId: cell.id,
        startsAt: new Date("2026-12-06T12:30:00Z"),
        plannedEndAt: new Date("2026-12-06T14:00:00Z"),
      },
    });
    await syncReminders(s.services, cell.id);
    const me = members[2]!;
    await waitUntil(async () => s.botApi.messagesSentTo(me.telegramId).length === 1);
    await s.press(
      me.telegramId,
      s.botApi.messagesSentTo(me.telegramId)[0]!.messageId,
      "❌ Vắng (có lý do)",
    );
    await s.press(me.telegramId, s.lastBotMessage(me.telegramId).messageId, "Việc gia đình");
    const reply = await s.say(me.telegramId, "đồng ý");
    expect(reply.at(-1)!.text).toContain("bấm «Xác nhận» hoặc «Hủy»");
    expect(await s.db.answer.count({ where: { meetingId: meeting.id } })).toBe(0);
  });

  it("forged callback data is refused and changes nothing", async () => {
    const { members } = await seedCell(s, { size: 3 });
    const me = members[2]!;
    const sent = await s.api.sendMessage(me.telegramId, "x", {
      reply_markup: {
        inline_keyboard: [[{ text: "giả", callback_data: "ans:AAAAAAAAAAAAAAAAAAAAAA:y" }]],
      },
    });
    expect(await s.press(me.telegramId, sent.message_id, "giả")).toContain(
      "Không tìm thấy cuộc họp",
    );
    expect(await s.db.answer.count({ where: { memberId: me.id } })).toBe(0);
  });
});
