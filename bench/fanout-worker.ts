// The worker side of `npm run bench -- fanout`, in its own process so its RSS is the worker's alone.
// Started by bench/fanout.ts with fork() (IPC): it gets a "start" message, runs either the product's
// delivery worker (createDeliveryWorker + TelegramMessenger + createPreparer, as src/worker.ts) or a
// bare BullMQ worker with no-op jobs, reports progress, and stops on "stop".
import { readFileSync } from "node:fs";
import { Worker } from "bullmq";
import { Api } from "grammy";
import { Redis } from "ioredis";
import pg from "pg";
import { TelegramMessenger } from "../src/channels/telegram/messenger.ts";
import { systemClock } from "../src/clock.ts";
import { loadConfig } from "../src/config.ts";
import { createDb } from "../src/db/client.ts";
import { createI18n, translator } from "../src/i18n.ts";
import { closeWithin, createDeliveryWorker } from "../src/jobs/delivery-worker.ts";
import { DELIVERY_QUEUE } from "../src/jobs/queues.ts";
import { createPreparer } from "../src/services/deliveries.ts";
import type { Messenger } from "../src/services/messenger.ts";
import { settingsFrom } from "../src/settings.ts";

export interface WorkerStart {
  type: "start";
  mode: "delivery" | "raw";
  databaseUrl: string;
  redisUrl: string;
  prefix: string;
  apiRoot: string;
  token: string;
  ratePerSecond: number;
  /** undefined: the product's default. */
  concurrency: number | undefined;
  /** Jobs to finish before "drained" is reported. */
  expect: number;
}

export type WorkerReport =
  | { type: "started"; at: number }
  | { type: "progress"; completed: number; failed: number; rssMb: number; heapMb: number }
  | { type: "drained"; at: number; completed: number }
  | {
      type: "stopped";
      results: Record<string, number>;
      failed: number;
      failures: string[];
      sampledPeakRssMb: number;
      hwmRssMb: number;
      /** V8 heap in use after the worker closed and a full GC (--expose-gc): what is retained. */
      heapAfterGcMb: number;
      /** SQL statements sent, by verb and first table ("SELECT Delivery"): [count, total ms]. */
      sql: Record<string, [number, number]>;
      /** Per finished job: deliveryId, due (ms), taken by the worker (processedOn), finished. */
      jobs: [string, number, number, number][];
      /** When the worker called messenger.send (ms), before any network. */
      sendsIssued: number[];
    }
  | { type: "error"; message: string };

const MB = 1024 * 1024;

// Counts what the worker asks PostgreSQL (node-postgres under the Prisma adapter): the bench looks
// at the product, it does not change it.
const sql: Record<string, [number, number]> = {};
const originalQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
(pg.Client.prototype as { query: unknown }).query = function (this: unknown, ...args: unknown[]) {
  const first = args[0];
  const text = typeof first === "string" ? first : ((first as { text?: string })?.text ?? "");
  const verb = /^\s*(\w+)/.exec(text)?.[1]?.toUpperCase() ?? "?";
  const table = /(?:FROM|INTO|UPDATE)\s+(?:"public"\.)?"(\w+)"/i.exec(text)?.[1];
  const key = table ? `${verb} ${table}` : verb;
  sql[key] ??= [0, 0];
  const entry = sql[key];
  entry[0]++;
  const started = performance.now();
  const done = () => {
    entry[1] += performance.now() - started;
  };
  // pg.Pool calls query(text, values, callback); direct callers get a promise.
  const last = args.at(-1);
  if (typeof last === "function") {
    args[args.length - 1] = (...results: unknown[]) => {
      done();
      return last(...results);
    };
  }
  const result = originalQuery.apply(this, args);
  if (result instanceof Promise) void result.then(done, () => undefined);
  return result;
};

/** Resolves once the report is handed to the IPC channel (so disconnecting cannot drop it). */
function send(report: WorkerReport): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(report, undefined, {}, () => resolve());
  });
}

/** The product's messenger, noting when each send is issued (to tell the worker's pacing from the network's). */
function timed(messenger: Messenger, issued: number[]): Messenger {
  return {
    send(chatId, message) {
      issued.push(Date.now());
      return messenger.send(chatId, message);
    },
  };
}

