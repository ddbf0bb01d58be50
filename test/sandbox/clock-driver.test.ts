// The sandbox clock on a busy machine: a tick that fails (a sweep hitting a slow database) is
// logged and tried again, the clock still reaches where it was asked to go, the offset reached is
// saved; a request that fails anyway says so in Vietnamese and names where the clock is.
import pino from "pino";
import { describe, expect, it } from "vitest";
import { OffsetClock } from "../../src/clock.ts";
import { ClockDriver } from "../../src/sandbox/clock-driver.ts";
import { sandboxApi } from "../../src/sandbox/control-api.ts";
import { createStack, dueReminders, seedCell, waitUntil } from "../support/stack.ts";

function memoryLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({}, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe("the sandbox clock driver", () => {
  it("a failing tick is logged and retried; the clock reaches its target and is saved", async () => {
    const clock = new OffsetClock();
    const stack = await createStack({ clock });
    stack.startDeliveryWorker();
    const { cell } = await seedCell(stack, { size: 3 });
    const { rows } = await dueReminders(
      stack,
      cell.id,
      new Date(clock.now().getTime() + 3_600_000),
    );
    const { logger, lines } = memoryLogger();
    const ticks: string[] = [];
    let saved = 0;
    const driver = new ClockDriver({
      clock,
      db: stack.db,
      queue: stack.queue,
      horizonMs: stack.services.settings.dispatchHorizonMs,
      logger,
      onTick: async (now) => {
        ticks.push(now.toISOString());
        if (ticks.length === 1)
          throw new Error("Transaction API error: Transaction already closed");
      },
      save: async (offset) => {
        saved = offset;
      },
    });

    const target = new Date(clock.now().getTime() + 2 * 3_600_000);
    const reached = await driver.advanceTo(target);
    expect(reached.getTime()).toBeGreaterThanOrEqual(target.getTime());
    expect(ticks[0]).toBe(ticks[1]); // the failed one, tried again at once
    expect(lines.some((l) => l.msg === "sandbox tick failed")).toBe(true);
    expect(saved).toBe(clock.offset);
    await waitUntil(
      async () =>
        (await stack.db.delivery.count({
          where: { id: { in: rows.map((r) => r.id) }, status: "SENT" },
        })) === rows.length,
    );
  });

  it("what comes due just after the instant reached goes out on its own, and the advance does not wait for it", async () => {
    // As in the sandbox: the dispatch horizon is an hour, so reminders a day ahead have no job yet.
    const clock = new OffsetClock();
    const stack = await createStack({ clock, settings: { dispatchHorizonMs: 3_600_000 } });
    stack.startDeliveryWorker();
    const early = await seedCell(stack, { size: 3, code: "CB-EARLY" });
    const late = await seedCell(stack, { size: 3, code: "CB-LATE" });
    const target = new Date(clock.now().getTime() + 86_400_000);
    const first = await dueReminders(stack, early.cell.id, target);
    // Due 1.5 s after the instant the clock is moved to: the clock runs on in real time meanwhile.
    const next = await dueReminders(stack, late.cell.id, new Date(target.getTime() + 1_500));
    const driver = new ClockDriver({
      clock,
      db: stack.db,
      queue: stack.queue,
      horizonMs: stack.services.settings.dispatchHorizonMs,
    });

    const started = Date.now();
    await driver.advanceTo(target);
    expect(Date.now() - started).toBeLessThan(15_000);
    const sent = (ids: { id: string }[]) =>
      stack.db.delivery.count({ where: { id: { in: ids.map((r) => r.id) }, status: "SENT" } });
    expect(await sent(first.rows)).toBe(first.rows.length);
    // Nobody moves the clock again: the next reminders still arrive when they come due.
    await waitUntil(async () => (await sent(next.rows)) === next.rows.length, 10_000);
  });

  it("a request that fails inside says so in Vietnamese, with the clock's time, and logs the cause", async () => {
    const clock = new OffsetClock();
    const stack = await createStack({ clock });
    const { logger, lines } = memoryLogger();
    const app = sandboxApi({
      botApi: stack.botApi,
      clock,
      driver: new ClockDriver({ clock, db: stack.db, queue: stack.queue, horizonMs: 3_600_000 }),
      personas: async () => {
        throw new Error("connection terminated unexpectedly");
      },
      logger,
    });
    const res = await app.request("/personas");
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: string };
    expect(body.error).toContain("Môi trường thử nghiệm gặp lỗi");
    expect(body.error).toContain(clock.now().toISOString().slice(0, 16));
    expect(lines.find((l) => l.msg === "sandbox request failed")).toMatchObject({
      err: "connection terminated unexpectedly",
    });
  });
});
