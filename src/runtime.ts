import { Redis } from "ioredis";
import { type Clock, systemClock } from "./clock.ts";
import type { Config } from "./config.ts";
import { createDb, type Db } from "./db/client.ts";
import { createI18n, translator } from "./i18n.ts";
import { createDeliveryQueue, type QueueSettings } from "./jobs/queues.ts";
import { queueDispatcher } from "./jobs/reconciler.ts";
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
  close(): Promise<void>;
}

export function createRuntime(config: Config, clock: Clock = systemClock): Runtime {
  const db = createDb(config.DATABASE_URL);
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
  const queueSettings: QueueSettings = { connection: redis, prefix: config.REDIS_PREFIX };
  const deliveryQueue = createDeliveryQueue(queueSettings);
  const i18n = createI18n();
  const services: Services = {
    db,
    clock,
    settings: settingsFrom(config),
    dispatcher: queueDispatcher(deliveryQueue, clock),
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
    async close() {
      await deliveryQueue.close();
      await redis.quit().catch(() => undefined);
      await db.$disconnect();
    },
  };
}
