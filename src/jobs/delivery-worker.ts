import type { Platform } from "@prisma/client";
import { DelayedError, type Job, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Clock } from "../clock.ts";
import type { Db } from "../db/client.ts";
import { sendLane } from "../domain/send-lanes.ts";
import { type Logger, redactSecrets } from "../logger.ts";
import { countSend, observeLateness, remindersDropped } from "../metrics.ts";
import type { DeliveryPreparer, Prepared } from "../services/deliveries.ts";
import {
  type ClaimedDelivery,
  claim,
  defer,
  finish,
  markSent,
  release,
  SentMarks,
  unclaim,
} from "../services/ledger.ts";
import { type Messenger, SendFailure, type SentMessage } from "../services/messenger.ts";
import { Deferred, Dropped } from "../services/send-check.ts";
import { DELIVERY_QUEUE, type DeliveryJobData, type QueueSettings } from "./queues.ts";
import { SendPacer } from "./send-pacer.ts";
import { UnrecordedSends } from "./unrecorded-sends.ts";

/** What `persist` returns when the worker stopped before the database answered. */
const STOPPED = Symbol("stopped");

export interface DeliveryWorkerDeps {
  db: Db;
  redis: Redis;
  clock: Clock;
  messengers: Partial<Record<Platform, Messenger>>;
  /**
   * Telegram's other bots by bot id (BOT_TOKENS): a chat bound to one of them is sent through it,
   * paced on its own; every other Telegram chat goes through `messengers.TELEGRAM`, the main bot.
   */
  telegramBots?: ReadonlyMap<string, Messenger>;
  prepare: DeliveryPreparer;
  /** Called when a member turns out unreachable (blocked the bot, chat gone). */
  onUnreachable?: (memberId: string) => Promise<void>;
  /** Failures are logged with the delivery id and a scrubbed error, never the message. */
  logger?: Logger;
  /** Real milliseconds until `at` on `clock` (default: at − now; a benchmark's clock runs faster). */
  delayMs?: (at: Date) => number;
}

export interface DeliveryWorkerOptions extends QueueSettings {
  /**
   * Cap per sending bot across every worker on this Redis (Telegram: about 30/s per token;
   * default 25): each Telegram bot and each other platform is a lane with its own pace.
   */
  ratePerSecond: number;
  /** At most one message per chat in this window (Telegram: 1 message/s per chat). */
  perChatIntervalMs?: number;
  concurrency?: number;
  /** A dead worker's job is taken over after this (lock and stalled check; BullMQ's 30 s). */
  lockSeconds?: number;
}

