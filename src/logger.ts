import { pino } from "pino";

/** JSON logs; tokens and absence reasons never reach them. */
export function createLogger(level = process.env.LOG_LEVEL ?? "info") {
  return pino({
    level,
    redact: {
      paths: ["*.token", "*.botToken", "*.reason", "*.password", "*.WEBHOOK_SECRET"],
      censor: "[redacted]",
    },
  });
}
