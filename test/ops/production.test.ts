// Production mode end to end: `npm run bot` (webhook) and `npm run worker` as real processes
// against the local Bot API. JSON logs carry update and delivery ids, never the token, secrets
// or absence reasons; each process serves its metrics; SIGTERM stops both cleanly.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { pgConfigFromUrl } from "../../src/db/pg-config.ts";
import { createStack, dueReminders, seedCell, TEST_TOKEN, waitUntil } from "../support/stack.ts";
import { freePort, startProcess } from "./processes.ts";

const stack = await createStack();
const { db, botApi } = stack;
const WEBHOOK_SECRET = `whsec_${randomBytes(12).toString("hex")}`;
const ADMIN_PASSWORD = `adm-${randomBytes(12).toString("hex")}`;
const REASON = "Khám bệnh ở bệnh viện tỉnh LYDO-BIMAT-4217";

describe("the bot and the worker as production processes", () => {
  it("handle updates and sends with JSON logs that name ids, never tokens or reasons; stop on SIGTERM", async () => {
    const port = await freePort();
    const bot = startProcess("src/bot.ts", stack, {
      BOT_MODE: "webhook",
      PORT: String(port),
      // The https address the fake maps to the local port, as a proxy in front of the bot would.
      WEBHOOK_URL: botApi.exposeWebhook(`http://127.0.0.1:${port}`),
      WEBHOOK_SECRET,
      ADMIN_USER: "ops",
      ADMIN_PASSWORD,
      LOG_LEVEL: "debug",
    });
    const worker = startProcess("src/worker.ts", stack, {
      WORKER_PORT: "0",
      SEND_RATE_PER_SEC: "100",
      LOG_LEVEL: "debug",
    });
    const started = await bot.waitForLog("bot started");
    expect(started).toMatchObject({ mode: "webhook", port });
    const workerPort = (await worker.waitForLog("worker started")).port as number;
    expect(workerPort).toBeGreaterThan(0);

    // Reminders through the worker process; the response to one send is lost (ambiguous).
    const { cell, members } = await seedCell(stack, { size: 3 });
    const [, answering, lost] = members;
    botApi.dropResponses({ chatId: lost!.telegramId, methods: ["sendMessage"], count: 1 });
    const { meeting, rows } = await dueReminders(stack, cell.id, new Date());
    const settled = {
      meetingId: meeting.id,
      status: { in: ["SENT" as const, "UNKNOWN" as const] },
    };
    await waitUntil(async () => (await db.delivery.count({ where: settled })) === 3, 30_000);
    const lostRow = rows.find((r) => r.chatId === String(lost!.telegramId))!;
    const unknown = await db.delivery.findUniqueOrThrow({ where: { id: lostRow.id } });
    expect(unknown.status).toBe("UNKNOWN");
    expect(unknown.error).not.toContain(TEST_TOKEN);
    expect(unknown.error).toContain("Network request for 'sendMessage' failed");

    // A member declines with a free-text reason, through the webhook of the bot process.
    const me = answering!.telegramId;
    const reminder = botApi.messagesSentTo(me)[0]!;
    const pressIds: number[] = [];
    pressIds.push(
      (await botApi.press(me, reminder.messageId, { label: "❌ Vắng (có lý do)" })).updateId,
    );
    const ask = botApi.messagesSentTo(me).at(-1)!;
    pressIds.push(
      (await botApi.press(me, ask.messageId, { label: "Lý do khác (tự nhập)" })).updateId,
    );
    const typed = await botApi.sendText(me, REASON);
    expect(typed.delivered).toBe(true);
    const confirm = botApi.messagesSentTo(me).at(-1)!;
    expect(confirm.text).toContain(REASON);
    pressIds.push((await botApi.press(me, confirm.messageId, { label: "✅ Xác nhận" })).updateId);
    const answer = await db.answer.findUniqueOrThrow({
      where: { meetingId_memberId: { meetingId: meeting.id, memberId: answering!.id } },
    });
    expect([answer.kind, answer.reason]).toEqual(["ABSENT", REASON]);

    // A handler whose reply is lost: logged as failed, with its update id. The plain member
    // asks — the deputy who answered may be getting the worker's alerts, which the drop
    // would catch instead of the bot's reply.
    const asker = lost!.telegramId;
    botApi.dropResponses({ chatId: asker, methods: ["sendMessage"], count: 1 });
    const failing = await botApi.sendText(asker, "/lich");

    // Each process serves its own metrics.
    const botMetrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(botMetrics).toMatch(
      /^chibo_updates_total\{channel="telegram",type="callback_query",outcome="ok"\} 3$/m,
    );
    expect(botMetrics).toMatch(/^chibo_queue_jobs\{queue="delivery",state="delayed"\} \d+$/m);
    const workerMetrics = await (await fetch(`http://127.0.0.1:${workerPort}/metrics`)).text();
    // Two reminders, and maybe already the R3 alerts the absence raised.
    expect(workerMetrics).toMatch(/^chibo_sends_total\{channel="telegram",status="sent"\} [2-9]$/m);
    expect(workerMetrics).toMatch(/^chibo_sends_total\{channel="telegram",status="unknown"\} 1$/m);
    expect(workerMetrics).toMatch(/^chibo_reminder_lateness_seconds_count\{kind="reminder"\} 2$/m);
    expect((await fetch(`http://127.0.0.1:${workerPort}/readyz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/admin/queues`)).status).toBe(401);

    // SIGTERM: both stop within 10 s with code 0.
    const [botExit, workerExit] = await Promise.all([bot.terminate(), worker.terminate()]);
    expect(botExit.code).toBe(0);
    expect(workerExit.code).toBe(0);
    expect(botExit.ms).toBeLessThan(10_000);
    expect(workerExit.ms).toBeLessThan(10_000);

    // The logs: JSON only; ids yes; token, secrets and the reason never.
    const output = [...bot.lines, ...worker.lines];
    expect(output.length).toBeGreaterThan(5);
    for (const line of output) expect(() => JSON.parse(line), line).not.toThrow();
    const all = output.join("\n");
    for (const secret of [TEST_TOKEN, TEST_TOKEN.split(":")[1]!, WEBHOOK_SECRET, ADMIN_PASSWORD]) {
      expect(all).not.toContain(secret);
    }
    expect(all).not.toContain("LYDO-BIMAT-4217");
    expect(all).not.toContain("Khám bệnh");

    const botLogs = bot.logs();
    for (const updateId of pressIds) {
      expect(botLogs).toContainEqual(
        expect.objectContaining({ updateId, msg: "update handled", outcome: "ok" }),
      );
    }
    expect(botLogs).toContainEqual(
      expect.objectContaining({ updateId: typed.updateId, msg: "update handled" }),
    );
    expect(botLogs).toContainEqual(
      expect.objectContaining({ updateId: failing.updateId, msg: "update failed" }),
    );
    expect(botLogs.map((l) => l.msg)).toEqual(
      expect.arrayContaining(["bot stopping", "bot stopped"]),
    );
    const workerLogs = worker.logs();
    const lostLog = workerLogs.find((l) => l.deliveryId === lostRow.id)!;
    expect(lostLog).toMatchObject({ kind: "reminder", platform: "TELEGRAM", level: 40 });
    expect(String(lostLog.err)).toContain("Network request for 'sendMessage' failed");
    expect(workerLogs.map((l) => l.msg)).toEqual(
      expect.arrayContaining(["worker stopping", "worker stopped"]),
    );
  }, 120_000);
});

