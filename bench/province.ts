// `npm run bench -- province [--members N] [--cells N] [--tokens T] [--rate R] [--speed K]`: the
// province's reminders through the product's planner and delivery worker, on a virtual clock
// that runs K times faster than real time (and jumps over idle hours), against the local Bot API
// enforcing the cap (and the local Zalo API for the members on Zalo, their own lane). Rates scale with the clock: the cap R/s virtual is R·K/s real for the worker's
// pacer and the Bot API alike, so hours of fan-out take minutes. For each offset: the share sent by
// its target, the p99 and max of send − target (virtual ms), and how many went out in quiet hours.
import os from "node:os";
import { Api } from "grammy";
import { Redis } from "ioredis";
import { TelegramMessenger } from "../src/channels/telegram/messenger.ts";
import { ZaloClient } from "../src/channels/zalo/client.ts";
import { ZaloMessenger } from "../src/channels/zalo/messenger.ts";
import type { Clock } from "../src/clock.ts";
import { loadConfig } from "../src/config.ts";
import { DEFAULT_QUIET_HOURS } from "../src/domain/reminder-plan.ts";
import { toLocalIso } from "../src/domain/schedule.ts";
import { createI18n, translator } from "../src/i18n.ts";
import { closeWithin, createDeliveryWorker } from "../src/jobs/delivery-worker.ts";
import { createDeliveryQueue, deliveryJob } from "../src/jobs/queues.ts";
import { LocalBotApi } from "../src/sandbox/telegram-api/local-bot-api.ts";
import { LocalZaloApi } from "../src/sandbox/zalo-api/local-zalo-api.ts";
import { seedProvince } from "../src/seed/province.ts";
import type { Services } from "../src/services/context.ts";
import { createPreparer } from "../src/services/deliveries.ts";
import { runPlanner } from "../src/services/planner.ts";
import { settingsFrom } from "../src/settings.ts";
import {
  BENCH_TOKEN,
  benchPrefix,
  Cleanup,
  deleteKeys,
  parseOptions,
  percentile,
  REDIS_URL,
  round,
  sleep,
  temporaryDatabase,
  UsageError,
} from "./support.ts";

const OPTIONS = {
  members: { default: 250_000 as number | undefined, help: "members of the province" },
  cells: { default: 10_000 as number | undefined, help: "cells (5 to 150 members each)" },
  tokens: {
    default: 1 as number | undefined,
    help: "bot tokens (BOT_TOKENS): the grassroots organisations shared out between them, each bot its own cap",
  },
  rate: { default: 25 as number | undefined, help: "send cap per token, messages/s (virtual)" },
  speed: {
    default: undefined as number | undefined,
    help: "virtual seconds per real second; default: a real send rate of about 40/s (keep it well under what the machine sends, or the machine, not the plan, makes reminders late)",
  },
  now: {
    default: "2026-11-28T09:00:00+07:00" as string | undefined,
    help: "the province's now (the seed's history and the plan start here)",
  },
  until: {
    default: "2026-12-03T23:59:00+07:00" as string | undefined,
    help: "the simulation ends here: reminders whose target is later are not measured",
  },
};

export const description =
  "province: each offset's fan-out by its target at the cap, with the planner and the worker on a fast virtual clock";
export const options = OPTIONS;

/** Virtual time: `speed`× real time, and jumps forward over idle spans. */
class FastClock implements Clock {
  private base: number;
  private readonly realBase = Date.now();
  constructor(
    start: Date,
    readonly speed: number,
  ) {
    this.base = start.getTime();
  }
  now(): Date {
    return new Date(this.base + (Date.now() - this.realBase) * this.speed);
  }
  /** Real milliseconds until virtual `at`. */
  realDelay(at: Date): number {
    return Math.max(0, (at.getTime() - this.now().getTime()) / this.speed);
  }
  jumpTo(at: Date): void {
    const ahead = at.getTime() - this.now().getTime();
    if (ahead > 0) this.base += ahead;
  }
}