export function createDeliveryWorker(deps: DeliveryWorkerDeps, options: DeliveryWorkerOptions) {
  const perChatMs = options.perChatIntervalMs ?? 1000;
  const lanes = new Map<string, SendPacer>();
  // The main bot's lane keeps the key one bot always had, so a rolling upgrade shares its pace.
  const pacerOf = (lane: string) => {
    let pacer = lanes.get(lane);
    if (!pacer) {
      const key = lane === "TELEGRAM" ? "send-pacer" : `send-pacer:${lane}`;
      pacer = new SendPacer(deps.redis, `${options.prefix}:${key}`, options.ratePerSecond);
      lanes.set(lane, pacer);
    }
    return pacer;
  };
  const laneCount = Object.keys(deps.messengers).length + (deps.telegramBots?.size ?? 0) || 1;
  const worker: Worker<DeliveryJobData> = new Worker<DeliveryJobData>(
    DELIVERY_QUEUE,
    async (job, token) => deliver(job, token),
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency ?? 20,
      // Every lane at its cap at once; each lane's own pace is the pacer's.
      limiter: { max: options.ratePerSecond * laneCount, duration: 1000 },
      lockDuration: (options.lockSeconds ?? 30) * 1000,
      stalledInterval: (options.lockSeconds ?? 30) * 1000,
      autorun: false,
    },
  );
  const unrecorded = new UnrecordedSends(deps.redis, options.prefix);
  const marks = new SentMarks(deps.db);
  const delayMs = deps.delayMs ?? ((at: Date) => at.getTime() - deps.clock.now().getTime());
  // Set when close() begins: ledger writes stop retrying so the worker can stop in time.
  let stopping = false;
  worker.on("closing", () => {
    stopping = true;
  });

  async function deliver(job: Job<DeliveryJobData>, token: string | undefined): Promise<string> {
    const { db, clock } = deps;
    const { deliveryId } = job.data;
    const claimedAt = clock.now();
    let claimed: ClaimedDelivery | undefined;
    try {
      [claimed] = await claim(db, [deliveryId], claimedAt);
    } catch (error) {
      // Left SENDING by a claim that committed unseen, the retry would take it for a send cut short.
      await persist(deps.logger, "undo a claim whose answer was lost", () =>
        unclaim(db, [deliveryId], claimedAt),
      );
      throw error;
    }
    if (!claimed) {
      const row = await db.delivery.findUnique({ where: { id: deliveryId } });
      if (!row) return "gone";
      if (row.status === "SENDING" && job.attemptsStarted > 1) {
        return interrupted(row.id, row.platform, deps.logger);
      }
      return row.status.toLowerCase();
    }
    return send(job, token, claimed);
  }

  /**
   * A row left SENDING by an earlier run of its job: sent but not recorded before that run
   * stopped (SENT now), or cut short mid-send (kill -9: it may have arrived, never resent).
   */
  async function interrupted(id: string, platform: Platform, logger: Logger | undefined) {
    const known = await unrecorded.recall(id);
    if (known) {
      await markSent(deps.db, [{ id, ...known }]);
      await unrecorded.forget(id);
      countSend(platform, "sent");
      return "sent";
    }
    await finish(deps.db, id, "UNKNOWN", "worker stopped while sending", { onlyIfSending: true });
    countSend(platform, "unknown");
    logger?.warn({ deliveryId: id }, "delivery interrupted mid-send: now UNKNOWN");
    return "unknown";
  }

  /** A claimed delivery: re-checked, paced, sent and recorded. */
  async function send(
    job: Job<DeliveryJobData>,
    token: string | undefined,
    claimed: ClaimedDelivery,
  ): Promise<string> {
    const { db, clock } = deps;
    const { platform, kind } = claimed;
    const log = deps.logger?.child({ deliveryId: claimed.id, kind, platform });
    const bot = claimed.botId ? deps.telegramBots?.get(claimed.botId) : undefined;
    if (claimed.botId && !bot) log?.warn({ botId: claimed.botId }, "bot not configured: main bot");
    const messenger = bot ?? deps.messengers[platform];
    if (!messenger) {
      await persist(log, "fail", () =>
        finish(db, claimed.id, "FAILED", `no messenger for ${platform}`),
      );
      countSend(platform, "failed");
      log?.error("delivery failed: no messenger for its platform");
      return "failed";
    }
    let message: Prepared;
    try {
      message = await deps.prepare(claimed, clock.now());
    } catch (error) {
      // Nothing was sent: the row goes back to PENDING (once the database answers) and BullMQ
      // retries the job; left SENDING, the retry would take it for a send cut short.
      await persist(log, "release after a failed check", () =>
        release(db, claimed.id, redactSecrets(String(error)), false),
      );
      throw error;
    }
    if (!message) {
      await persist(log, "cancel", () =>
        finish(db, claimed.id, "CANCELLED", "no longer needed when due"),
      );
      countSend(platform, "cancelled");
      return "skipped";
    }
    if (message instanceof Dropped) {
      // Sent now it would be late as if on time (the meeting began, or only after quiet hours).
      const reason =
        message.reason === "meeting-started"
          ? "dropped: the meeting had started"
          : "dropped: quiet hours until the meeting";
      await persist(log, "drop", () => finish(db, claimed.id, "CANCELLED", reason));
      countSend(platform, "cancelled");
      remindersDropped.inc({ reason: message.reason });
      log?.info({ reason: message.reason }, "reminder dropped at send time");
      return `dropped-${message.reason}`;
    }
    if (message instanceof Deferred) {
      const until = message.until;
      await persist(log, "defer", () => defer(db, claimed.id, until, message.reason));
      remindersDropped.inc({ reason: "deferred" });
      await job.updateData({ ...job.data, dueAt: until.toISOString() });
      await job.moveToDelayed(Date.now() + Math.max(0, delayMs(until)), token);
      throw new DelayedError();
    }
    // One message per chat per interval, and the lane's global pace, right before the send.
    const chatKey = `${options.prefix}:chat-slot:${platform}:${claimed.chatId}`;
    const pacer = pacerOf(sendLane(platform, bot ? claimed.botId : null));
    let busyMs: number;
    try {
      busyMs = await pacer.take(chatKey, perChatMs);
    } catch (error) {
      // Redis did not answer: nothing was sent, the row goes back to PENDING for the job's retry.
      await persist(log, "release after the pacer failed", () =>
        release(db, claimed.id, redactSecrets(String(error)), false),
      );
      throw error;
    }
    if (busyMs > 0) {
      // The chat had a message just now, or the lane waits out a 429: back to PENDING (not an
      // attempt) until then.
      await persist(log, "release for a busy slot", () => release(db, claimed.id, null, false));
      await job.moveToDelayed(Date.now() + busyMs, token);
      throw new DelayedError();
    }
    let sent: SentMessage;
    try {
      sent = await messenger.send(claimed.chatId, message);
    } catch (error) {
      const failure =
        error instanceof SendFailure ? error : new SendFailure("ambiguous", String(error));
      // Nothing arrived: the chat's slot is free again for its retry (or its next message).
      if (failure.kind !== "ambiguous") await deps.redis.del(chatKey).catch(() => undefined);
      return failed(job, token, claimed, failure, { pacer, log });
    }
    const sentAt = clock.now();
    // The message arrived: only SENT may be recorded, whatever the database does meanwhile. The
    // job ends once the mark is committed (grouped with the other sends' marks of the moment).
    const mark = { id: claimed.id, platformMessageId: sent.platformMessageId, sentAt };
    const recorded = await persist(log, "mark sent", () => marks.mark(mark));
    if (recorded === STOPPED) {
      // The worker stops before the database answered: keep the message id where the next
      // attempt and the reconciler look (src/jobs/unrecorded-sends.ts), and say so.
      await unrecorded.remember(claimed.id, sent.platformMessageId, sentAt).catch(() => undefined);
      log?.error(
        { platformMessageId: sent.platformMessageId },
        "sent, but the database did not answer before the worker stopped: SENT not recorded yet",
      );
      return "sent-unrecorded";
    }
    countSend(platform, "sent");
    observeLateness(kind, claimed.dueAt, sentAt);
    return "sent";
  }

  /** A send that threw: its outcome decides the row, recorded even through a database blip. */
  async function failed(
    job: Job<DeliveryJobData>,
    token: string | undefined,
    claimed: ClaimedDelivery,
    failure: SendFailure,
    { pacer, log }: { pacer: SendPacer; log: Logger | undefined },
  ): Promise<string> {
    const { db } = deps;
    const platform = claimed.platform;
    // Fetch errors quote the request URL, which holds the token: never store or log it.
    const reason = redactSecrets(failure.message);
    switch (failure.kind) {
      case "rate_limited": {
        await persist(log, "release after 429", () => release(db, claimed.id, reason, false));
        countSend(platform, "429");
        log?.warn({ retryAfterMs: failure.retryAfterMs }, "delivery rate limited");
        // Only this lane waits (its bot was told to): every worker's next slot on it comes after
        // the Retry-After; the other bots and platforms go on.
        // (A 429 without Retry-After waits a second.)
        const waitMs = Math.max(failure.retryAfterMs, 1_000);
        await pacer.pause(waitMs).catch(() => undefined);
        await job.moveToDelayed(Date.now() + waitMs, token);
        throw new DelayedError();
      }
      case "transient":
        if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
          await persist(log, "fail", () => finish(db, claimed.id, "FAILED", reason));
          countSend(platform, "failed");
          log?.error({ err: reason, attempts: job.attemptsMade + 1 }, "delivery failed");
          return "failed";
        }
        await persist(log, "release after 5xx", () => release(db, claimed.id, reason, true));
        countSend(platform, "retried");
        log?.warn({ err: reason, attempt: job.attemptsMade + 1 }, "delivery will be retried");
        throw new SendFailure("transient", reason);
      case "unreachable":
        await persist(log, "fail", () => finish(db, claimed.id, "FAILED", reason));
        countSend(platform, "failed");
        log?.info({ err: reason }, "delivery failed: recipient unreachable");
        if (claimed.memberId) await deps.onUnreachable?.(claimed.memberId);
        return "failed";
      case "rejected":
        await persist(log, "fail", () => finish(db, claimed.id, "FAILED", reason));
        countSend(platform, "failed");
        log?.error({ err: reason }, "delivery rejected by the platform");
        return "failed";
      case "ambiguous":
        await persist(log, "mark unknown", () => finish(db, claimed.id, "UNKNOWN", reason));
        countSend(platform, "unknown");
        log?.warn({ err: reason }, "delivery outcome unknown: not resent, a person checks");
        return "unknown";
    }
  }

  /**
   * A ledger write whose outcome is already decided (sent, or surely not sent): retried until
   * PostgreSQL answers or the worker stops. Giving up would turn a known outcome into UNKNOWN.
   */
  async function persist<T>(
    log: Logger | undefined,
    what: string,
    write: () => Promise<T>,
  ): Promise<T | typeof STOPPED> {
    for (let attempt = 0, pause = 100; ; attempt++, pause = Math.min(pause * 2, 2_000)) {
      try {
        const result = await write();
        if (attempt > 0) log?.info({ attempts: attempt + 1 }, `ledger ${what}: recorded`);
        return result;
      } catch (error) {
        if (attempt === 0) {
          log?.warn({ err: redactSecrets(String(error)) }, `ledger ${what} failed: retrying`);
        }
        if (stopping) return STOPPED;
        await new Promise((resolve) => setTimeout(resolve, pause));
        if (stopping) return STOPPED;
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
