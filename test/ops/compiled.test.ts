// `npm run build` then `npm run start:worker` / `start:bot`: the compiled product, as the
// Dockerfile runs it (plain node, no tsx), sends reminders and answers updates.
import { execFile } from "node:child_process";
import { rm } from "node:fs/promises";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStack, dueReminders, seedCell, waitUntil } from "../support/stack.ts";
import { freePort, startProcess } from "./processes.ts";

// At the repository's top level like dist/, so ../locales resolves the same way.
const OUT = ".build-test";
const stack = await createStack();

beforeAll(async () => {
  await promisify(execFile)("npx", ["tsc", "-p", "tsconfig.build.json", "--outDir", OUT], {
    timeout: 120_000,
  });
}, 150_000);
afterAll(() => rm(OUT, { recursive: true, force: true }));

describe("the compiled build", () => {
  it("its worker sends due reminders and its bot answers, and both stop on SIGTERM", async () => {
    const worker = startProcess(`${OUT}/worker.js`, stack, { WORKER_PORT: "0" });
    const bot = startProcess(`${OUT}/bot.js`, stack, {
      BOT_MODE: "polling",
      PORT: String(await freePort()),
    });
    await Promise.all([worker.waitForLog("worker started"), bot.waitForLog("bot started")]);

    const { cell, members } = await seedCell(stack, { size: 3 });
    await dueReminders(stack, cell.id, new Date());
    await waitUntil(
      async () => members.every((m) => stack.botApi.messagesSentTo(m.telegramId).length === 1),
      30_000,
    );
    expect(stack.botApi.messagesSentTo(members[1]!.telegramId)[0]!.text).toContain(
      "Nhắc lịch sinh hoạt chi bộ",
    );

    const sent = await stack.botApi.sendText(members[1]!.telegramId, "/lich");
    await stack.botApi.waitUntilConfirmed(sent.updateId, 15_000);
    await waitUntil(
      async () => stack.botApi.messagesSentTo(members[1]!.telegramId).length === 2,
      15_000,
    );
    expect(stack.botApi.messagesSentTo(members[1]!.telegramId)[1]!.text).toContain(cell.name);

    const exits = await Promise.all([worker.terminate(), bot.terminate()]);
    expect(exits.map((e) => e.code)).toEqual([0, 0]);
  }, 120_000);
});
