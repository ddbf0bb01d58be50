// The bot against a local Bot API that refuses what Telegram refuses: late callback answers
// (issue 12 item 3), edits that change nothing, flood control, members who never pressed Start.
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/clock.ts";
import { updatesTotal } from "../../../src/metrics.ts";
import { createBotStack } from "../../support/bot.ts";
import { dueReminders, seedCell, waitUntil } from "../../support/stack.ts";

// 3 December 2026 19:30 local: a meeting on 6 December 19:30 gets its 3-day reminder now.
const clock = new ManualClock(new Date("2026-12-03T12:30:00Z"));
const s = await createBotStack({ clock });
s.startDeliveryWorker();

afterEach(() => {
  s.botApi.setCallbackAnswerWindow(15_000);
  s.botApi.enforceRateLimit(undefined);
});

const cellWithMeeting = (size = 4, startsAt = new Date("2026-12-06T12:30:00Z")) =>
  s.remindedCell({ size, startsAt });

const answerOf = (meetingId: string, memberId: string) =>
  s.db.answer.findUnique({ where: { meetingId_memberId: { meetingId, memberId } } });

async function errorsOf(type: string) {
  const metric = await updatesTotal.get();
  return metric.values
    .filter(
      (v) =>
        v.labels.channel === "telegram" && v.labels.type === type && v.labels.outcome === "error",
    )
    .reduce((sum, v) => sum + v.value, 0);
}

describe("a refused late answer to a press never aborts the handler (issue 12 item 3)", () => {
  it("Tham dự: the answer is saved and the confirmation still comes", async () => {
    const { members, meeting } = await cellWithMeeting();
    const me = members[2]!;
    const reminder = s.botApi.messagesSentTo(me.telegramId)[0]!;
    s.botApi.setCallbackAnswerWindow(0); // Telegram refuses every answer: "query is too old"
    await s.press(me.telegramId, reminder.messageId, "✅ Tham dự");
    expect({
      saved: (await answerOf(meeting.id, me.id))?.kind,
      told: s.lastBotMessage(me.telegramId).text,
    }).toEqual({
      saved: "ATTENDING",
      told: expect.stringContaining("Đã ghi nhận đồng chí sẽ tham dự"),
    });
  });

  it("Vắng: the reason dialog starts, and goes on when its own presses are answered late", async () => {
    const { members, meeting } = await cellWithMeeting();
    const me = members[3]!;
    const reminder = s.botApi.messagesSentTo(me.telegramId)[0]!;
    s.botApi.setCallbackAnswerWindow(0);
    await s.press(me.telegramId, reminder.messageId, "❌ Vắng (có lý do)");
    const ask = s.lastBotMessage(me.telegramId);
    expect(ask.text).toContain("vắng vì lý do gì");
    await s.press(me.telegramId, ask.messageId, "Đi công tác");
    const confirm = s.lastBotMessage(me.telegramId);
    expect(confirm.text).toContain("«Đi công tác»");
    await s.press(me.telegramId, confirm.messageId, "✅ Xác nhận");
    const answer = await answerOf(meeting.id, me.id);
    expect({
      saved: [answer?.kind, answer?.reason],
      told: s.botApi.message(me.telegramId, confirm.messageId)!.text,
    }).toEqual({ saved: ["ABSENT", "Đi công tác"], told: expect.stringContaining("Đã ghi nhận") });
  });

  it("roll call: the mark is saved and the roster redrawn", async () => {
    const startsAt = new Date(clock.now().getTime() + 20 * 60_000);
    const { members, meeting } = await cellWithMeeting(3, startsAt);
    const secretary = members[0]!.telegramId;
    const roster = (await s.say(secretary, "/diemdanh")).at(-1)!;
    const name = members[2]!.fullName;
    const before = roster.buttons.flat().find((b) => b.label.includes(name))!;
    s.botApi.setCallbackAnswerWindow(0);
    await s.botApi.press(secretary, roster.messageId, { label: before.label });
    const after = s.botApi
      .message(secretary, roster.messageId)!
      .buttons.flat()
      .find((b) => b.label.includes(name))!;
    const mark = await s.db.attendance.findUnique({
      where: { meetingId_memberId: { meetingId: meeting.id, memberId: members[2]!.id } },
    });
    expect({ saved: mark !== null, redrawn: after.label !== before.label }).toEqual({
      saved: true,
      redrawn: true,
    });
  });
});

