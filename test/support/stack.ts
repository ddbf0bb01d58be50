// A real stack for integration tests: a fresh database, a private Redis prefix, the local Bot API.

import { randomBytes } from "node:crypto";
import { Api } from "grammy";
import { afterAll } from "vitest";
import { replyRetry } from "../../src/channels/telegram/api-policy.ts";
import { TelegramMessenger } from "../../src/channels/telegram/messenger.ts";
import { type Clock, systemClock } from "../../src/clock.ts";
import { loadConfig } from "../../src/config.ts";
import type { Db } from "../../src/db/client.ts";
import { createI18n, translator } from "../../src/i18n.ts";
import {
  closeWithin,
  createDeliveryWorker,
  type DeliveryWorkerDeps,
} from "../../src/jobs/delivery-worker.ts";
import { createDeliveryQueue, type QueueSettings } from "../../src/jobs/queues.ts";
import { queueDispatcher } from "../../src/jobs/reconciler.ts";
import { connectRedis, queuePrefix, redisTarget } from "../../src/redis.ts";
import { LocalBotApi } from "../../src/sandbox/telegram-api/local-bot-api.ts";
import type { Services } from "../../src/services/context.ts";
import { createPreparer } from "../../src/services/deliveries.ts";
import { writeIntents } from "../../src/services/ledger.ts";
import { markUnreachable } from "../../src/services/unreachable.ts";
import { type Settings, settingsFrom } from "../../src/settings.ts";
import { freshDatabase } from "./db.ts";

export const TEST_TOKEN = "123456:TEST-token-for-the-local-bot-api";
export const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

export interface StackOptions {
  clock?: Clock;
  settings?: Partial<Settings>;
  env?: Record<string, string>;
  redisUrl?: string;
  /** A Redis Cluster's nodes ("host:port,…") instead of redisUrl. */
  redisCluster?: string;
  /** Sentinels ("host:port,…") that name the master; redisUrl then gives only its password. */
  redisSentinels?: string;
}

export async function createStack(options: StackOptions = {}) {
  const redisUrl = options.redisUrl ?? REDIS_URL;
  const { db, url } = await freshDatabase();
  const prefix = `t${randomBytes(5).toString("hex")}`;
  const config = loadConfig({
    DATABASE_URL: url,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    QUIET_HOURS: "off",
    ...(options.redisCluster ? { REDIS_CLUSTER_NODES: options.redisCluster } : {}),
    ...(options.redisSentinels ? { REDIS_SENTINELS: options.redisSentinels } : {}),
    ...options.env,
  });
  const target = redisTarget(config);
  const redis = connectRedis(target);
  const queueSettings: QueueSettings = { connection: redis, prefix: queuePrefix(prefix, target) };
  const queue = createDeliveryQueue(queueSettings);
  const clock = options.clock ?? systemClock;
  const i18n = createI18n();
  // Tests jump the clock by days and promote the jobs they expect; the horizon's own test sets
  // the production default, the sandbox (its clock driver queues what comes due) runs with it.
  const settings = {
    ...settingsFrom(config),
    dispatchHorizonMs: 400 * 86_400_000,
    ...options.settings,
  };
  const services: Services = {
    db,
    clock,
    settings,
    dispatcher: queueDispatcher(queue, clock, settings.dispatchHorizonMs),
    t: translator(i18n),
  };
  const botApi = new LocalBotApi({
    token: TEST_TOKEN,
    botInfo: { first_name: "Chi bộ Bot", username: "chibo_test_bot" },
    now: () => clock.now(),
  });
  const { apiRoot } = await botApi.start();
  // What a test plants in a chat itself (a forged keyboard) waits out the per-chat limit as the
  // bot's own replies do.
  const api = new Api(TEST_TOKEN, { apiRoot });
  api.config.use(replyRetry);
  const workers: ReturnType<typeof createDeliveryWorker>[] = [];

  /** `options.db`: the worker's own database client (e.g. through a proxy a test can cut). */
  /** The delivery worker on the main bot (and `messengers`/`telegramBots` besides), closed after the file. */
  function startDeliveryWorker(
    ratePerSecond = 1000,
    options: {
      db?: Db;
      messengers?: DeliveryWorkerDeps["messengers"];
      telegramBots?: DeliveryWorkerDeps["telegramBots"];
      perChatIntervalMs?: number;
    } = {},
  ) {
    const workerDb = options.db ?? db;
    const worker = createDeliveryWorker(
      {
        db: workerDb,
        redis,
        clock,
        // The worker's own Api, as in src/worker.ts: without the replies' retry policy, so a
        // 429 reaches the worker (which holds back that bot's lane) instead of being waited out.
        messengers: {
          TELEGRAM: new TelegramMessenger(new Api(TEST_TOKEN, { apiRoot })),
          ...options.messengers,
        },
        telegramBots: options.telegramBots,
        prepare: createPreparer({ db: workerDb, t: services.t, settings: services.settings }),
        onUnreachable: (memberId) => markUnreachable(services, memberId),
      },
      { ...queueSettings, ratePerSecond, perChatIntervalMs: options.perChatIntervalMs },
    );
    void worker.run();
    workers.push(worker);
    return worker;
  }

  afterAll(async () => {
    // In-flight sends finish first: a forced close would leave them writing to a closed Redis.
    await Promise.all(workers.map((w) => closeWithin(w, 5_000)));
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    // A test's own cluster or Sentinel setup is thrown away whole; on the shared Redis its keys are deleted.
    const own = options.redisCluster || options.redisSentinels;
    const keys = own ? [] : await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    await botApi.stop();
  });

  return {
    db,
    url,
    prefix,
    redis,
    queue,
    queueSettings,
    services,
    botApi,
    api,
    apiRoot,
    config,
    startDeliveryWorker,
  };
}

