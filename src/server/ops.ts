// What operators and their tools read: health, readiness, metrics and the queue board.
import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { HonoAdapter } from "@bull-board/hono";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Queue } from "bullmq";
import type { Hono, MiddlewareHandler } from "hono";
import type { Redis } from "ioredis";
import type { Db } from "../db/client.ts";
import { errorMessage } from "../logger.ts";
import { enableProcessMetrics, registry, watchQueues } from "../metrics.ts";
import { basicAuth } from "./basic-auth.ts";

export const ADMIN_QUEUES_PATH = "/admin/queues";
const CHECK_TIMEOUT_MS = 1_500;

export interface OpsDeps {
  db: Db;
  redis: Redis;
  /** Queues whose depth /metrics reports and the board shows. */
  queues: Queue[];
  /** Basic-auth credentials for the board; without them it is not mounted (404). */
  admin?: { user: string; password: string };
  checkTimeoutMs?: number;
}

export interface CheckResult {
  ok: boolean;
  ms: number;
  error?: string;
}

/**
 * GET /healthz (the process answers), GET /readyz (Postgres and Redis answer, and the process is
 * not draining), GET /metrics (Prometheus), /admin/queues (bull-board, read-only, basic auth).
 */
export function mountOps(app: Hono, deps: OpsDeps) {
  const timeoutMs = deps.checkTimeoutMs ?? CHECK_TIMEOUT_MS;
  let draining = false;
  enableProcessMetrics();
  const unwatch = watchQueues(...deps.queues);

  app.get("/healthz", (c) => c.json({ ok: true }));

  app.get("/readyz", async (c) => {
    const [postgres, redis] = await Promise.all([
      check(timeoutMs, async () => {
        await deps.db.$queryRaw`SELECT 1`;
      }),
      check(timeoutMs, async () => {
        // A client that lost its server queues commands until it reconnects: say so at once.
        const { status } = deps.redis;
        if (status === "reconnecting" || status === "close" || status === "end")
          throw new Error(`redis ${status}`);
        await deps.redis.ping();
      }),
    ]);
    const ok = postgres.ok && redis.ok && !draining;
    return c.json({ ok, draining, checks: { postgres, redis } }, ok ? 200 : 503);
  });

  app.get("/metrics", async (c) =>
    c.body(await registry.metrics(), 200, { "Content-Type": registry.contentType }),
  );

  if (deps.admin) {
    const serverAdapter = new HonoAdapter(serveStatic).setBasePath(ADMIN_QUEUES_PATH);
    createBullBoard({
      // Read-only: promoting a delayed reminder would send it early; the ledger owns retries.
      queues: deps.queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: true })),
      serverAdapter,
      options: { uiConfig: { boardTitle: "chibo queues" } },
    });
    const auth = basicAuth(deps.admin.user, deps.admin.password);
    app.use(ADMIN_QUEUES_PATH, auth);
    app.use(`${ADMIN_QUEUES_PATH}/*`, auth);
    app.route(ADMIN_QUEUES_PATH, serverAdapter.registerPlugin());
  } else {
    app.all(ADMIN_QUEUES_PATH, (c) => c.notFound());
    app.all(`${ADMIN_QUEUES_PATH}/*`, (c) => c.notFound());
  }

  return {
    /** From now on /readyz answers 503, so a load balancer stops sending traffic here. */
    startDraining() {
      draining = true;
    },
    get draining() {
      return draining;
    },
    stop: unwatch,
  };
}

async function check(timeoutMs: number, probe: () => Promise<void>): Promise<CheckResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, ms: Math.round(performance.now() - started), error: errorMessage(error) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Counts requests in flight on the paths it guards (the webhooks) and, once draining, refuses new
 * ones with 503 so Telegram and Zalo deliver them again later (to another process, or after the
 * restart).
 */
export function inflightGate() {
  let inflight = 0;
  let draining = false;
  let idle: (() => void) | undefined;
  const middleware: MiddlewareHandler = async (c, next) => {
    if (draining) return c.json({ ok: false, description: "shutting down" }, 503);
    inflight++;
    try {
      await next();
    } finally {
      inflight--;
      if (inflight === 0) idle?.();
    }
  };
  return {
    middleware,
    get inflight() {
      return inflight;
    },
    /** Refuses new requests and resolves when those in flight are done (or after `ms`). */
    async drain(ms: number): Promise<boolean> {
      draining = true;
      if (inflight === 0) return true;
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), ms);
        idle = () => {
          clearTimeout(timer);
          resolve(true);
        };
      });
    },
  };
}
