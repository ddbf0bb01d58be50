import type { AttendanceStatus } from "@prisma/client";
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.ts";
import { actorFor } from "../../src/services/actors.ts";
import { prepareAlert } from "../../src/services/alerts.ts";
import { recordAnswer } from "../../src/services/answers.ts";
import { createStack, seedCell } from "../support/stack.ts";

// Tuesday 1 December 2026, 09:00 local; the December meeting is on the 3rd.
const clock = new ManualClock(new Date("2026-12-01T02:00:00Z"));
const stack = await createStack({ clock });
const { db, services } = stack;
const E = "EXCUSED" as const;

async function held(
  cellId: string,
  day: string,
  ids: string[],
  marks: Record<string, AttendanceStatus>,
) {
  const startsAt = new Date(`${day}T19:30:00+07:00`);
  await db.meeting.create({
    data: {
      unitId: cellId,
      startsAt,
      plannedEndAt: new Date(startsAt.getTime() + 90 * 60_000),
      status: "HELD",
      rollCallClosedAt: new Date(startsAt.getTime() + 100 * 60_000),
      attendance: {
        create: ids.map((memberId) => ({
          memberId,
          status: marks[memberId] ?? "PRESENT",
          reason: marks[memberId] === E ? "Đi công tác" : null,
          markedAt: startsAt,
        })),
      },
    },
  });
}

/** A cell of 6: member 2 was excused at the last three meetings, 3 at the last two, 4 in a broken run. */
async function cellWithHistory() {
  const seeded = await seedCell(stack, { size: 6 });
  const ids = seeded.members.map((m) => m.id);
  const [, , three, two, broken] = ids as [string, string, string, string, string];
  await held(seeded.cell.id, "2026-09-03", ids, { [three]: E, [broken]: E });
  await held(seeded.cell.id, "2026-10-03", ids, { [three]: E, [two]: E, [broken]: E });
  await held(seeded.cell.id, "2026-11-03", ids, { [three]: E, [two]: E });
  const next = (kind: "REGULAR" | "THEMATIC") =>
    db.meeting.create({
      data: {
        unitId: seeded.cell.id,
        kind,
        startsAt: new Date("2026-12-03T12:30:00Z"),
        plannedEndAt: new Date("2026-12-03T14:00:00Z"),
      },
    });
  return { ...seeded, ids, three, two, broken, meeting: await next("REGULAR"), next };
}

async function decline(telegramId: number, meetingId: string, reason = "Ốm đau") {
  const actor = (await actorFor(db, "TELEGRAM", String(telegramId)))!;
  return recordAnswer(services, actor, {
    meetingId,
    memberId: actor.memberId,
    kind: "ABSENT",
    reason,
  });
}

describe("R5 before the meeting", () => {
  it("a member excused three times in a row who declines again: the leaders and committee are warned once", async () => {
    const { cell, members, meeting, three } = await cellWithHistory();
    await decline(members[2]!.telegramId, meeting.id);

    const alerts = await db.alert.findMany({ where: { unitId: cell.id, type: "r5-risk" } });
    expect(alerts.map((a) => a.memberId)).toEqual([three]);
    const deliveries = await db.delivery.findMany({ where: { alertId: alerts[0]!.id } });
    // Secretary, deputy and the committee member in charge; not the member.
    expect(deliveries).toHaveLength(3);
    expect(deliveries.map((d) => d.memberId)).not.toContain(three);
    const message = await prepareAlert(db, deliveries[0]!, services.t, services.settings);
    expect(message?.text).toContain(`${members[2]!.fullName} đã vắng có lý do 3 lần liên tiếp`);
    expect(message?.text).toContain("ngày 03/12/2026 lúc 19:30");
    expect(message?.text).toContain("lần thứ 4 liên tiếp");

    // A changed reason is the same finding: no second alert.
    await decline(members[2]!.telegramId, meeting.id, "Đi công tác");
    expect(await db.alert.count({ where: { unitId: cell.id, type: "r5-risk" } })).toBe(1);
  });

  it("is not raised for a run below the maximum, a broken run, or a thematic meeting", async () => {
    const { cell, members, meeting, next } = await cellWithHistory();
    await decline(members[3]!.telegramId, meeting.id);
    await decline(members[4]!.telegramId, meeting.id);
    const thematic = await next("THEMATIC");
    await decline(members[2]!.telegramId, thematic.id);
    expect(await db.alert.count({ where: { unitId: cell.id, type: "r5-risk" } })).toBe(0);
  });

  it("is dropped before sending when the member has since said they will come", async () => {
    const { cell, members, meeting } = await cellWithHistory();
    await decline(members[2]!.telegramId, meeting.id);
    const actor = (await actorFor(db, "TELEGRAM", String(members[2]!.telegramId)))!;
    await recordAnswer(services, actor, {
      meetingId: meeting.id,
      memberId: actor.memberId,
      kind: "ATTENDING",
    });
    const alert = await db.alert.findFirstOrThrow({ where: { unitId: cell.id, type: "r5-risk" } });
    const delivery = await db.delivery.findFirstOrThrow({ where: { alertId: alert.id } });
    expect(await prepareAlert(db, delivery, services.t, services.settings)).toBeNull();
  });
});

describe("R3 projected at each answer", () => {
  it("alerts once when declines leave too few to reach the minimum; exempt members count on neither side", async () => {
    // 7 members, one exempt since November: 6 eligible, the minimum is ⌊0.85 × 6⌋ + 1 = 6.
    const seeded = await seedCell(stack, { size: 7 });
    const { cell, members } = seeded;
    await db.statusPeriod.create({
      data: { memberId: members[6]!.id, kind: "EXEMPT", fromDate: new Date("2026-11-01") },
    });
    const meeting = await db.meeting.create({
      data: {
        unitId: cell.id,
        startsAt: new Date("2026-12-03T12:30:00Z"),
        plannedEndAt: new Date("2026-12-03T14:00:00Z"),
      },
    });
    const risk = () => db.alert.findMany({ where: { unitId: cell.id, type: "r3-risk" } });
    // The exempt member declining changes nothing.
    await decline(members[6]!.telegramId, meeting.id);
    expect(await risk()).toHaveLength(0);
    // One eligible member declines: at most 5 of 6 can come, below the minimum of 6.
    await decline(members[3]!.telegramId, meeting.id);
    const [alert] = await risk();
    expect(alert?.payload).toMatchObject({ eligible: 6, declined: 1, minimum: 6 });
    await decline(members[4]!.telegramId, meeting.id);
    expect(await risk()).toHaveLength(1);
  });
});
