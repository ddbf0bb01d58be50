import { createHash, timingSafeEqual } from "node:crypto";
import type { Hono } from "hono";
import type { ChatLocks } from "../../chat-lock.ts";
import { createLogger, errorMessage, type Logger } from "../../logger.ts";
import { countInvalidUpdate, observeUpdate, type UpdateOutcome } from "../../metrics.ts";
import type { ZaloBot } from "./bot.ts";
import type { ZaloUpdate } from "./types.ts";
import { parseZaloUpdate } from "./update-shape.ts";

export const ZALO_WEBHOOK_PATH = "/zalo/webhook";
export const ZALO_SECRET_HEADER = "X-Bot-Api-Secret-Token";

/** Constant-time comparison; hashing first makes the lengths equal, so length leaks nothing either. */
export function secretMatches(given: string | undefined | null, expected: string): boolean {
  if (!given) return false;
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Zalo updates have no update id: the event name and message id stand for it in logs. */
export function zaloUpdateId(update: ZaloUpdate): string {
  return `${update?.event_name ?? "?"}:${update?.message?.message_id ?? "?"}`;
}

/** The event name as a metric label: Zalo's own names, anything else "other". */
function zaloUpdateType(update: ZaloUpdate): string {
  const name = update?.event_name;
  return typeof name === "string" && /^[a-z_.]{1,40}$/.test(name) ? name : "other";
}

let logger: Logger | undefined;
function defaultLogger(): Logger {
  logger ??= createLogger();
  return logger;
}

const OUTCOMES: Record<string, UpdateOutcome> = {
  processed: "ok",
  duplicate: "duplicate",
  ignored: "ignored",
};

export interface ZaloUpdateOptions {
  logger?: Logger;
  /** With several bot processes: one update per chat at a time across all of them. */
  locks?: ChatLocks;
}

/**
 * One Zalo webhook body or polled result through the bot: checked first (a body of another shape
 * is logged, counted as `outcome="invalid"` and acted on never), then counted, timed and logged
 * with its id (never its text). Shared by the webhook and the poller.
 */
export async function handleZaloUpdate(
  bot: ZaloBot,
  body: unknown,
  options: ZaloUpdateOptions = {},
) {
  const logger = options.logger ?? defaultLogger();
  const parsed = parseZaloUpdate(body);
  if (!parsed.ok) {
    countInvalidUpdate("zalo");
    logger.warn({ problems: parsed.problems }, "zalo update of an unknown shape ignored");
    return "invalid" as const;
  }
  const { update } = parsed;
  const log = logger.child({ updateId: zaloUpdateId(update) });
  const started = performance.now();
  const chatId = update?.message?.chat?.id;
  const handle = () =>
    options.locks && chatId
      ? options.locks.run(`zalo:${chatId}`, () => bot.handleUpdate(update))
      : bot.handleUpdate(update);
  try {
    const outcome = await observeUpdate(
      "zalo",
      zaloUpdateType(update),
      handle,
      (result) => OUTCOMES[result] ?? "ok",
    );
    log.debug({ outcome, ms: Math.round(performance.now() - started) }, "update handled");
    return outcome;
  } catch (error) {
    log.error({ err: errorMessage(error) }, "update failed");
    throw error;
  }
}

/** Zalo updates: a wrong or missing secret is 401 and nothing is processed. */
export function mountZaloWebhook(
  app: Hono,
  bot: ZaloBot,
  secretToken: string,
  options: ZaloUpdateOptions = {},
) {
  app.post(ZALO_WEBHOOK_PATH, async (c) => {
    if (!secretMatches(c.req.header(ZALO_SECRET_HEADER), secretToken))
      return c.json({ ok: false, description: "Unauthorized" }, 401);
    // Not JSON is one more shape we do not know: counted, and acknowledged so it is not resent.
    const body: unknown = await c.req.json().catch(() => undefined);
    const outcome = await handleZaloUpdate(bot, body, options);
    return c.json({ ok: true, result: outcome });
  });
}
