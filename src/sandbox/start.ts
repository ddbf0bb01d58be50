// The whole bot with no token and no internet: a local Bot API, the real bot (webhook mode), the
// real workers, a virtual clock, and the web chat page with its control API.
import { randomBytes } from "node:crypto";
import { Hono } from "hono";
import { createBot } from "../channels/telegram/bot.ts";
import { setDefaultCommands, syncCommandMenu } from "../channels/telegram/commands.ts";
import { TelegramMessenger } from "../channels/telegram/messenger.ts";
import { ZaloBot } from "../channels/zalo/bot.ts";
import { ZaloClient, zaloBotId } from "../channels/zalo/client.ts";
import { ZaloMessenger } from "../channels/zalo/messenger.ts";
import { mountZaloWebhook, ZALO_WEBHOOK_PATH } from "../channels/zalo/webhook.ts";
import { OffsetClock } from "../clock.ts";
import type { Config } from "../config.ts";
import { localDate } from "../domain/local-time.ts";
import { createRuntime } from "../runtime.ts";
import { listen } from "../server/http.ts";
import { mountWeb } from "../server/web.ts";
import { mountWebhook, WEBHOOK_PATH } from "../server/webhook.ts";
import { actorFor } from "../services/actors.ts";
import { sweepAlerts } from "../services/alert-sweep.ts";
import type { Services } from "../services/context.ts";
import { runPlanner } from "../services/planner.ts";
import { startWorkers } from "../worker.ts";
import { ClockDriver } from "./clock-driver.ts";
import { type Persona, sandboxApi } from "./control-api.ts";
import { sandboxPage } from "./page.ts";
import { LocalBotApi } from "./telegram-api/local-bot-api.ts";
import { LocalZaloApi } from "./zalo-api/local-zalo-api.ts";

const SWEEP_EVERY_MS = 15 * 60_000;
const SANDBOX_TOKEN = "100000001:SANDBOX-local-bot-api-token-not-real";
const SANDBOX_ZALO_TOKEN = "sandbox-local-zalo-token-not-real";

export interface SandboxOptions {
  port: number;
  /** Runs on the sandbox's services (virtual clock) before personas are loaded: the demo seed. */
  prepare?: (services: Services) => Promise<void>;
  /** The virtual time a new sandbox starts at (tests: a fixed day); default now. */
  startAt?: Date;
}

