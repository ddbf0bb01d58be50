// The per-chat lock that makes several bot processes handle one chat's updates one at a time.
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { ChatLocks } from "../../src/chat-lock.ts";
import { REDIS_URL } from "../support/stack.ts";

const prefix = `t${randomBytes(5).toString("hex")}`;
const connections = [new Redis(REDIS_URL), new Redis(REDIS_URL)];
afterAll(async () => {
  const keys = await connections[0]!.keys(`${prefix}:*`);
  if (keys.length) await connections[0]!.del(...keys);
  await Promise.all(connections.map((c) => c.quit()));
});
// Two "processes": separate connections, separate lock objects, nothing shared in memory.
const [a, b] = connections.map((redis) => new ChatLocks(redis, prefix)) as [ChatLocks, ChatLocks];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("ChatLocks", () => {
  it("one chat: 20 handlers from two processes never overlap, and all of them run", async () => {
    let inside = 0;
    let most = 0;
    const done: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? a : b).run("telegram:1", async () => {
          inside++;
          most = Math.max(most, inside);
          await sleep(5);
          inside--;
          done.push(i);
        }),
      ),
    );
    expect(most).toBe(1);
    expect(done.sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it("different chats do not wait for each other", async () => {
    let inside = 0;
    let most = 0;
    await Promise.all(
      [1, 2, 3, 4].map((chat) =>
        a.run(`telegram:${100 + chat}`, async () => {
          inside++;
          most = Math.max(most, inside);
          await sleep(50);
          inside--;
        }),
      ),
    );
    expect(most).toBe(4);
  });

  it("a lock left by a crashed process expires; a handler that throws releases it", async () => {
    await connections[0]!.set(`${prefix}:chat-lock:telegram:7`, "dead-process", "PX", 300);
    const started = Date.now();
    await b.run("telegram:7", async () => undefined);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);

    await expect(
      a.run("telegram:7", async () => {
        throw new Error("handler failed");
      }),
    ).rejects.toThrow("handler failed");
    expect(await connections[0]!.exists(`${prefix}:chat-lock:telegram:7`)).toBe(0);
  });

  it("never loses an update: after the longest wait, the handler runs anyway", async () => {
    const impatient = new ChatLocks(connections[1]!, prefix, { maxWaitMs: 200 });
    await connections[0]!.set(`${prefix}:chat-lock:telegram:8`, "stuck", "PX", 10_000);
    let ran = false;
    await impatient.run("telegram:8", async () => {
      ran = true;
    });
    expect(ran).toBe(true);
    // It did not take (or release) a lock it never held.
    expect(await connections[0]!.get(`${prefix}:chat-lock:telegram:8`)).toBe("stuck");
  });
});