/** The worker's per-chat interval (real time, as the platforms count it). */
const PER_CHAT_REAL_MS = 1000;
const ZALO_TOKEN = "zalo-bench-token-local";
const OFFSET_LABEL = (kind: string) => `${kind.slice(1)}${kind[0]}`;

export async function run(argv: string[]) {
  const opts = parseOptions(argv, OPTIONS);
  const members = Math.floor(opts.members!);
  const cells = Math.floor(opts.cells!);
  const tokens = Math.floor(opts.tokens!);
  const rate = opts.rate!;
  if (tokens < 1 || rate <= 0) throw new UsageError("--tokens ≥ 1 and --rate > 0");
  const now = new Date(opts.now!);
  const until = new Date(opts.until!);
  if (Number.isNaN(now.getTime()) || Number.isNaN(until.getTime()) || until <= now) {
    throw new UsageError("--now and --until: ISO instants, --until after --now");
  }
  const capacity = rate * tokens;
  const speed = opts.speed ?? Math.max(1, Math.round(40 / capacity));
  console.log(
    `province: ${os.cpus().length} cores, Node ${process.version}, load average ${loadAverage()}; ` +
      `${members} members in ${cells} cells, ${tokens} token(s) × ${rate}/s = ${capacity}/s, ` +
      `virtual clock ×${speed} (real cap ${round(capacity * speed)}/s)`,
  );
  const cleanup = new Cleanup();
  const onSignal = () => void cleanup.run().finally(() => process.exit(130));
  process.once("SIGINT", onSignal);
  try {
    return await measure(cleanup, { members, cells, tokens, rate, capacity, speed, now, until });
  } finally {
    await cleanup.run();
    process.off("SIGINT", onSignal);
  }
}

interface Settings {
  members: number;
  cells: number;
  tokens: number;
  rate: number;
  capacity: number;
  speed: number;
  now: Date;
  until: Date;
}