export async function startSandbox(config: Config, options: SandboxOptions) {
  const clockKey = `${config.REDIS_PREFIX}:sandbox:clock-offset`;
  const clock = new OffsetClock();
  const runtime = createRuntime(config, clock);
  const saved = await runtime.redis.get(clockKey);
  clock.start(
    saved !== null ? Number(saved) : options.startAt ? options.startAt.getTime() - Date.now() : 0,
  );
  const { db, services } = runtime;
  await options.prepare?.(services);

  const botApi = new LocalBotApi({
    token: SANDBOX_TOKEN,
    botInfo: { id: 100000001, first_name: "Chi bộ Bot", username: "chibo_sandbox_bot" },
    now: () => clock.now(),
  });
  const { apiRoot } = await botApi.start();

  const zaloApi = new LocalZaloApi({ token: SANDBOX_ZALO_TOKEN, now: () => clock.now() });
  const { apiRoot: zaloRoot } = await zaloApi.start();

  // One persona per chat identity: a member linked to both channels is two personas.
  const rows = await db.chatIdentity.findMany({
    where: { platform: { in: ["TELEGRAM", "ZALO"] } },
    include: {
      member: {
        include: {
          cell: { include: { parent: true } },
          assignments: { include: { unit: { include: { parent: true } } } },
          identities: { select: { platform: true } },
        },
      },
    },
    orderBy: [{ member: { code: "asc" } }, { platform: "asc" }],
  });
  const personas: Persona[] = rows.map(({ member, externalId, platform }) => ({
    id:
      platform === "ZALO" && member.identities.some((i) => i.platform === "TELEGRAM")
        ? `${member.code}-zalo`
        : member.code,
    name: member.fullName,
    role:
      member.cellRole === "SECRETARY"
        ? "secretary"
        : member.cellRole === "DEPUTY"
          ? "deputy"
          : member.assignments.length
            ? "committee"
            : "member",
    cell: member.cell?.name ?? member.assignments[0]?.unit.name ?? "",
    cellId: member.cellId ?? member.assignments[0]?.unitId,
    organisation:
      member.cell?.parent?.name ?? member.assignments[0]?.unit.parent?.name ?? undefined,
    channel: platform === "ZALO" ? ("zalo" as const) : ("telegram" as const),
    userId: platform === "ZALO" ? externalId : Number(externalId),
  }));
  for (const p of personas.filter((p) => p.channel === "zalo"))
    zaloApi.addUser({ id: String(p.userId), name: p.name });
  for (const p of personas.filter((p) => p.channel === "telegram")) {
    const [first, ...rest] = p.name.split(" ").reverse();
    botApi.addUser({
      id: Number(p.userId),
      first_name: first ?? p.name,
      last_name: rest.reverse().join(" ") || undefined,
      language_code: "vi",
      // Linked on Telegram means they once opened the invite link, which presses Start.
      started: true,
    });
  }

  const bot = createBot(
    SANDBOX_TOKEN,
    { services, redis: runtime.redis, redisPrefix: config.REDIS_PREFIX },
    { apiRoot },
  );
  await bot.init();
  const zaloClient = new ZaloClient(SANDBOX_ZALO_TOKEN, { apiRoot: zaloRoot });
  const zaloMessenger = new ZaloMessenger(zaloClient, db, services.t, clock);
  const zaloBot = new ZaloBot({
    services,
    botId: zaloBotId(SANDBOX_ZALO_TOKEN),
    messenger: zaloMessenger,
  });
  const workers = await startWorkers(runtime, {
    TELEGRAM: new TelegramMessenger(bot.api),
    ZALO: zaloMessenger,
  });

  // Time-driven work as the production schedulers do it, in virtual time: the planner when a new
  // month enters its window (nightly in production: the other nights change nothing without
  // edits, and edits re-plan at once), the alert sweep every 15 virtual minutes.
  let plannedMonth = localDate(clock.now()).slice(0, 7);
  let sweptAt = 0;
  const driver = new ClockDriver({
    clock,
    db,
    queue: runtime.deliveryQueue,
    horizonMs: services.settings.dispatchHorizonMs,
    // Each is marked done only when it succeeded: a failed one runs again at the next tick.
    onTick: async (now) => {
      if (localDate(now).slice(0, 7) !== plannedMonth) {
        await runPlanner(services);
        plannedMonth = localDate(now).slice(0, 7);
      }
      if (now.getTime() - sweptAt >= SWEEP_EVERY_MS) {
        await sweepAlerts(services, { logger: runtime.logger });
        sweptAt = now.getTime();
      }
    },
    logger: runtime.logger,
    save: async (offset) => {
      await runtime.redis.set(clockKey, String(offset));
    },
  });

  const app = new Hono();
  const secret = randomBytes(24).toString("base64url");
  mountWebhook(app, bot, secret);
  mountZaloWebhook(app, zaloBot, secret);
  app.get("/healthz", (c) => c.json({ ok: true }));
  app.route(
    "/api/sandbox",
    sandboxApi({
      botApi,
      zaloApi,
      clock,
      driver,
      personas: async () => personas,
      meetings: (cell) => whoAnswered(runtime, cell),
      logger: runtime.logger,
    }),
  );
  mountWeb(app, { services, logger: runtime.logger });
  app.route("/", sandboxPage());
  const server = await listen(app, options.port);
  const url = `http://127.0.0.1:${server.port}`;
  // The console's sign-in links point here unless WEB_URL says otherwise.
  if (!config.WEB_URL) services.settings.webUrl = url;
  // Both platforms call https only: the fakes' exposed addresses stand for a proxy in front.
  await bot.api.setWebhook(botApi.exposeWebhook(`${url}${WEBHOOK_PATH}`), {
    secret_token: secret,
  });
  await zaloClient.setWebhook(zaloApi.exposeWebhook(`${url}${ZALO_WEBHOOK_PATH}`), secret);
  await setDefaultCommands(bot.api, services.t);
  for (const p of personas.filter((p) => p.role !== "member" && p.channel === "telegram")) {
    const actor = await actorFor(db, "TELEGRAM", String(p.userId));
    if (actor) await syncCommandMenu(bot.api, Number(p.userId), actor, services.t);
  }

  return {
    url,
    botApi,
    zaloApi,
    clock,
    driver,
    runtime,
    personas,
    async stop() {
      await workers.stop();
      await server.close();
      await botApi.stop();
      await zaloApi.stop();
      await runtime.close();
    },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** For orientation in the page: the next meetings of a cell and who answered what. */
async function whoAnswered(runtime: ReturnType<typeof createRuntime>, cell: string | undefined) {
  const { db, services } = runtime;
  const meetings = await db.meeting.findMany({
    where: {
      status: "PLANNED",
      startsAt: { gt: services.clock.now() },
      // A cell by its id (the page), its code or a fragment of its name.
      ...(cell
        ? {
            unit: {
              OR: [
                ...(UUID.test(cell) ? [{ id: cell }] : []),
                { code: cell },
                { name: { contains: cell, mode: "insensitive" as const } },
              ],
            },
          }
        : {}),
    },
    orderBy: { startsAt: "asc" },
    take: cell ? 3 : 20,
    include: { unit: true, answers: { include: { member: true } } },
  });
  return meetings.map((m) => ({
    id: m.id,
    cell: m.unit.name,
    cellId: m.unitId,
    startsAt: m.startsAt.toISOString(),
    attending: m.answers.filter((a) => a.kind === "ATTENDING").map((a) => a.member.fullName),
    absent: m.answers.filter((a) => a.kind === "ABSENT").map((a) => a.member.fullName),
  }));
}
