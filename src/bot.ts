// `npm run bot`: the Telegram bot, long polling (development) or webhook (production), plus the
// operators' endpoints (/healthz, /readyz, /metrics, /admin/queues) on the same port.
import { run } from "@grammyjs/runner";
import { Queue } from "bullmq";
import { Hono } from "hono";
import { replyRetry } from "./channels/telegram/api-policy.ts";
import { createBot } from "./channels/telegram/bot.ts";
import { setDefaultCommands } from "./channels/telegram/commands.ts";
import { ZaloBot } from "./channels/zalo/bot.ts";
import { ZaloClient, zaloBotId } from "./channels/zalo/client.ts";
import { ZaloMessenger } from "./channels/zalo/messenger.ts";
import { startZaloPolling } from "./channels/zalo/poller.ts";
import { mountZaloWebhook, ZALO_WEBHOOK_PATH } from "./channels/zalo/webhook.ts";
import { ChatLocks } from "./chat-lock.ts";
import { loadConfigOrExit, type TelegramBotConfig, telegramBots } from "./config.ts";
import { MAINTENANCE_QUEUE } from "./jobs/queues.ts";
import { errorMessage, exitOnUnhandledRejection } from "./logger.ts";
import { createRuntime } from "./runtime.ts";
import { listen } from "./server/http.ts";
import { inflightGate, mountOps } from "./server/ops.ts";
import { mountWeb, webOnlyApp } from "./server/web.ts";
import { mountWebhook, WEBHOOK_PATH } from "./server/webhook.ts";
import { servingUnitCode, unknownUnitCodes } from "./services/bot-units.ts";

/** SIGTERM to exit: updates in flight get most of it, then the connections close. */
const SHUTDOWN_MS = 10_000;

const config = loadConfigOrExit();
if (!config.BOT_TOKEN) {
  console.error(
    "BOT_TOKEN: required (from BotFather). Without a token, try the sandbox: npm run demo",
  );
  process.exit(2);
}
const runtime = createRuntime(config);
const { logger } = runtime;
exitOnUnhandledRejection(logger);

try {
  await main();
} catch (error) {
  logger.fatal({ err: errorMessage(error) }, "bot failed to start");
  process.exit(1);
}

