// Two `npm run worker` processes on one Redis queue and one database behave like one worker.
import { describe, expect, it } from "vitest";
import { startProcess } from "../ops/processes.ts";
import { createStack, dueReminders, seedCell, waitUntil } from "../support/stack.ts";

const stack = await createStack();

/** The value of one sample in a Prometheus text exposition (0 when absent). */
function sample(metrics: string, series: string): number {
  const line = metrics.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe("two worker processes on one queue", () => {
  it("a fan-out of 300 reminders: every member gets exactly one message, every row SENT, both workers sent", async () => {
    const { db, botApi } = stack;
    const workers = [0, 1].map(() =>
      startProcess("src/worker.ts", stack, { WORKER_PORT: "0", SEND_RATE_PER_SEC: "150" }),
    );
    const ports = await Promise.all(
      workers.map(async (w) => (await w.waitForLog("worker started")).port as number),
    );

    const { cell, members } = await seedCell(stack, { size: 300 });
    const { meeting } = await dueReminders(stack, cell.id, new Date());
    const ours = { meetingId: meeting.id, kind: "reminder" };
    await waitUntil(
      async () => (await db.delivery.count({ where: { ...ours, status: "SENT" } })) === 300,
      90_000,
      100,
    );
    // A moment for any duplicate to show up before counting.
    await new Promise((r) => setTimeout(r, 1_000));

    const rows = await db.delivery.findMany({ where: ours });
    expect(rows).toHaveLength(300);
    expect(rows.filter((r) => r.status !== "SENT")).toEqual([]);
    for (const member of members) {
      const received = botApi.messagesSentTo(member.telegramId);
      expect(received, member.code).toHaveLength(1);
      const row = rows.find((r) => r.memberId === member.id)!;
      expect(row.platformMessageId).toBe(String(received[0]!.messageId));
    }

    // Each process counts its own sends: both took part, and together they sent each one once.
    const sent = await Promise.all(
      ports.map(async (port) =>
        sample(
          await (await fetch(`http://127.0.0.1:${port}/metrics`)).text(),
          'chibo_sends_total{channel="telegram",status="sent"}',
        ),
      ),
    );
    expect(sent[0]! + sent[1]!).toBe(300);
    expect(Math.min(...sent)).toBeGreaterThan(0);

    const exits = await Promise.all(workers.map((w) => w.terminate()));
    expect(exits.map((e) => e.code)).toEqual([0, 0]);
  }, 180_000);
});
