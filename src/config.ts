import { z } from "zod";
import { DEFAULT_DATABASE_URL, DEFAULT_POOL_SIZE } from "./db/pg-config.ts";
import { loadRubric } from "./services/quality/rubric.ts";

const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The hosted platforms, and what their webhooks accept (a self-hosted Bot API takes any URL). */
const TELEGRAM_HOST = "api.telegram.org";
const TELEGRAM_WEBHOOK_PORTS = ["443", "80", "88", "8443"];
const ZALO_HOST = "bot-api.zaloplatforms.com";

/** Why the hosted platform would refuse this webhook URL; null when it would take it. */
function webhookRefusal(url: string, platform: "Telegram" | "Zalo"): string | null {
  const { protocol, port } = new URL(url);
  if (protocol !== "https:")
    return `${platform} delivers webhooks only to https:// URLs (got ${protocol}//); put a TLS reverse proxy in front of the bot (README, "Webhook URL and secret")`;
  if (platform === "Telegram" && port !== "" && !TELEGRAM_WEBHOOK_PORTS.includes(port))
    return `Telegram delivers webhooks only to ports 443, 80, 88 or 8443 (got ${port})`;
  return null;
}

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    LOG_LEVEL: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
      .default("info"),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).default(DEFAULT_DATABASE_URL),
    /** Issue 18: PostgreSQL connections each process opens; a query beyond them waits for one. */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(DEFAULT_POOL_SIZE),
    REDIS_URL: z.url({ protocol: /^rediss?$/ }).default("redis://127.0.0.1:6379"),
    /** Prefix of every Redis key (BullMQ queues, conversations), so deployments can share a Redis. */
    REDIS_PREFIX: z
      .string()
      .regex(/^[a-z0-9_-]+$/)
      .default("chibo"),
    BOT_TOKEN: z
      .string()
      .regex(/^\d+:[\w-]{20,}$/, "looks like 123456:ABC… from BotFather")
      .optional(),
    BOT_MODE: z.enum(["polling", "webhook"]).default("polling"),
    /** The Bot API server; the sandbox and the tests point it at the local one. */
    TELEGRAM_API_ROOT: z.url().default("https://api.telegram.org"),
    WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
    WEBHOOK_SECRET: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,256}$/, "16–256 characters of A-Z a-z 0-9 _ -")
      .optional(),
    /** Zalo Bot Platform (optional second channel). */
    ZALO_BOT_TOKEN: z.string().min(8).optional(),
    ZALO_API_ROOT: z.url().default("https://bot-api.zaloplatforms.com"),
    ZALO_MODE: z.enum(["polling", "webhook"]).default("polling"),
    ZALO_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
    ZALO_WEBHOOK_SECRET: z
      .string()
      .min(8, "8–256 characters")
      .max(256, "8–256 characters")
      .optional(),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    /** The address the bot's and the worker's HTTP servers listen on. */
    HOST: z.string().min(1).default("0.0.0.0"),
    /** The worker's own HTTP server (/healthz, /readyz, /metrics); unset: none. 0 picks a free port. */
    WORKER_PORT: z.coerce
      .number()
      .int("a port number")
      .min(0, "a port number, 0–65535")
      .max(65535, "a port number, 0–65535")
      .optional(),
    /** The web console's address as people open it (sign-in links); default http://127.0.0.1:PORT. */
    WEB_URL: z.url({ protocol: /^https?$/ }).optional(),
    /** The web console also (or only, for internal deployments) on its own port; unset: none. */
    WEB_PORT: z.coerce
      .number()
      .int("a port number")
      .min(0, "a port number, 0–65535")
      .max(65535, "a port number, 0–65535")
      .optional(),
    /** Basic auth for the queue board at /admin/queues; both or neither (then no board). */
    ADMIN_USER: z
      .string()
      .regex(/^[^:\s]{1,64}$/, "1–64 characters, no colon or space")
      .optional(),
    ADMIN_PASSWORD: z.string().min(12, "at least 12 characters").max(256).optional(),
    /** R1: "residential" (2018 guideline) or "all" (Chỉ thị 50, 2025) cells meet on day 3. */
    POLICY_DAY3: z.enum(["residential", "all"]).default("residential"),
    /** R2b: move meetings off weekends and/or public holidays and Tết. */
    POLICY_DATE_SHIFT: z.enum(["off", "weekends", "holidays", "weekends+holidays"]).default("off"),
    POLICY_MIN_RATE: z.coerce.number().gt(0).lt(1).default(0.85),
    POLICY_MAX_CONSECUTIVE_EXCUSED: z.coerce.number().int().min(1).default(3),
    POLICY_REMOVAL_MONTHS: z.coerce.number().int().min(1).default(3),
    /** R9 duration check (off in the 2018 profile). */
    POLICY_MIN_DURATION: z.enum(["off", "on"]).default("off"),
    REMINDER_OFFSETS: z
      .string()
      .regex(/^\d+[smhd](,\d+[smhd])*$/, 'like "3d,1d,2h"')
      .default("3d,1d,2h"),
    QUIET_HOURS: z
      .string()
      .refine(
        (v) => v === "off" || v.split("-").every((t) => hhmm.test(t)),
        'like "21:30-06:30" or "off"',
      )
      .default("21:30-06:30"),
    /** Global send cap across all workers (Telegram allows about 30 messages/s). */
    SEND_RATE_PER_SEC: z.coerce.number().int().min(1).default(25),
    INVITE_TTL_DAYS: z.coerce.number().int().min(1).default(14),
    /** A member's open dialog (e.g. the reason for an absence) left alone this long is dropped. */
    DIALOG_TIMEOUT_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
    /** An update whose bot process died mid-way is handled again after this (update ledger). */
    UPDATE_LEASE_SECONDS: z.coerce.number().int().min(2).max(600).default(60),
    /** A send job of a worker that died is taken over by another after this (BullMQ's lock). */
    JOB_LOCK_SECONDS: z.coerce.number().int().min(2).max(600).default(30),
    /** Issue 15: the meeting-quality rubric (JSON); unset: config/quality-rubric.json. */
    QUALITY_RUBRIC: z.string().min(1).optional(),
    /** Issue 15: documents for a meeting go out this long before its start ("1d", "36h"). */
    DOCUMENT_LEAD: z
      .string()
      .regex(/^\d+[hd]$/, 'like "1d" or "36h"')
      .default("1d"),
    /** How often the roll call's self check-in code changes (issue 16). */
    CHECKIN_ROTATE_SECONDS: z.coerce.number().int().min(15).max(3600).default(120),
    /** A vote passes with more than half of the official non-exempt members, or of those present. */
    VOTE_PASS_POLICY: z.enum(["official", "present"]).default("official"),
    // ── Province scale (issue 18) ──
    /**
     * Share of the send capacity the planner fills with reminders; the rest is for the bot's
     * replies, alerts, nudges and retries, which draw on the same per-token budget.
     */
    SEND_PLAN_UTILISATION: z.coerce.number().gt(0).max(1).default(0.8),
    /**
     * Only deliveries due within this many minutes are delayed jobs in Redis (≈ 1 KB each); the
     * later ones wait in the ledger and the reconciler (every 5 minutes) queues them as they come
     * within it. A province plans 1.5 million reminders: all queued, Redis would hold 1.6 GB.
     */
    DISPATCH_HORIZON_MINUTES: z.coerce.number().int().min(15).max(10_080).default(60),
    /**
     * More Telegram bots beside BOT_TOKEN, each for part of the unit tree (a ward's bot, its own
     * ~30 messages/s): "UNIT_CODE=token,UNIT_CODE=token"; one token may serve several units.
     */
    BOT_TOKENS: z
      .string()
      .regex(
        /^[A-Za-z0-9_-]+=\d+:[\w-]{20,}(,[A-Za-z0-9_-]+=\d+:[\w-]{20,})*$/,
        'like "DB0001=123456:ABC…,DB0002=234567:DEF…" (a unit code, "=", a token from BotFather)',
      )
      .optional(),
    /**
     * Telegram's paid broadcasts (allow_paid_broadcast): each bot may send up to
     * PAID_BROADCAST_RATE messages/s instead of SEND_RATE_PER_SEC, at 0.1 Telegram Star per message
     * sent so (from the bot's balance). Off by default.
     */
    PAID_BROADCAST: z.enum(["off", "on"]).default("off"),
    PAID_BROADCAST_RATE: z.coerce.number().int().min(1).max(1000).default(100),
    /**
     * A Redis Cluster instead of REDIS_URL: some of its masters as "host:port,host:port" (the
     * client finds the rest). Queues then use the hash-tagged prefix "{REDIS_PREFIX}".
     */
    REDIS_CLUSTER_NODES: z
      .string()
      .regex(/^[^\s,:]+:\d{1,5}(,[^\s,:]+:\d{1,5})*$/, 'like "10.0.0.1:6379,10.0.0.2:6379"')
      .optional(),
    /**
     * Redis Sentinel instead of REDIS_URL's host: the sentinels as "host:port,host:port"; they name
     * the master REDIS_SENTINEL_NAME and its successor after a failover. REDIS_URL then gives only
     * the master's user, password and database number.
     */
    REDIS_SENTINELS: z
      .string()
      .regex(/^[^\s,:]+:\d{1,5}(,[^\s,:]+:\d{1,5})*$/, 'like "10.0.0.1:26379,10.0.0.2:26379"')
      .optional(),
    REDIS_SENTINEL_NAME: z.string().min(1).default("mymaster"),
    /** The sentinels' own password (their requirepass), if they have one. */
    REDIS_SENTINEL_PASSWORD: z.string().min(1).optional(),
  })
  .superRefine((env, ctx) => {
    // Issue 15: a deployment's own rubric is read and validated here, so a bad one stops the start.
    if (env.QUALITY_RUBRIC) {
      try {
        loadRubric(env.QUALITY_RUBRIC);
      } catch (error) {
        const message = (error as Error).message.replace(/^QUALITY_RUBRIC /, "");
        ctx.addIssue({ code: "custom", path: ["QUALITY_RUBRIC"], message });
      }
    }
    if (env.BOT_TOKENS) {
      const ids = new Map<string, string>();
      for (const { unitCode, token } of botTokenEntries(env.BOT_TOKENS)) {
        if (!env.BOT_TOKEN)
          ctx.addIssue({
            code: "custom",
            path: ["BOT_TOKEN"],
            message: "required with BOT_TOKENS (the main bot)",
          });
        if (ids.has(unitCode) && ids.get(unitCode) !== token)
          ctx.addIssue({
            code: "custom",
            path: ["BOT_TOKENS"],
            message: `unit ${unitCode} is given two bots`,
          });
        if (token === env.BOT_TOKEN)
          ctx.addIssue({
            code: "custom",
            path: ["BOT_TOKENS"],
            message: `unit ${unitCode}: that is BOT_TOKEN, the main bot (serves every unit without a bot of its own)`,
          });
        ids.set(unitCode, token);
      }
    }
    if (env.BOT_MODE === "webhook") {
      for (const key of ["WEBHOOK_URL", "WEBHOOK_SECRET"] as const) {
        if (!env[key])
          ctx.addIssue({ code: "custom", path: [key], message: "required when BOT_MODE=webhook" });
      }
    }
    if (!env.ADMIN_USER !== !env.ADMIN_PASSWORD) {
      const missing = env.ADMIN_USER ? "ADMIN_PASSWORD" : "ADMIN_USER";
      ctx.addIssue({
        code: "custom",
        path: [missing],
        message:
          "ADMIN_USER and ADMIN_PASSWORD go together (or leave both unset: no /admin/queues)",
      });
    }
    // As the hosted platforms check at setWebhook: refused here with the variable's name, not at start.
    const hosted = [
      ["WEBHOOK_URL", env.WEBHOOK_URL, env.TELEGRAM_API_ROOT, TELEGRAM_HOST, "Telegram"],
      ["ZALO_WEBHOOK_URL", env.ZALO_WEBHOOK_URL, env.ZALO_API_ROOT, ZALO_HOST, "Zalo"],
    ] as const;
    for (const [key, url, root, host, platform] of hosted) {
      const refusal = url && new URL(root).hostname === host ? webhookRefusal(url, platform) : null;
      if (refusal) ctx.addIssue({ code: "custom", path: [key], message: refusal });
    }
    if (env.ZALO_BOT_TOKEN && env.ZALO_MODE === "webhook") {
      for (const key of ["ZALO_WEBHOOK_URL", "ZALO_WEBHOOK_SECRET"] as const) {
        if (!env[key])
          ctx.addIssue({ code: "custom", path: [key], message: "required when ZALO_MODE=webhook" });
      }
    }
    if (env.REDIS_SENTINELS && env.REDIS_CLUSTER_NODES)
      ctx.addIssue({
        code: "custom",
        path: ["REDIS_SENTINELS"],
        message:
          "REDIS_SENTINELS and REDIS_CLUSTER_NODES are both set: use one (Sentinel watches one master; a cluster fails over by itself)",
      });
    if (env.REDIS_SENTINELS && env.REDIS_URL.startsWith("rediss:"))
      ctx.addIssue({
        code: "custom",
        path: ["REDIS_URL"],
        message: "rediss:// (TLS) is not supported with REDIS_SENTINELS: use redis://",
      });
  });

