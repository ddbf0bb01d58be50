// `npm run bench -- fanout [--count N] [--cap R] [--pending P] …`: how fast reminders fan out.
// The product's own path: rows by writeIntents, jobs by enqueueDeliveries, the real delivery worker
// (createDeliveryWorker + TelegramMessenger + createPreparer) in a child process, talking HTTP to the
// local Bot API in this process. Prints figures; returns the summary that run.ts prints last.
import { type ChildProcess, execFile, fork, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Queue } from "bullmq";
import { Redis } from "ioredis";
import { systemClock } from "../src/clock.ts";
import type { Db } from "../src/db/client.ts";
import {
  createDeliveryQueue,
  type DeliveryJobData,
  enqueueDeliveries,
} from "../src/jobs/queues.ts";
import {
  type CallRecord,
  LocalBotApi,
  peakInWindow,
} from "../src/sandbox/telegram-api/local-bot-api.ts";
import type { WorkerReport, WorkerStart } from "./fanout-worker.ts";
import {
  BENCH_TOKEN,
  benchPrefix,
  Cleanup,
  createMeeting,
  type DeliveryKind,
  deleteKeys,
  parseOptions,
  percentile,
  REDIS_URL,
  round,
  type SeededMember,
  seedLargeCell,
  sleep,
  temporaryDatabase,
  UsageError,
  writeDeliveries,
} from "./support.ts";

const OPTIONS = {
  count: { default: 10_000 as number | undefined, help: "reminders for the uncapped run (b)" },
  cap: { default: 25 as number | undefined, help: "send cap (messages/s) for the capped run (a)" },
  "count-capped": {
    default: undefined as number | undefined,
    help: "reminders for (a); default: what the cap sends in ~40 s, at most --count",
  },
  pending: {
    default: 100_000 as number | undefined,
    help: "delayed jobs due in 30 days, queued during (c)",
  },
  "count-late": { default: 1_000 as number | undefined, help: "reminders due during (c)" },
  "span-late": { default: 10 as number | undefined, help: "seconds over which (c)'s are due" },
  concurrency: {
    default: undefined as number | undefined,
    help: "worker concurrency; default: the product's (20)",
  },
  kind: { default: "reminder" as string | undefined, help: '"reminder" or "notice"' },
  loader: {
    default: "compiled" as string | undefined,
    help: 'the worker as in production, "compiled" (npm run build, plain node), or "tsx"',
  },
  load: {
    default: 0 as number | undefined,
    help: "CPU-bound processes (busy loops) running beside the whole bench, e.g. 2 on 2 cores",
  },
};

export const description =
  "reminder fan-out: (a) capped rate and 429s, (b) uncapped throughput and worker RSS, (c) lateness";
export const options = OPTIONS;

const TSX_WORKER = {
  file: fileURLToPath(new URL("./fanout-worker.ts", import.meta.url)),
  execArgv: ["--import", "tsx"],
};
let workerEntry = TSX_WORKER;

/** The worker process compiled as `npm run build` compiles the product (bench/tsconfig.worker.json). */
async function compileWorker(): Promise<typeof TSX_WORKER> {
  const top = fileURLToPath(new URL("..", import.meta.url));
  await promisify(execFile)("npx", ["tsc", "-p", "bench/tsconfig.worker.json"], { cwd: top });
  // src/i18n.ts and the quality rubric read ../locales and ../config from where they run.
  for (const folder of ["locales", "config"]) {
    const link = `${top}.bench-build/${folder}`;
    if (!existsSync(link)) symlinkSync(`${top}${folder}`, link);
  }
  return { file: `${top}.bench-build/bench/fanout-worker.js`, execArgv: [] };
}

/**
 * The worker's heap flags as production starts it (package.json's start:worker, also in
 * docker-compose.yml): the peak RSS measured is the one the deployment gets.
 */
function productionHeapFlags(): string[] {
  const top = fileURLToPath(new URL("..", import.meta.url));
  const scripts = JSON.parse(readFileSync(`${top}package.json`, "utf8")).scripts as Record<
    string,
    string
  >;
  return (scripts["start:worker"] ?? "").split(/\s+/).filter((f) => /^--max-[\w-]+=/.test(f));
}

