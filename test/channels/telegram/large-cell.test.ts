// Issue 13 item 5: a cell of 150 on a local Bot API that refuses what real Telegram refuses
// (100 inline buttons, about 10 kB of markup, 8 buttons a row). The roster is paged; 140 who
// said they would come are marked in one press and the other 10 in a press each.
import { describe, expect, it } from "vitest";
import { ROSTER_PAGE_SIZE } from "../../../src/channels/telegram/keyboards/roster.ts";
import { ManualClock } from "../../../src/clock.ts";
import { createBotStack } from "../../support/bot.ts";
import { seedCell } from "../../support/stack.ts";

// Sunday 6 December 2026, 20:00 local; the meeting began at 19:30.
const clock = new ManualClock(new Date("2026-12-06T13:00:00Z"));
const s = await createBotStack({ clock });
s.startDeliveryWorker();

const SIZE = 150;
const CONFIRMED = 140;

describe("a cell of 150 members", () => {
  it("every roster page fits Telegram's limits; 140 confirmed in one press, the other 10 in ten, then closed", async () => {
    const { cell, members, committee } = await seedCell(s, { size: SIZE });
    const secretary = members[0]!;
    const now = clock.now().getTime();
    const meeting = await s.db.meeting.create({
      data: {
        unitId: cell.id,
        startsAt: new Date(now - 30 * 60_000),
        plannedEndAt: new Date(now + 60 * 60_000),
        place: "Hội trường phường",
      },
    });
    await s.db.answer.createMany({
      data: members.slice(0, CONFIRMED).map((m) => ({
        meetingId: meeting.id,
        memberId: m.id,
        kind: "ATTENDING" as const,
        answeredAt: clock.now(),
      })),
    });
    const me = secretary.telegramId;
    let taps = 0;
    const press = async (label: string) => {
      taps++;
      return s.press(me, roster.messageId, label);
    };

    const roster = (await s.say(me, "/diemdanh"))[0]!;
    const pages = Math.ceil((SIZE + 1) / ROSTER_PAGE_SIZE); // the committee member is a guest
    expect(roster.text).toContain(`Trang 1/${pages}`);
    const limits = () => {
      const shown = s.botApi.message(me, roster.messageId)!;
      const buttons = shown.buttons.flat();
      expect(buttons.length).toBeLessThanOrEqual(100);
      expect(Math.max(...shown.buttons.map((row) => row.length))).toBeLessThanOrEqual(8);
      return shown;
    };
    limits();
    // Every page can be reached with ▶ and each fits; together they name every member once.
    const named = new Set<string>();
    for (let page = 1; page <= pages; page++) {
      const shown = limits();
      expect(shown.text).toContain(`Trang ${page}/${pages}`);
      for (const b of shown.buttons.flat())
        for (const m of [...members, committee]) if (b.label.endsWith(m.fullName)) named.add(m.id);
      if (page < pages) await s.press(me, roster.messageId, "Trang sau ▶");
    }
    expect(named.size).toBe(SIZE + 1);

    // The secretary's work: one press for the 140, the filter, one press for each of the rest.
    expect(await press(`✅ Có mặt tất cả người đã xác nhận (${CONFIRMED})`)).toContain(
      `Đã ghi có mặt ${CONFIRMED} đồng chí`,
    );
    await press(`🔎 Chỉ hiện người chưa điểm danh (${SIZE + 1 - CONFIRMED})`);
    const rest = [...members.slice(CONFIRMED), committee];
    for (const m of rest) {
      const shown = limits();
      expect(shown.text).toContain("chưa điểm danh");
      const button = shown.buttons.flat().find((b) => b.label.endsWith(m.fullName))!;
      expect(button, m.fullName).toBeDefined();
      taps++;
      await s.botApi.press(me, roster.messageId, { data: button.data! });
    }
    expect(limits().text).toContain(`Có mặt: ${SIZE}/${SIZE}`);
    await press("🔒 Chốt điểm danh");
    expect(taps).toBeLessThanOrEqual(2 + rest.length + 1);

    const marks = await s.db.attendance.groupBy({
      by: ["status"],
      where: { meetingId: meeting.id },
      _count: true,
    });
    expect(marks).toEqual([{ status: "PRESENT", _count: SIZE + 1 }]);
    const closed = await s.db.meeting.findUniqueOrThrow({ where: { id: meeting.id } });
    expect(closed.rollCallClosedAt).not.toBeNull();
    expect(
      s.botApi.chat(me).some((m) => m.text.includes(`Có mặt: ${SIZE}/${SIZE} — tỷ lệ 100%`)),
    ).toBe(true);
  });
});