/** The kernel's high-water mark of this process's resident set (VmHWM), in MB. */
function hwmRssMb(): number {
  try {
    const line = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    return line ? Number(line[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

async function main(start: WorkerStart): Promise<void> {
  let peakRss = process.memoryUsage().rss;
  let completed = 0;
  let failed = 0;
  const failures: string[] = [];
  const results: Record<string, number> = {};
  const jobs: [string, number, number, number][] = [];
  const sendsIssued: number[] = [];
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  const progress = setInterval(() => {
    const memory = process.memoryUsage();
    void send({
      type: "progress",
      completed,
      failed,
      rssMb: memory.rss / MB,
      heapMb: memory.heapUsed / MB,
    });
  }, 250);

  const redis = new Redis(start.redisUrl, { maxRetriesPerRequest: null });
  const db = start.mode === "delivery" ? createDb(start.databaseUrl) : undefined;
  const connection = { connection: redis, prefix: start.prefix };
  const worker =
    db === undefined
      ? new Worker(DELIVERY_QUEUE, async () => "noop", {
          ...connection,
          // As the delivery worker: same concurrency and the same (non-binding) limiter.
          concurrency: start.concurrency ?? 20,
          limiter: { max: start.ratePerSecond, duration: 1000 },
          autorun: false,
        })
      : createDeliveryWorker(
          {
            db,
            redis,
            clock: systemClock,
            messengers: {
              TELEGRAM: timed(
                new TelegramMessenger(new Api(start.token, { apiRoot: start.apiRoot })),
                sendsIssued,
              ),
            },
            // As src/worker.ts: the deployment's settings (defaults here) and the Vietnamese texts;
            // no quiet hours, or a run after 21:30 in Hà Nội would defer every reminder to 06:30.
            prepare: createPreparer({
              db,
              t: translator(createI18n()),
              settings: settingsFrom(
                loadConfig({
                  DATABASE_URL: start.databaseUrl,
                  REDIS_URL: start.redisUrl,
                  QUIET_HOURS: "off",
                }),
              ),
            }),
          },
          {
            ...connection,
            ratePerSecond: start.ratePerSecond,
            ...(start.concurrency === undefined ? {} : { concurrency: start.concurrency }),
          },
        );
  worker.on("completed", (job, result: unknown) => {
    completed++;
    const data = job.data as { deliveryId: string; dueAt: string };
    jobs.push([data.deliveryId, Date.parse(data.dueAt), job.processedOn ?? Number.NaN, Date.now()]);
    results[String(result)] = (results[String(result)] ?? 0) + 1;
    if (completed === start.expect) void send({ type: "drained", at: Date.now(), completed });
  });
  worker.on("failed", (_job, error) => {
    failed++;
    if (failures.length < 5) failures.push(error.message);
  });
  worker.on("error", (error) => {
    if (failures.length < 5) failures.push(`worker error: ${error.message}`);
  });

  process.once("message", async (message: { type: string }) => {
    if (message.type !== "stop") return;
    await closeWithin(worker, 5_000);
    clearInterval(sampler);
    clearInterval(progress);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    (globalThis as { gc?: () => void }).gc?.();
    const heapAfterGcMb = (globalThis as { gc?: unknown }).gc
      ? process.memoryUsage().heapUsed / MB
      : Number.NaN;
    await send({
      type: "stopped",
      results,
      failed,
      failures,
      sampledPeakRssMb: peakRss / MB,
      hwmRssMb: hwmRssMb(),
      heapAfterGcMb,
      sql,
      jobs,
      sendsIssued,
    });
    await db?.$disconnect();
    await redis.quit().catch(() => undefined);
    if (process.connected) process.disconnect();
  });

  await worker.waitUntilReady();
  if (db !== undefined) await db.$connect();
  void send({ type: "started", at: Date.now() });
  void worker.run();
}

// The parent going away (crash, Ctrl-C) ends this process too.
process.on("disconnect", () => setTimeout(() => process.exit(0), 100).unref());
process.once("message", (message: WorkerStart) => {
  main(message).catch(async (error: unknown) => {
    await send({
      type: "error",
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    process.exit(1);
  });
});
