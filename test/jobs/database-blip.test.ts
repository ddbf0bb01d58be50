import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client.ts";
import { closeWithin } from "../../src/jobs/delivery-worker.ts";
import { reconcile } from "../../src/jobs/reconciler.ts";
import { createStack, dueReminders, seedCell, waitUntil } from "../support/stack.ts";
import { startTcpProxy } from "../support/tcp-proxy.ts";

const stack = await createStack();
const { db, botApi } = stack;
// The worker reaches PostgreSQL through a proxy the test cuts; the test itself reads directly.
const direct = new URL(stack.url);
const proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
const proxied = new URL(stack.url);
proxied.port = String(proxy.port);
const workerDb = createDb(proxied.toString(), 5);
afterAll(async () => {
  await workerDb.$disconnect();
  await proxy.stop();
});

describe("a short database blip after the sends (issue 12, item 4)", () => {
  it("Postgres cut for 6 s as the reminders reach the Bot API: every one ends SENT with its message id, none twice", async () => {
    const { cell, members } = await seedCell(stack, { size: 15 });
    let cutAt = 0;
    const cut = (call: { method: string; ok: boolean }) => {
      // The first message has arrived: the database goes away before the worker can record it.
      if (call.method === "sendMessage" && call.ok && cutAt === 0) {
        cutAt = Date.now();
        proxy.cut(6_000);
      }
    };
    botApi.on("call", cut);
    const { meeting } = await dueReminders(stack, cell.id, new Date());
    const worker = stack.startDeliveryWorker(1000, { db: workerDb });

    await waitUntil(
      async () =>
        (await db.delivery.count({
          where: { meetingId: meeting.id, status: { in: ["PENDING", "SENDING"] } },
        })) === 0,
      60_000,
      200,
    );
    expect(cutAt).toBeGreaterThan(0);
    const rows = await db.delivery.findMany({ where: { meetingId: meeting.id } });
    expect(rows).toHaveLength(15);
    for (const member of members) {
      const row = rows.find((r) => r.memberId === member.id)!;
      const received = botApi.messagesSentTo(member.telegramId);
      expect(row.status, `${member.code}: ${row.error}`).toBe("SENT");
      expect(received).toHaveLength(1);
      expect(row.platformMessageId).toBe(String(received[0]!.messageId));
    }
    botApi.off("call", cut);
    await closeWithin(worker);
  }, 90_000);

  it("the worker stops while the database is still away: the reconciler records SENT later, with the message id", async () => {
    const { cell, members } = await seedCell(stack, { size: 5 });
    let sends = 0;
    const cut = (call: { method: string; ok: boolean }) => {
      if (call.method === "sendMessage" && call.ok && sends++ === 0) proxy.cut(Infinity);
    };
    botApi.on("call", cut);
    const { meeting } = await dueReminders(stack, cell.id, new Date());
    const worker = stack.startDeliveryWorker(1000, { db: workerDb });
    await waitUntil(async () => sends > 0, 20_000, 20);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await closeWithin(worker, 10_000);
    botApi.off("call", cut);
    proxy.restore();

    const reconciled = await reconcile(db, stack.queue, stack.services.clock, {
      horizonMs: stack.services.settings.dispatchHorizonMs,
      abandonedAfterMs: 0,
    });
    expect(reconciled.recovered).toBeGreaterThan(0);
    const rows = await db.delivery.findMany({ where: { meetingId: meeting.id } });
    for (const member of members) {
      const row = rows.find((r) => r.memberId === member.id)!;
      const received = botApi.messagesSentTo(member.telegramId);
      expect(received.length).toBeLessThanOrEqual(1);
      if (received.length === 1) {
        expect(row.status, member.code).toBe("SENT");
        expect(row.platformMessageId).toBe(String(received[0]!.messageId));
      } else expect(row.status).not.toBe("SENT");
    }
    expect(rows.filter((r) => r.status === "SENT").length).toBeGreaterThan(0);
  }, 60_000);
});