describe("graceful shutdown of the bot", () => {
  it("SIGTERM: an update in flight finishes and is answered, a new one gets 503, /readyz 503, exit 0", async () => {
    const port = await freePort();
    const bot = startProcess("src/bot.ts", stack, {
      BOT_MODE: "webhook",
      PORT: String(port),
      // The https address the fake maps to the local port, as a proxy in front of the bot would.
      WEBHOOK_URL: botApi.exposeWebhook(`http://127.0.0.1:${port}`),
      WEBHOOK_SECRET,
    });
    await bot.waitForLog("bot started");
    const { cell, members } = await seedCell(stack, { size: 3 });
    const meeting = await db.meeting.create({
      data: {
        unitId: cell.id,
        startsAt: new Date(Date.now() + 30 * 60_000),
        plannedEndAt: new Date(Date.now() + 120 * 60_000),
      },
    });
    const secretary = members[0]!.telegramId;
    await botApi.sendText(secretary, "/diemdanh");
    const roster = botApi.messagesSentTo(secretary).at(-1)!;
    const button = roster.buttons.flat().find((b) => b.label.includes(members[2]!.fullName))!;

    // Hold the lock the press takes (lockMember in services/rollcall/guards.ts): it is in flight at SIGTERM.
    const holder = new pg.Client(pgConfigFromUrl(stack.url));
    await holder.connect();
    await holder.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [
      `rollcall:${meeting.id}:${members[2]!.id}`,
    ]);
    const inflight = botApi.press(secretary, roster.messageId, { label: button.label });
    await waitUntil(
      async () =>
        (
          await holder.query(
            `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
             AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
          )
        ).rows[0].n > 0,
      10_000,
      20,
    );
    const stopped = bot.terminate();
    await bot.waitForLog("bot stopping");
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(503);
    await expect(botApi.sendText(members[1]!.telegramId, "/lich")).rejects.toThrow(/503/);
    await holder.query("SELECT pg_advisory_unlock_all()");
    await holder.end();

    const pressed = await inflight;
    expect(pressed.answer?.text).toContain("có mặt");
    const mark = await db.attendance.findUniqueOrThrow({
      where: { meetingId_memberId: { meetingId: meeting.id, memberId: members[2]!.id } },
    });
    expect(mark.status).toBe("PRESENT");
    const exit = await stopped;
    expect(exit.code).toBe(0);
    expect(exit.ms).toBeLessThan(10_000);
    expect(bot.logs().map((l) => l.msg)).toContain("bot stopped");
  }, 60_000);
});

describe("polling mode (development)", () => {
  it("`npm run bot` with BOT_MODE=polling answers through getUpdates and stops on SIGTERM", async () => {
    const bot = startProcess("src/bot.ts", stack, {
      BOT_MODE: "polling",
      PORT: String(await freePort()),
    });
    await bot.waitForLog("bot started");
    botApi.addUser({ id: 660001, first_name: "Lạ" });
    const sent = await botApi.sendText(660001, "/start");
    await botApi.waitUntilConfirmed(sent.updateId, 15_000);
    await waitUntil(async () => botApi.messagesSentTo(660001).length > 0, 15_000, 50);
    const exit = await bot.terminate();
    expect([exit.code, exit.ms < 10_000]).toEqual([0, true]);
  }, 60_000);
});
