// Issue 13 item 10: a long clock move goes a day at a time and says how far it got, so that the
// page can show the days go by instead of «Đang xử lý…» for minutes. A fake driver holds each day.
import { describe, expect, it } from "vitest";
import { OffsetClock } from "../../src/clock.ts";
import type { ClockDriver } from "../../src/sandbox/clock-driver.ts";
import { sandboxApi } from "../../src/sandbox/control-api.ts";
import type { LocalBotApi } from "../../src/sandbox/telegram-api/local-bot-api.ts";

describe("a long clock move", () => {
  it("goes day by day, and GET /clock says where it has got meanwhile", async () => {
    const clock = new OffsetClock();
    const start = clock.now().getTime();
    const steps: number[] = [];
    const waiting: (() => void)[] = [];
    const driver = {
      nextDue: async () => null,
      advanceTo: async (to: Date) => {
        await new Promise<void>((resolve) => waiting.push(resolve));
        clock.advanceTo(to);
        steps.push(to.getTime());
        return clock.now();
      },
    } as unknown as ClockDriver;
    const app = sandboxApi({
      botApi: {} as LocalBotApi,
      clock,
      driver,
      personas: async () => [],
    });
    type ClockView = { now: string; moving?: { from: string; to: string; at: string } };
    const get = async () => (await (await app.request("/clock")).json()) as ClockView;
    const next = async () => {
      while (waiting.length === 0) await new Promise((r) => setTimeout(r, 5));
      waiting.shift()!();
    };

    expect(await get()).not.toHaveProperty("moving");
    const moved = app.request("/clock", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ advanceBy: "P3DT12H" }),
    });
    await next();
    await next();
    // Two days done: the move reports where it started, where it goes and where it is.
    const done = (view: ClockView) =>
      view.moving ? Date.parse(view.moving.at) - Date.parse(view.moving.from) : 0;
    let during = await get();
    while (done(during) < 2 * 86_400_000) {
      await new Promise((r) => setTimeout(r, 5));
      during = await get();
    }
    const { from, to } = during.moving!;
    // The target was set a moment before the move began.
    expect(3.5 * 86_400_000 - (Date.parse(to) - Date.parse(from))).toBeLessThan(1_000);
    expect(done(during)).toBeLessThan(2 * 86_400_000 + 60_000);
    await next();
    await next();
    expect((await moved).status).toBe(200);
    // One step per day, then the target: 1, 2, 3 days, 3.5 days.
    expect(steps.map((at) => Math.round(((at - start) / 86_400_000) * 2) / 2)).toEqual([
      1, 2, 3, 3.5,
    ]);
    expect(await get()).not.toHaveProperty("moving");
  });
});