/** Give up waiting when the worker finished nothing for this long (the bench never fails on time). */
const STALL_MS = 30_000;
const UNCAPPED = 1_000_000;

export interface FanoutSummary extends Record<string, number | null> {
  cappedRatio: number;
  throttled429: number;
  uncappedPerSec: number;
  rawBullmqPerSec: number;
  peakRssMb: number;
  latenessP50Ms: number;
  latenessP99Ms: number;
}

export async function run(argv: string[]): Promise<FanoutSummary> {
  const opts = parseOptions(argv, OPTIONS);
  const count = Math.floor(opts.count!);
  const cap = opts.cap!;
  const pending = Math.floor(opts.pending!);
  const countCapped = Math.floor(opts["count-capped"] ?? Math.min(count, Math.round(cap * 40)));
  const countLate = Math.floor(opts["count-late"]!);
  const spanLateMs = opts["span-late"]! * 1000;
  const kind = opts.kind as DeliveryKind;
  if (kind !== "reminder" && kind !== "notice")
    throw new UsageError('--kind: "reminder" or "notice"');
  if (opts.loader !== "compiled" && opts.loader !== "tsx")
    throw new UsageError('--loader: "compiled" or "tsx"');
  if (count < 1 || countCapped < 2 || countLate < 1 || cap <= 0) {
    throw new UsageError("--count ≥ 1, --count-capped ≥ 2, --count-late ≥ 1 and --cap > 0");
  }

  const cpus = os.cpus();
  const machine = `${cpus.length} cores (${cpus[0]?.model.trim() ?? "?"})`;
  const memory = `${round(os.totalmem() / 2 ** 30, 1)} GB`;
  console.log(
    `fanout: ${machine}, ${memory}, Node ${process.version}, load average ${loadAverage()}`,
  );
  const path =
    kind === "reminder"
      ? "reminder (prepareReminder re-reads meeting + member at send time)"
      : "notice (payload sent as written)";
  console.log(
    `fanout: path = ${path}; worker = createDeliveryWorker + TelegramMessenger + createPreparer, ` +
      "in a child process, over HTTP to the local Bot API in this one",
  );

  workerEntry = opts.loader === "compiled" ? await compileWorker() : TSX_WORKER;
  workerEntry = { ...workerEntry, execArgv: [...workerEntry.execArgv, ...productionHeapFlags()] };
  console.log(
    `fanout: worker loader = ${opts.loader}, node flags ${workerEntry.execArgv.join(" ") || "none"}`,
  );
  const cleanup = new Cleanup();
  const load = Math.floor(opts.load ?? 0);
  for (let i = 0; i < load; i++) {
    const burner = spawn(process.execPath, ["-e", "for(;;){}"], { stdio: "ignore" });
    cleanup.add(`end busy loop ${burner.pid}`, async () => void burner.kill("SIGKILL"));
  }
  if (load > 0) console.log(`fanout: ${load} CPU-bound processes (busy loops) run beside it`);
  const onSignal = () => void cleanup.run().finally(() => process.exit(130));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    const settings = { count, cap, pending, countCapped, countLate, spanLateMs, kind };
    return await measure(cleanup, { ...settings, concurrency: opts.concurrency });
  } finally {
    await cleanup.run();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

interface Settings {
  count: number;
  cap: number;
  pending: number;
  countCapped: number;
  countLate: number;
  spanLateMs: number;
  kind: DeliveryKind;
  concurrency: number | undefined;
}

/** What every phase needs: the database, Redis, the local Bot API and the seeded members. */
interface Bench {
  s: Settings;
  cleanup: Cleanup;
  db: Db;
  databaseName: string;
  redis: Redis;
  base: string;
  botApi: LocalBotApi;
  members: SeededMember[];
  cellId: string;
  common: Pick<WorkerStart, "databaseUrl" | "redisUrl" | "apiRoot" | "token" | "concurrency">;
  /** Collects the Bot API's call records while set. */
  record(calls: CallRecord[] | undefined): void;
}

async function measure(cleanup: Cleanup, s: Settings): Promise<FanoutSummary> {
  const setupStarted = Date.now();
  const { url: databaseUrl, db } = await temporaryDatabase(cleanup);
  const databaseName = new URL(databaseUrl).pathname.slice(1);

  const base = benchPrefix();
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  cleanup.add("close Redis", () => redis.quit());
  cleanup.add(`delete Redis keys ${base}*`, () => deleteKeys(redis, base));

  const botApi = new LocalBotApi({ token: BENCH_TOKEN, callLogLimit: 1_000_000 });
  const { apiRoot } = await botApi.start();
  cleanup.add("stop the local Bot API", () => botApi.stop());
  let phaseCalls: CallRecord[] | undefined;
  botApi.on("call", (call) => phaseCalls?.push(call));

  const size = Math.max(s.count, s.countCapped, s.countLate + WARM_UP);
  const { cellId, members } = await seedLargeCell(db, size, (u) => botApi.addUser(u));
  console.log(
    `setup: database ${databaseName} migrated, ${size} members each with their own Telegram chat, ` +
      `Redis prefix ${base} (${round((Date.now() - setupStarted) / 1000, 1)} s)`,
  );
  const bench: Bench = {
    s,
    cleanup,
    db,
    databaseName,
    redis,
    base,
    botApi,
    members,
    cellId,
    common: {
      databaseUrl,
      redisUrl: REDIS_URL,
      apiRoot,
      token: BENCH_TOKEN,
      concurrency: s.concurrency,
    },
    record: (calls) => {
      phaseCalls = calls;
    },
  };

  const capped = await cappedPhase(bench);
  const rawBullmqPerSec = await rawPhase(bench);
  const uncapped = await uncappedPhase(bench, rawBullmqPerSec);
  const late = await latenessPhase(bench, uncapped.perSec);
  console.log(`fanout: load average at the end ${loadAverage()}`);
  return {
    cappedRatio: round(capped.ratio, 3),
    throttled429: capped.throttled,
    uncappedPerSec: round(uncapped.perSec),
    rawBullmqPerSec: round(rawBullmqPerSec),
    peakRssMb: round(uncapped.peakRssMb, 1),
    latenessP50Ms: round(late.p50, 1),
    latenessP99Ms: round(late.p99, 1),
  };
}

/** Rows + jobs for `who`, written and enqueued as the planner's dispatcher does. */
async function deliveries(
  b: Bench,
  queue: Queue<DeliveryJobData>,
  who: SeededMember[],
  dueAt: (i: number) => Date,
) {
  const meeting = await createMeeting(b.db, b.cellId);
  const rows = await writeDeliveries(b.db, meeting, who, b.s.kind, dueAt);
  await enqueueDeliveries(queue, rows, systemClock);
  return { meeting, rows };
}

function queueFor(b: Bench, phase: string): Queue<DeliveryJobData> {
  const prefix = `${b.base}_${phase}`;
  const queue = createDeliveryQueue({ connection: b.redis, prefix });
  b.cleanup.add(`close queue ${prefix}`, () => queue.close());
  return queue;
}

// ── (a) capped ──────────────────────────────────────────────────────────────

async function cappedPhase(b: Bench): Promise<{ ratio: number; throttled: number }> {
  const { s } = b;
  const queue = queueFor(b, "capped");
  const who = b.members.slice(0, s.countCapped);
  const { meeting } = await deliveries(b, queue, who, () => new Date());
  b.botApi.enforceRateLimit({ perSecond: 30, perChatPerSecond: 1 });
  const calls: CallRecord[] = [];
  b.record(calls);
  const worker = await WorkerProcess.start(b.cleanup, {
    ...b.common,
    mode: "delivery",
    prefix: queue.opts.prefix!,
    ratePerSecond: s.cap,
    expect: who.length,
  });
  const drainedAt = await worker.waitDrained(STALL_MS);
  const stopped = await worker.stop();
  b.record(undefined);
  // The uncapped phases measure the worker, not Telegram: no method counts against flood limits.
  b.botApi.enforceRateLimit({ methods: [] });

  const sends = sendTimes(calls);
  const spanMs = sends.length > 1 ? sends.at(-1)! - sends[0]! : Number.NaN;
  const achieved = ((sends.length - 1) / spanMs) * 1000;
  const ratio = achieved / s.cap;
  const throttledAt = calls.filter((c) => c.status === 429).map((c) => c.at - (sends[0] ?? c.at));
  const throttled = throttledAt.length;
  const sent = await countSent(b.db, meeting.id);
  const why =
    who.length === s.count
      ? "all of --count"
      : `not ${s.count}: that would take ${round(s.count / s.cap)} s; --count-capped N to change`;
  console.log(
    `(a) capped at ${s.cap}/s: ${who.length} ${s.kind}s (${why}); ` +
      "the local Bot API enforces Telegram's limits (30/s overall, 1/s per chat)",
  );
  console.log(
    `(a) ${sends.length} accepted by the server in ${round(spanMs / 1000, 2)} s from first to last = ` +
      `${round(achieved, 2)}/s (intervals: (n − 1) / span) = ${round(ratio, 3)} of the cap ` +
      `(goal ≥ 0.95; the pacer's 3 % slack allows at most 0.971); ` +
      `most in any 1 s window ${peakInWindow(sends, 1000)}; 429 answers ${throttled} (goal 0); ` +
      `ledger SENT ${sent}/${who.length}${stalled(drainedAt)}`,
  );
  const issued = [...stopped.sendsIssued].sort((x, y) => x - y);
  console.log(
    `(a) as the worker issued them (before HTTP): most in any 1 s window ${peakInWindow(issued, 1000)}, ` +
      `${round(((issued.length - 1) / (issued.at(-1)! - issued[0]!)) * 1000, 2)}/s first → last, ` +
      `${issued.length} calls (429s are issued again)`,
  );
  if (throttled > 0) {
    const when = throttledAt.slice(0, 8).map((ms) => `${round(ms / 1000, 2)}`);
    console.log(
      `(a) the 429s came at ${when.join(", ")}${throttled > 8 ? ", …" : ""} s after the first send`,
    );
  }
  reportWorker("(a)", stopped);
  return { ratio, throttled };
}

// ── (b) raw BullMQ: same count, same job options, concurrency and limiter ───

async function rawPhase(b: Bench): Promise<number> {
  const { s } = b;
  const queue = queueFor(b, "raw");
  const fake = Array.from({ length: s.count }, (_, i) => ({
    id: randomUUID(),
    dueAt: new Date(0),
    platform: "TELEGRAM" as const,
    chatId: String(i),
  }));
  await enqueueDeliveries(queue, fake, systemClock);
  const worker = await WorkerProcess.start(b.cleanup, {
    ...b.common,
    mode: "raw",
    prefix: queue.opts.prefix!,
    ratePerSecond: UNCAPPED,
    expect: s.count,
  });
  const drainedAt = await worker.waitDrained(STALL_MS);
  const stopped = await worker.stop();
  const ms = (drainedAt ?? Date.now()) - worker.startedAt;
  const perSec = (worker.completed / ms) * 1000;
  console.log(
    `(b) raw BullMQ: ${worker.completed}/${s.count} no-op jobs (the delivery jobs' options, same ` +
      `concurrency and limiter, child process) in ${round(ms / 1000, 2)} s = ${round(perSec)}/s; ` +
      `that worker's peak RSS ${round(stopped.hwmRssMb, 1)} MB${stalled(drainedAt)}`,
  );
  return perSec;
}

// ── (b) uncapped, end to end with the ledger ────────────────────────────────

async function uncappedPhase(
  b: Bench,
  rawPerSec: number,
): Promise<{ perSec: number; peakRssMb: number }> {
  const { s } = b;
  const queue = queueFor(b, "uncapped");
  const who = b.members.slice(0, s.count);
  const { meeting } = await deliveries(b, queue, who, () => new Date());
  const calls: CallRecord[] = [];
  b.record(calls);
  const worker = await WorkerProcess.start(b.cleanup, {
    ...b.common,
    mode: "delivery",
    prefix: queue.opts.prefix!,
    ratePerSecond: UNCAPPED,
    expect: who.length,
  });
  const cpuFrom = cpuSnapshot(worker.pid);
  const drainedAt = await worker.waitDrained(STALL_MS);
  const cpuTo = cpuSnapshot(worker.pid);
  const stopped = await worker.stop();
  b.record(undefined);

  const ms = (drainedAt ?? Date.now()) - worker.startedAt;
  const sent = await countSent(b.db, meeting.id);
  const perSec = (sent / ms) * 1000;
  const peakRssMb = Number.isFinite(stopped.hwmRssMb) ? stopped.hwmRssMb : stopped.sampledPeakRssMb;
  const sends = sendTimes(calls);
  const chats = new Set(calls.filter((c) => c.ok).map((c) => c.chatId)).size;
  const serverRate = ((sends.length - 1) / (sends.at(-1)! - sends[0]!)) * 1000;
  console.log(
    `(b) uncapped (cap ${UNCAPPED}/s): ${sent}/${who.length} ${s.kind}s SENT in the ledger ` +
      `${round(ms / 1000, 2)} s after the worker started = ${round(perSec)}/s (goal ≥ 1,000/s), ` +
      `${round(perSec / rawPerSec, 3)} of raw BullMQ; ${sends.length} messages to ${chats} chats, ` +
      `server's first → last ${round(serverRate)}/s${stalled(drainedAt)}`,
  );
  console.log(
    `(b) worker process peak RSS ${round(peakRssMb, 1)} MB (goal ≤ 200 MB): kernel VmHWM of the ` +
      `worker process alone (sampled every 50 ms: ${round(stopped.sampledPeakRssMb, 1)} MB)`,
  );
  const firstDone = Math.min(...stopped.jobs.map(([, , , done]) => done)) - worker.startedAt;
  const marks = [0.25, 0.5, 0.75, 1].map((q) => {
    const at = worker.memory.find(([n]) => n >= q * who.length) ?? worker.memory.at(-1);
    return at ? `${at[0]}: ${round(at[1])} MB (V8 heap ${round(at[2])})` : "?";
  });
  console.log(
    `(b) worker RSS by deliveries finished: ${marks.join(", ")}; the first one finished ` +
      `${round(firstDone / 1000, 2)} s after the worker started (cold start); V8 heap after ` +
      `closing and a full GC ${round(stopped.heapAfterGcMb)} MB`,
  );
  console.log(
    `(b) SQL per delivery, from the worker's node-postgres: ${sqlReport(stopped, who.length)}`,
  );
  const inWorker = stopped.jobs.map(([, , taken, done]) => done - taken);
  console.log(
    `(b) one delivery job in the worker (taken → finished, ${s.concurrency ?? 20} at a time): ` +
      `p50 ${round(percentile(inWorker, 50))} ms, p99 ${round(percentile(inWorker, 99))} ms`,
  );
  console.log(`(b) CPU seconds while draining: ${cpuReport(cpuFrom, cpuTo)}`);
  console.log(`(b) CPU per delivery: ${cpuPerDelivery(cpuFrom, cpuTo, sent)}`);
  reportWorker("(b)", stopped);
  return { perSec, peakRssMb };
}

// ── (c) lateness with P pending delayed jobs ───────────────────────────────

/** Deliveries sent before (c)'s measured ones, so a cold worker's first queries do not count. */
const WARM_UP = 50;
/** (c)'s first delivery is due this long after the bench starts writing them. */
const LEAD_MS = 3_000;

async function latenessPhase(
  b: Bench,
  capacityPerSec: number,
): Promise<{ p50: number; p99: number }> {
  const { s } = b;
  const queue = queueFor(b, "late");
  const farAway = new Date(Date.now() + 30 * 86_400_000);
  const fillStarted = Date.now();
  for (let i = 0; i < s.pending; i += 10_000) {
    const chunk = Array.from({ length: Math.min(10_000, s.pending - i) }, (_, j) => ({
      id: randomUUID(),
      dueAt: farAway,
      platform: "TELEGRAM" as const,
      chatId: String(i + j),
    }));
    await enqueueDeliveries(queue, chunk, systemClock);
  }
  const fillMs = Date.now() - fillStarted;
  const worker = await WorkerProcess.start(b.cleanup, {
    ...b.common,
    mode: "delivery",
    prefix: queue.opts.prefix!,
    ratePerSecond: UNCAPPED,
    expect: WARM_UP + s.countLate,
  });
  const warm = b.members.slice(s.countLate, s.countLate + WARM_UP);
  await deliveries(b, queue, warm, () => new Date());
  await worker.waitCompleted(WARM_UP, STALL_MS);

  const who = b.members.slice(0, s.countLate);
  const calls: CallRecord[] = [];
  b.record(calls);
  const t0 = Date.now() + LEAD_MS;
  const step = s.countLate > 1 ? s.spanLateMs / (s.countLate - 1) : 0;
  const due = (i: number) => new Date(Math.round(t0 + i * step));
  const enqueueStarted = Date.now();
  const { rows } = await deliveries(b, queue, who, due);
  const enqueuedAt = Date.now();
  const enqueueMs = enqueuedAt - enqueueStarted;
  const drainedAt = await worker.waitDrained(STALL_MS);
  const stopped = await worker.stop();
  b.record(undefined);
  const delayed = await queue.getDelayedCount();

  const dueByChat = new Map(who.map((m, i) => [m.telegramId, due(i).getTime()]));
  const lateness: number[] = [];
  for (const call of calls) {
    if (!call.ok || call.chatId === undefined) continue;
    const dueAt = dueByChat.get(call.chatId);
    if (dueAt === undefined) continue;
    lateness.push(call.at - dueAt);
    dueByChat.delete(call.chatId);
  }
  const measured = new Set(rows.map((r) => r.id));
  const pickUp = stopped.jobs
    .filter(([id]) => measured.has(id))
    .map(([, dueAt, taken]) => taken - dueAt);
  const p50 = percentile(lateness, 50);
  const p99 = percentile(lateness, 99);
  const offered = s.spanLateMs > 0 ? (s.countLate / s.spanLateMs) * 1000 : Number.POSITIVE_INFINITY;
  console.log(
    `(c) lateness: ${s.pending} delayed jobs due in 30 days (${round(fillMs / 1000, 1)} s to add with ` +
      `enqueueDeliveries; ${delayed} still delayed at the end); worker uncapped and warmed up with ` +
      `${WARM_UP} sends; then ${s.countLate} ${s.kind}s due from +${LEAD_MS / 1000} s, evenly over ` +
      `${s.spanLateMs / 1000} s = ${round(offered)}/s offered vs. ${round(capacityPerSec)}/s ` +
      `measured in (b) (written + enqueued in ${enqueueMs} ms)`,
  );
  console.log(
    `(c) lateness = the local Bot API's receive time − dueAt, over ${lateness.length} sends: ` +
      `p50 ${round(p50, 1)} ms, p99 ${round(p99, 1)} ms (goal ≤ 1,000), ` +
      `min ${round(Math.min(...lateness), 1)} ms, max ${round(Math.max(...lateness), 1)} ms; ` +
      `BullMQ hands the job to the worker (processedOn − dueAt): p50 ${round(percentile(pickUp, 50))} ms, ` +
      `p99 ${round(percentile(pickUp, 99))} ms${stalled(drainedAt)}`,
  );
  const inWorker = stopped.jobs.filter(([id]) => measured.has(id)).map(([, , t, d]) => d - t);
  console.log(
    `(c) one delivery job in the worker (taken → finished): p50 ${round(percentile(inWorker, 50))} ms, ` +
      `p99 ${round(percentile(inWorker, 99))} ms`,
  );
  if (enqueuedAt > t0) {
    console.log(
      `(c) WARNING: writing and enqueueing took longer than the ${LEAD_MS} ms lead: the first ` +
        `${s.kind}s were already ${enqueuedAt - t0} ms late when queued (a busy machine?)`,
    );
  }
  reportWorker("(c)", stopped);
  return { p50, p99 };
}

function stalled(drainedAt: number | undefined): string {
  return drainedAt === undefined ? `; STALLED: nothing finished for ${STALL_MS / 1000} s` : "";
}

// ── The worker process ──────────────────────────────────────────────────────

type Stopped = Extract<WorkerReport, { type: "stopped" }>;

class WorkerProcess {
  startedAt = 0;
  completed = 0;
  /** [jobs finished, RSS MB, V8 heap used MB], four times a second. */
  readonly memory: [number, number, number][] = [];
  private drainedAt: number | undefined;
  private progressAt = Date.now();
  private failure: Error | undefined;
  private stopping = false;
  private readonly waiting = new Map<
    string,
    { resolve: (report: WorkerReport) => void; reject: (error: Error) => void }
  >();

  private constructor(private readonly child: ChildProcess) {
    child.on("message", (report: WorkerReport) => {
      if (report.type === "progress")
        this.memory.push([report.completed, report.rssMb, report.heapMb]);
      if (report.type === "progress" && report.completed !== this.completed) {
        this.completed = report.completed;
        this.progressAt = Date.now();
      }
      if (report.type === "drained") {
        this.completed = report.completed;
        this.drainedAt = report.at;
      }
      if (report.type === "error") this.fail(new Error(`worker process: ${report.message}`));
      const waiter = this.waiting.get(report.type);
      this.waiting.delete(report.type);
      waiter?.resolve(report);
    });
    child.on("exit", (code, signal) => {
      const error = new Error(`worker process ${child.pid} exited (${signal ?? code})`);
      // After "stop" the exit is expected; its last report may still be on its way.
      if (this.stopping) setTimeout(() => this.fail(error), 2_000).unref();
      else this.fail(error);
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  static async start(cleanup: Cleanup, start: Omit<WorkerStart, "type">): Promise<WorkerProcess> {
    const child = fork(workerEntry.file, [], {
      // BENCH_WORKER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the worker.
      execArgv: [
        ...workerEntry.execArgv,
        "--expose-gc",
        ...(process.env.BENCH_WORKER_NODE_ARGS?.split(" ") ?? []),
      ],
      // The child's stdout goes to our stderr: our stdout's last line must stay the JSON.
      stdio: ["ignore", "pipe", "inherit", "ipc"],
    });
    child.stdout?.pipe(process.stderr);
    cleanup.add(`end worker process ${child.pid}`, async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    });
    const worker = new WorkerProcess(child);
    const started = worker.next("started");
    child.send({ type: "start", ...start } satisfies WorkerStart);
    worker.startedAt = (await started).at;
    worker.progressAt = Date.now();
    return worker;
  }

  /** Resolves once `n` jobs finished (seen within 250 ms), false after `stallMs` without progress. */
  async waitCompleted(n: number, stallMs: number): Promise<boolean> {
    for (;;) {
      if (this.failure) throw this.failure;
      if (this.completed >= n) return true;
      if (Date.now() - this.progressAt > stallMs) return false;
      await sleep(20);
    }
  }

  /** When every expected job finished (child's clock), or undefined after `stallMs` without progress. */
  async waitDrained(stallMs: number): Promise<number | undefined> {
    for (;;) {
      if (this.failure) throw this.failure;
      if (this.drainedAt !== undefined) return this.drainedAt;
      if (Date.now() - this.progressAt > stallMs) return undefined;
      await sleep(20);
    }
  }

  async stop(): Promise<Stopped> {
    const exited = new Promise<void>((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) resolve();
      else this.child.once("exit", () => resolve());
    });
    const stopped = this.next("stopped");
    this.stopping = true;
    this.child.send({ type: "stop" });
    const report = await stopped;
    await exited;
    return report;
  }

  private next<T extends WorkerReport["type"]>(
    type: T,
  ): Promise<Extract<WorkerReport, { type: T }>> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.waiting.set(type, {
        resolve: (report) => resolve(report as Extract<WorkerReport, { type: T }>),
        reject,
      });
    });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}