async function measure(cleanup: Cleanup, s: Settings) {
  const { url, db } = await temporaryDatabase(cleanup);
  const clock = new FastClock(s.now, s.speed);
  const config = loadConfig({
    DATABASE_URL: url,
    SEND_RATE_PER_SEC: String(Math.ceil(s.rate)),
    QUIET_HOURS: "21:30-06:30",
  });
  const settings = settingsFrom(config);
  // The planner's capacity per bot: its rate, less the share kept for replies and alerts.
  settings.sendCapacityPerSecond = Math.max(1, Math.floor(s.rate * config.SEND_PLAN_UTILISATION));
  const services: Services = {
    db,
    clock,
    settings,
    dispatcher: { dispatch: async () => undefined },
    t: translator(createI18n()),
  };

  const seedStarted = performance.now();
  const counts = await seedProvince(services, url, {
    members: s.members,
    cells: s.cells,
    historyMonths: 1,
  });
  const seedS = (performance.now() - seedStarted) / 1000;
  console.log(
    `seed: ${counts.members} members (${counts.telegram} on Telegram) in ${counts.cells} cells, ` +
      `COPY in ${round(seedS, 1)} s`,
  );
  // Several bots: grassroots organisation k's members started bot k mod T (bot 0 is the main
  // one, whose identities carry null); the committee members stay on the main bot.
  const botIds = Array.from({ length: s.tokens }, (_, k) => String(123_456 + k));
  if (s.tokens > 1) {
    await db.$executeRaw`
      UPDATE "ChatIdentity" i SET "botId" = (${botIds}::text[])[o.k + 1]
      FROM "Member" m
      JOIN "Unit" c ON c.id = m."cellId"
      JOIN (SELECT id, (row_number() OVER (ORDER BY code) - 1) % ${s.tokens} AS k
        FROM "Unit" WHERE kind = 'GRASSROOTS_COMMITTEE') o ON o.id = c."parentId"
      WHERE i."memberId" = m.id AND i.platform = 'TELEGRAM' AND o.k > 0`;
  }
  // The clock stands still while the planner runs (it plans "now").
  const planStarted = performance.now();
  const frozen = new Date(s.now);
  const planned = await runPlanner({ ...services, clock: { now: () => frozen } });
  const planS = (performance.now() - planStarted) / 1000;
  console.log(
    `planner: ${planned.changes.length} meetings, ${planned.deliveries} reminder rows in ${round(planS, 1)} s` +
      `; offsets that cannot fit: ${planned.late?.map((l) => `${OFFSET_LABEL(l.kind)} at ${toLocalIso(l.target)} ${l.late}/${l.total} late`).join(", ") || "none"}`,
  );
  clock.jumpTo(s.now);

  // The local Bot API enforcing each bot's cap (in real time: the cap × the clock's speed), every
  // bot at one root as at api.telegram.org.
  const tokens = botIds.map((id, k) =>
    k === 0 ? BENCH_TOKEN : `${id}:BENCH-token-of-bot-${k}-local`,
  );
  const botApis = tokens.map(
    (token) => new LocalBotApi({ token, now: () => clock.now(), callLogLimit: 10_000 }),
  );
  const [botApi] = botApis as [LocalBotApi, ...LocalBotApi[]];
  for (const other of botApis.slice(1)) botApi.serve(other);
  const { apiRoot } = await botApi.start();
  cleanup.add("stop the local Bot API", () => botApi.stop());
  let throttled = 0;
  for (const api of botApis) {
    // Explicit, whatever the fake's defaults become: Telegram's flood limit at this cap.
    api.enforceRateLimit({ perSecond: Math.ceil(s.rate * s.speed) });
    api.on("call", (call) => {
      if (call.status === 429) throttled++;
    });
  }
  // The members on Zalo get theirs through the Zalo bot, its own lane, as in production.
  const zaloApi = new LocalZaloApi({ token: ZALO_TOKEN, now: () => clock.now() });
  const { apiRoot: zaloRoot } = await zaloApi.start();
  cleanup.add("stop the local Zalo API", () => zaloApi.stop());
  const bound = await db.$queryRaw<
    { platform: string; externalId: string; botId: string | null }[]
  >`SELECT platform::text, "externalId", "botId" FROM "ChatIdentity"`;
  for (const { platform, externalId, botId } of bound) {
    if (platform === "ZALO") {
      zaloApi.addUser({ id: externalId, name: `Đảng viên ${externalId}` });
      continue;
    }
    const api = botApis[botId ? botIds.indexOf(botId) : 0]!;
    api.addUser({ id: Number(externalId), first_name: `Đảng viên ${externalId}`, started: true });
  }

  const prefix = benchPrefix();
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  cleanup.add("close Redis", () => redis.quit());
  cleanup.add(`delete Redis keys ${prefix}*`, () => deleteKeys(redis, prefix));
  const queue = createDeliveryQueue({ connection: redis, prefix });
  cleanup.add("close the queue", () => queue.close());
  const worker = createDeliveryWorker(
    {
      db,
      redis,
      clock,
      messengers: {
        TELEGRAM: new TelegramMessenger(new Api(BENCH_TOKEN, { apiRoot })),
        ZALO: new ZaloMessenger(
          new ZaloClient(ZALO_TOKEN, { apiRoot: zaloRoot }),
          db,
          services.t,
          clock,
        ),
      },
      telegramBots: new Map(
        tokens
          .slice(1)
          .map((token, k) => [botIds[k + 1]!, new TelegramMessenger(new Api(token, { apiRoot }))]),
      ),
      prepare: createPreparer({ db, t: services.t, settings }),
      delayMs: (at) => clock.realDelay(at),
    },
    {
      connection: redis,
      prefix,
      ratePerSecond: s.rate * s.speed,
      perChatIntervalMs: PER_CHAT_REAL_MS,
      concurrency: 40,
    },
  );
  cleanup.add("close the worker", () => closeWithin(worker, 5_000));
  void worker.run();

  // The dispatcher of this simulation: rows due within the next virtual minute become jobs
  // (delays in real time); idle hours are skipped.
  const LOOKAHEAD_MS = 60_000;
  let cursor = new Date(0);
  const started = Date.now();
  let lastReport = 0;
  for (;;) {
    const vnow = clock.now();
    const horizon = new Date(vnow.getTime() + LOOKAHEAD_MS);
    const due = await db.delivery.findMany({
      where: { status: "PENDING", dueAt: { gte: cursor, lt: horizon } },
      select: { id: true, dueAt: true, platform: true, chatId: true },
      orderBy: { dueAt: "asc" },
      take: 20_000,
    });
    if (due.length > 0) {
      await queue.addBulk(
        due.map((row) => {
          const job = deliveryJob(row, clock);
          return { ...job, opts: { ...job.opts, delay: clock.realDelay(row.dueAt) } };
        }),
      );
      cursor = due.length === 20_000 ? due.at(-1)!.dueAt : horizon;
    } else cursor = horizon;
    const counts = await queue.getJobCounts("waiting", "active", "delayed", "prioritized");
    const busy = (counts.waiting ?? 0) + (counts.active ?? 0) + (counts.delayed ?? 0);
    if (busy === 0) {
      const next = await db.delivery.findFirst({
        where: { status: "PENDING", dueAt: { gte: horizon } },
        orderBy: { dueAt: "asc" },
        select: { dueAt: true },
      });
      if (!next || next.dueAt > s.until) break;
      clock.jumpTo(new Date(next.dueAt.getTime() - 1_000));
      cursor = new Date(next.dueAt.getTime() - 1_000);
    }
    if (Date.now() - lastReport > 10_000) {
      lastReport = Date.now();
      const sent = await db.delivery.count({ where: { status: "SENT" } });
      process.stderr.write(
        `province: virtual ${toLocalIso(clock.now())}, ${sent} sent, queue ${busy} (${round((Date.now() - started) / 1000)} s real)\n`,
      );
    }
    await sleep(50);
  }
  await closeWithin(worker, 5_000);
  const realS = (Date.now() - started) / 1000;

  // The figures, from the ledger: send time (the worker's virtual clock) against each target.
  const rows = await db.$queryRaw<
    {
      kind: string;
      platform: string;
      role: string;
      status: string;
      chatId: string;
      dueAt: Date;
      targetAt: Date;
      sentAt: Date | null;
      error: string | null;
    }[]
  >`
    SELECT payload->>'reminder' AS kind, platform::text AS platform, payload->>'role' AS role, status::text AS status, "chatId",
      "dueAt", "targetAt", "sentAt", error
    FROM "Delivery"
    WHERE kind = 'reminder' AND "targetAt" IS NOT NULL AND "targetAt" <= ${s.until}`;
  // Every send time (all kinds) of the late reminders' chats, to tell one that shared its
  // chat's second.
  const lateChats = [
    ...new Set(rows.filter((r) => r.sentAt && r.sentAt > r.targetAt).map((r) => r.chatId)),
  ];
  const sendTimesOf = new Map<string, number[]>();
  for (const d of await db.$queryRaw<{ chatId: string; dueAt: Date }[]>`
    SELECT "chatId", "dueAt" FROM "Delivery" WHERE "chatId" = ANY(${lateChats}::text[])`) {
    const times = sendTimesOf.get(d.chatId) ?? [];
    times.push(d.dueAt.getTime());
    sendTimesOf.set(d.chatId, times);
  }
  // Telegram's one message per chat per second, in virtual time (the worker's slot is real time).
  const chatWindowMs = PER_CHAT_REAL_MS * s.speed;
  const crowded = (r: { chatId: string; dueAt: Date }) =>
    (sendTimesOf.get(r.chatId) ?? []).filter((t) => Math.abs(t - r.dueAt.getTime()) < chatWindowMs)
      .length > 1;
  const quiet = DEFAULT_QUIET_HOURS as { start: string; end: string };
  const inQuiet = (d: Date) => {
    const hhmm = toLocalIso(d).slice(11, 16);
    return hhmm >= quiet.start || hhmm < quiet.end;
  };
  const kinds = [...new Set(rows.map((r) => r.kind))].sort(
    (a, b) => offsetSeconds(b) - offsetSeconds(a),
  );
  const offsets = kinds.map((kind) => {
    const of = rows.filter((r) => r.kind === kind);
    const sent = of.filter((r) => r.sentAt);
    const lateness = sent.map((r) => r.sentAt!.getTime() - r.targetAt.getTime());
    const onTime = lateness.filter((ms) => ms <= 0).length;
    const dropped = of.filter((r) => r.error?.startsWith("dropped")).length;
    // Neither sent, pending nor dropped: what became of them (cancelled when due, failed…).
    const otherwise = new Map<string, number>();
    for (const r of of) {
      if (r.sentAt || r.status === "PENDING" || r.error?.startsWith("dropped")) continue;
      const why = `${r.status}${r.error ? ` (${r.error})` : ""}`;
      otherwise.set(why, (otherwise.get(why) ?? 0) + 1);
    }
    const notNeeded = of.filter(
      (r) => r.status === "CANCELLED" && !r.error?.startsWith("dropped"),
    ).length;
    const firstSend = sent.length ? min(lateness) : Number.NaN;
    const figures = {
      offset: OFFSET_LABEL(kind),
      // How long before its target the offset's fan-out began (the widest target's window).
      windowMin: sent.length ? round(-firstSend / 60_000, 1) : null,
      // Of the reminders still wanted when due (one the member no longer needs — answered,
      // exempted since — is cancelled by the re-check, correctly; it is listed, not counted).
      byTargetShare: of.length > notNeeded ? round(onTime / (of.length - notNeeded), 4) : null,
      p99LatenessMs: sent.length ? round(percentile(lateness, 99)) : null,
      maxLatenessMs: sent.length ? round(max(lateness)) : null,
      quietHoursSends: sent.filter((r) => inQuiet(r.sentAt!)).length,
    };
    // The late ones: whose (member or committee member), and how long after their send time.
    const late = sent.filter((r) => r.sentAt!.getTime() > r.targetAt.getTime());
    const lateRoles = new Map<string, number>();
    for (const r of late) {
      const who = `${r.role} on ${r.platform}`;
      lateRoles.set(who, (lateRoles.get(who) ?? 0) + 1);
    }
    const afterSendTime = late.map((r) => r.sentAt!.getTime() - r.dueAt.getTime());
    if (late.length)
      console.log(
        `offset ${figures.offset}: late ${[...lateRoles].map(([role, n]) => `${n} ${role}`).join(", ")}; ` +
          `sent after their send time by ${round(min(afterSendTime))}–${round(max(afterSendTime))} ms; ` +
          `${late.filter(crowded).length} of them due within ${round(chatWindowMs / 1000)} s of another message to the same chat`,
      );
    console.log(
      `offset ${figures.offset}: ${of.length} planned, ${sent.length} sent, ${onTime} by the target ` +
        `(${figures.byTargetShare}), send − target p99 ${figures.p99LatenessMs} ms, max ${figures.maxLatenessMs} ms, ` +
        `earliest ${round(firstSend / 60_000)} min before; ${figures.quietHoursSends} in quiet hours; ` +
        `${dropped} dropped at send time; still pending ${of.filter((r) => r.status === "PENDING").length}` +
        [...otherwise].map(([why, n]) => `; ${n} ${why}`).join(""),
    );
    return figures;
  });
  console.log(
    `province: simulated ${toLocalIso(s.now)} → ${toLocalIso(s.until)} in ${round(realS)} s real; ` +
      `429 answers ${throttled}; load average at the end ${loadAverage()}`,
  );
  return { members: counts.members, tokens: s.tokens, ratePerSec: s.rate, offsets };
}

function offsetSeconds(kind: string): number {
  const unit = { d: 86_400, h: 3_600, m: 60, s: 1 }[kind[0] as "d" | "h" | "m" | "s"] ?? 1;
  return Number(kind.slice(1)) * unit;
}

// Not Math.min(...values): a province's 175,000 values overflow the call stack.
function min(values: readonly number[]): number {
  return values.reduce((m, v) => Math.min(m, v), Number.POSITIVE_INFINITY);
}
function max(values: readonly number[]): number {
  return values.reduce((m, v) => Math.max(m, v), Number.NEGATIVE_INFINITY);
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => round(l, 2))
    .join(" ");
}
