// `npm run bench -- rsvp [--members N] [--concurrency C] [--decline-share S]`: members answering
// their reminder through the whole stack — the local Bot API POSTs each press to the bot's real
// webhook endpoint (secret token, answered after processing), grammY, the services, Postgres.
// Latency = from the press until the webhook answered (the bot finished handling it).
import { randomBytes } from "node:crypto";
import os from "node:os";
import { Hono } from "hono";
import { Redis } from "ioredis";
import { createBot } from "../src/channels/telegram/bot.ts";
import { systemClock } from "../src/clock.ts";
import { loadConfig } from "../src/config.ts";
import { createI18n, translator } from "../src/i18n.ts";
import { LocalBotApi } from "../src/sandbox/telegram-api/local-bot-api.ts";
import { listen } from "../src/server/http.ts";
import { mountWebhook, WEBHOOK_PATH } from "../src/server/webhook.ts";
import { answerButtonData } from "../src/services/callback-data.ts";
import type { Services } from "../src/services/context.ts";
import { settingsFrom } from "../src/settings.ts";
import {
  BENCH_TOKEN,
  benchPrefix,
  Cleanup,
  createMeeting,
  deleteKeys,
  parseOptions,
  percentile,
  REDIS_URL,
  round,
  type SeededMember,
  seedLargeCell,
  temporaryDatabase,
} from "./support.ts";

const OPTIONS = {
  members: { default: 1_000 as number | undefined, help: "linked members who answer" },
  "cell-size": {
    default: 20 as number | undefined,
    help: "members per cell (the demo's cells have about 20)",
  },
  concurrency: { default: 50 as number | undefined, help: "presses in flight at once" },
  "decline-share": {
    default: 0.2 as number | undefined,
    help: "share who decline (3 updates each: Vắng, a reason, confirm)",
  },
};

export const description = "members pressing their answer button: updates/s and handling latency";
export const options = OPTIONS;

export async function run(argv: string[]) {
  const opts = parseOptions(argv, OPTIONS);
  const cleanup = new Cleanup();
  try {
    const { db, url } = await temporaryDatabase(cleanup);
    const prefix = benchPrefix();
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    cleanup.add("close redis", async () => {
      await deleteKeys(redis, prefix);
      await redis.quit();
    });
    const config = loadConfig({
      DATABASE_URL: url,
      REDIS_URL,
      REDIS_PREFIX: prefix,
      LOG_LEVEL: "silent",
    });
    // Nothing is sent from the ledger here: answers only (an R3 alert row may be written, not sent).
    const services: Services = {
      db,
      clock: systemClock,
      settings: settingsFrom(config),
      dispatcher: { dispatch: async () => undefined },
      t: translator(createI18n()),
    };

    // This measures the bot's own throughput: the local Bot API counts no method against flood
    // limits here (Telegram's ~30 messages/s overall would be the figure otherwise).
    const botApi = new LocalBotApi({
      token: BENCH_TOKEN,
      callLogLimit: 10_000,
      rateLimit: { methods: [] },
    });
    const { apiRoot } = await botApi.start();
    cleanup.add("stop the local Bot API", () => botApi.stop());
    const members: (SeededMember & { meetingId: string })[] = [];
    for (let i = 0; i < opts.members!; i += opts["cell-size"]!) {
      const size = Math.min(opts["cell-size"]!, opts.members! - i);
      const cell = await seedLargeCell(db, size, (u) => botApi.addUser(u), {
        code: `B${i}`,
        firstTelegramId: 5_000_000 + i,
      });
      const meeting = await createMeeting(db, cell.cellId);
      members.push(...cell.members.map((m) => ({ ...m, meetingId: meeting.id })));
    }

    const bot = createBot(BENCH_TOKEN, { services, redis, redisPrefix: prefix }, { apiRoot });
    await bot.init();
    const app = new Hono();
    const secret = randomBytes(16).toString("hex");
    mountWebhook(app, bot, secret);
    const server = await listen(app, 0);
    cleanup.add("close the webhook server", () => server.close());
    // Telegram calls https only (the fake's exposed address stands for the proxy in front);
    // 100 connections, the most it allows, so the presses in flight are not queued by it.
    await bot.api.setWebhook(
      botApi.exposeWebhook(`http://127.0.0.1:${server.port}${WEBHOOK_PATH}`),
      {
        secret_token: secret,
        max_connections: 100,
      },
    );

    // Each member has the reminder with its two buttons in their chat.
    const reminders = new Map<number, number>();
    for (const m of members) {
      const keyboard = {
        inline_keyboard: [
          [
            { text: "✅ Tham dự", callback_data: answerButtonData(m.meetingId, true) },
            { text: "❌ Vắng (có lý do)", callback_data: answerButtonData(m.meetingId, false) },
          ],
        ],
      };
      const sent = await bot.api.sendMessage(m.telegramId, "Nhắc lịch sinh hoạt chi bộ", {
        reply_markup: keyboard,
      });
      reminders.set(m.telegramId, sent.message_id);
    }

    const decliners = Math.round(members.length * opts["decline-share"]!);
    const latencies: number[] = [];
    let updates = 0;
    const press = async (userId: number, messageId: number, label: string) => {
      const started = performance.now();
      await botApi.press(userId, messageId, { label });
      latencies.push(performance.now() - started);
      updates++;
    };
    const lastBotMessage = (userId: number) =>
      botApi
        .chat(userId)
        .filter((e) => e.from === "bot")
        .at(-1)!.messageId;
    const answer = async (index: number) => {
      const { telegramId } = members[index]!;
      const reminder = reminders.get(telegramId)!;
      if (index >= decliners) return press(telegramId, reminder, "✅ Tham dự");
      await press(telegramId, reminder, "❌ Vắng (có lý do)");
      await press(telegramId, lastBotMessage(telegramId), "Ốm đau");
      await press(telegramId, lastBotMessage(telegramId), "✅ Xác nhận");
    };

    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: Math.min(opts.concurrency!, members.length) }, async () => {
        while (next < members.length) await answer(next++);
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const recorded = await db.answer.count();

    const summary = {
      updatesPerSec: round(updates / seconds),
      p50Ms: round(percentile(latencies, 50), 1),
      p99Ms: round(percentile(latencies, 99), 1),
    };
    console.log(`machine: ${os.cpus().length} cores, Node ${process.version}`);
    console.log(
      `${members.length} members in cells of ${opts["cell-size"]} (${decliners} declining with a reason), ${updates} updates in ${seconds.toFixed(1)} s ` +
        `with ${opts.concurrency} in flight; ${recorded} answers recorded`,
    );
    console.log(
      `updates/s ${summary.updatesPerSec} (goal ≥ 500), latency p50 ${summary.p50Ms} ms, p99 ${summary.p99Ms} ms (goal p99 ≤ 50 ms)`,
    );
    if (recorded !== members.length)
      console.log(`WARNING: expected ${members.length} answers, found ${recorded}`);
    return summary;
  } finally {
    await cleanup.run();
  }
}
