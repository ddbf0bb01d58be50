// Issue 18 item 6: the product on a real Redis Cluster (three masters started by this test).
import { afterAll, describe, expect, it } from "vitest";
import { ChatLocks } from "../../src/chat-lock.ts";
import { ManualClock } from "../../src/clock.ts";
import { createBotStack } from "../support/bot.ts";
import { startRedisCluster } from "../support/redis-cluster.ts";
import { fanOut, rollCall } from "../support/redis-scenarios.ts";

const cluster = await startRedisCluster();
afterAll(() => cluster.stop());
// Sunday 6 December 2026, 19:00 local; the roll call's meeting starts at 19:30.
const clock = new ManualClock(new Date("2026-12-06T12:00:00Z"));
const s = await createBotStack({ clock, redisCluster: cluster.nodes });
s.startDeliveryWorker();

describe("on a Redis Cluster", () => {
  it("the queues use a hash-tagged prefix and spread nothing across slots", () => {
    expect(s.queueSettings.prefix).toBe(`{${s.prefix}}`);
  });

  it("a 40-member fan-out: BullMQ, the pacer and the chat slots work, each reminder sent once", async () => {
    const members = await fanOut(s, clock, 40);
    for (const m of members) expect(s.botApi.messagesSentTo(m.telegramId)).toHaveLength(1);
  }, 120_000);

  it("the chat lock holds one update at a time per chat across the cluster", async () => {
    const locks = new ChatLocks(s.redis, s.prefix);
    const order: string[] = [];
    const slow = (name: string) => async () => {
      order.push(`${name} in`);
      await new Promise((r) => setTimeout(r, 150));
      order.push(`${name} out`);
    };
    await Promise.all([locks.run("telegram:1", slow("a")), locks.run("telegram:1", slow("b"))]);
    expect(order).toEqual(["a in", "a out", "b in", "b out"]);
  });

  it(
    "a roll call: /diemdanh, close, and the minutes and alerts delivered through the ledger",
    () => rollCall(s, clock),
    120_000,
  );
});
