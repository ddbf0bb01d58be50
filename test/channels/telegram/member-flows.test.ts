import { describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/clock.ts";
import { createInvite } from "../../../src/services/invites.ts";
import { createBotStack } from "../../support/bot.ts";
import { seedCell } from "../../support/stack.ts";

// 3 December 2026 19:30 local: a meeting on 6 December 19:30 gets its 3-day reminder now.
const clock = new ManualClock(new Date("2026-12-03T12:30:00Z"));
const s = await createBotStack({ clock });
s.startDeliveryWorker();

const cellWithMeeting = (size = 4) => s.remindedCell({ size });

describe("linking a chat with an invite code", () => {
  it("a member opens the invite link and is greeted by name", async () => {
    const { members } = await seedCell(s, { size: 3 });
    const newcomer = 880001;
    s.botApi.addUser({ id: newcomer, first_name: "Lan" });
    const replies = await s.link(newcomer, members[2]!.id, members[0]!.telegramId);
    expect(replies.at(-1)!.text).toContain(`Chào đồng chí ${members[2]!.fullName}`);
    expect((await s.actorOf(newcomer)).memberId).toBe(members[2]!.id);
  });

  it("a code works once only", async () => {
    const { members } = await seedCell(s, { size: 3 });
    const { code } = await createInvite(
      s.services,
      await s.actorOf(members[0]!.telegramId),
      members[2]!.id,
    );
    s.botApi.addUser({ id: 880002, first_name: "A" });
    s.botApi.addUser({ id: 880003, first_name: "B" });
    await s.say(880002, `/start ${code}`);
    const second = await s.say(880003, `/start ${code}`);
    expect(second.at(-1)!.text).toContain("Mã mời không đúng hoặc đã hết hạn");
  });

  it("five wrong codes in an hour lock the chat for an hour, and it says so", async () => {
    s.botApi.addUser({ id: 880010, first_name: "Đoán" });
    for (let i = 0; i < 4; i++) await s.say(880010, `/start WRQNGCQDE${i + 2}`);
    const fifth = await s.say(880010, "/start WRQNGCQDE9");
    expect(fifth.at(-1)!.text).toContain("sai mã quá 5 lần");
    const { members } = await seedCell(s, { size: 3 });
    const { code } = await createInvite(
      s.services,
      await s.actorOf(members[0]!.telegramId),
      members[2]!.id,
    );
    const locked = await s.say(880010, `/start ${code}`);
    expect(locked.at(-1)!.text).toContain("sai mã quá 5 lần");
    expect(await s.db.chatIdentity.count({ where: { externalId: "880010" } })).toBe(0);
  });

  it("an unlinked user is told how to get an invite, whatever they send", async () => {
    s.botApi.addUser({ id: 880020, first_name: "Lạ" });
    expect((await s.say(880020, "/lich")).at(-1)!.text).toContain("xin bí thư chi bộ");
    expect((await s.say(880020, "xin chào")).at(-1)!.text).toContain("xin bí thư chi bộ");
  });
});

describe("answering a reminder", () => {
  it("Tham dự is recorded before the bot confirms; a second press changes nothing", async () => {
    const { members, meeting } = await cellWithMeeting();
    const me = members[2]!;
    const reminder = s.botApi.messagesSentTo(me.telegramId)[0]!;
    expect(await s.press(me.telegramId, reminder.messageId, "✅ Tham dự")).toContain("Đã ghi nhận");
    const answer = await s.db.answer.findUniqueOrThrow({
      where: { meetingId_memberId: { meetingId: meeting.id, memberId: me.id } },
    });
    expect(answer.kind).toBe("ATTENDING");
    expect(await s.press(me.telegramId, reminder.messageId, "✅ Tham dự")).toContain(
      "đã được ghi nhận trước đó",
    );
    expect(await s.db.auditLog.count({ where: { entityId: answer.id } })).toBe(1);
  });

  it("Vắng asks for a reason (preset), confirms, and records it", async () => {
    const { members, meeting } = await cellWithMeeting();
    const me = members[3]!;
    const reminder = s.botApi.messagesSentTo(me.telegramId)[0]!;
    await s.press(me.telegramId, reminder.messageId, "❌ Vắng (có lý do)");
    const ask = s.lastBotMessage(me.telegramId);
    expect(ask.text).toContain("vắng vì lý do gì");
    await s.press(me.telegramId, ask.messageId, "Đi công tác");
    const confirm = s.lastBotMessage(me.telegramId);
    expect(confirm.text).toContain("«Đi công tác»");
    await s.press(me.telegramId, confirm.messageId, "✅ Xác nhận");
    expect(s.lastBotMessage(me.telegramId).text).toContain("Đã ghi nhận");
    const answer = await s.db.answer.findUniqueOrThrow({
      where: { meetingId_memberId: { meetingId: meeting.id, memberId: me.id } },
    });
    expect([answer.kind, answer.reason]).toEqual(["ABSENT", "Đi công tác"]);
    // The confirmation's buttons are gone; the earlier question's buttons are stale now.
    expect(s.botApi.message(me.telegramId, confirm.messageId)!.buttons).toEqual([]);
    expect(await s.press(me.telegramId, ask.messageId, "Ốm đau")).toContain("không còn hiệu lực");
    expect((await s.db.answer.findUniqueOrThrow({ where: { id: answer.id } })).reason).toBe(
      "Đi công tác",
    );
  });

  it("a free-text reason over 500 characters is refused with a clear message, a shorter one accepted", async () => {
    const { members, meeting } = await cellWithMeeting();
    const me = members[2]!;
    await s.press(
      me.telegramId,
      s.botApi.messagesSentTo(me.telegramId)[0]!.messageId,
      "❌ Vắng (có lý do)",
    );
    await s.press(me.telegramId, s.lastBotMessage(me.telegramId).messageId, "Lý do khác (tự nhập)");
    const tooLong = await s.say(me.telegramId, "ố".repeat(501));
    expect(tooLong.at(-1)!.text).toContain("tối đa 500 ký tự");
    await s.say(me.telegramId, "Đưa mẹ đi khám bệnh");
    await s.press(me.telegramId, s.lastBotMessage(me.telegramId).messageId, "✅ Xác nhận");
    const answer = await s.db.answer.findUniqueOrThrow({
      where: { meetingId_memberId: { meetingId: meeting.id, memberId: me.id } },
    });
    expect(answer.reason).toBe("Đưa mẹ đi khám bệnh");
  });
});

describe("a member who walks away from the reason dialog is never trapped", () => {
  it("the next reminder's Tham dự, pressed while the reason is still asked, is recorded", async () => {
    const { members, meeting } = await cellWithMeeting();
    const me = members[2]!;
    const reminder = s.botApi.messagesSentTo(me.telegramId)[0]!;
    await s.press(me.telegramId, reminder.messageId, "❌ Vắng (có lý do)");
    expect(s.lastBotMessage(me.telegramId).text).toContain("vắng vì lý do gì");
    // …and walks away; later they press Tham dự on the reminder instead.
    expect(await s.press(me.telegramId, reminder.messageId, "✅ Tham dự")).toContain("Đã ghi nhận");
    const answer = await s.db.answer.findUniqueOrThrow({
      where: { meetingId_memberId: { meetingId: meeting.id, memberId: me.id } },
    });
    expect(answer.kind).toBe("ATTENDING");
  });

  it("at the confirmation step, a reminder's button is handled as itself", async () => {
    const { members, meeting } = await cellWithMeeting();
    const me = members[3]!;
    const reminder = s.botApi.messagesSentTo(me.telegramId)[0]!;
    await s.press(me.telegramId, reminder.messageId, "❌ Vắng (có lý do)");
    await s.press(me.telegramId, s.lastBotMessage(me.telegramId).messageId, "Ốm đau");
    expect(s.lastBotMessage(me.telegramId).text).toContain("«Ốm đau»");
    expect(await s.press(me.telegramId, reminder.messageId, "✅ Tham dự")).toContain("Đã ghi nhận");
    const answer = await s.db.answer.findUniqueOrThrow({
      where: { meetingId_memberId: { meetingId: meeting.id, memberId: me.id } },
    });
    expect(answer.kind).toBe("ATTENDING");
    // Pressing Vắng again starts over with a fresh question.
    await s.press(me.telegramId, reminder.messageId, "❌ Vắng (có lý do)");
    expect(s.lastBotMessage(me.telegramId).text).toContain("vắng vì lý do gì");
  });

  it("a dialog left alone for more than 30 minutes is gone: later text is not taken as the reason", async () => {
    const { members, meeting } = await cellWithMeeting();
    const me = members[1]!;
    const reminder = s.botApi.messagesSentTo(me.telegramId)[0]!;
    await s.press(me.telegramId, reminder.messageId, "❌ Vắng (có lý do)");
    await s.press(me.telegramId, s.lastBotMessage(me.telegramId).messageId, "Lý do khác (tự nhập)");
    clock.advance(31 * 60_000);
    const replies = await s.say(me.telegramId, "Cảm ơn bot nhé");
    expect(replies.at(-1)!.text).not.toContain("«Cảm ơn bot nhé»");
    expect(await s.db.answer.count({ where: { meetingId: meeting.id, memberId: me.id } })).toBe(0);
  });
});

describe("a member's own views", () => {
  it("/lich shows the next meeting with my answer", async () => {
    const { members } = await cellWithMeeting();
    const me = members[2]!;
    const reply = (await s.say(me.telegramId, "/lich")).at(-1)!;
    expect(reply.text).toContain("06/12/2026");
    expect(reply.text).toContain("Chủ nhật");
    expect(reply.text).toContain("chưa trả lời");
  });

  it("muting leaves only the last reminder", async () => {
    const { members } = await seedCell(s, { size: 3 });
    const me = members[2]!;
    const settings = (await s.say(me.telegramId, "/caidat")).at(-1)!;
    await s.press(me.telegramId, settings.messageId, "🔕 Chỉ nhắc lần cuối");
    expect((await s.db.member.findUniqueOrThrow({ where: { id: me.id } })).muted).toBe(true);
  });

  it("an unknown command and a sticker get clear answers", async () => {
    const { members } = await seedCell(s, { size: 3 });
    expect((await s.say(members[2]!.telegramId, "/khongco")).at(-1)!.text).toContain(
      "Lệnh không đúng",
    );
    expect((await s.say(members[2]!.telegramId, "chào bot")).at(-1)!.text).toContain("chưa hiểu");
  });
});

describe("after the meeting starts (runs last: the clock only moves forward)", () => {
  it("a press is answered 'cuộc họp đã bắt đầu' and changes nothing", async () => {
    const { members, meeting } = await cellWithMeeting();
    const me = members[2]!;
    const reminder = s.botApi.messagesSentTo(me.telegramId)[0]!;
    clock.set(new Date("2026-12-06T12:31:00Z"));
    expect(await s.press(me.telegramId, reminder.messageId, "✅ Tham dự")).toContain(
      "Cuộc họp đã bắt đầu",
    );
    expect(await s.press(me.telegramId, reminder.messageId, "❌ Vắng (có lý do)")).toContain(
      "Cuộc họp đã bắt đầu",
    );
    expect(await s.db.answer.count({ where: { meetingId: meeting.id } })).toBe(0);
  });
});
