// `npm run worker`: the delivery workers, the planner and the reconciler; separate from the bot.
import { Api } from "grammy";
import { Hono } from "hono";
import { TelegramMessenger } from "./channels/telegram/messenger.ts";
import { ZaloClient } from "./channels/zalo/client.ts";
import { ZaloMessenger } from "./channels/zalo/messenger.ts";
import { loadConfigOrExit, telegramBots } from "./config.ts";
import { closeWithin, createDeliveryWorker } from "./jobs/delivery-worker.ts";
import { startMaintenance } from "./jobs/maintenance.ts";
import { reconcile } from "./jobs/reconciler.ts";
import { unservedChats } from "./jobs/unserved-chats.ts";
import { errorMessage, exitOnUnhandledRejection } from "./logger.ts";
import { createRuntime, type Runtime } from "./runtime.ts";
import { listen } from "./server/http.ts";
import { mountOps } from "./server/ops.ts";
import { createPreparer } from "./services/deliveries.ts";
import type { Messenger } from "./services/messenger.ts";
import { markUnreachable } from "./services/unreachable.ts";

/** A job in flight gets this long to finish on SIGTERM; then it is given up (the ledger copes). */
const DRAIN_MS = 10_000;

export async function startWorkers(
  runtime: Runtime,
  messengers: { TELEGRAM?: Messenger; ZALO?: Messenger; SANDBOX?: Messenger },
  telegramBots?: ReadonlyMap<string, Messenger>,
) {
  const { db, redis, services, config, logger } = runtime;
  const delivery = createDeliveryWorker(
    {
      db,
      redis,
      clock: services.clock,
      messengers,
      telegramBots,
      prepare: createPreparer({ db, t: services.t, settings: services.settings }),
      onUnreachable: (memberId) => markUnreachable(services, memberId),
      logger,
    },
    {
      ...runtime.queueSettings,
      ratePerSecond: services.settings.sendRatePerLane,
      lockSeconds: config.JOB_LOCK_SECONDS,
    },
  );
  delivery.on("failed", (job, error) =>
    logger.warn({ jobId: job?.id, err: errorMessage(error) }, "delivery job failed"),
  );
  delivery.on("error", (error) => logger.error({ err: errorMessage(error) }, "delivery worker"));
  for (const { platform, chats } of await unservedChats(db, Object.keys(messengers))) {
    logger.warn(
      { platform, chats },
      "no messenger for this platform: its chats' deliveries fail and still spend the send budget",
    );
  }
  const maintenance = await startMaintenance(runtime, logger);
  logger.info(
    await reconcile(db, runtime.deliveryQueue, services.clock, {
      horizonMs: services.settings.dispatchHorizonMs,
    }),
    "reconciled at start",
  );
  void delivery.run();
  return {
    delivery,
    queues: [runtime.deliveryQueue, maintenance.queue],
    async stop() {
      await Promise.all([
        closeWithin(delivery, DRAIN_MS),
        closeWithin(maintenance.worker, DRAIN_MS),
      ]);
      await maintenance.queue.close();
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const config = loadConfigOrExit();
  if (!config.BOT_TOKEN && !config.ZALO_BOT_TOKEN) {
    console.error(
      "BOT_TOKEN or ZALO_BOT_TOKEN: required to send messages (or run the sandbox: npm run demo)",
    );
    process.exit(2);
  }
  const runtime = createRuntime(config);
  const { logger } = runtime;
  exitOnUnhandledRejection(logger);
  const messengers: Parameters<typeof startWorkers>[1] = {};
  const telegramBotMessengers = new Map<string, Messenger>();
  const paidBroadcast = config.PAID_BROADCAST === "on";
  for (const bot of telegramBots(config)) {
    const api = new Api(bot.token, { apiRoot: config.TELEGRAM_API_ROOT });
    const messenger = new TelegramMessenger(api, { paidBroadcast });
    if (bot.main) messengers.TELEGRAM = messenger;
    else telegramBotMessengers.set(bot.botId, messenger);
  }
  if (config.ZALO_BOT_TOKEN)
    messengers.ZALO = new ZaloMessenger(
      new ZaloClient(config.ZALO_BOT_TOKEN, { apiRoot: config.ZALO_API_ROOT }),
      runtime.db,
      runtime.services.t,
      runtime.services.clock,
    );
  const workers = await startWorkers(runtime, messengers, telegramBotMessengers);

  // Health, readiness and metrics of this process, for the orchestrator and Prometheus.
  let server: Awaited<ReturnType<typeof listen>> | undefined;
  let ops: ReturnType<typeof mountOps> | undefined;
  if (config.WORKER_PORT !== undefined) {
    const app = new Hono();
    ops = mountOps(app, { db: runtime.db, redis: runtime.redis, queues: workers.queues });
    server = await listen(app, config.WORKER_PORT, config.HOST);
  }
  logger.info({ port: server?.port ?? null }, "worker started");

  const shutdown = async (signal: string) => {
    logger.info({ signal }, "worker stopping");
    // The last resort: whatever hangs, the process ends.
    setTimeout(() => process.exit(1), DRAIN_MS + 5_000).unref();
    ops?.startDraining();
    await workers.stop();
    await server?.close();
    await runtime.close();
    logger.info("worker stopped");
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}
