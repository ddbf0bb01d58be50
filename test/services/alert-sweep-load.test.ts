// Issue 12 item 6: the alert sweep survives a failing item and a loaded machine.
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.ts";
import { sweepAlerts } from "../../src/services/alert-sweep.ts";
import { createStack } from "../support/stack.ts";

const at = (local: string) => new Date(`${local}+07:00`);
// 25 December 2026: R2's alert day, so every cell without a December meeting is alerted.
const clock = new ManualClock(at("2026-12-25T00:05:00"));
const stack = await createStack({ clock });
const { db, services } = stack;
let seq = 0;

/**
 * `count` cells known for years, each with a secretary and a deputy on Telegram and a thematic
 * meeting held in November (so R2 on day 25 is the only thing to raise), written in bulk.
 */
async function cellsWithoutDecemberMeeting(count: number): Promise<string[]> {
  seq++;
  const parent = await db.unit.create({
    data: { code: `L${seq}`, name: `Đảng bộ ${seq}`, kind: "GRASSROOTS_COMMITTEE" },
  });
  const cells = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    code: `L${seq}-CB${i}`,
    name: `Chi bộ ${seq}-${i}`,
    kind: "CELL" as const,
    cellKind: "OTHER" as const,
    parentId: parent.id,
    createdAt: at("2020-01-01T00:00:00"),
  }));
  await db.unit.createMany({ data: cells });
  const leaders = cells.flatMap((cell, i) =>
    (["SECRETARY", "DEPUTY"] as const).map((role, j) => ({
      id: randomUUID(),
      code: `L${seq}-${i}-${j}`,
      fullName: `Đồng chí ${seq}-${i}-${j}`,
      cellId: cell.id,
      cellRole: role,
      joinedOn: new Date("2020-01-01"),
    })),
  );
  await db.member.createMany({ data: leaders });
  await db.chatIdentity.createMany({
    data: leaders.map((m, i) => ({
      platform: "TELEGRAM" as const,
      externalId: String(seq * 100_000 + i),
      chatId: String(seq * 100_000 + i),
      memberId: m.id,
    })),
  });
  const held = at("2026-11-10T19:30:00");
  await db.meeting.createMany({
    data: cells.map((cell) => ({
      unitId: cell.id,
      kind: "THEMATIC" as const,
      status: "HELD" as const,
      startsAt: held,
      plannedEndAt: new Date(held.getTime() + 90 * 60_000),
      rollCallClosedAt: new Date(held.getTime() + 90 * 60_000),
    })),
  });
  return cells.map((c) => c.id);
}

const alerted = async (unitIds: string[]) =>
  db.alert.count({ where: { unitId: { in: unitIds }, type: "r2-unscheduled" } });

describe("the alert sweep, one alert at a time", () => {
  it("an alert that cannot be written is logged and skipped, the others are raised, and the next sweep raises it", async () => {
    const units = await cellsWithoutDecemberMeeting(5);
    const broken = units[2]!;
    // A real failure inside PostgreSQL for one cell's alert only.
    await db.$executeRawUnsafe(`
      CREATE FUNCTION refuse_alert() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'refused for the test'; END $$ LANGUAGE plpgsql`);
    await db.$executeRawUnsafe(`
      CREATE TRIGGER refuse_alert BEFORE INSERT ON "Alert" FOR EACH ROW
      WHEN (NEW."unitId" = '${broken}'::uuid) EXECUTE FUNCTION refuse_alert()`);
    const warnings: object[] = [];
    const logger = { warn: (details: object) => warnings.push(details) };

    const first = await sweepAlerts(services, { unitIds: units, logger });
    expect(first.raised).toEqual({ "r2-unscheduled": 4 });
    expect(first.failed).toBe(1);
    expect(warnings).toHaveLength(1);
    expect(await alerted(units)).toBe(4);
    expect(await alerted([broken])).toBe(0);
    // Each raised alert has its deliveries, to the secretary and the deputy.
    expect(await db.delivery.count({ where: { kind: "alert" } })).toBe(8);

    await db.$executeRawUnsafe(`DROP TRIGGER refuse_alert ON "Alert"`);
    const second = await sweepAlerts(services, { unitIds: units, logger });
    expect(second.raised).toEqual({ "r2-unscheduled": 1 });
    expect(second.failed).toBeUndefined();
    expect(await alerted([broken])).toBe(1);
  });

  it("300 alerts while two CPU-bound processes run beside it: all raised, none failed", async () => {
    const units = await cellsWithoutDecemberMeeting(300);
    const busy: ChildProcess[] = [0, 1].map(() =>
      spawn(process.execPath, ["-e", "for(;;){}"], { stdio: "ignore" }),
    );
    afterAll(() => {
      for (const child of busy) child.kill("SIGKILL");
    });
    try {
      const result = await sweepAlerts(services, { unitIds: units });
      expect(result.failed).toBeUndefined();
      expect(result.raised).toEqual({ "r2-unscheduled": 300 });
    } finally {
      for (const child of busy) child.kill("SIGKILL");
    }
    expect(await alerted(units)).toBe(300);
    expect(await db.delivery.count({ where: { kind: "alert", memberId: { not: null } } })).toBe(
      610,
    );
  }, 120_000);
});
