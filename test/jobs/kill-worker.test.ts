import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { createStack, dueReminders, seedCell, TEST_TOKEN, waitUntil } from "../support/stack.ts";

const stack = await createStack();
const children: ChildProcess[] = [];
async function killAll() {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGKILL");
      await new Promise((resolve) => child.once("exit", resolve));
    }
  }
}
afterAll(killAll);

/** The real `npm run worker` entry point, in its own process (node + tsx, so SIGKILL hits it). */
function startWorkerProcess(ratePerSecond = 50) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/worker.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: stack.url,
      REDIS_PREFIX: stack.prefix,
      BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_API_ROOT: stack.apiRoot,
      SEND_RATE_PER_SEC: String(ratePerSecond),
      // The killed worker's jobs are taken over after 5 s instead of BullMQ's 30 + 30.
      JOB_LOCK_SECONDS: "5",
      LOG_LEVEL: "warn",
      // Real time in this process: a run after 21:30 in Hà Nội must not drop the reminders.
      QUIET_HOURS: "off",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.push(child);
  return child;
}

describe("a worker killed mid fan-out", () => {
  it("SIGKILL halfway through 500 recipients: each ends with one SENT or UNKNOWN row, no SENT message twice", async () => {
    const { db, botApi } = stack;
    const { cell, members } = await seedCell(stack, { size: 500 });
    const { meeting } = await dueReminders(stack, cell.id, new Date());
    const ours = { meetingId: meeting.id, kind: "reminder" };

    const first = startWorkerProcess();
    await waitUntil(
      async () => (await db.delivery.count({ where: { ...ours, status: "SENT" } })) >= 200,
      60_000,
      20,
    );
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));
    const sentBeforeRestart = await db.delivery.count({ where: { ...ours, status: "SENT" } });
    expect(sentBeforeRestart).toBeLessThan(500);

    startWorkerProcess();
    // The killed worker's jobs come back when their locks expire (the stalled check, ≤ 10 s here).
    await waitUntil(
      async () =>
        (await db.delivery.count({
          where: { ...ours, status: { in: ["PENDING", "SENDING"] } },
        })) === 0,
      120_000,
      250,
    );

    const rows = await db.delivery.findMany({ where: ours });
    expect(rows).toHaveLength(500);
    expect(rows.every((r) => r.status === "SENT" || r.status === "UNKNOWN")).toBe(true);
    for (const member of members) {
      const row = rows.find((r) => r.memberId === member.id)!;
      const received = botApi.messagesSentTo(member.telegramId).length;
      if (row.status === "SENT") expect(received, `member ${member.code}`).toBe(1);
      else expect(received).toBeLessThanOrEqual(1);
    }
    await killAll();
  }, 180_000);

  it("SIGTERM: the worker stops within 10 s, leaves nothing half-sent, and a new one finishes the rest once", async () => {
    const { db, botApi } = stack;
    const { cell, members } = await seedCell(stack, { size: 60 });
    const { meeting } = await dueReminders(stack, cell.id, new Date());
    const worker = startWorkerProcess(10);
    const mine = { meetingId: meeting.id, kind: "reminder" };
    await waitUntil(
      async () => (await db.delivery.count({ where: { ...mine, status: "SENT" } })) >= 10,
      60_000,
      20,
    );
    const stoppedAt = Date.now();
    worker.kill("SIGTERM");
    const code = await new Promise((resolve) => worker.once("exit", resolve));
    expect(Date.now() - stoppedAt).toBeLessThan(10_000);
    expect(code).toBe(0);
    expect(await db.delivery.count({ where: { ...mine, status: "SENDING" } })).toBe(0);
    expect(await db.delivery.count({ where: { ...mine, status: "PENDING" } })).toBeGreaterThan(0);

    startWorkerProcess(1000);
    await waitUntil(
      async () => (await db.delivery.count({ where: { ...mine, status: "SENT" } })) === 60,
      60_000,
      100,
    );
    for (const member of members) expect(botApi.messagesSentTo(member.telegramId)).toHaveLength(1);
  }, 120_000);
});
