import type { Clock } from "../clock.ts";
import { loadConfig } from "../config.ts";
import { createDb } from "../db/client.ts";
import { createI18n, translator } from "../i18n.ts";
import type { Services } from "../services/context.ts";
import { settingsFrom } from "../settings.ts";

/**
 * The services a command needs to work on the database alone, without Redis: the dispatcher leaves
 * new deliveries PENDING in the ledger and the worker's reconciler queues them (at start and every
 * 5 minutes). A bad environment variable throws ConfigError (main.ts: exit 2 and its message).
 */
export function offlineServices(
  env: NodeJS.ProcessEnv,
  clock: Clock,
  options: { poolSize: number; locale?: string },
): Services {
  const config = loadConfig(env);
  return {
    db: createDb(config.DATABASE_URL, options.poolSize),
    clock,
    settings: settingsFrom(config),
    dispatcher: { dispatch: async () => undefined },
    t: translator(createI18n(), options.locale),
  };
}