async function main() {
  const zalo = config.ZALO_BOT_TOKEN
    ? new ZaloClient(config.ZALO_BOT_TOKEN, { apiRoot: config.ZALO_API_ROOT })
    : null;
  // The main bot, then one per BOT_TOKENS entry: the same services behind each.
  const configured = telegramBots(config);
  const unknown = await unknownUnitCodes(
    runtime.db,
    configured.flatMap((b) => b.unitCodes),
  );
  if (unknown.length > 0) throw new Error(`BOT_TOKENS: no unit has the code ${unknown.join(", ")}`);
  const usernames = new Map<string, string>();
  const inviteBot = async (cellId: string) => {
    const code = await servingUnitCode(runtime.db, cellId, [...usernames.keys()]);
    return code ? usernames.get(code) : undefined;
  };
  const bots = [];
  for (const entry of configured) {
    const bot = createBot(
      entry.token,
      {
        services: runtime.services,
        redis: runtime.redis,
        redisPrefix: config.REDIS_PREFIX,
        ...(entry.main ? {} : { botId: entry.botId }),
        ...(configured.length > 1 ? { inviteBot } : {}),
      },
      { apiRoot: config.TELEGRAM_API_ROOT },
    );
    // Retries 429 and 5xx answers only: a lost response (network error) is never retried blindly.
    // The same instance createBot puts on every update's Api, so updates do not get it twice.
    bot.api.config.use(replyRetry);
    await bot.init();
    await setDefaultCommands(bot.api, runtime.services.t);
    for (const code of entry.unitCodes) usernames.set(code, bot.botInfo.username);
    bots.push({ bot, entry });
  }
  const webhookPath = (entry: TelegramBotConfig) =>
    entry.main ? WEBHOOK_PATH : `${WEBHOOK_PATH}/${entry.botId}`;

  const app = new Hono();
  // Never the framework's default (it prints whole error objects): one scrubbed line, and a 500.
  app.onError((error, c) => {
    logger.error({ path: c.req.path, err: errorMessage(error) }, "request failed");
    return c.json({ ok: false }, 500);
  });
  // The board and the queue-depth gauge read the maintenance queue too (the worker fills it).
  const maintenanceQueue = new Queue(MAINTENANCE_QUEUE, runtime.queueSettings);
  const ops = mountOps(app, {
    db: runtime.db,
    redis: runtime.redis,
    queues: [runtime.deliveryQueue, maintenanceQueue],
    admin:
      config.ADMIN_USER && config.ADMIN_PASSWORD
        ? { user: config.ADMIN_USER, password: config.ADMIN_PASSWORD }
        : undefined,
  });
  // Updates in flight are counted; once stopping, new ones get 503 and are delivered again later.
  const gate = inflightGate();
  app.use(WEBHOOK_PATH, gate.middleware);
  app.use(`${WEBHOOK_PATH}/*`, gate.middleware);
  app.use(ZALO_WEBHOOK_PATH, gate.middleware);

  let stopUpdates = async (): Promise<unknown> => undefined;
  if (config.BOT_MODE === "webhook") {
    for (const { bot, entry } of bots)
      mountWebhook(app, bot, config.WEBHOOK_SECRET!, webhookPath(entry));
  }

  // Zalo, when configured: the same services behind a text dialogue.
  let stopZalo = async (): Promise<unknown> => undefined;
  let zaloWebhook = false;
  if (zalo) {
    const { services } = runtime;
    const locks = new ChatLocks(runtime.redis, config.REDIS_PREFIX);
    const zaloBot = new ZaloBot({
      services,
      botId: zaloBotId(config.ZALO_BOT_TOKEN!),
      messenger: new ZaloMessenger(zalo, runtime.db, services.t, services.clock),
    });
    if (config.ZALO_MODE === "webhook") {
      mountZaloWebhook(app, zaloBot, config.ZALO_WEBHOOK_SECRET!, { logger, locks });
      zaloWebhook = true;
    } else {
      stopZalo = startZaloPolling(zalo, zaloBot, { logger, locks }).stop;
    }
  }

  // The web console (issue 17): under /web here, or on its own port only (WEB_PORT).
  const webDeps = { services: runtime.services, logger };
  if (config.WEB_PORT === undefined) mountWeb(app, webDeps);
  const webServer =
    config.WEB_PORT === undefined
      ? null
      : await listen(webOnlyApp(webDeps), config.WEB_PORT, config.HOST);

  // Listen first, then tell the platforms where to deliver: nothing arrives before we answer.
  const server = await listen(app, config.PORT, config.HOST);
  if (config.BOT_MODE === "webhook") {
    for (const { bot, entry } of bots) {
      await bot.api.setWebhook(new URL(webhookPath(entry), config.WEBHOOK_URL!).toString(), {
        secret_token: config.WEBHOOK_SECRET,
        allowed_updates: ["message", "callback_query", "my_chat_member"],
      });
    }
  } else {
    const runners: ReturnType<typeof run>[] = [];
    for (const { bot } of bots) {
      await bot.api.deleteWebhook();
      runners.push(run(bot));
    }
    stopUpdates = () => Promise.all(runners.map((runner) => runner.stop()));
  }
  if (zalo && zaloWebhook) {
    await zalo.setWebhook(
      new URL(ZALO_WEBHOOK_PATH, config.ZALO_WEBHOOK_URL!).toString(),
      config.ZALO_WEBHOOK_SECRET!,
    );
  }
  logger.info(
    {
      mode: config.BOT_MODE,
      port: server.port,
      webPort: webServer?.port,
      bots: bots.map(({ bot }) => bot.botInfo.username),
      zalo: !!zalo,
    },
    "bot started",
  );

  let stopping = false;
  async function shutdown(signal: string) {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "bot stopping");
    setTimeout(() => {
      logger.error("bot did not stop in time");
      process.exit(1);
    }, SHUTDOWN_MS).unref();
    // Not ready any more; stop taking updates; let those in flight finish.
    ops.startDraining();
    const [, , drained] = await Promise.all([
      stopUpdates(),
      stopZalo(),
      gate.drain(SHUTDOWN_MS - 3_000),
    ]);
    if (!drained) logger.warn({ inflight: gate.inflight }, "updates still in flight at shutdown");
    await server.close();
    await webServer?.close();
    ops.stop();
    await maintenanceQueue.close();
    await runtime.close();
    logger.info("bot stopped");
    process.exit(0);
  }
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}