function reportWorker(label: string, stopped: Stopped): void {
  const results = Object.entries(stopped.results)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  const failures = stopped.failed
    ? `; ${stopped.failed} failed attempts (${stopped.failures.join(" | ")})`
    : "";
  console.log(`${label} worker results: ${results || "none"}${failures}`);
}

// ── Figures ─────────────────────────────────────────────────────────────────

const MESSAGE_METHODS = new Set(["sendMessage", "sendDocument"]);

function sendTimes(calls: readonly CallRecord[]): number[] {
  return calls
    .filter((c) => c.ok && MESSAGE_METHODS.has(c.method))
    .map((c) => c.at)
    .sort((a, b) => a - b);
}

async function countSent(db: Db, meetingId: string): Promise<number> {
  return db.delivery.count({ where: { meetingId, status: "SENT" } });
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => round(l, 2))
    .join(" ");
}

function sqlReport(stopped: Stopped, deliveries: number): string {
  const entries = Object.entries(stopped.sql).sort((a, b) => b[1][0] - a[1][0]);
  const statements = entries.reduce((sum, [, [n]]) => sum + n, 0);
  const ms = entries.reduce((sum, [, [, t]]) => sum + t, 0);
  const each = entries.map(([key, [n]]) => `${key} ${round(n / deliveries, 2)}`).join(", ");
  return (
    `${round(statements / deliveries, 2)} statements (${each}); ` +
    `${round(ms / statements, 2)} ms from query() to its result on average (waiting for the ` +
    "worker's busy event loop included)"
  );
}

