import type { Prisma } from "@prisma/client";
import type { Queue } from "bullmq";
import type { OffsetClock } from "../clock.ts";
import type { Db } from "../db/client.ts";
import { type DeliveryJobData, deliveryJobId } from "../jobs/queues.ts";
import { queueDueWithin, requeueMissing } from "../jobs/reconciler.ts";
import { errorMessage, type Logger } from "../logger.ts";
import { DUE_DELIVERY } from "../services/ledger.ts";

export interface ClockDriverDeps {
  clock: OffsetClock;
  db: Db;
  queue: Queue<DeliveryJobData>;
  /** The dispatch horizon: what is due within it once the clock stops must have its job. */
  horizonMs: number;
  /** Time-driven work besides deliveries (planner, alert sweep), run at each step. */
  onTick?: (now: Date) => Promise<void>;
  /** Persists the clock's offset so a restart keeps the virtual time. */
  save?: (offsetMs: number) => Promise<void>;
  logger?: Logger;
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

  /** The next instant something is due (a delivery), or null. The ledger knows: it is the truth. */
  async nextDue(): Promise<Date | null> {
    const next = await this.deps.db.delivery.findFirst({
      where: { status: "PENDING", dueAt: { gt: this.deps.clock.now() } },
      orderBy: { dueAt: "asc" },
      select: { dueAt: true },
    });
    return next?.dueAt ?? null;
  }

  /**
   * A failing tick (a sweep hitting a busy database) is logged and tried again — twice at once,
   * then at the next tick, as the production schedulers would every 15 minutes; the clock goes on.
   */
  private async tick(now: Date) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.deps.onTick?.(now);
      } catch (error) {
        this.deps.logger?.error(
          { err: errorMessage(error), at: now.toISOString(), attempt },
          "sandbox tick failed",
        );
        if (attempt === 3) return;
        await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
      }
    }
  }

  /** Whatever happens, the offset reached is saved: the virtual time never falls behind. */
  private async step(target: Date): Promise<Date> {
    try {
      return await this.walk(target);
    } finally {
      await this.deps.save?.(this.deps.clock.offset);
    }
  }

  private async walk(target: Date): Promise<Date> {
    const { clock, db, queue } = this.deps;
    for (;;) {
      const first = await db.delivery.findFirst({
        where: { status: "PENDING", dueAt: { lte: target } },
        orderBy: { dueAt: "asc" },
        select: { dueAt: true },
      });
      if (!first) break;
      clock.advanceTo(first.dueAt);
      const batch = await db.delivery.findMany({
        where: { status: "PENDING", dueAt: first.dueAt },
        select: DUE_DELIVERY,
      });
      const ids = batch.map((d) => d.id);
      // Each due job leaves the delayed set now; a row without a job gets one (as the reconciler would).
      const jobs = await Promise.all(ids.map((id) => queue.getJob(deliveryJobId(id))));
      await Promise.all(jobs.map((job) => job?.promote().catch(() => undefined)));
      await requeueMissing(queue, batch, clock);
      await this.tick(clock.now());
      await this.settle({ id: { in: ids } });
    }
    clock.advanceTo(target);
    await this.tick(clock.now());
    // The clock runs on from here in real time: what comes due within the horizon goes out on its
    // own, as after the reconciler's round that the jump skipped. What is due by now (the tick's
    // alerts too) is waited for; what comes due while waiting is not.
    await queueDueWithin(db, queue, clock, this.deps.horizonMs);
    await this.settle({ dueAt: { lte: clock.now() } });
    return clock.now();
  }

  /**
   * Waits until these deliveries left PENDING and SENDING (a deferred one, moved past quiet hours,
   * is no longer due: it is not waited for).
   */
  private async settle(which: Prisma.DeliveryWhereInput) {
    const { db, clock } = this.deps;
    const deadline = Date.now() + SETTLE_MS;
    while (Date.now() < deadline) {
      const open = await db.delivery.count({
        where: {
          AND: [which, { status: { in: ["PENDING", "SENDING"] }, dueAt: { lte: clock.now() } }],
        },
      });
      if (open === 0) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    this.deps.logger?.warn({ afterMs: SETTLE_MS }, "sandbox: deliveries still open, clock goes on");
  }
}

const SETTLE_MS = 60_000;
