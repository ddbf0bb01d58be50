import type { Platform } from "@prisma/client";
import { DelayedError, type Job, RateLimitError, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Clock } from "../clock.ts";
import type { Db } from "../db/client.ts";
import { type Logger, redactSecrets } from "../logger.ts";
import { countSend, observeLateness } from "../metrics.ts";
import type { DeliveryPreparer } from "../services/deliveries.ts";
import { claim, finish, markSent, release } from "../services/ledger.ts";
import { type Messenger, SendFailure } from "../services/messenger.ts";
import { DELIVERY_QUEUE, type DeliveryJobData, type QueueSettings } from "./queues.ts";
import { SendPacer } from "./send-pacer.ts";

export interface DeliveryWorkerDeps {
  db: Db;
  redis: Redis;
  clock: Clock;
  messengers: Partial<Record<Platform, Messenger>>;
  prepare: DeliveryPreparer;
  /** Called when a member turns out unreachable (blocked the bot, chat gone). */
  onUnreachable?: (memberId: string) => Promise<void>;
  /** Failures are logged with the delivery id and a scrubbed error, never the message. */
  logger?: Logger;
}

export interface DeliveryWorkerOptions extends QueueSettings {
  /** Global cap across every worker on this Redis (Telegram: about 30/s; default 25). */
  ratePerSecond: number;
  /** At most one message per chat in this window (Telegram: 1 message/s per chat). */
  perChatIntervalMs?: number;
  concurrency?: number;
}

export function createDeliveryWorker(deps: DeliveryWorkerDeps, options: DeliveryWorkerOptions) {
  const perChatMs = options.perChatIntervalMs ?? 1000;
  const pacer = new SendPacer(deps.redis, `${options.prefix}:send-pacer`, options.ratePerSecond);
  const worker: Worker<DeliveryJobData> = new Worker<DeliveryJobData>(
    DELIVERY_QUEUE,
    async (job, token) => deliver(job, token),
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency ?? 20,
      limiter: { max: options.ratePerSecond, duration: 1000 },
      autorun: false,
    },
  );

  async function deliver(job: Job<DeliveryJobData>, token: string | undefined): Promise<string> {
    const { db, clock } = deps;
    const { deliveryId, chat } = job.data;
    // One message per chat per interval: wait for the chat's slot before claiming anything.
    const slotKey = `${options.prefix}:chat-slot:${chat}`;
    const slot = await deps.redis.set(slotKey, "1", "PX", perChatMs, "NX");
    if (slot !== "OK") {
      const wait = Math.max(50, await deps.redis.pttl(slotKey));
      await job.moveToDelayed(Date.now() + wait, token);
      throw new DelayedError();
    }

    const claimed = await claim(db, deliveryId, clock.now());
    if (!claimed) {
      const row = await db.delivery.findUnique({ where: { id: deliveryId } });
      if (!row) return "gone";
      if (row.status === "SENDING" && job.attemptsStarted > 1) {
        // A previous run claimed it and died mid-send (kill -9): it may have arrived. Never resend.
        await finish(db, row.id, "UNKNOWN", "worker stopped while sending");
        countSend(row.platform, "unknown");
        deps.logger?.warn({ deliveryId: row.id }, "delivery interrupted mid-send: now UNKNOWN");
        return "unknown";
      }
      return row.status.toLowerCase();
    }
    const { platform, kind } = claimed;
    const log = deps.logger?.child({ deliveryId: claimed.id, kind, platform });
    const messenger = deps.messengers[platform];
    if (!messenger) {
      await finish(db, claimed.id, "FAILED", `no messenger for ${platform}`);
      countSend(platform, "failed");
      log?.error("delivery failed: no messenger for its platform");
      return "failed";
    }
    const message = await deps.prepare(claimed);
    if (!message) {
      await finish(db, claimed.id, "CANCELLED", "no longer needed when due");
      countSend(platform, "cancelled");
      return "skipped";
    }
    // The global pace is taken right before the send, so sends keep to their slots.
    await pacer.take();
    try {
      const sent = await messenger.send(claimed.chatId, message);
      const sentAt = clock.now();
      await markSent(db, claimed.id, sent.platformMessageId, sentAt);
      countSend(platform, "sent");
      observeLateness(kind, claimed.dueAt, sentAt);
      return "sent";
    } catch (error) {
      const failure =
        error instanceof SendFailure ? error : new SendFailure("ambiguous", String(error));
      // Fetch errors quote the request URL, which holds the token: never store or log it.
      const reason = redactSecrets(failure.message);
      switch (failure.kind) {
        case "rate_limited":
          await release(db, claimed.id, reason, false);
          countSend(platform, "429");
          log?.warn({ retryAfterMs: failure.retryAfterMs }, "delivery rate limited");
          await worker.rateLimit(failure.retryAfterMs);
          throw new RateLimitError();
        case "transient":
          await release(db, claimed.id, reason, true);
          if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
            await finish(db, claimed.id, "FAILED", reason);
            countSend(platform, "failed");
            log?.error({ err: reason, attempts: job.attemptsMade + 1 }, "delivery failed");
            return "failed";
          }
          countSend(platform, "retried");
          log?.warn({ err: reason, attempt: job.attemptsMade + 1 }, "delivery will be retried");
          throw new SendFailure("transient", reason);
        case "unreachable":
          await finish(db, claimed.id, "FAILED", reason);
          countSend(platform, "failed");
          log?.info({ err: reason }, "delivery failed: recipient unreachable");
          if (claimed.memberId) await deps.onUnreachable?.(claimed.memberId);
          return "failed";
        case "rejected":
          await finish(db, claimed.id, "FAILED", reason);
          countSend(platform, "failed");
          log?.error({ err: reason }, "delivery rejected by the platform");
          return "failed";
        case "ambiguous":
          await finish(db, claimed.id, "UNKNOWN", reason);
          countSend(platform, "unknown");
          log?.warn({ err: reason }, "delivery outcome unknown: not resent, a person checks");
          return "unknown";
      }
    }
  }

  return worker;
}

/** Stops taking work and waits for what is in flight, at most `ms`; then gives up the rest. */
export async function closeWithin(worker: Worker, ms = 10_000): Promise<void> {
  const timer = new Promise<"timeout">((resolve) => setTimeout(resolve, ms, "timeout").unref());
  if ((await Promise.race([worker.close(), timer])) === "timeout") await worker.close(true);
}
