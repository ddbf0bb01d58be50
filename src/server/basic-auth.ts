import { createHash, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";

/** Equal strings, compared in constant time (hashing first makes the lengths equal too). */
export function constantTimeEquals(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

/** HTTP basic auth against one user and password; anything else is 401 with a challenge. */
export function basicAuth(
  user: string,
  password: string,
  realm = "chibo admin",
): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(header.trim());
    let ok = false;
    if (match) {
      const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      // Both compared every time, so a right user with a wrong password takes as long as neither.
      const userOk = constantTimeEquals(colon < 0 ? decoded : decoded.slice(0, colon), user);
      const passwordOk = constantTimeEquals(colon < 0 ? "" : decoded.slice(colon + 1), password);
      ok = colon >= 0 && userOk && passwordOk;
    }
    if (!ok) {
      return c.text("Unauthorized", 401, {
        "WWW-Authenticate": `Basic realm="${realm}", charset="UTF-8"`,
        "Cache-Control": "no-store",
      });
    }
    await next();
  };
}
