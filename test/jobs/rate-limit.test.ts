import { describe, expect, it } from "vitest";
import { createStack, dueReminders, seedCell, waitUntil } from "../support/stack.ts";

const stack = await createStack();

describe("429 Too Many Requests", () => {
  it("the Bot API answers 429 (retry_after 2) for 10 s: nothing lost, no attempt burned, the cap respected", async () => {
    const { db, botApi } = stack;
    const { cell, members } = await seedCell(stack, { size: 120 });
    botApi.failWith({ status: 429, retryAfter: 2, forMs: 10_000 });
    const started = Date.now();
    await dueReminders(stack, cell.id, new Date());
    stack.startDeliveryWorker(25);

    await waitUntil(
      async () => (await db.delivery.count({ where: { status: "SENT" } })) === 120,
      40_000,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(10_000);
    for (const m of members) expect(botApi.messagesSentTo(m.telegramId)).toHaveLength(1);
    const rows = await db.delivery.findMany();
    expect(rows.every((d) => d.attempts === 1)).toBe(true);
    const throttled = botApi.calls.filter((c) => c.status === 429).length;
    expect(throttled).toBeGreaterThan(0);
    // The cap (25/s) keeps under Telegram's 30/s: on a busy machine a late timer may bunch a
    // send or two into one second, never up to the platform's limit.
    expect(botApi.peakSendRate(1000)).toBeLessThanOrEqual(28);
    expect(botApi.peakSendRate(5000)).toBeLessThanOrEqual(5 * 25);
  });
});