// CPU seconds by process, from /proc (Linux only). PostgreSQL and Redis are shared with whatever
// else runs on the machine: their figures include that.
interface CpuSnapshot {
  groups: Record<string, number>;
  machineBusy: number;
  machineTotal: number;
}

const TICKS_PER_SECOND = 100;

function cpuSnapshot(workerPid: number | undefined): CpuSnapshot {
  const groups: Record<string, number> = {};
  try {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      } catch {
        continue;
      }
      const close = stat.lastIndexOf(")");
      const comm = stat.slice(stat.indexOf("(") + 1, close);
      const fields = stat.slice(close + 2).split(" ");
      const seconds = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
      const pid = Number(entry);
      const group =
        pid === workerPid
          ? "worker"
          : pid === process.pid
            ? "bench + local Bot API"
            : comm.startsWith("postgres")
              ? "postgres"
              : comm.startsWith("redis")
                ? "redis"
                : undefined;
      if (group) groups[group] = (groups[group] ?? 0) + seconds;
    }
    const cpu = readFileSync("/proc/stat", "utf8")
      .split("\n")[0]!
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0);
    const total = cpu.reduce((a, b) => a + b, 0);
    return {
      groups,
      machineBusy: (total - idle) / TICKS_PER_SECOND,
      machineTotal: total / TICKS_PER_SECOND,
    };
  } catch {
    return { groups, machineBusy: Number.NaN, machineTotal: Number.NaN };
  }
}

