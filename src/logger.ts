import { type DestinationStream, type Logger, pino } from "pino";

export type { Logger };

/** Environment variables whose values must never reach a log line or a stored error. */
const SECRET_VARIABLES = [
  "BOT_TOKEN",
  "ZALO_BOT_TOKEN",
  "WEBHOOK_SECRET",
  "ZALO_WEBHOOK_SECRET",
  "ADMIN_PASSWORD",
  "REDIS_SENTINEL_PASSWORD",
] as const;
const URL_VARIABLES = ["DATABASE_URL", "REDIS_URL"] as const;

// A Telegram token anywhere ("123456:ABC…"), and whatever sits in an API URL's /bot<TOKEN>/ part.
const TELEGRAM_TOKEN = /\b\d{5,15}:[A-Za-z0-9_-]{30,}/g;
const TOKEN_IN_URL = /\/bot[^/\s"'\\]{8,}(?=\/)/g;

const extraSecrets = new Set<string>();

/** Adds a value (a token that did not come from the environment) to what logs never show. */
export function addSecret(value: string | undefined): void {
  if (value && value.length >= 8) extraSecrets.add(value);
}

function secretsFrom(env: NodeJS.ProcessEnv): string[] {
  const values: string[] = [...extraSecrets];
  for (const key of SECRET_VARIABLES) {
    const value = env[key];
    if (value && value.length >= 8) values.push(value);
  }
  // BOT_TOKENS: "UNIT=token,…", each token a secret (the unit codes are not).
  for (const entry of env.BOT_TOKENS?.split(",") ?? []) {
    const token = entry.slice(entry.indexOf("=") + 1);
    if (token.length >= 8) values.push(token);
  }
  for (const key of URL_VARIABLES) {
    try {
      const password = decodeURIComponent(new URL(env[key] ?? "").password);
      if (password.length >= 8) values.push(password);
    } catch {
      // not a URL: nothing to hide
    }
  }
  return values;
}

/**
 * The text with every known secret replaced: tokens (also inside `…/bot<TOKEN>/…` URLs, which
 * fetch errors quote), webhook secrets, the admin password and passwords in connection URLs.
 */
export function redactSecrets(text: string, env: NodeJS.ProcessEnv = process.env): string {
  let out = text.replace(TOKEN_IN_URL, "/bot[redacted]").replace(TELEGRAM_TOKEN, "[redacted]");
  for (const secret of secretsFrom(env)) {
    out = out.split(secret).join("[redacted]");
    // As it appears inside a JSON string (quotes and backslashes escaped).
    const escaped = JSON.stringify(secret).slice(1, -1);
    if (escaped !== secret) out = out.split(escaped).join("[redacted]");
  }
  return out;
}

/**
 * JSON logs. Tokens and absence reasons never reach them: handlers log ids and outcomes, never
 * payloads; these paths are censored in case one slips in; and every line is scrubbed of known
 * secrets before it is written.
 */
export function createLogger(
  level = process.env.LOG_LEVEL ?? "info",
  destination?: DestinationStream,
): Logger {
  const options = {
    level,
    redact: {
      paths: [
        "token",
        "*.token",
        "botToken",
        "*.botToken",
        "reason",
        "*.reason",
        "*.*.reason",
        "text",
        "*.text",
        "password",
        "*.password",
        "secret",
        "*.secret",
        "authorization",
        "*.authorization",
        "*.headers.authorization",
        '*.headers["x-telegram-bot-api-secret-token"]',
        '*.headers["x-bot-api-secret-token"]',
        "*.WEBHOOK_SECRET",
        "*.BOT_TOKEN",
        "*.BOT_TOKENS",
      ],
      censor: "[redacted]",
    },
    hooks: { streamWrite: (line: string) => redactSecrets(line) },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** A one-line message of an error, scrubbed; no stack, no request payloads. */
export function errorMessage(error: unknown): string {
  return redactSecrets(error instanceof Error ? error.message : String(error));
}

/** As Node would exit on an unhandled rejection, but in one scrubbed JSON line (no token in a URL). */
export function exitOnUnhandledRejection(logger: Logger) {
  process.on("unhandledRejection", (error) => {
    logger.fatal({ err: errorMessage(error) }, "unhandled rejection");
    process.exit(1);
  });
}
