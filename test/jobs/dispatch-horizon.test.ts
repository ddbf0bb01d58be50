// Issue 18: only deliveries due within the dispatch horizon are delayed jobs in Redis; the rest
// wait in the ledger and the reconciler queues them as they come within it.
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.ts";
import { deliveryJobId } from "../../src/jobs/queues.ts";
import { reconcile } from "../../src/jobs/reconciler.ts";
import { syncReminders } from "../../src/services/planner.ts";
import { createStack, seedCell, waitUntil } from "../support/stack.ts";

const HOUR = 3_600_000;
// 3 December 2026, 19:30 local: the 3-day reminder of a meeting on 6 December 19:30 is due now.
const clock = new ManualClock(new Date("2026-12-03T12:30:00Z"));
const stack = await createStack({ clock, settings: { dispatchHorizonMs: HOUR } });
const { db, services, queue, botApi } = stack;
const horizon = { horizonMs: HOUR };

async function jobStates(ids: string[]) {
  return Promise.all(ids.map((id) => queue.getJobState(deliveryJobId(id))));
}

describe("the dispatch horizon", () => {
  it("a reminder days ahead has no job until it is within the hour, then exactly one, and arrives once", async () => {
    const { cell, members } = await seedCell(stack, { size: 6 });
    const meeting = await db.meeting.create({
      data: {
        unitId: cell.id,
        startsAt: new Date("2026-12-06T12:30:00Z"),
        plannedEndAt: new Date("2026-12-06T14:00:00Z"),
      },
    });
    await syncReminders(services, cell.id);
    const rows = await db.delivery.findMany({
      where: { meetingId: meeting.id, status: "PENDING" },
    });
    const dueNow = rows.filter((r) => r.dueAt.getTime() <= clock.now().getTime());
    const dayBefore = rows.filter(
      (r) => r.targetAt?.getTime() === new Date("2026-12-05T12:30:00Z").getTime(),
    );
    const later = rows.filter((r) => !dueNow.includes(r) && !dayBefore.includes(r));
    // The first reminder also goes to the committee member; the later ones to the members only.
    expect(dueNow).toHaveLength(members.length + 1);
    expect(dayBefore).toHaveLength(members.length);
    expect(later).toHaveLength(members.length);

    // What is due now is queued as it is written; the 1-day and 2-hour reminders are not in Redis.
    expect(new Set(await jobStates(dueNow.map((r) => r.id)))).toEqual(new Set(["waiting"]));
    expect(new Set(await jobStates([...dayBefore, ...later].map((r) => r.id)))).toEqual(
      new Set(["unknown"]),
    );
    expect((await reconcile(db, queue, clock, horizon)).requeued).toBe(0);

    // 45 minutes before the 1-day reminder, the reconciler's round queues it (and only it).
    clock.set(new Date("2026-12-05T11:45:00Z"));
    const round = await reconcile(db, queue, clock, horizon);
    expect(round.requeued).toBe(dayBefore.length);
    expect(new Set(await jobStates(dayBefore.map((r) => r.id)))).toEqual(new Set(["delayed"]));
    expect(new Set(await jobStates(later.map((r) => r.id)))).toEqual(new Set(["unknown"]));
    expect((await reconcile(db, queue, clock, horizon)).requeued).toBe(0);

    // At 19:30 the jobs come due (the sandbox's clock driver promotes them the same way).
    clock.set(new Date("2026-12-05T12:30:00Z"));
    const jobs = await Promise.all(rows.map((r) => queue.getJob(deliveryJobId(r.id))));
    await Promise.all(jobs.map((job) => job?.promote().catch(() => undefined)));
    stack.startDeliveryWorker();
    const sent = [...dueNow, ...dayBefore].map((r) => r.id);
    await waitUntil(
      async () =>
        (await db.delivery.count({ where: { id: { in: sent }, status: "SENT" } })) === sent.length,
    );
    // Two reminders each (the 3-day one, written at send time, also says "ngày mai"), none twice.
    for (const m of members) {
      const texts = botApi.messagesSentTo(m.telegramId).map((message) => message.text);
      expect(texts).toHaveLength(2);
      expect(texts.every((text) => text.includes("Nhắc lịch") && text.includes("(ngày mai)"))).toBe(
        true,
      );
    }
    expect(
      await db.delivery.count({ where: { id: { in: later.map((r) => r.id) }, status: "PENDING" } }),
    ).toBe(later.length);
  });
});
