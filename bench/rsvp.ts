// `npm run bench -- rsvp [--members N] [--concurrency C | --open-rate R --seconds S] [--pool P]`:
// members answering their reminder through the whole stack — the local Bot API POSTs each press to
// the bot's real webhook endpoint (secret token, answered after processing), grammY, the services,
// Postgres. Latency = from the press until the webhook answered (the bot finished handling it).
// Closed loop (default): C presses in flight at once, each member's next press when one is done.
// Open loop (--open-rate): R presses a second for S seconds whether or not the bot keeps up, each
// press's latency counted from when it was due (a backlog shows as latency, never as fewer presses).
import { type ChildProcess, fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { Api } from "grammy";
import { Redis } from "ioredis";
import type { Db } from "../src/db/client.ts";
import { createI18n, translator } from "../src/i18n.ts";
import { LocalBotApi } from "../src/sandbox/telegram-api/local-bot-api.ts";
import { answerButtonData } from "../src/services/callback-data.ts";
import type { BotCommand, BotReport } from "./rsvp-bot.ts";
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
  sleep,
  temporaryDatabase,
} from "./support.ts";

const OPTIONS = {
  members: {
    default: 1_000 as number | undefined,
    help: "linked members who answer (open loop: at least rate × seconds)",
  },
  "cell-size": {
    default: 20 as number | undefined,
    help: "members per cell (the demo's cells have about 20)",
  },
  concurrency: {
    default: 50 as number | undefined,
    help: "closed loop: presses in flight at once",
  },
  "open-rate": {
    default: 0 as number | undefined,
    help: "open loop: presses a second, offered whatever the latency (0: closed loop)",
  },
  seconds: { default: 10 as number | undefined, help: "open loop: for this long" },
  "decline-share": {
    default: 0.2 as number | undefined,
    help: "share who decline (3 updates each: Vắng, a reason, confirm)",
  },
  pool: {
    default: 10 as number | undefined,
    help: "the bot's PostgreSQL connections (DATABASE_POOL_SIZE's default)",
  },
  "cpu-prof": {
    default: "" as string | undefined,
    help: "write a CPU profile of the bot process during the measured presses to this .cpuprofile file",
  },
};

export const description = "members pressing their answer button: updates/s and handling latency";
export const options = OPTIONS;

/** One press of a member's, given when it fell due. */
type Step = (due: number) => Promise<void>;

/** The first step now; the next one ready (in `ready`) once it is done, and so on. */
function chained([first, ...rest]: Step[], ready: Step[]): Step {
  return async (due) => {
    await first!(due);
    if (rest.length > 0) ready.push(chained(rest, ready));
  };
}

/** CPU seconds (user + system) each PostgreSQL backend serving `db`'s database has used so far. */
async function backendCpu(db: Db): Promise<Map<number, number>> {
  const rows = await db.$queryRaw<{ pid: number }[]>`
    SELECT pid FROM pg_stat_activity WHERE datname = current_database()`;
  const out = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      out.set(pid, (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS);
    } catch {
      // Not on this machine's /proc (a remote server), or gone.
    }
  }
  return out;
}
const CLOCK_TICKS = 100;

/** The bot in its own process (bench/rsvp-bot.ts), driven over IPC. */
class BotProcess {
  private constructor(private readonly child: ChildProcess) {}

