// The operators' endpoints: health, readiness, metrics, the queue board, the webhook's secret.
import { Queue } from "bullmq";
import { Hono } from "hono";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { MAINTENANCE_QUEUE } from "../../src/jobs/queues.ts";
import { createRuntime } from "../../src/runtime.ts";
import { inflightGate, mountOps } from "../../src/server/ops.ts";
import { mountWebhook, WEBHOOK_PATH } from "../../src/server/webhook.ts";
import { createBotStack } from "../support/bot.ts";
import { startPrivateRedis } from "../support/private-redis.ts";
import { dueReminders, seedCell, waitUntil } from "../support/stack.ts";

const s = await createBotStack();
const maintenance = new Queue(MAINTENANCE_QUEUE, s.queueSettings);
afterAll(() => maintenance.close());
const ADMIN = { user: "ops", password: "a-long-admin-password" };

function opsApp(admin: { user: string; password: string } | null = ADMIN) {
  const app = new Hono();
  const ops = mountOps(app, {
    db: s.db,
    redis: s.redis,
    queues: [s.queue, maintenance],
    admin: admin ?? undefined,
  });
  afterAll(() => ops.stop());
  return { app, ops };
}

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

describe("health and readiness", () => {
  it("/healthz answers 200 while the process runs; /readyz 200 with each check", async () => {
    const { app } = opsApp();
    const health = await app.request("/healthz");
    expect([health.status, await health.json()]).toEqual([200, { ok: true }]);
    const ready = await app.request("/readyz");
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as {
      ok: boolean;
      checks: Record<string, { ok: boolean; ms: number }>;
    };
    expect(body.ok).toBe(true);
    expect(body.checks.postgres!.ok).toBe(true);
    expect(body.checks.redis!.ok).toBe(true);
  });

  it("/readyz turns 503 when Redis goes away, naming the failed check, and /healthz stays 200", async () => {
    const redis = await startPrivateRedis();
    const runtime = createRuntime(
      loadConfig({ DATABASE_URL: s.url, REDIS_URL: redis.url, LOG_LEVEL: "silent" }),
    );
    const app = new Hono();
    const ops = mountOps(app, {
      db: runtime.db,
      redis: runtime.redis,
      queues: [],
      checkTimeoutMs: 500,
    });
    try {
      await waitUntil(async () => (await app.request("/readyz")).status === 200, 5_000, 50);
      await redis.stop();
      await waitUntil(async () => runtime.redis.status !== "ready", 5_000, 20);
      const started = Date.now();
      const ready = await app.request("/readyz");
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(ready.status).toBe(503);
      const body = (await ready.json()) as {
        ok: boolean;
        checks: Record<string, { ok: boolean; error?: string }>;
      };
      expect(body.ok).toBe(false);
      expect(body.checks.postgres!.ok).toBe(true);
      expect(body.checks.redis!.ok).toBe(false);
      expect((await app.request("/healthz")).status).toBe(200);
    } finally {
      ops.stop();
      await runtime.close();
    }
  });

  it("/readyz is 503 while draining (shutdown), so a load balancer stops sending updates", async () => {
    const { app, ops } = opsApp();
    ops.startDraining();
    const ready = await app.request("/readyz");
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { draining: boolean }).draining).toBe(true);
  });

  it("the webhook gate refuses new updates with 503 once draining, after those in flight finish", async () => {
    const app = new Hono();
    const gate = inflightGate();
    let release!: () => void;
    app.use("/hook", gate.middleware);
    app.post("/hook", async (c) => {
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return c.json({ ok: true });
    });
    const inflight = app.request("/hook", { method: "POST" });
    await waitUntil(async () => gate.inflight === 1, 2_000, 5);
    const drained = gate.drain(5_000);
    expect((await app.request("/hook", { method: "POST" })).status).toBe(503);
    release();
    expect((await inflight).status).toBe(200);
    expect(await drained).toBe(true);
  });
});

describe("metrics", () => {
  it("/metrics has process metrics and, after an update and a delivery, the named chibo metrics", async () => {
    const { app } = opsApp();
    s.botApi.addUser({ id: 770001, first_name: "Khách" });
    await s.say(770001, "xin chào");
    s.startDeliveryWorker();
    const { cell } = await seedCell(s, { size: 3 });
    const { meeting } = await dueReminders(s, cell.id, new Date(Date.now() - 2_000));
    await waitUntil(
      async () =>
        (await s.db.delivery.count({ where: { meetingId: meeting.id, status: "SENT" } })) === 3,
    );
    const res = await app.request("/metrics");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    for (const line of [
      /^process_cpu_user_seconds_total \d/m,
      /^nodejs_eventloop_lag_seconds \d/m,
      /^chibo_updates_total\{channel="telegram",type="message",outcome="ok"\} [1-9]/m,
      /^chibo_update_duration_seconds_count\{channel="telegram",type="message"\} [1-9]/m,
      /^chibo_sends_total\{channel="telegram",status="sent"\} [3-9]/m,
      /^chibo_reminder_lateness_seconds_count\{kind="reminder"\} [3-9]/m,
      /^chibo_reminder_lateness_seconds_bucket\{le="5",kind="reminder"\} [3-9]/m,
      /^chibo_queue_jobs\{queue="delivery",state="waiting"\} \d/m,
      /^chibo_queue_jobs\{queue="delivery",state="delayed"\} \d/m,
      /^chibo_queue_jobs\{queue="maintenance",state="failed"\} \d/m,
    ]) {
      expect(text).toMatch(line);
    }
  });

  it("the queue gauge counts delayed jobs at scrape time", async () => {
    const { app } = opsApp();
    const { cell } = await seedCell(s, { size: 4 });
    await dueReminders(s, cell.id, new Date(Date.now() + 3_600_000));
    const text = await (await app.request("/metrics")).text();
    const delayed = Number(
      /chibo_queue_jobs\{queue="delivery",state="delayed"\} (\d+)/.exec(text)![1],
    );
    expect(delayed).toBeGreaterThanOrEqual(4);
  });
});

