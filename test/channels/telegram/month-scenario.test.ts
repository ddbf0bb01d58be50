import { describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/clock.ts";
import { runPlanner } from "../../../src/services/planner.ts";
import { createBotStack } from "../../support/bot.ts";
import { seedCell, waitUntil } from "../../support/stack.ts";

// 30 November 2026, 19:30 local: the 3-day reminder of the 3 December meeting is due.
const clock = new ManualClock(new Date("2026-11-30T12:30:00Z"));
const s = await createBotStack({ clock, env: { QUIET_HOURS: "21:30-06:30" } });
s.startDeliveryWorker();

const texts = (userId: number) => s.botApi.messagesSentTo(userId).map((m) => m.text);

describe("a whole month for a 12-member residential cell", () => {
  it("reminders → 9 attend, 2 excused, 1 silent → projection alert → roll call, correction, close", async () => {
    const { cell, members, committee } = await seedCell(s, { size: 12 });
    const [secretary, deputy] = members;
    const leaders = [secretary!.telegramId, deputy!.telegramId, committee.telegramId];
    const plain = members.slice(2).map((m) => m.telegramId);

    await runPlanner(s.services, { unitIds: [cell.id] });
    const meeting = await s.db.meeting.findFirstOrThrow({
      where: { unitId: cell.id, plannerKey: "regular-2026-12" },
    });
    await waitUntil(async () =>
      members.every((m) => s.botApi.messagesSentTo(m.telegramId).length === 1),
    );
    expect(texts(committee.telegramId)[0]).toContain("cấp ủy viên phụ trách");

    // Nine say they come; two decline with a reason; one stays silent.
    for (const m of members.slice(0, 9)) {
      await s.press(
        m.telegramId,
        s.botApi.messagesSentTo(m.telegramId)[0]!.messageId,
        "✅ Tham dự",
      );
    }
    for (const [m, reason] of [
      [members[9]!, "Ốm đau"],
      [members[10]!, "Đi công tác"],
    ] as const) {
      await s.press(
        m.telegramId,
        s.botApi.messagesSentTo(m.telegramId)[0]!.messageId,
        "❌ Vắng (có lý do)",
      );
      await s.press(m.telegramId, s.lastBotMessage(m.telegramId).messageId, reason);
      await s.press(m.telegramId, s.lastBotMessage(m.telegramId).messageId, "✅ Xác nhận");
    }

    // 12 eligible need 11; with 2 declined only 10 can come: the leaders are alerted, nobody else.
    const isRiskAlert = (t: string) => t.includes("Nguy cơ không đạt tỷ lệ");
    await waitUntil(async () => leaders.every((id) => texts(id).some(isRiskAlert)));
    for (const id of plain) expect(texts(id).some(isRiskAlert)).toBe(false);
    expect(texts(secretary!.telegramId).find(isRiskAlert)).toContain("cần ít nhất 11");

    // The meeting: the Vắng answers are prefilled; who said Tham dự is shown, not marked present.
    clock.set(new Date("2026-12-03T12:40:00Z"));
    const roster = (await s.say(secretary!.telegramId, "/diemdanh")).at(-1)!;
    expect(roster.text).toContain("Có mặt: 0/12");
    expect(roster.text).toContain("Vắng có lý do: 2");
    expect(roster.text).toContain("🙋 Đã xác nhận sẽ tham dự, chưa điểm danh: 9");
    // The secretary sees the nine in the room and marks them with one press.
    await s.press(
      secretary!.telegramId,
      roster.messageId,
      "✅ Có mặt tất cả người đã xác nhận (9)",
    );
    const marked = s.botApi.message(secretary!.telegramId, roster.messageId)!;
    expect(marked.text).toContain("Có mặt: 9/12");
    expect(marked.text).toContain("Chưa điểm danh: 1");

    // Close: the silent member becomes absent without reason.
    await s.press(secretary!.telegramId, roster.messageId, "🔒 Chốt điểm danh");
    await s.press(
      secretary!.telegramId,
      s.lastBotMessage(secretary!.telegramId).messageId,
      "✅ Xác nhận chốt",
    );
    const silent = members[11]!;
    const attendance = await s.db.attendance.findMany({
      where: { meetingId: meeting.id, guest: false },
    });
    expect(attendance.filter((a) => a.status === "PRESENT")).toHaveLength(9);
    expect(attendance.filter((a) => a.status === "EXCUSED")).toHaveLength(2);
    expect(attendance.find((a) => a.memberId === silent.id)!.status).toBe("UNEXCUSED");

    const minutes = (id: number) => texts(id).find((t) => t.includes("BIÊN BẢN ĐIỂM DANH"));
    await waitUntil(async () => leaders.every((id) => minutes(id) !== undefined));
    expect(minutes(secretary!.telegramId)).toContain("Có mặt: 9/12 — tỷ lệ 75");
    expect(minutes(secretary!.telegramId)).toContain("Không đạt tỷ lệ");
    expect(minutes(committee.telegramId)).toContain(`${members[9]!.fullName}: Ốm đau`);
    for (const id of plain) expect(minutes(id)).toBeUndefined();
    // The CSV and the Word file, in whichever order the worker sends them.
    const isCsv = (m: { file?: { name: string } }) => m.file?.name.endsWith(".csv") ?? false;
    await waitUntil(async () => s.botApi.chat(deputy!.telegramId).some(isCsv));
    const csv = s.botApi.chat(deputy!.telegramId).find(isCsv)!;
    expect(Buffer.from(csv.file!.bytes).toString("utf8")).toContain(silent.fullName);

    // Rule alerts at close (R3 failed, R4 for the silent member) reach the leaders only.
    const r4 = (id: number) =>
      texts(id).some(
        (t) => t.includes(silent.fullName) && /không lý do/.test(t) && !t.includes("BIÊN BẢN"),
      );
    await waitUntil(async () => leaders.every(r4));
    for (const id of plain.filter((id) => id !== silent.telegramId)) expect(r4(id)).toBe(false);

    // One correction within 24 h: the silent member had come late. Audited.
    clock.set(new Date("2026-12-03T16:00:00Z"));
    const again = (await s.say(secretary!.telegramId, "/diemdanh")).at(-1)!;
    const button = again.buttons.flat().find((b) => b.label.includes(silent.fullName))!;
    await s.press(secretary!.telegramId, again.messageId, button.label);
    const corrected = await s.db.attendance.findFirstOrThrow({
      where: { meetingId: meeting.id, memberId: silent.id },
    });
    expect(corrected.status).toBe("PRESENT");

    const audit = await s.db.auditLog.findMany({ orderBy: { id: "asc" } });
    const actions = audit.map((a) => a.action);
    expect(actions.filter((a) => a === "answer.record")).toHaveLength(11);
    expect(actions).toContain("rollcall.close");
    const correction = audit.filter(
      (a) => a.actorId === secretary!.id && JSON.stringify(a.after).includes(silent.id),
    );
    expect(correction.length).toBeGreaterThan(0);
  }, 60_000);
});