/** CPU time per delivery, and the rate it allows if these processes had every core to themselves. */
function cpuPerDelivery(from: CpuSnapshot, to: CpuSnapshot, deliveries: number): string {
  const ms = (group: string) =>
    (((to.groups[group] ?? 0) - (from.groups[group] ?? 0)) * 1000) / deliveries;
  const groups = Object.keys(to.groups);
  const total = groups.reduce((sum, g) => sum + ms(g), 0);
  const cores = os.cpus().length;
  return (
    `${groups.map((g) => `${g} ${round(ms(g), 1)} ms`).join(", ")}; ` +
    `so one worker process (one JS thread) tops out near ${round(1000 / ms("worker"))}/s, and the ` +
    `whole path near ${round((cores * 1000) / total)}/s on ${cores} cores with nothing else running ` +
    "(PostgreSQL and Redis figures include other users of those servers)"
  );
}

function cpuReport(from: CpuSnapshot, to: CpuSnapshot): string {
  const used = Object.keys(to.groups).map(
    (g) => [g, (to.groups[g] ?? 0) - (from.groups[g] ?? 0)] as const,
  );
  const elapsed = to.machineTotal - from.machineTotal;
  const busy = (to.machineBusy - from.machineBusy) / elapsed;
  const ours = used.reduce((sum, [, seconds]) => sum + seconds, 0) / elapsed;
  return (
    `${used.map(([g, seconds]) => `${g} ${round(seconds, 1)}`).join(", ")}; machine ` +
    `${round(busy * 100)} % busy over all cores, ${round(ours * 100)} % by these processes ` +
    "(the rest: other work on the machine)"
  );
}
