import { createHash, timingSafeEqual } from "node:crypto";
import type { Hono } from "hono";
import type { ZaloBot } from "./bot.ts";
import type { ZaloUpdate } from "./types.ts";

export const ZALO_WEBHOOK_PATH = "/zalo/webhook";
export const ZALO_SECRET_HEADER = "X-Bot-Api-Secret-Token";

/** Constant-time comparison; hashing first makes the lengths equal, so length leaks nothing either. */
export function secretMatches(given: string | undefined | null, expected: string): boolean {
  if (!given) return false;
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Zalo updates: a wrong or missing secret is 401 and nothing is processed. */
export function mountZaloWebhook(app: Hono, bot: ZaloBot, secretToken: string) {
  app.post(ZALO_WEBHOOK_PATH, async (c) => {
    if (!secretMatches(c.req.header(ZALO_SECRET_HEADER), secretToken))
      return c.json({ ok: false, description: "Unauthorized" }, 401);
    let update: ZaloUpdate;
    try {
      update = (await c.req.json()) as ZaloUpdate;
    } catch {
      return c.json({ ok: false, description: "Bad Request" }, 400);
    }
    const outcome = await bot.handleUpdate(update);
    return c.json({ ok: true, result: outcome });
  });
}