export type Stack = Awaited<ReturnType<typeof createStack>>;

let seq = 0;

/** Reminder deliveries due at `dueAt` for every member of a cell, written and dispatched like the planner does. */
export async function dueReminders(stack: Stack, cellId: string, dueAt: Date) {
  const { db, services } = stack;
  const meeting = await db.meeting.create({
    data: {
      unitId: cellId,
      startsAt: new Date(dueAt.getTime() + 3_600_000),
      plannedEndAt: new Date(dueAt.getTime() + 9_000_000),
    },
  });
  const members = await db.member.findMany({ where: { cellId }, include: { identities: true } });
  const rows = await writeIntents(
    db,
    members.map((m) => ({
      idempotencyKey: `rem_${meeting.id}_${m.id}`,
      platform: "TELEGRAM" as const,
      chatId: m.identities[0]!.chatId,
      kind: "reminder",
      payload: {
        role: "member",
        reminder: "h1",
        first: true,
        last: true,
        startsAt: meeting.startsAt.toISOString(),
      },
      dueAt,
      memberId: m.id,
      meetingId: meeting.id,
    })),
  );
  await services.dispatcher.dispatch(rows);
  return { meeting, rows };
}

/** A cell with `size` linked members (Telegram ids from 1000 up), its secretary first. */
export async function seedCell(
  stack: Stack,
  options: {
    size: number;
    code?: string;
    kind?: "RESIDENTIAL" | "OTHER";
    time?: string;
    dayRule?: string;
  } = { size: 20 },
) {
  seq += 1;
  const { db, botApi } = stack;
  const parent = await db.unit.create({
    data: { code: `DB${seq}`, name: `Đảng bộ phường ${seq}`, kind: "GRASSROOTS_COMMITTEE" },
  });
  const cell = await db.unit.create({
    data: {
      code: options.code ?? `CB${seq}`,
      name: `Chi bộ Khu phố ${seq}`,
      kind: "CELL",
      cellKind: options.kind ?? "RESIDENTIAL",
      parentId: parent.id,
      meetingTime: options.time ?? "19:30",
      dayRule: options.dayRule,
      meetingPlace: "Nhà văn hóa khu phố",
    },
  });
  const members = [];
  for (let i = 0; i < options.size; i++) {
    const telegramId = seq * 10_000 + i;
    const member = await db.member.create({
      data: {
        code: `M${seq}-${i}`,
        fullName: `Đảng viên ${seq}-${i}`,
        cellId: cell.id,
        cellRole: i === 0 ? "SECRETARY" : i === 1 ? "DEPUTY" : "MEMBER",
        joinedOn: new Date("2020-01-01"),
        identities: {
          create: {
            platform: "TELEGRAM",
            externalId: String(telegramId),
            chatId: String(telegramId),
          },
        },
      },
    });
    // A linked identity comes from the invite link, whose /start is what starts the bot.
    botApi.addUser({ id: telegramId, first_name: member.fullName, started: true });
    members.push({ ...member, telegramId });
  }
  const committeeId = seq * 10_000 + 9_999;
  const committee = await db.member.create({
    data: {
      code: `UV${seq}`,
      fullName: `Cấp ủy viên ${seq}`,
      assignments: { create: { unitId: parent.id } },
      identities: {
        create: {
          platform: "TELEGRAM",
          externalId: String(committeeId),
          chatId: String(committeeId),
        },
      },
    },
  });
  botApi.addUser({ id: committeeId, first_name: committee.fullName, started: true });
  return { parent, cell, members, committee: { ...committee, telegramId: committeeId } };
}

export async function waitUntil(
  predicate: () => Promise<boolean>,
  timeoutMs = 20_000,
  stepMs = 100,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await predicate()) return;
    await new Promise((r) => setTimeout(r, stepMs));
  }
  throw new Error(`Condition not met within ${timeoutMs} ms`);
}