export type Config = z.infer<typeof schema>;

function botTokenEntries(value: string): { unitCode: string; token: string }[] {
  return value.split(",").map((entry) => {
    const at = entry.indexOf("=");
    return { unitCode: entry.slice(0, at), token: entry.slice(at + 1) };
  });
}

/** One Telegram bot of the deployment: the main one (BOT_TOKEN) serves every unit not listed. */
export interface TelegramBotConfig {
  token: string;
  /** The bot's id, the token's number before ":" (stored on ChatIdentity.botId). */
  botId: string;
  /** The units whose subtree this bot serves (empty for the main bot). */
  unitCodes: string[];
  main: boolean;
}

/** BOT_TOKEN then BOT_TOKENS' bots, one entry per token; none without BOT_TOKEN. */
export function telegramBots(
  config: Pick<Config, "BOT_TOKEN" | "BOT_TOKENS">,
): TelegramBotConfig[] {
  if (!config.BOT_TOKEN) return [];
  const bots = new Map<string, TelegramBotConfig>();
  const add = (token: string, main: boolean) => {
    const bot = bots.get(token) ?? { token, botId: token.split(":")[0]!, unitCodes: [], main };
    bots.set(token, bot);
    return bot;
  };
  add(config.BOT_TOKEN, true);
  for (const { unitCode, token } of botTokenEntries(config.BOT_TOKENS ?? "")) {
    if (unitCode) add(token, false).unitCodes.push(unitCode);
  }
  return [...bots.values()];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/**
 * Reads and validates the environment once; every bad or missing variable is named. An empty
 * value counts as unset (docker compose passes `${VAR:-}` as "").
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const result = schema.safeParse(set);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map(
      (issue) => `${issue.path.join(".") || "environment"}: ${issue.message}`,
    ),
  );
}

/** Like loadConfig, but for entry points: prints the problems and exits instead of a stack trace. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
}
