// Issue 18: the planner gives every reminder a send time under the deployment's send capacity.
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.ts";
import { toLocalIso } from "../../src/domain/schedule.ts";
import { actorFor } from "../../src/services/actors.ts";
import { answersOverviewLines } from "../../src/services/leaders-text.ts";
import { answersOverview } from "../../src/services/overview.ts";
import { runPlanner } from "../../src/services/planner.ts";
import { createStack, seedCell } from "../support/stack.ts";

const clock = new ManualClock(new Date("2026-12-20T03:00:00Z"));
const stack = await createStack({
  clock,
  env: { QUIET_HOURS: "21:30-06:30" },
  settings: { sendCapacityPerSecond: 4 },
});
const { db, services } = stack;

describe("send times under the capacity", () => {
  it("two cells' 3-day reminders: by the target, ≤ 4 a second, each cell's members together", async () => {
    const a = await seedCell(stack, { size: 6 });
    const b = await seedCell(stack, { size: 6 });
    await runPlanner(services, { unitIds: [a.cell.id, b.cell.id] });
    const rows = await db.delivery.findMany({
      where: { kind: "reminder", payload: { path: ["reminder"], equals: "d3" } },
    });
    const january = rows.filter((r) => r.targetAt?.toISOString() === "2026-12-31T12:30:00.000Z");
    // 7 each: the members and the committee member in charge (the first reminder).
    expect(january).toHaveLength(14);
    expect(january.every((r) => r.dueAt <= r.targetAt!)).toBe(true);
    const perSecond = new Map<number, number>();
    for (const r of january)
      perSecond.set(r.dueAt.getTime(), (perSecond.get(r.dueAt.getTime()) ?? 0) + 1);
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(4);
    // 14 sends at 4 a second, ending 5 s before the target: 19:29:52 to 19:29:55 on 31 December.
    expect([...new Set(january.map((r) => toLocalIso(r.dueAt)))].sort()).toEqual([
      "2026-12-31T19:29:52+07:00",
      "2026-12-31T19:29:53+07:00",
      "2026-12-31T19:29:54+07:00",
      "2026-12-31T19:29:55+07:00",
    ]);
    const spanOf = (cellMembers: { id: string }[], committeeId: string) => {
      const ids = new Set([...cellMembers.map((m) => m.id), committeeId]);
      const times = january.filter((r) => ids.has(r.memberId!)).map((r) => r.dueAt.getTime());
      return Math.max(...times) - Math.min(...times);
    };
    expect(spanOf(a.members, a.committee.id)).toBeLessThanOrEqual(2_000);
    expect(spanOf(b.members, b.committee.id)).toBeLessThanOrEqual(2_000);

    // The secretary's /tinhhinh says when each reminder really goes out, to the nearest minute:
    // whichever cell the planner took second got the seconds before the other's (19:29:52–53).
    const last = (cell: typeof a) =>
      Math.max(
        ...january.filter((r) => r.memberId === cell.members[0]!.id).map((r) => r.dueAt.getTime()),
      );
    const second = last(a) < last(b) ? a : b;
    const secretary = (await actorFor(db, "TELEGRAM", String(second.members[0]!.telegramId)))!;
    const overview = (await answersOverview(services, secretary, second.cell.id))!;
    const lines = answersOverviewLines(services.t, overview, 0.85);
    expect(lines).toContain("🔔 Lời nhắc trước 3 ngày: gửi lúc 19:30 ngày 31/12/2026.");
    expect(lines).toContain("🔔 Lời nhắc trước 2 giờ: gửi lúc 17:30 ngày 03/01/2027.");
  });

  it("an offset that cannot fit is said once (log, result) and its rest goes after the target", async () => {
    const { cell } = await seedCell(stack, { size: 70 });
    await db.unit.update({ where: { id: cell.id }, data: { reminderOffsets: "2m,1m" } });
    const warnings: object[] = [];
    const result = await runPlanner(
      { ...services, settings: { ...services.settings, sendCapacityPerSecond: 1 } },
      { unitIds: [cell.id], logger: { warn: (details) => warnings.push(details) } },
    );
    // "1m" has the minute after "2m"'s target and that second itself (left free by the margin
    // of 2m's fan-out): 61 seconds for 70 members. January and February alike.
    expect(result.late?.map((l) => [l.kind, l.late, l.total])).toEqual([
      ["m1", 9, 70],
      ["m1", 9, 70],
    ]);
    expect(warnings).toHaveLength(2);
    const starts = await db.meeting.findMany({ where: { unitId: cell.id } });
    const late = await db.delivery.findMany({
      where: {
        kind: "reminder",
        meetingId: { in: starts.map((m) => m.id) },
        payload: { path: ["reminder"], equals: "m1" },
      },
    });
    const after = late.filter((r) => r.dueAt > r.targetAt!);
    expect(after).toHaveLength(18);
    for (const r of after) {
      const start = starts.find((m) => m.id === r.meetingId)!.startsAt;
      expect(r.dueAt < start).toBe(true);
    }
  });
});
