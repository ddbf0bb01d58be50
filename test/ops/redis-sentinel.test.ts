// Issue 18 item 6: the product through Redis Sentinel (a master, a replica and two sentinels started
// by this test), before and after a failover.
import { afterAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.ts";
import { createBotStack } from "../support/bot.ts";
import { fanOut, rollCall } from "../support/redis-scenarios.ts";
import { startRedisSentinel } from "../support/redis-sentinel.ts";
import { waitUntil } from "../support/stack.ts";

const sentinel = await startRedisSentinel();
afterAll(() => sentinel.stop());
// Sunday 6 December 2026, 19:00 local; the roll call's meeting starts at 19:30.
const clock = new ManualClock(new Date("2026-12-06T12:00:00Z"));
const s = await createBotStack({
  clock,
  redisUrl: sentinel.url,
  redisSentinels: sentinel.sentinels,
  env: { REDIS_SENTINEL_PASSWORD: sentinel.sentinelPassword },
});
s.startDeliveryWorker();

/** The port of the server the stack's connection is on. */
const connectedPort = async () => Number(((await s.redis.config("GET", "port")) as string[])[1]);

describe("through Redis Sentinel", () => {
  it("the connection reaches the master the sentinels name; queues keep the plain prefix", async () => {
    expect(await connectedPort()).toBe(await sentinel.masterPort());
    expect(s.queueSettings.prefix).toBe(s.prefix);
  });

  const reminded: { telegramId: number }[] = [];
  it("a 40-member fan-out: each reminder sent once", async () => {
    reminded.push(...(await fanOut(s, clock, 40)));
    for (const m of reminded) expect(s.botApi.messagesSentTo(m.telegramId)).toHaveLength(1);
  }, 120_000);

  it(
    "a roll call: /diemdanh, close, and the minutes and alerts delivered through the ledger",
    () => rollCall(s, clock),
    120_000,
  );

  it("after a failover the reminders go out from the new master, none twice", async () => {
    const next = await sentinel.failover();
    // ioredis hears +switch-master from the sentinels and reconnects to the master they name.
    await waitUntil(async () => (await connectedPort()) === next, 60_000);
    const after = await fanOut(s, clock, 40);
    for (const m of [...reminded, ...after])
      expect(s.botApi.messagesSentTo(m.telegramId)).toHaveLength(1);
  }, 240_000);
});
