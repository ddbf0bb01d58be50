import { afterAll, describe, expect, it } from "vitest";
import { parseOffsets } from "../../src/domain/reminder-plan.ts";
import { reconcile } from "../../src/jobs/reconciler.ts";
import { syncReminders } from "../../src/services/planner.ts";
import { startPrivateRedis } from "../support/private-redis.ts";
import { createStack, seedCell, waitUntil } from "../support/stack.ts";

const redis = await startPrivateRedis();
afterAll(() => redis.stop());
const stack = await createStack({
  redisUrl: redis.url,
  // Capacity to spare: the 8-second plan must not spread over seconds already past when queued.
  settings: {
    reminderOffsets: parseOffsets("6s,4s"),
    quietHours: "off",
    sendCapacityPerSecond: 1000,
  },
});

describe("a lost Redis loses nothing", () => {
  it("FLUSHALL after planning, then the reconciler: every pending reminder is back, none twice", async () => {
    const { db, services, queue, botApi } = stack;
    const { cell, members, committee } = await seedCell(stack, { size: 30 });
    const now = Date.now();
    await db.meeting.create({
      data: {
        unitId: cell.id,
        startsAt: new Date(now + 8_000),
        plannedEndAt: new Date(now + 98_000),
      },
    });
    const planned = await syncReminders(services, cell.id);
    const horizonMs = services.settings.dispatchHorizonMs;
    expect(await queue.getDelayedCount()).toBe(planned);

    await stack.redis.flushall();
    expect(await queue.getDelayedCount()).toBe(0);

    const first = await reconcile(db, queue, services.clock, { horizonMs });
    const second = await reconcile(db, queue, services.clock, { horizonMs });
    expect(first.requeued).toBe(planned);
    expect(second.requeued).toBe(0);
    expect(await queue.getDelayedCount()).toBe(planned);

    stack.startDeliveryWorker();
    await waitUntil(
      async () => (await db.delivery.count({ where: { status: "SENT" } })) === planned,
      20_000,
    );
    for (const m of members) expect(botApi.messagesSentTo(m.telegramId)).toHaveLength(2);
    expect(botApi.messagesSentTo(committee.telegramId)).toHaveLength(1);
  });
});
