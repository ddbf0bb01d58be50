import type { Redis } from "ioredis";
import { type Clock, systemClock } from "./clock.ts";
import type { Config } from "./config.ts";
import { createDb, type Db } from "./db/client.ts";
import { createI18n, translator } from "./i18n.ts";
import { createDeliveryQueue, type QueueSettings } from "./jobs/queues.ts";
import { queueDispatcher } from "./jobs/reconciler.ts";
import { createLogger, errorMessage, type Logger } from "./logger.ts";
import { connectRedis, queuePrefix, redisTarget } from "./redis.ts";
import type { Services } from "./services/context.ts";
import { settingsFrom } from "./settings.ts";

/** Everything a process (bot, worker, sandbox, test) shares: one database, one Redis, one clock. */
export interface Runtime {
  config: Config;
  db: Db;
  /** For commands (BullMQ needs maxRetriesPerRequest: null on worker connections). */
  redis: Redis;
  queueSettings: QueueSettings;
  deliveryQueue: ReturnType<typeof createDeliveryQueue>;
  services: Services;
  i18n: ReturnType<typeof createI18n>;
  logger: Logger;
  close(): Promise<void>;
}

export function createRuntime(config: Config, clock: Clock = systemClock): Runtime {
  const db = createDb(config.DATABASE_URL, config.DATABASE_POOL_SIZE);
  const logger = createLogger(config.LOG_LEVEL);
  const target = redisTarget(config);
  const redis = connectRedis(target);
  // ioredis reconnects by itself; say so once in a while rather than on every attempt.
  let warnedAt = 0;
  redis.on("error", (error) => {
    if (Date.now() - warnedAt < 10_000) return;
    warnedAt = Date.now();
    logger.warn({ err: errorMessage(error) }, "redis connection error");
  });
  const queueSettings: QueueSettings = {
    connection: redis,
    prefix: queuePrefix(config.REDIS_PREFIX, target),
  };
  const deliveryQueue = createDeliveryQueue(queueSettings);
  const i18n = createI18n();
  const settings = settingsFrom(config);
  const services: Services = {
    db,
    clock,
    settings,
    dispatcher: queueDispatcher(deliveryQueue, clock, settings.dispatchHorizonMs),
    t: translator(i18n),
  };
  return {
    config,
    db,
    redis,
    queueSettings,
    deliveryQueue,
    services,
    i18n,
    logger,
    async close() {
      await deliveryQueue.close();
      // QUIT would wait in the offline queue for a Redis that is gone.
      if (redis.status === "ready") await redis.quit().catch(() => undefined);
      else redis.disconnect();
      await db.$disconnect();
    },
  };
}
