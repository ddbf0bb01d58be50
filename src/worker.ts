// `npm run worker`: the delivery workers, the planner and the reconciler; separate from the bot.
import { Api } from "grammy";
import { TelegramMessenger } from "./channels/telegram/messenger.ts";
import { ZaloClient } from "./channels/zalo/client.ts";
import { ZaloMessenger } from "./channels/zalo/messenger.ts";
import { loadConfigOrExit } from "./config.ts";
import { closeWithin, createDeliveryWorker } from "./jobs/delivery-worker.ts";
import { startMaintenance } from "./jobs/maintenance.ts";
import { reconcile } from "./jobs/reconciler.ts";
import { createLogger } from "./logger.ts";
import { createRuntime, type Runtime } from "./runtime.ts";
import { createPreparer } from "./services/deliveries.ts";
import type { Messenger } from "./services/messenger.ts";
import { markUnreachable } from "./services/unreachable.ts";

export async function startWorkers(
  runtime: Runtime,
  messengers: { TELEGRAM?: Messenger; ZALO?: Messenger; SANDBOX?: Messenger },
) {
  const logger = createLogger(runtime.config.LOG_LEVEL);
  const { db, redis, services, config } = runtime;
  const delivery = createDeliveryWorker(
    {
      db,
      redis,
      clock: services.clock,
      messengers,
      prepare: createPreparer({ db, t: services.t, settings: services.settings }),
      onUnreachable: (memberId) => markUnreachable(services, memberId),
    },
    { ...runtime.queueSettings, ratePerSecond: config.SEND_RATE_PER_SEC },
  );
  delivery.on("failed", (job, error) =>
    logger.warn({ jobId: job?.id, err: error.message }, "delivery failed"),
  );
  const maintenance = await startMaintenance(runtime, logger);
  logger.info(await reconcile(db, runtime.deliveryQueue, services.clock), "reconciled at start");
  void delivery.run();
  return {
    delivery,
    async stop() {
      await Promise.all([closeWithin(delivery), closeWithin(maintenance.worker)]);
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
  const messengers: Parameters<typeof startWorkers>[1] = {};
  if (config.BOT_TOKEN)
    messengers.TELEGRAM = new TelegramMessenger(
      new Api(config.BOT_TOKEN, { apiRoot: config.TELEGRAM_API_ROOT }),
    );
  if (config.ZALO_BOT_TOKEN)
    messengers.ZALO = new ZaloMessenger(
      new ZaloClient(config.ZALO_BOT_TOKEN, { apiRoot: config.ZALO_API_ROOT }),
      runtime.db,
      runtime.services.t,
      runtime.services.clock,
    );
  const workers = await startWorkers(runtime, messengers);
  const shutdown = async () => {
    await workers.stop();
    await runtime.close();
    process.exit(0);
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}
