import { describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/clock.ts";
import { createBotStack } from "../../support/bot.ts";
import { seedCell } from "../../support/stack.ts";

// Issue 15: scoring a held meeting's quality in Telegram. Sunday 6 December 2026, 19:00 local.
const clock = new ManualClock(new Date("2026-12-06T12:00:00Z"));
const s = await createBotStack({ clock });

/** A cell whose meeting began 100 minutes ago, everyone said they would come. */
async function heldCell(size = 4) {
  const seeded = await seedCell(s, { size });
  const now = clock.now().getTime();
  const meeting = await s.db.meeting.create({
    data: {
      unitId: seeded.cell.id,
      startsAt: new Date(now - 100 * 60_000),
      plannedEndAt: new Date(now + 20 * 60_000),
      place: "Nhà văn hóa khu phố",
    },
  });
  for (const m of seeded.members)
    await s.db.answer.create({
      data: { meetingId: meeting.id, memberId: m.id, kind: "ATTENDING", answeredAt: clock.now() },
    });
  return { ...seeded, meeting, secretary: seeded.members[0]! };
}

const scores = (meetingId: string) =>
  s.db.qualityScore.findMany({ where: { meetingId }, orderBy: { itemKey: "asc" } });
const audits = (meetingId: string, action: string) =>
  s.db.auditLog.count({ where: { entity: "Meeting", entityId: meetingId, action } });

describe("Chấm điểm chất lượng on Telegram", () => {
  it("offered under the minutes: the bot's items with why, then each item as a short choice; left and resumed; corrected (audited)", async () => {
    const { meeting, secretary, members } = await heldCell(4);
    const sec = secretary.telegramId;
    const roster = (await s.say(sec, "/diemdanh"))[0]!;
    await s.press(sec, roster.messageId, "✅ Có mặt tất cả người đã xác nhận (4)");
    const before = s.botApi.chat(sec).length;
    await s.press(sec, roster.messageId, "🔒 Chốt điểm danh");
    const minutes = s.botApi
      .chat(sec)
      .slice(before)
      .find((m) => m.from === "bot" && m.text.includes("BIÊN BẢN"))!;
    expect(minutes.text).toContain(
      "Chất lượng sinh hoạt: 12/100 điểm (chưa chấm xong, chưa xếp loại)",
    );
    expect(minutes.buttons.flat().map((b) => b.label)).toEqual(["📝 Chấm điểm chất lượng"]);

    const count = s.botApi.chat(sec).length;
    await s.press(sec, minutes.messageId, "📝 Chấm điểm chất lượng");
    const [sheet, question] = s.botApi.chat(sec).slice(count);
    expect(sheet!.text).toContain("Bot đã chấm:");
    expect(sheet!.text).toContain(
      "• Tỷ lệ đảng viên dự họp: 5/5 — Tỷ lệ 100% (4/4) → 4 điểm; không ai vắng có lý do quá 3 lần liên tiếp → +1",
    );
    expect(sheet!.text).toContain(
      "• Thời gian sinh hoạt: 5/5 — Họp 100 phút, đủ 90 phút (chi bộ dưới 30 đảng viên) → 5 điểm",
    );
    expect(sheet!.text).toContain("• Tiến hành sinh hoạt: chưa chấm (tối đa 30)");
    expect(question!.text).toContain("Mục «Chuẩn bị: các việc khác» (tối đa 4 điểm)");
    expect(question!.buttons.flat().map((b) => b.label)).toEqual([
      "Đạt đủ (4 điểm)",
      "Đạt một phần (2 điểm)",
      "Không đạt (0 điểm)",
      "Để sau",
    ]);

    await s.press(sec, question!.messageId, "Đạt đủ (4 điểm)");
    expect(s.botApi.message(sec, question!.messageId)!.text).toBe(
      "Đã ghi: Chuẩn bị: các việc khác — 4/4 điểm.",
    );
    // A number out of range is refused and asked again; a number within is recorded.
    expect((await s.say(sec, "31")).map((m) => m.text)).toEqual([
      "Số điểm phải là số nguyên từ 0 đến 30.",
    ]);
    const typed = await s.say(sec, "25");
    expect(typed[0]!.text).toBe("Đã ghi: Tiến hành sinh hoạt — 25/30 điểm.");
    expect(typed[1]!.text).toContain("Mục «Điều hành của đồng chí chủ trì»");
    await s.press(sec, typed[1]!.messageId, "Để sau");
    expect(s.botApi.chat(sec).at(-1)!.text).toContain("Gõ /chamdiem để chấm tiếp");
    expect((await scores(meeting.id)).map((x) => [x.itemKey, x.points])).toEqual([
      ["conduct", 25],
      ["preparation-other", 4],
    ]);
    expect(await audits(meeting.id, "quality.score")).toBe(2);
    // Left: "7" now means nothing to the dialog and records nothing.
    await s.say(sec, "7");
    expect(await scores(meeting.id)).toHaveLength(2);

    // Resumed: the sheet shows what is scored, and the first unscored item is asked.
    const resumed = await s.say(sec, "/chamdiem");
    expect(resumed[0]!.text).toContain("• Tiến hành sinh hoạt: 25/30");
    expect(resumed[0]!.text).toContain("• Điều hành của đồng chí chủ trì: chưa chấm (tối đa 10)");
    let ask = resumed[1]!;
    for (const label of [
      "Đạt đủ (10 điểm)",
      "Đạt một phần (3 điểm)",
      "Đạt đủ (30 điểm)",
      "Không đạt (0 điểm)",
    ]) {
      expect(ask.buttons.flat().map((b) => b.label)).toContain(label);
      const n = s.botApi.chat(sec).length;
      await s.press(sec, ask.messageId, label);
      ask = s.botApi.chat(sec).slice(n).at(-1)!;
    }
    // 12 (bot) + 4 + 25 + 10 + 3 + 30 + 0 = 84: Khá.
    expect(ask.text).toContain("✅ Đã chấm xong các mục của chi ủy.");
    expect(ask.text).toContain("Chất lượng sinh hoạt: 84/100 điểm — xếp loại Khá");
    expect(ask.text).toContain("Có thể sửa điểm đến");
    // The Word minutes come again, now with the score (once: a correction sends nothing more).
    const scoredFile = () =>
      s.db.delivery.findMany({ where: { meetingId: meeting.id, kind: "minutes-docx" } });
    const files = (await scoredFile()).filter((d) => d.idempotencyKey.endsWith("_scored"));
    expect(files.map((d) => [d.memberId, d.chatId])).toEqual([[secretary.id, String(sec)]]);

    // Corrected within the window: audited with what it was.
    const n = s.botApi.chat(sec).length;
    await s.press(sec, ask.messageId, "✏️ Kết thúc: biên bản, tài liệu được lưu và công khai");
    const again = s.botApi.chat(sec).slice(n).at(-1)!;
    await s.press(sec, again.messageId, "Đạt đủ (3 điểm)");
    expect(s.botApi.message(sec, again.messageId)!.text).toBe(
      "Đã sửa: Kết thúc: biên bản, tài liệu được lưu và công khai — 3/3 điểm.",
    );
    expect((await scoredFile()).filter((d) => d.idempotencyKey.endsWith("_scored"))).toHaveLength(
      1,
    );
    expect(s.botApi.chat(sec).at(-1)!.text).toContain("87/100 điểm — xếp loại Khá");
    const correction = await s.db.auditLog.findFirstOrThrow({
      where: { entityId: meeting.id, action: "quality.correction" },
    });
    expect(correction.before).toEqual({ item: "closing-posted", points: 0 });
    expect(correction.after).toEqual({ item: "closing-posted", points: 3 });

    // A plain member may not score.
    expect((await s.say(members[2]!.telegramId, "/chamdiem"))[0]!.text).toContain("không có quyền");
  });

  it("a secretary who walks away is released; after the correction window the sheet is final", async () => {
    const { meeting, secretary } = await heldCell(3);
    const sec = secretary.telegramId;
    const roster = (await s.say(sec, "/diemdanh"))[0]!;
    await s.press(sec, roster.messageId, "✅ Có mặt tất cả người đã xác nhận (3)");
    await s.press(sec, roster.messageId, "🔒 Chốt điểm danh");
    const opened = await s.say(sec, "/chamdiem");
    expect(opened[1]!.text).toContain("Chuẩn bị: các việc khác");
    // Gone longer than the dialog timeout: the typed number is not taken as a score.
    clock.advance(s.services.settings.dialogTimeoutMs + 60_000);
    await s.say(sec, "3");
    expect(await scores(meeting.id)).toHaveLength(0);
    // 25 hours after closing: shown, not scorable; an old button records nothing.
    clock.advance(25 * 3_600_000);
    const final = await s.say(sec, "/chamdiem");
    expect(final.map((m) => m.text).join("\n")).toContain("Đã hết thời hạn sửa điểm");
    expect(await s.press(sec, opened[1]!.messageId, "Đạt đủ (4 điểm)")).toBeDefined();
    expect(await scores(meeting.id)).toHaveLength(0);
  });
});