describe("an edit that would change nothing is not an error", () => {
  it("a double tap on a settings button: both presses end well, nothing logged as failed", async () => {
    const { members } = await seedCell(s, { size: 3 });
    const me = members[2]!.telegramId;
    const settings = (await s.say(me, "/caidat")).at(-1)!;
    const failedBefore = await errorsOf("callback_query");
    // Two taps before the first is handled: the second edit finds the message already as wanted.
    const taps = await Promise.all([
      s.botApi.press(me, settings.messageId, { label: "🔕 Chỉ nhắc lần cuối" }),
      s.botApi.press(me, settings.messageId, { label: "🔕 Chỉ nhắc lần cuối" }),
    ]);
    expect({
      toasts: taps.map((t) => t.answer?.text?.slice(0, 22)),
      failed: (await errorsOf("callback_query")) - failedBefore,
    }).toEqual({ toasts: ["🔕 Đã tắt bớt lời nhắc", "🔕 Đã tắt bớt lời nhắc"], failed: 0 });
  });
});

describe("flood control: a burst of replies to one chat still arrives (auto-retry)", () => {
  it("the note after Tham dự comes even when the chat's burst is spent", async () => {
    const { members } = await cellWithMeeting();
    const me = members[2]!;
    s.botApi.enforceRateLimit({ perChatBurst: 1 });
    await s.botApi.sendText(me.telegramId, "/lich"); // spends the chat's one message
    const reminder = s.botApi.messagesSentTo(me.telegramId)[0]!;
    await s.press(me.telegramId, reminder.messageId, "✅ Tham dự");
    expect(s.lastBotMessage(me.telegramId).text).toContain("Đã ghi nhận đồng chí sẽ tham dự");
    expect(s.botApi.calls.some((c) => c.chatId === me.telegramId && c.status === 429)).toBe(true);
  });

  it("inside the reason dialog too: each question arrives, the absence is recorded", async () => {
    const { members, meeting } = await cellWithMeeting();
    const me = members[3]!;
    s.botApi.enforceRateLimit({ perChatBurst: 1 });
    const reminder = s.botApi.messagesSentTo(me.telegramId)[0]!;
    await s.botApi.sendText(me.telegramId, "/lich");
    await s.press(me.telegramId, reminder.messageId, "❌ Vắng (có lý do)");
    await s.press(me.telegramId, s.lastBotMessage(me.telegramId).messageId, "Ốm đau");
    await s.press(me.telegramId, s.lastBotMessage(me.telegramId).messageId, "✅ Xác nhận");
    const answer = await answerOf(meeting.id, me.id);
    expect([answer?.kind, answer?.reason]).toEqual(["ABSENT", "Ốm đau"]);
  });
});

describe("a member who never pressed Start", () => {
  it("is marked unreachable and the secretary told, exactly as for one who blocked the bot", async () => {
    const { cell, members } = await seedCell(s, { size: 3 });
    const silent = members[2]!;
    // Linked by the secretary's import, say, but never opened the chat: Telegram answers 403.
    s.botApi.addUser({ id: silent.telegramId, first_name: silent.fullName, started: false });
    await dueReminders(s, cell.id, clock.now());
    await waitUntil(async () =>
      s.botApi.messagesSentTo(members[0]!.telegramId).some((m) => m.text.includes(silent.fullName)),
    );
    const reminder = await s.db.delivery.findFirstOrThrow({
      where: { memberId: silent.id, kind: "reminder" },
    });
    const alert = s.botApi
      .messagesSentTo(members[0]!.telegramId)
      .find((m) => m.text.includes(silent.fullName))!;
    expect({
      reminder: [reminder.status, reminder.error],
      unreachable: !!(await s.db.member.findUniqueOrThrow({ where: { id: silent.id } }))
        .unreachableAt,
      alert: alert.text,
    }).toEqual({
      reminder: ["FAILED", expect.stringContaining("bot can't initiate conversation")],
      unreachable: true,
      alert: expect.stringContaining("Không gửi được tin nhắn"),
    });
  });
});
