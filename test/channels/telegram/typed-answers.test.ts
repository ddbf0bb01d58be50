import { describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/clock.ts";
import { createBotStack } from "../../support/bot.ts";
import { seedCell } from "../../support/stack.ts";

// Issue 13 items 1 and 2 on Telegram: plain words under an open reminder are read as an answer
// and confirmed with one press; reminders know what the member said. 3 December 2026 19:30
// local (Thursday); the meetings are on Sunday 6 December or Friday 4 December, 19:30.
const clock = new ManualClock(new Date("2026-12-03T12:30:00Z"));
const s = await createBotStack({ clock });
s.startDeliveryWorker();

const cellWithMeeting = (options: { startsAt?: string; attending?: number[] } = {}) =>
  s.remindedCell({
    size: 5,
    startsAt: new Date(options.startsAt ?? "2026-12-06T12:30:00Z"),
    beforeReminders: (meetingId, members) =>
      s.db.answer.createMany({
        data: (options.attending ?? []).map((i) => ({
          meetingId,
          memberId: members[i]!.id,
          kind: "ATTENDING" as const,
          answeredAt: clock.now(),
        })),
      }),
  });

const answerOf = (meetingId: string, memberId: string) =>
  s.db.answer.findUnique({ where: { meetingId_memberId: { meetingId, memberId } } });
const labels = (message: { buttons: { label: string }[][] }) =>
  message.buttons.flat().map((b) => b.label);

describe("typed answers under an open reminder (Telegram)", () => {
  it("«tham du» asks «Xác nhận: … THAM DỰ …?» with one button; the press records it", async () => {
    const { members, meeting } = await cellWithMeeting();
    const me = members[2]!;
    const [confirm] = await s.say(me.telegramId, "tham du");
    expect(confirm!.text).toMatch(
      /^Xác nhận: đồng chí THAM DỰ cuộc họp Chi bộ Khu phố \d+ lúc 19:30 Chủ nhật 06\/12\?$/,
    );
    expect(labels(confirm!)).toEqual(["✅ Xác nhận", "↩️ Hủy"]);
    expect(await answerOf(meeting.id, me.id)).toBeNull();
    await s.press(me.telegramId, confirm!.messageId, "✅ Xác nhận");
    expect((await answerOf(meeting.id, me.id))?.kind).toBe("ATTENDING");
    const edited = s.botApi.message(me.telegramId, confirm!.messageId)!;
    expect(edited.text).toContain("Đã ghi nhận đồng chí sẽ tham dự");
    expect(edited.buttons).toEqual([]);
  });

  it("«Tôi sẽ đến họp đúng giờ», then «Hủy»: nothing is recorded", async () => {
    const { members, meeting } = await cellWithMeeting();
    const me = members[3]!;
    const [confirm] = await s.say(me.telegramId, "Tôi sẽ đến họp đúng giờ");
    expect(confirm!.text).toContain("THAM DỰ");
    await s.press(me.telegramId, confirm!.messageId, "↩️ Hủy");
    expect(s.botApi.message(me.telegramId, confirm!.messageId)!.text).toContain("chưa ghi nhận gì");
    expect(await answerOf(meeting.id, me.id)).toBeNull();
  });

  it("«👍» and «OK» are attending too", async () => {
    const { members } = await cellWithMeeting();
    expect((await s.say(members[2]!.telegramId, "👍"))[0]!.text).toContain("THAM DỰ");
    expect((await s.say(members[3]!.telegramId, "OK"))[0]!.text).toContain("THAM DỰ");
  });

  it("«Xin vắng vì con ốm»: the reason is taken, one press records the absence", async () => {
    const { members, meeting } = await cellWithMeeting();
    const me = members[4]!;
    const [confirm] = await s.say(me.telegramId, "Xin vắng vì con ốm");
    expect(confirm!.text).toBe("Xác nhận: đồng chí VẮNG với lý do «Con ốm»?");
    await s.press(me.telegramId, confirm!.messageId, "✅ Xác nhận");
    expect(await answerOf(meeting.id, me.id)).toMatchObject({ kind: "ABSENT", reason: "Con ốm" });
  });

  it("«vang mat» without a reason asks for one, as the Vắng button does", async () => {
    const { members, meeting } = await cellWithMeeting();
    const me = members[2]!;
    const [ask] = await s.say(me.telegramId, "vang mat");
    expect(ask!.text).toContain("Đồng chí vắng vì lý do gì?");
    await s.press(me.telegramId, ask!.messageId, "Đi công tác");
    const confirm = s.lastBotMessage(me.telegramId);
    await s.press(me.telegramId, confirm.messageId, "✅ Xác nhận");
    expect(await answerOf(meeting.id, me.id)).toMatchObject({
      kind: "ABSENT",
      reason: "Đi công tác",
    });
  });

  it("«có ai đi không?» and «không biết» are not answers: the question again, with its buttons", async () => {
    const { members, meeting } = await cellWithMeeting();
    const me = members[3]!;
    for (const text of ["có ai đi không?", "không biết"]) {
      const [reply] = await s.say(me.telegramId, text);
      expect(reply!.text).toContain("Tôi chưa hiểu câu trả lời này.");
      expect(reply!.text).toContain("Đồng chí vui lòng cho biết có tham dự không.");
      expect(reply!.text).not.toContain("/trogiup");
      expect(labels(reply!)).toEqual(["✅ Tham dự", "❌ Vắng (có lý do)"]);
    }
    expect(await answerOf(meeting.id, me.id)).toBeNull();
  });

  it("without an open reminder, plain text still gets «Tôi chưa hiểu…»", async () => {
    const { members } = await seedCell(s, { size: 3 });
    const [reply] = await s.say(members[2]!.telegramId, "có");
    expect(reply!.text).toContain("Tôi chưa hiểu tin nhắn này");
  });
});

describe("reminders know what the member said (Telegram)", () => {
  it("a member who said Tham dự gets «đã xác nhận tham dự — hẹn gặp 19:30 ngày mai tại …» and one button to change", async () => {
    const { members } = await cellWithMeeting({ startsAt: "2026-12-04T12:30:00Z", attending: [2] });
    const coming = s.botApi.messagesSentTo(members[2]!.telegramId).at(-1)!;
    expect(coming.text).toContain(
      "✅ Đồng chí đã xác nhận tham dự — hẹn gặp 19:30 ngày mai tại Nhà văn hóa khu phố.",
    );
    expect(coming.text).not.toContain("vui lòng cho biết");
    expect(labels(coming)).toEqual(["❌ Vắng (có lý do)"]);

    const silent = s.botApi.messagesSentTo(members[3]!.telegramId).at(-1)!;
    expect(silent.text).toContain("🗓 Thứ Sáu, ngày 04/12/2026 (ngày mai)");
    expect(silent.text).toContain("Đồng chí vui lòng cho biết có tham dự không.");
    // No agenda yet: no "📝 (chưa có nội dung)" line.
    expect(silent.text).not.toContain("📝");
    expect(labels(silent)).toEqual(["✅ Tham dự", "❌ Vắng (có lý do)"]);
  });
});
