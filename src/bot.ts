// `npm run bot`: the Telegram bot, long polling (development) or webhook (production).
import { autoRetry } from "@grammyjs/auto-retry";
import { run } from "@grammyjs/runner";
import { Hono } from "hono";
import { createBot } from "./channels/telegram/bot.ts";
import { setDefaultCommands } from "./channels/telegram/commands.ts";
import { ZaloBot } from "./channels/zalo/bot.ts";
import { ZaloClient } from "./channels/zalo/client.ts";
import { ZaloMessenger } from "./channels/zalo/messenger.ts";
import { startZaloPolling } from "./channels/zalo/poller.ts";
import { mountZaloWebhook, ZALO_WEBHOOK_PATH } from "./channels/zalo/webhook.ts";
import { loadConfigOrExit } from "./config.ts";
import { createLogger } from "./logger.ts";
import { createRuntime } from "./runtime.ts";
import { listen } from "./server/http.ts";
import { mountWebhook, WEBHOOK_PATH } from "./server/webhook.ts";

const config = loadConfigOrExit();
if (!config.BOT_TOKEN) {
  console.error(
    "BOT_TOKEN: required (from BotFather). Without a token, try the sandbox: npm run demo",
  );
  process.exit(2);
}
const logger = createLogger(config.LOG_LEVEL);
const runtime = createRuntime(config);
const zalo = config.ZALO_BOT_TOKEN
  ? new ZaloClient(config.ZALO_BOT_TOKEN, { apiRoot: config.ZALO_API_ROOT })
  : null;
const bot = createBot(
  config.BOT_TOKEN,
  { services: runtime.services, redis: runtime.redis, redisPrefix: config.REDIS_PREFIX },
  { apiRoot: config.TELEGRAM_API_ROOT },
);
// Retries 429 and 5xx answers only: a lost response (network error) is never retried blindly.
bot.api.config.use(
  autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30, rethrowHttpErrors: true }),
);
await bot.init();
await setDefaultCommands(bot.api, runtime.services.t);

const app = new Hono();
app.get("/healthz", (c) => c.json({ ok: true }));
let stopUpdates: () => Promise<void>;
if (config.BOT_MODE === "webhook") {
  mountWebhook(app, bot, config.WEBHOOK_SECRET!);
  await bot.api.setWebhook(new URL(WEBHOOK_PATH, config.WEBHOOK_URL!).toString(), {
    secret_token: config.WEBHOOK_SECRET,
    allowed_updates: ["message", "callback_query", "my_chat_member"],
  });
  stopUpdates = async () => undefined;
} else {
  await bot.api.deleteWebhook();
  const runner = run(bot);
  stopUpdates = () => runner.stop();
}
// Zalo, when configured: the same services behind a text dialogue.
let stopZalo = async () => undefined as unknown;
if (zalo) {
  const services = runtime.services;
  const zaloBot = new ZaloBot({
    services,
    redis: runtime.redis,
    redisPrefix: config.REDIS_PREFIX,
    messenger: new ZaloMessenger(zalo, runtime.db, services.t, services.clock),
  });
  if (config.ZALO_MODE === "webhook") {
    mountZaloWebhook(app, zaloBot, config.ZALO_WEBHOOK_SECRET!);
    await zalo.setWebhook(
      new URL(ZALO_WEBHOOK_PATH, config.ZALO_WEBHOOK_URL!).toString(),
      config.ZALO_WEBHOOK_SECRET!,
    );
  } else {
    stopZalo = startZaloPolling(zalo, zaloBot).stop;
  }
}
const server = await listen(app, config.PORT, process.env.HOST ?? "0.0.0.0");
logger.info({ mode: config.BOT_MODE, port: server.port, bot: bot.botInfo.username }, "bot started");

async function shutdown() {
  const deadline = setTimeout(() => process.exit(1), 10_000).unref();
  await Promise.all([stopUpdates(), stopZalo()]);
  await server.close();
  await runtime.close();
  clearTimeout(deadline);
  process.exit(0);
}
process.once("SIGTERM", shutdown);
process.once("SIGINT", shutdown);
