import { describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/clock.ts";
import { createBotStack } from "../../support/bot.ts";
import { seedCell } from "../../support/stack.ts";

// Friday 25 December 2026, 10:00 local.
const clock = new ManualClock(new Date("2026-12-25T03:00:00Z"));
const s = await createBotStack({ clock });
const { db } = s;

/** A cell of 5 whose 3 December meeting was held: 4 present, 1 absent without a reason (R3, R4). */
async function heldCell(name: string) {
  const seeded = await seedCell(s, { size: 5 });
  await db.unit.update({ where: { id: seeded.cell.id }, data: { name } });
  const startsAt = new Date("2026-12-03T12:30:00Z");
  const meeting = await db.meeting.create({
    data: {
      unitId: seeded.cell.id,
      startsAt,
      plannedEndAt: new Date(startsAt.getTime() + 90 * 60_000),
      status: "HELD",
      rollCallOpenedAt: startsAt,
      rollCallClosedAt: new Date(startsAt.getTime() + 100 * 60_000),
    },
  });
  await db.attendance.createMany({
    data: seeded.members.map((m, i) => ({
      meetingId: meeting.id,
      memberId: m.id,
      status: i === 4 ? ("UNEXCUSED" as const) : ("PRESENT" as const),
      markedAt: startsAt,
    })),
  });
  const absent = seeded.members[4]!;
  const alert = (type: string, more: { memberId?: string; acknowledgedAt?: Date } = {}) =>
    db.alert.create({
      data: {
        key: `${type}_${meeting.id}_${more.memberId ?? "-"}`,
        type,
        unitId: seeded.cell.id,
        meetingId: meeting.id,
        payload: {},
        createdAt: new Date("2026-12-03T14:30:00Z"),
        ...more,
      },
    });
  await alert("r4-unexcused", { memberId: absent.id });
  // Not counted: acknowledged, no longer true (the roll call was closed), or not for the committee.
  await alert("r3-failed", { acknowledgedAt: new Date("2026-12-04T01:00:00Z") });
  await alert("rollcall-open");
  await alert("unreachable", { memberId: seeded.members[3]!.id });
  return { ...seeded, meeting, absent };
}

describe("/donvi for a committee member", () => {
  it("shows each cell in their charge this month: meeting, held, rate, open findings", async () => {
    const mine = await heldCell("Chi bộ Khu phố Bắc Sơn");
    const notMine = await heldCell("Chi bộ Khu phố Ngọc Trạo");
    const reply = (await s.say(mine.committee.telegramId, "/donvi")).map((m) => m.text).join("\n");
    expect(reply).toContain("tháng 12/2026");
    expect(reply).toContain("🏛 Chi bộ Khu phố Bắc Sơn");
    expect(reply).toContain("Thứ Năm, 03/12/2026 lúc 19:30");
    expect(reply).toContain("đã họp — có mặt 4/5 (80%), không đạt tỷ lệ");
    expect(reply).toContain("1 cảnh báo chưa xem");
    expect(reply).toContain(`Vắng không có lý do — ${mine.absent.fullName} — 03/12/2026`);
    expect(reply).not.toContain(notMine.cell.name);
  });

  it("through a grassroots organisation: all its cells; through one cell: that cell only", async () => {
    const first = await seedCell(s, { size: 2 });
    await db.unit.update({ where: { id: first.cell.id }, data: { name: "Chi bộ Lam Sơn" } });
    const sibling = await db.unit.create({
      data: {
        code: `${first.cell.code}-B`,
        name: "Chi bộ Đông Sơn",
        kind: "CELL",
        cellKind: "OTHER",
        parentId: first.parent.id,
      },
    });
    await db.meeting.create({
      data: {
        unitId: sibling.id,
        startsAt: new Date("2026-12-28T12:30:00Z"),
        plannedEndAt: new Date("2026-12-28T14:00:00Z"),
      },
    });
    const wide = (await s.say(first.committee.telegramId, "/donvi")).map((m) => m.text).join("\n");
    expect(wide).toContain("🏛 Chi bộ Lam Sơn");
    expect(wide).toContain("Chưa có lịch họp trong tháng");
    expect(wide).toContain("🏛 Chi bộ Đông Sơn");
    expect(wide).toContain("Thứ Hai, 28/12/2026 lúc 19:30 (sinh hoạt thường kỳ): 🕓 chưa họp");

    const narrowId = 770001;
    await db.member.create({
      data: {
        code: "UV-narrow",
        fullName: "Cấp ủy viên Đông Sơn",
        assignments: { create: { unitId: sibling.id } },
        identities: {
          create: { platform: "TELEGRAM", externalId: String(narrowId), chatId: String(narrowId) },
        },
      },
    });
    s.botApi.addUser({ id: narrowId, first_name: "Đông Sơn" });
    const narrow = (await s.say(narrowId, "/donvi")).map((m) => m.text).join("\n");
    expect(narrow).toContain("🏛 Chi bộ Đông Sơn");
    expect(narrow).not.toContain("Chi bộ Lam Sơn");
  });

  it("a plain member, or a secretary who is not in charge of any unit, is refused", async () => {
    const { members } = await seedCell(s, { size: 3 });
    for (const person of [members[2]!, members[0]!]) {
      const reply = await s.say(person.telegramId, "/donvi");
      expect(reply.at(-1)!.text).toContain("không có quyền");
    }
  });
});
