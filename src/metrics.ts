// Prometheus metrics of one process (bot or worker), served at /metrics (src/server/ops.ts).
import type { Queue } from "bullmq";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { Logger } from "./logger.ts";

export const registry = new Registry();

export type Channel = "telegram" | "zalo" | "sandbox";
export type UpdateOutcome = "ok" | "error" | "ignored" | "duplicate" | "invalid";
/** sent, failed (final), unknown (maybe arrived: a person checks), retried (5xx), 429, cancelled. */
export type SendStatus = "sent" | "failed" | "unknown" | "retried" | "429" | "cancelled";

export const updatesTotal = new Counter({
  name: "chibo_updates_total",
  help: "Incoming updates handled, by channel, update type and outcome",
  labelNames: ["channel", "type", "outcome"] as const,
  registers: [registry],
});

export const updateDuration = new Histogram({
  name: "chibo_update_duration_seconds",
  help: "Time to handle one incoming update (the webhook answers after it)",
  labelNames: ["channel", "type"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});

export const sendsTotal = new Counter({
  name: "chibo_sends_total",
  help: "Ledger deliveries by channel and result (sent, failed, unknown, retried, 429, cancelled)",
  labelNames: ["channel", "status"] as const,
  registers: [registry],
});

export const reminderLateness = new Histogram({
  name: "chibo_reminder_lateness_seconds",
  help: "Actual send time minus due time of a delivery, by kind (reminder, alert…)",
  labelNames: ["kind"] as const,
  buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900, 3600],
  registers: [registry],
});

const JOB_STATES = ["waiting", "active", "delayed", "prioritized", "failed"] as const;
const QUEUE_SCRAPE_TIMEOUT_MS = 2_000;
const watchedQueues = new Set<Queue>();

export const queueJobs = new Gauge({
  name: "chibo_queue_jobs",
  help: "Jobs in each BullMQ queue by state, read at scrape time",
  labelNames: ["queue", "state"] as const,
  registers: [registry],
  async collect() {
    this.reset();
    await Promise.all(
      [...watchedQueues].map(async (queue) => {
        // A Redis that does not answer leaves the gauge empty rather than hanging the scrape.
        const counts = await withTimeout(
          queue.getJobCounts(...JOB_STATES),
          QUEUE_SCRAPE_TIMEOUT_MS,
        );
        if (!counts) return;
        for (const state of JOB_STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
      }),
    );
  },
});

/** The queues whose depth /metrics reports (bot and worker each watch their own objects). */
export function watchQueues(...queues: Queue[]): () => void {
  for (const queue of queues) watchedQueues.add(queue);
  return () => {
    for (const queue of queues) watchedQueues.delete(queue);
  };
}

let defaultMetrics = false;
/** Process metrics (CPU, memory, event loop lag, GC): once per process. */
export function enableProcessMetrics(): void {
  if (defaultMetrics) return;
  defaultMetrics = true;
  collectDefaultMetrics({ register: registry });
}

export function countSend(platform: string, status: SendStatus): void {
  sendsTotal.inc({ channel: platform.toLowerCase(), status });
}

export function observeLateness(kind: string, dueAt: Date, sentAt: Date): void {
  reminderLateness.observe({ kind }, Math.max(0, (sentAt.getTime() - dueAt.getTime()) / 1000));
}

const UPDATE_TYPES = new Set([
  "message",
  "edited_message",
  "callback_query",
  "my_chat_member",
  "chat_member",
  "inline_query",
]);

/** The kind of a Telegram update (a bounded label set: anything unusual is "other"). */
export function telegramUpdateType(update: object): string {
  const type = Object.keys(update).find((key) => key !== "update_id") ?? "other";
  return UPDATE_TYPES.has(type) ? type : "other";
}

/** A body of a shape the platform does not send: counted, never handled. */
export function countInvalidUpdate(channel: Channel): void {
  updatesTotal.inc({ channel, type: "other", outcome: "invalid" });
}

/** Counts and times one update; the outcome comes from how `handle` ends. */
export async function observeUpdate<T>(
  channel: Channel,
  type: string,
  handle: () => Promise<T>,
  outcomeOf: (result: T) => UpdateOutcome = () => "ok",
): Promise<T> {
  const stop = updateDuration.startTimer({ channel, type });
  let outcome: UpdateOutcome = "error";
  try {
    const result = await handle();
    outcome = outcomeOf(result);
    return result;
  } finally {
    stop();
    updatesTotal.inc({ channel, type, outcome });
  }
}

/**
 * grammY middleware, first in the chain: every update is counted and timed, and logged with its
 * update id (never its content). Errors go on to bot.catch, which logs them with the same id.
 */
export function observeTelegramUpdates(logger: Logger) {
  return async (
    ctx: { update: { update_id: number }; updateOutcome?: UpdateOutcome },
    next: () => Promise<void>,
  ) => {
    const type = telegramUpdateType(ctx.update);
    const log = logger.child({ updateId: ctx.update.update_id });
    const started = performance.now();
    let outcome: UpdateOutcome = "error";
    try {
      await observeUpdate("telegram", type, next, () => ctx.updateOutcome ?? "ok");
      outcome = ctx.updateOutcome ?? "ok";
    } finally {
      log.debug({ type, outcome, ms: Math.round(performance.now() - started) }, "update handled");
    }
  };
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, ms, undefined);
  });
  try {
    return await Promise.race([promise.catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// ── Province scale (issue 18) ──

export const remindersPlannedLate = new Counter({
  name: "chibo_reminders_planned_late_total",
  help: "Reminders the planner could not place by their target at the send capacity, by offset",
  labelNames: ["offset"] as const,
  registers: [registry],
});

export const remindersDropped = new Counter({
  name: "chibo_reminders_dropped_total",
  help: "Reminders dropped at send time (meeting-started, quiet-hours) or moved out of quiet hours (deferred)",
  labelNames: ["reason"] as const,
  registers: [registry],
});
