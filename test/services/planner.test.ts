import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.ts";
import { toLocalIso } from "../../src/domain/schedule.ts";
import { runPlanner } from "../../src/services/planner.ts";
import { createStack, seedCell } from "../support/stack.ts";

const clock = new ManualClock(new Date("2026-12-20T03:00:00Z"));
const stack = await createStack({ clock, env: { QUIET_HOURS: "21:30-06:30" } });
const { db, services } = stack;

async function reminderTimesOf(meetingId: string) {
  const rows = await db.delivery.findMany({
    where: { meetingId, kind: "reminder", status: "PENDING" },
  });
  return [...new Set(rows.map((r) => toLocalIso(r.dueAt)))].sort();
}

describe("planner (R1, R2, R2b) and reminder times", () => {
  it("keeps this month's and the next two months' meetings, and a second run changes nothing", async () => {
    const { cell } = await seedCell(stack, { size: 3 });
    const first = await runPlanner(services, { unitIds: [cell.id] });
    const meetings = await db.meeting.findMany({
      where: { unitId: cell.id },
      orderBy: { startsAt: "asc" },
    });
    // 3 December is past on 20 December: January and February remain.
    expect(meetings.map((m) => toLocalIso(m.startsAt))).toEqual([
      "2027-01-03T19:30:00+07:00",
      "2027-02-03T19:30:00+07:00",
    ]);
    expect(first.deliveries).toBeGreaterThan(0);
    const again = await runPlanner(services, { unitIds: [cell.id] });
    expect(again).toEqual({ changes: [], deliveries: 0 });
  });

  it("a meeting on 3 January is reminded on 31 December", async () => {
    const { cell } = await seedCell(stack, { size: 2 });
    await runPlanner(services, { unitIds: [cell.id] });
    const january = await db.meeting.findFirstOrThrow({
      where: { unitId: cell.id, plannerKey: "regular-2027-01" },
    });
    expect(await reminderTimesOf(january.id)).toEqual([
      "2026-12-31T19:29:55+07:00",
      "2027-01-02T19:29:55+07:00",
      "2027-01-03T17:29:55+07:00",
    ]);
  });

  it("quiet hours: reminders of a 07:00 meeting that would fall in the night go out the evening before", async () => {
    const { cell } = await seedCell(stack, { size: 2, time: "07:00" });
    await runPlanner(services, { unitIds: [cell.id] });
    const january = await db.meeting.findFirstOrThrow({
      where: { unitId: cell.id, plannerKey: "regular-2027-01" },
    });
    expect(await reminderTimesOf(january.id)).toEqual([
      "2026-12-31T06:59:55+07:00",
      "2027-01-02T06:59:55+07:00",
      // 05:00 is inside 21:30–06:30: sent just before quiet hours begin.
      "2027-01-02T21:28:55+07:00",
    ]);
  });

  it("never overwrites a meeting a secretary set", async () => {
    const { cell } = await seedCell(stack, { size: 2 });
    await runPlanner(services, { unitIds: [cell.id] });
    const moved = new Date("2027-01-04T07:00:00Z");
    await db.meeting.updateMany({
      where: { unitId: cell.id, plannerKey: "regular-2027-01" },
      data: { startsAt: moved, setBySecretary: true },
    });
    await db.unit.update({ where: { id: cell.id }, data: { meetingTime: "08:00" } });
    const result = await runPlanner(services, { unitIds: [cell.id] });
    const january = await db.meeting.findFirstOrThrow({
      where: { unitId: cell.id, plannerKey: "regular-2027-01" },
    });
    expect(january.startsAt).toEqual(moved);
    // February follows the cell's new default time.
    expect(result.changes.map((c) => [c.change, toLocalIso(c.startsAt)])).toEqual([
      ["moved", "2027-02-03T08:00:00+07:00"],
    ]);
  });

  it("other cells follow their day rule; without one the secretary picks the date", async () => {
    const ruled = await seedCell(stack, {
      size: 2,
      kind: "OTHER",
      dayRule: "first-tuesday",
      time: "14:00",
    });
    const free = await seedCell(stack, { size: 2, kind: "OTHER" });
    await runPlanner(services, { unitIds: [ruled.cell.id, free.cell.id] });
    const starts = await db.meeting.findMany({
      where: { unitId: ruled.cell.id },
      orderBy: { startsAt: "asc" },
    });
    expect(starts.map((m) => toLocalIso(m.startsAt))).toEqual([
      "2027-01-05T14:00:00+07:00",
      "2027-02-02T14:00:00+07:00",
    ]);
    expect(await db.meeting.count({ where: { unitId: free.cell.id } })).toBe(0);
  });
});

describe("R2b: the Tết shift when the policy is on", () => {
  it("moves 3 February 2033, inside the Tết break (Tết 31 January), to the next working day", async () => {
    const tet = new ManualClock(new Date("2033-01-10T03:00:00Z"));
    const shifted = await createStack({
      clock: tet,
      env: { POLICY_DATE_SHIFT: "weekends+holidays" },
    });
    const { cell } = await seedCell(shifted, { size: 2 });
    await runPlanner(shifted.services, { unitIds: [cell.id] });
    const february = await shifted.db.meeting.findFirstOrThrow({
      where: { unitId: cell.id, plannerKey: "regular-2033-02" },
    });
    expect(toLocalIso(february.startsAt)).toBe("2033-02-04T19:30:00+07:00");
  });

  it("leaves the date alone when the policy is off", async () => {
    const tet = new ManualClock(new Date("2033-01-10T03:00:00Z"));
    const plain = await createStack({ clock: tet });
    const { cell } = await seedCell(plain, { size: 2 });
    await runPlanner(plain.services, { unitIds: [cell.id] });
    const february = await plain.db.meeting.findFirstOrThrow({
      where: { unitId: cell.id, plannerKey: "regular-2033-02" },
    });
    expect(toLocalIso(february.startsAt)).toBe("2033-02-03T19:30:00+07:00");
  });
});
