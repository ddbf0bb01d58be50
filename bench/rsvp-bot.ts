// The bot side of `npm run bench -- rsvp`, in its own process as in production (where the Bot API
// is Telegram's, not in the bot's process): so its CPU per update is the bot's alone, and the local
// Bot API with the presses (bench/rsvp.ts) does not share its event loop. Started with fork() (IPC):
// "start" → the product's bot (createBot + the webhook endpoint) listening on a free port, "ready";
// "measure" → counts the statements and commands it sends (and, with a file, profiles its CPU);
// "report" → what it counted and the CPU it used since "measure"; "stop" → closes and exits.
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { Hono } from "hono";
import { Redis } from "ioredis";
import pg from "pg";
import { createBot } from "../src/channels/telegram/bot.ts";
import { offlineServices } from "../src/cli/offline.ts";
import { systemClock } from "../src/clock.ts";
import { listen } from "../src/server/http.ts";
import { mountWebhook, WEBHOOK_PATH } from "../src/server/webhook.ts";

export type BotCommand =
  | {
      type: "start";
      databaseUrl: string;
      redisUrl: string;
      prefix: string;
      apiRoot: string;
      token: string;
      pool: number;
      secret: string;
    }
  | { type: "measure"; cpuProfile: string }
  | { type: "report" }
  | { type: "stop" };

export type BotReport =
  | { type: "ready"; webhookUrl: string }
  | { type: "measuring" }
  | {
      type: "report";
      sqlStatements: number;
      redisCommands: number;
      cpuMs: number;
      /** Of cpuMs, in the kernel (system calls: the sockets to PostgreSQL, Redis and the Bot API). */
      systemMs: number;
      peakRssMb: number;
    }
  | { type: "error"; message: string };

/** Statements and commands sent since `start()`: every pg query, every Redis command. */
const counts = { sql: 0, redis: 0, on: false };
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
(pg.Client.prototype as { query: unknown }).query = function (this: unknown, ...args: unknown[]) {
  if (counts.on) counts.sql++;
  return query.apply(this, args);
};
const sendCommand = Redis.prototype.sendCommand;
Redis.prototype.sendCommand = function (this: Redis, ...args: Parameters<typeof sendCommand>) {
  if (counts.on) counts.redis++;
  return sendCommand.apply(this, args);
};

function reply(report: BotReport): Promise<void> {
  return new Promise((resolve) => process.send!(report, undefined, {}, () => resolve()));
}

let stop: (() => Promise<void>) | undefined;
let measuring: { cpu: NodeJS.CpuUsage; profiler?: Session; file: string } | undefined;
let peakRss = 0;
setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100).unref();

async function handle(command: BotCommand): Promise<void> {
  switch (command.type) {
    case "start": {
      // Nothing is sent from the ledger here: answers only (an R3 alert row may be written, not sent).
      const services = offlineServices(
        {
          DATABASE_URL: command.databaseUrl,
          REDIS_URL: command.redisUrl,
          REDIS_PREFIX: command.prefix,
          LOG_LEVEL: "silent",
        },
        systemClock,
        { poolSize: command.pool },
      );
      const { db } = services;
      const redis = new Redis(command.redisUrl, { maxRetriesPerRequest: null });
      const bot = createBot(
        command.token,
        { services, redis, redisPrefix: command.prefix },
        { apiRoot: command.apiRoot },
      );
      await bot.init();
      const app = new Hono();
      mountWebhook(app, bot, command.secret);
      const server = await listen(app, 0);
      stop = async () => {
        await server.close();
        await redis.quit();
        await db.$disconnect();
      };
      return reply({
        type: "ready",
        webhookUrl: `http://127.0.0.1:${server.port}${WEBHOOK_PATH}`,
      });
    }
    case "measure": {
      let profiler: Session | undefined;
      if (command.cpuProfile) {
        profiler = new Session();
        profiler.connect();
        await profiler.post("Profiler.enable");
        await profiler.post("Profiler.start");
      }
      peakRss = process.memoryUsage().rss;
      counts.sql = counts.redis = 0;
      counts.on = true;
      measuring = { cpu: process.cpuUsage(), profiler, file: command.cpuProfile };
      return reply({ type: "measuring" });
    }
    case "report": {
      counts.on = false;
      const cpu = process.cpuUsage(measuring!.cpu);
      if (measuring!.profiler) {
        const { profile } = await measuring!.profiler.post("Profiler.stop");
        writeFileSync(measuring!.file, JSON.stringify(profile));
        measuring!.profiler.disconnect();
      }
      return reply({
        type: "report",
        sqlStatements: counts.sql,
        redisCommands: counts.redis,
        cpuMs: (cpu.user + cpu.system) / 1000,
        systemMs: cpu.system / 1000,
        peakRssMb: peakRss / 1024 / 1024,
      });
    }
    case "stop":
      await stop?.();
      process.exit(0);
  }
}

process.on("message", (command: BotCommand) => {
  handle(command).catch(async (error: unknown) => {
    await reply({ type: "error", message: String((error as Error)?.stack ?? error) });
    process.exit(1);
  });
});
