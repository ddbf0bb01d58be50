// The monthly report reads a province's rows in bulk (src/services/report/reads.ts): each member's
// dates in and out of the cell, status periods that end, rejected reasons, guests and names that
// carry the characters its encoding uses must come out as the rules count them.
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.ts";
import { monthlyReport } from "../../src/services/report/index.ts";
import { createStack, seedCell } from "../support/stack.ts";
import { at } from "./report-fixture.ts";

const clock = new ManualClock(at("2026-12-01T06:00:00"));
const stack = await createStack({ clock });
const { db, services } = stack;
const { cell, members, committee } = await seedCell(stack, { size: 10 });
const [left, joined, onDuty, noJoinDate, rejected, excused] = members.slice(2, 8) as [
  (typeof members)[number],
  (typeof members)[number],
  (typeof members)[number],
  (typeof members)[number],
  (typeof members)[number],
  (typeof members)[number],
];
const oddName = "Lê Thị Hoa, (Út): \"Bé\" 'Ba',\tx";
await db.member.update({ where: { id: left.id }, data: { leftOn: new Date("2026-11-15") } });
await db.member.update({ where: { id: joined.id }, data: { joinedOn: new Date("2026-11-10") } });
await db.member.update({ where: { id: noJoinDate.id }, data: { joinedOn: null } });
await db.member.update({ where: { id: rejected.id }, data: { fullName: oddName } });
await db.statusPeriod.create({
  data: {
    memberId: onDuty.id,
    kind: "SPECIAL_DUTY",
    fromDate: new Date("2026-10-01"),
    toDate: new Date("2026-11-05"),
  },
});

async function held(
  local: string,
  marks: { memberId: string; status: string; guest?: boolean; reasonAccepted?: boolean }[],
) {
  const startsAt = at(local);
  const meeting = await db.meeting.create({
    data: {
      unitId: cell.id,
      startsAt,
      plannedEndAt: new Date(startsAt.getTime() + 90 * 60_000),
      status: "HELD",
      rollCallOpenedAt: startsAt,
      rollCallClosedAt: new Date(startsAt.getTime() + 100 * 60_000),
    },
  });
  await db.attendance.createMany({
    data: marks.map((m) => ({
      meetingId: meeting.id,
      memberId: m.memberId,
      status: m.status as "PRESENT" | "EXCUSED" | "UNEXCUSED",
      guest: m.guest ?? false,
      reasonAccepted: m.reasonAccepted ?? true,
      reason: m.status === "EXCUSED" ? "Việc gia đình" : null,
      markedAt: startsAt,
    })),
  });
  return meeting;
}

const present = (except: { id: string }[]) =>
  members
    .filter((m) => !except.some((e) => e.id === m.id))
    .map((m) => ({ memberId: m.id, status: "PRESENT" }));

// 3 November: the newcomer not in the cell yet, the one on duty not marked, a reason rejected.
const first = await held("2026-11-03T19:30:00", [
  ...present([joined, onDuty, rejected, excused]),
  { memberId: rejected.id, status: "EXCUSED", reasonAccepted: false },
  { memberId: excused.id, status: "EXCUSED" },
  { memberId: committee.id, status: "PRESENT", guest: true },
]);
// 24 November: the one who left on the 15th is out, the newcomer and the one back from duty in.
const second = await held("2026-11-24T19:30:00", present([left]));
await db.delivery.createMany({
  data: [...members, committee].map((p) => ({
    idempotencyKey: `rem_${second.id}_d1_${p.id}`,
    platform: "TELEGRAM" as const,
    chatId: String(p.telegramId),
    kind: "reminder",
    payload: { role: p.id === committee.id ? "guest" : "member" },
    dueAt: at("2026-11-23T19:30:00"),
    status: "SENT" as const,
    sentAt: at("2026-11-23T19:30:00"),
    memberId: p.id,
    meetingId: second.id,
  })),
});
await db.answer.createMany({
  data: members
    .filter((p) => p.id !== joined.id && p.id !== noJoinDate.id)
    .map((p) => ({
      meetingId: second.id,
      memberId: p.id,
      kind: "ATTENDING" as const,
      answeredAt: at("2026-11-23T20:00:00"),
    })),
});

describe("the report's bulk reads: every member's dates and marks as the rules count them", () => {
  it("in and out of the cell, a duty that ended, a rejected reason, a guest, a name with , : and quotes", async () => {
    const report = await monthlyReport(services, {
      month: "2026-11",
      scope: { kind: "units", unitIds: [cell.id] },
      now: clock.now(),
    });
    const [unit] = report.units;
    const [on3, on24] = unit!.meetings;
    expect(on3!.id).toBe(first.id);
    // 9 in the cell (the newcomer joins on the 10th), 8 eligible (one on special duty).
    expect(on3!.attendance).toMatchObject({
      members: 9,
      eligible: 8,
      present: 6,
      excused: 1,
      unexcused: 1,
      rateOk: false,
      committeePresent: [{ id: committee.id, name: committee.fullName }],
    });
    expect(on3!.findings.map((f) => [f.type, f.memberId, f.memberName])).toEqual([
      ["r3-failed", null, null],
      ["r4-unexcused", rejected.id, oddName],
    ]);
    // The one who left on the 15th is out; the newcomer and the one back from duty are in.
    expect(on24!.attendance).toMatchObject({ members: 9, eligible: 9, present: 9, rateOk: true });
    // The one who left is not asked to answer, nor the committee member; two never answered.
    expect(on24!.reminded).toBe(9);
    expect(on24!.unanswered.map((p) => p.id).sort()).toEqual([joined.id, noJoinDate.id].sort());
    expect(on24!.unanswered.map((p) => p.name).sort()).toEqual(
      [joined.fullName, noJoinDate.fullName].sort(),
    );
  });
});