  static async start(
    cleanup: Cleanup,
    start: Omit<Extract<BotCommand, { type: "start" }>, "type">,
  ) {
    const child = fork(fileURLToPath(new URL("./rsvp-bot.ts", import.meta.url)), [], {
      execArgv: ["--import", "tsx"],
      // The child's stdout goes to our stderr: our stdout's last line must stay the JSON.
      stdio: ["ignore", "pipe", "inherit", "ipc"],
    });
    child.stdout?.pipe(process.stderr);
    cleanup.add(`end the bot process ${child.pid}`, async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    });
    const bot = new BotProcess(child);
    return { bot, ready: await bot.ask({ type: "start", ...start }, "ready") };
  }

  /** Sends `command` and waits for the report of type `type` (an error or an exit throws). */
  ask<T extends BotReport["type"]>(command: BotCommand, type: T) {
    return new Promise<Extract<BotReport, { type: T }>>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the bot process exited (${code})`));
      const onMessage = (report: BotReport) => {
        if (report.type === "error") reject(new Error(`the bot process: ${report.message}`));
        else if (report.type !== type) return;
        else resolve(report as Extract<BotReport, { type: T }>);
        this.child.off("message", onMessage).off("exit", onExit);
      };
      this.child.on("message", onMessage).once("exit", onExit);
      this.child.send(command);
    });
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.send({ type: "stop" } satisfies BotCommand);
    await exited;
  }
}

export async function run(argv: string[]) {
  const opts = parseOptions(argv, OPTIONS);
  const openRate = opts["open-rate"]!;
  const offered = Math.round(openRate * opts.seconds!);
  const memberCount = openRate > 0 ? Math.max(opts.members!, offered) : opts.members!;
  const cleanup = new Cleanup();
  try {
    const { db, url } = await temporaryDatabase(cleanup);
    const prefix = benchPrefix();
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    cleanup.add("close redis", async () => {
      await deleteKeys(redis, prefix);
      await redis.quit();
    });
    const t = translator(createI18n());

    // This measures the bot's own throughput: the local Bot API counts no method against flood
    // limits here (Telegram's ~30 messages/s overall would be the figure otherwise).
    const botApi = new LocalBotApi({
      token: BENCH_TOKEN,
      callLogLimit: 100_000,
      rateLimit: { methods: [] },
    });
    const { apiRoot } = await botApi.start();
    cleanup.add("stop the local Bot API", () => botApi.stop());
    const members: (SeededMember & { meetingId: string })[] = [];
    for (let i = 0; i < memberCount; i += opts["cell-size"]!) {
      const size = Math.min(opts["cell-size"]!, memberCount - i);
      const cell = await seedLargeCell(db, size, (u) => botApi.addUser(u), {
        code: `B${i}`,
        firstTelegramId: 5_000_000 + i,
      });
      const meeting = await createMeeting(db, cell.cellId);
      members.push(...cell.members.map((m) => ({ ...m, meetingId: meeting.id })));
    }
    // They last wrote to the bot yesterday: a member's first press marks their chat as used.
    await db.chatIdentity.updateMany({ data: { lastUsedAt: new Date(Date.now() - 86_400_000) } });

    // The bot's own process and pool, as in production; the seeding above uses the bench's client.
    const secret = randomBytes(16).toString("hex");
    const { bot, ready } = await BotProcess.start(cleanup, {
      databaseUrl: url,
      redisUrl: REDIS_URL,
      prefix,
      apiRoot,
      token: BENCH_TOKEN,
      pool: opts.pool!,
      secret,
    });
    const api = new Api(BENCH_TOKEN, { apiRoot });
    // Telegram calls https only (the fake's exposed address stands for the proxy in front);
    // 100 connections, the most it allows, so the presses in flight are not queued by it.
    await api.setWebhook(botApi.exposeWebhook(ready.webhookUrl), {
      secret_token: secret,
      max_connections: 100,
    });

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
      const sent = await api.sendMessage(m.telegramId, "Nhắc lịch sinh hoạt chi bộ", {
        reply_markup: keyboard,
      });
      reminders.set(m.telegramId, sent.message_id);
    }

    const internalError = t("error-internal");
    const latencies: number[] = [];
    let updates = 0;
    let failed = 0;
    /** One press; its latency from `due` (open loop: when it was due, not when it could go). */
    const press = async (userId: number, messageId: number, label: string, due: number) => {
      try {
        const result = await botApi.press(userId, messageId, { label });
        if (result.answer?.text === internalError) failed++;
      } catch {
        failed++; // the webhook did not answer 2xx
      }
      latencies.push(performance.now() - due);
      updates++;
    };
    const lastBotMessage = (userId: number) =>
      botApi
        .chat(userId)
        .filter((e) => e.from === "bot")
        .at(-1)!.messageId;
    // A member's presses: Tham dự, or Vắng, a reason, the confirmation (each after the last).
    const decliners = Math.round(members.length * opts["decline-share"]!);
    const steps = (index: number): Step[] => {
      const { telegramId } = members[index]!;
      const reminder = reminders.get(telegramId)!;
      if (index >= decliners) return [(due) => press(telegramId, reminder, "✅ Tham dự", due)];
      return [
        (due) => press(telegramId, reminder, "❌ Vắng (có lý do)", due),
        (due) => press(telegramId, lastBotMessage(telegramId), "Ốm đau", due),
        (due) => press(telegramId, lastBotMessage(telegramId), "✅ Xác nhận", due),
      ];
    };

    const calls = botApi.calls.length;
    const loadBefore = os.loadavg()[0]!;
    const pgBefore = await backendCpu(db);
    await bot.ask({ type: "measure", cpuProfile: opts["cpu-prof"]! }, "measuring");
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    if (openRate > 0) {
      // A press falls due every 1/rate s: a decliner's next step once its last one is done, else
      // the next member's first press. Steps still to come when the presses run out are dropped.
      const ready: Step[] = [];
      const inFlight: Promise<void>[] = [];
      let nextMember = 0;
      for (let i = 0; i < offered; i++) {
        const due = started + (i * 1000) / openRate;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        let step = ready.shift();
        if (!step && nextMember < members.length) step = chained(steps(nextMember++), ready);
        if (step) inFlight.push(step(due));
      }
      await Promise.all(inFlight);
    } else {
      let next = 0;
      await Promise.all(
        Array.from({ length: Math.min(opts.concurrency!, members.length) }, async () => {
          while (next < members.length) {
            for (const step of steps(next++)) await step(performance.now());
          }
        }),
      );
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const measured = await bot.ask({ type: "report" }, "report");
    const pgAfter = await backendCpu(db);
    const pgSeconds = [...pgAfter].reduce((sum, [pid, s]) => sum + s - (pgBefore.get(pid) ?? 0), 0);
    const loadAfter = os.loadavg()[0]!;
    await bot.stop();
    const botApiCalls = botApi.calls.length - calls;
    const recorded = await db.answer.count();

    const summary = {
      updatesPerSec: round(updates / seconds),
      p50Ms: round(percentile(latencies, 50), 1),
      p99Ms: round(percentile(latencies, 99), 1),
      failed,
      perUpdate: {
        sql: round(measured.sqlStatements / updates, 2),
        redis: round(measured.redisCommands / updates, 2),
        botApi: round(botApiCalls / updates, 2),
        // CPU: the bot's process; this one (the local Bot API and the presses); PostgreSQL.
        botCpuMs: round(measured.cpuMs / updates, 2),
        botSystemCpuMs: round(measured.systemMs / updates, 2),
        driverCpuMs: round((cpu.user + cpu.system) / 1000 / updates, 2),
        postgresCpuMs: round((pgSeconds * 1000) / updates, 2),
      },
      botPeakRssMb: round(measured.peakRssMb),
      load: [round(loadBefore, 1), round(loadAfter, 1)],
    };
    console.log(`machine: ${os.cpus().length} cores, Node ${process.version}`);
    const mode =
      openRate > 0
        ? `offered ${openRate}/s for ${opts.seconds} s (${offered} presses)`
        : `with ${opts.concurrency} in flight`;
    console.log(
      `${members.length} members in cells of ${opts["cell-size"]} (${decliners} declining with a reason), ${updates} updates in ${seconds.toFixed(1)} s ` +
        `${mode}, pool ${opts.pool}; ${recorded} answers recorded, ${failed} failed`,
    );
    console.log(
      `updates/s ${summary.updatesPerSec}, latency p50 ${summary.p50Ms} ms, p99 ${summary.p99Ms} ms; ` +
        `per update ${summary.perUpdate.sql} SQL statements, ${summary.perUpdate.redis} Redis commands, ` +
        `${summary.perUpdate.botApi} Bot API calls; CPU ${summary.perUpdate.botCpuMs} ms in the bot ` +
        `(${summary.perUpdate.botSystemCpuMs} ms of it in the kernel) ` +
        `(one core: ${round(1000 / summary.perUpdate.botCpuMs)} updates/s), ` +
        `${summary.perUpdate.driverCpuMs} ms in the local Bot API with the presses, ` +
        `${summary.perUpdate.postgresCpuMs} ms in PostgreSQL; bot peak RSS ${summary.botPeakRssMb} MB; ` +
        `load ${summary.load.join(" → ")}`,
    );
    if (openRate === 0 && recorded !== members.length)
      console.log(`WARNING: expected ${members.length} answers, found ${recorded}`);
    return summary;
  } finally {
    await cleanup.run();
  }
}
