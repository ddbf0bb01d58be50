import { type ConnectionOptions, Queue } from "bullmq";
import type { Clock } from "../clock.ts";
import type { DueDelivery } from "../services/ledger.ts";

export const DELIVERY_QUEUE = "delivery";
export const MAINTENANCE_QUEUE = "maintenance";

export interface QueueSettings {
  connection: ConnectionOptions;
  /** Redis key prefix: one per deployment, one per test. */
  prefix: string;
}

export interface DeliveryJobData {
  deliveryId: string;
  /** The due time in the clock's terms: the sandbox promotes delayed jobs by it. */
  dueAt: string;
  /** "PLATFORM:chatId", for the per-chat pace before the row is claimed. */
  chat: string;
}

/** Deterministic: the same delivery never has two jobs at once (BullMQ refuses ':' and all-digit ids). */
export function deliveryJobId(deliveryId: string): string {
  return `dl-${deliveryId}`;
}

/** The one place every delivery job's options are built. */
export function deliveryJob(delivery: DueDelivery, clock: Clock) {
  return {
    name: "deliver",
    data: {
      deliveryId: delivery.id,
      dueAt: delivery.dueAt.toISOString(),
      chat: `${delivery.platform}:${delivery.chatId}`,
    } satisfies DeliveryJobData,
    opts: {
      jobId: deliveryJobId(delivery.id),
      delay: Math.max(0, delivery.dueAt.getTime() - clock.now().getTime()),
      // 5xx answers are retried with backoff; 429s do not count (worker.rateLimit).
      attempts: 5,
      backoff: { type: "exponential", delay: 2_000 },
      removeOnComplete: true,
      removeOnFail: { count: 10_000 },
    },
  };
}

export function createDeliveryQueue(settings: QueueSettings): Queue<DeliveryJobData> {
  return new Queue<DeliveryJobData>(DELIVERY_QUEUE, settings);
}

/** After the intents' transaction committed: one delayed job per delivery (idempotent by job id). */
export async function enqueueDeliveries(
  queue: Queue<DeliveryJobData>,
  rows: DueDelivery[],
  clock: Clock,
) {
  for (let i = 0; i < rows.length; i += 1000) {
    await queue.addBulk(rows.slice(i, i + 1000).map((row) => deliveryJob(row, clock)));
  }
}

export async function removeDeliveryJobs(queue: Queue<DeliveryJobData>, deliveryIds: string[]) {
  // remove() refuses an active (locked) job: that one will find its row cancelled and stop.
  await Promise.all(deliveryIds.map((id) => queue.remove(deliveryJobId(id)).catch(() => 0)));
}
