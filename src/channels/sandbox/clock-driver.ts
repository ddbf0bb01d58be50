import type { Queue } from "bullmq";
import type { OffsetClock } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import type { DeliveryJobData } from "../../jobs/queues.ts";

export interface ClockDriverDeps {
  clock: OffsetClock;
  db: Db;
  queue: Queue<DeliveryJobData>;
  /** Time-driven work besides deliveries (planner, alert sweep), run at each step. */
  onTick?: (now: Date) => Promise<void>;
  /** Persists the clock's offset so a restart keeps the virtual time. */
  save?: (offsetMs: number) => Promise<void>;
}

/**
 * Moves the virtual clock and makes everything that became due happen, in order, through the same
 * queues as production: delayed jobs are promoted step by step (one step per due instant), and
 * each step waits until those deliveries are done before the clock moves on.
 */
export class ClockDriver {
  private running: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: ClockDriverDeps) {}

  /** One advance at a time: concurrent requests queue up. */
  advanceTo(target: Date): Promise<Date> {
    const next = this.running.then(() => this.step(target));
    this.running = next.catch(() => undefined);
    return next;
  }

  /** The next instant something is due (a delivery), or null. */
  async nextDue(): Promise<Date | null> {
    const jobs = await this.deps.queue.getDelayed();
    const times = jobs.map((j) => Date.parse(j.data.dueAt)).filter((t) => Number.isFinite(t));
    return times.length ? new Date(Math.min(...times)) : null;
  }

  private async step(target: Date): Promise<Date> {
    const { clock, queue, onTick } = this.deps;
    for (;;) {
      const due = (await queue.getDelayed())
        .filter((j) => Date.parse(j.data.dueAt) <= target.getTime())
        .sort((a, b) => Date.parse(a.data.dueAt) - Date.parse(b.data.dueAt));
      if (due.length === 0) break;
      const instant = Date.parse(due[0]!.data.dueAt);
      clock.advanceTo(new Date(instant));
      const batch = due.filter((j) => Date.parse(j.data.dueAt) === instant);
      await Promise.all(batch.map((j) => j.promote().catch(() => undefined)));
      await onTick?.(clock.now());
      await this.settle(batch.map((j) => j.data.deliveryId));
    }
    clock.advanceTo(target);
    await onTick?.(clock.now());
    await this.settle();
    await this.deps.save?.(clock.offset);
    return clock.now();
  }

  /** Waits until the given deliveries (or everything due now) left PENDING and SENDING. */
  private async settle(ids?: string[]) {
    const { db, clock } = this.deps;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const open = await db.delivery.count({
        where: ids
          ? { id: { in: ids }, status: { in: ["PENDING", "SENDING"] } }
          : { status: { in: ["PENDING", "SENDING"] }, dueAt: { lte: clock.now() } },
      });
      if (open === 0) return;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}
