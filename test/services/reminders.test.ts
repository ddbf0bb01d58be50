import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.ts";
import { prepareReminder, type ReminderPayload } from "../../src/services/reminders.ts";
import { createStack, seedCell } from "../support/stack.ts";

// The check just before a reminder goes out, against what changed since it was planned.
const clock = new ManualClock(new Date("2026-12-01T02:00:00Z"));
const stack = await createStack({ clock });
const { db, services } = stack;
const STARTS = new Date("2026-12-03T12:30:00Z");

async function planned() {
  const seeded = await seedCell(stack, { size: 3 });
  const meeting = await db.meeting.create({
    data: {
      unitId: seeded.cell.id,
      startsAt: STARTS,
      plannedEndAt: new Date(STARTS.getTime() + 90 * 60_000),
      place: "Nhà văn hóa tổ 4",
      agenda: "Sinh hoạt thường kỳ tháng 12",
    },
  });
  const member = seeded.members[2]!;
  const payload = (p: Partial<ReminderPayload> = {}): ReminderPayload => ({
    role: "member",
    reminder: "1d",
    first: false,
    last: false,
    startsAt: STARTS.toISOString(),
    ...p,
  });
  const check = (p?: Partial<ReminderPayload>, memberId = member.id) =>
    prepareReminder(db, { meetingId: meeting.id, memberId, payload: payload(p) }, services.t);
  return { ...seeded, meeting, member, check };
}

describe("prepareReminder: re-checked just before sending", () => {
  it("renders the meeting with the two answer buttons for a member still expected", async () => {
    const { check } = await planned();
    const message = await check();
    expect(message?.text).toContain("Chi bộ Khu phố");
    expect(message?.text).toContain("🗓 Thứ Năm, ngày 03/12/2026\n🕢 19:30");
    expect(message?.text).toContain("Nhà văn hóa tổ 4");
    expect(message?.buttons?.flat().map((b) => b.label)).toEqual([
      "✅ Tham dự",
      "❌ Vắng (có lý do)",
    ]);
  });

  it("is dropped when the member became exempt, left the cell or declined since", async () => {
    const a = await planned();
    await db.statusPeriod.create({
      data: { memberId: a.member.id, kind: "SPECIAL_DUTY", fromDate: new Date("2026-11-30") },
    });
    expect(await a.check()).toBeNull();

    const b = await planned();
    await db.member.update({
      where: { id: b.member.id },
      data: { leftOn: new Date("2026-12-02") },
    });
    expect(await b.check()).toBeNull();

    const c = await planned();
    await db.answer.create({
      data: {
        meetingId: c.meeting.id,
        memberId: c.member.id,
        kind: "ABSENT",
        reason: "Ốm đau",
        answeredAt: clock.now(),
      },
    });
    expect(await c.check({ last: true })).toBeNull();
  });

  it("is still sent when an exemption ended before the meeting; a muted member gets only the last", async () => {
    const { member, check } = await planned();
    await db.statusPeriod.create({
      data: {
        memberId: member.id,
        kind: "EXEMPT",
        fromDate: new Date("2026-06-01"),
        toDate: new Date("2026-11-30"),
      },
    });
    expect(await check()).not.toBeNull();
    await db.member.update({ where: { id: member.id }, data: { muted: true } });
    expect(await check()).toBeNull();
    expect(await check({ last: true })).not.toBeNull();
  });

  it("is dropped for a moved or cancelled meeting; a guest's has no buttons", async () => {
    const { meeting, committee, check } = await planned();
    expect(await check({ startsAt: "2026-12-03T13:30:00.000Z" })).toBeNull();
    const guest = await check({ role: "guest" }, committee.id);
    expect(guest?.text).toContain("Chi bộ Khu phố");
    expect(guest?.buttons).toBeUndefined();
    await db.meeting.update({ where: { id: meeting.id }, data: { status: "CANCELLED" } });
    expect(await check()).toBeNull();
  });
});