describe("the queue board at /admin/queues", () => {
  it("is 401 without or with wrong credentials, 200 with the right ones (page, assets, API)", async () => {
    const { app } = opsApp();
    for (const path of ["/admin/queues", "/admin/queues/", "/admin/queues/api/queues"]) {
      const none = await app.request(path);
      expect(none.status, path).toBe(401);
      expect(none.headers.get("www-authenticate")).toMatch(/^Basic realm=/);
    }
    for (const authorization of [
      basic(ADMIN.user, "wrong-password-here"),
      basic("someone", ADMIN.password),
      basic(ADMIN.user, ""),
      `Bearer ${ADMIN.password}`,
      "Basic !!!",
    ]) {
      const res = await app.request("/admin/queues", { headers: { authorization } });
      expect(res.status, authorization).toBe(401);
    }
    const headers = { authorization: basic(ADMIN.user, ADMIN.password) };
    const page = await app.request("/admin/queues", { headers });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("chibo queues");
    // The page's own script, served from the board's static folder, behind the same auth.
    const script = /src="((?:[^"]*\/)?static\/[^"]+\.js)"/.exec(html)![1]!;
    const asset = new URL(script, "http://x/admin/queues/").pathname;
    expect((await app.request(asset)).status).toBe(401);
    expect((await app.request(asset, { headers })).status).toBe(200);
    const api = await app.request("/admin/queues/api/queues", { headers });
    expect(api.status).toBe(200);
    const { queues } = (await api.json()) as { queues: { name: string; readOnlyMode: boolean }[] };
    expect(queues.map((q) => q.name).sort()).toEqual(["delivery", "maintenance"]);
    expect(queues.every((q) => q.readOnlyMode)).toBe(true);
  });

  it("is not there at all (404) when ADMIN_USER / ADMIN_PASSWORD are not configured", async () => {
    const { app } = opsApp(null);
    const headers = { authorization: basic(ADMIN.user, ADMIN.password) };
    for (const path of ["/admin/queues", "/admin/queues/", "/admin/queues/api/queues"]) {
      expect((await app.request(path)).status, path).toBe(404);
      expect((await app.request(path, { headers })).status, path).toBe(404);
    }
  });

  it("the configuration needs both or neither of ADMIN_USER and ADMIN_PASSWORD, and a long password", () => {
    expect(() => loadConfig({ ADMIN_USER: "ops" })).toThrow(/ADMIN_PASSWORD: ADMIN_USER and/);
    expect(() => loadConfig({ ADMIN_PASSWORD: ADMIN.password })).toThrow(/ADMIN_USER: /);
    expect(() => loadConfig({ ADMIN_USER: "ops", ADMIN_PASSWORD: "short" })).toThrow(
      /ADMIN_PASSWORD: at least 12 characters/,
    );
    expect(loadConfig({ ADMIN_USER: "", ADMIN_PASSWORD: "" }).ADMIN_USER).toBeUndefined();
  });
});

describe("the Telegram webhook", () => {
  it("a wrong or missing secret token is 401 and the update is not handled", async () => {
    const app = new Hono();
    mountWebhook(app, s.bot, "the-right-secret-0123456789");
    // The update below stands for one Telegram delivered: writing /start is what starts the bot.
    s.botApi.addUser({ id: 770002, first_name: "Lạ", started: true });
    const before = s.botApi.chat(770002).length;
    const update = {
      update_id: 990001,
      message: {
        message_id: 1,
        date: Math.floor(Date.now() / 1000),
        chat: { id: 770002, type: "private", first_name: "Lạ" },
        from: { id: 770002, is_bot: false, first_name: "Lạ" },
        text: "/start",
      },
    };
    const attempts: Record<string, string>[] = [
      { "content-type": "application/json" },
      {
        "content-type": "application/json",
        "x-telegram-bot-api-secret-token": "the-wrong-secret-0123456789",
      },
    ];
    for (const headers of attempts) {
      const res = await app.request(WEBHOOK_PATH, {
        method: "POST",
        headers,
        body: JSON.stringify(update),
      });
      expect(res.status).toBe(401);
    }
    expect(s.botApi.chat(770002)).toHaveLength(before);
    const ok = await app.request(WEBHOOK_PATH, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-telegram-bot-api-secret-token": "the-right-secret-0123456789",
      },
      body: JSON.stringify(update),
    });
    expect(ok.status).toBe(200);
    expect(s.botApi.chat(770002).length).toBeGreaterThan(before);
  });
});
