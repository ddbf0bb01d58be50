import { type Context, Hono } from "hono";
import type { Clock } from "../clock.ts";
import { createI18n, type Translate, translator } from "../i18n.ts";
import { errorMessage, type Logger } from "../logger.ts";
import type { ClockDriver } from "./clock-driver.ts";
import type { LocalBotApi, TranscriptEntry } from "./telegram-api/local-bot-api.ts";
import { UserActionError } from "./telegram-api/local-bot-api.ts";
import type { LocalZaloApi, ZaloTranscriptEntry } from "./zalo-api/local-zalo-api.ts";

export interface Persona {
  id: string;
  name: string;
  role: "member" | "secretary" | "deputy" | "committee";
  cell: string;
  /** The cell's unit id: names repeat across wards, the id does not ("who answered"). */
  cellId?: string;
  /** The ward or organisation the cell belongs to (six wards each have a «Chi bộ Khu phố 2»). */
  organisation?: string;
  channel: "telegram" | "zalo";
  /** The user id the local Bot API (Telegram: a number) or the local Zalo API (a string) knows. */
  userId: number | string;
}

export interface SandboxApiDeps {
  botApi: LocalBotApi;
  /** Zalo personas (text only) talk through this one. */
  zaloApi?: LocalZaloApi;
  clock: Clock;
  driver: ClockDriver;
  personas: () => Promise<Persona[]>;
  /** Extra read-only views for the page ("who answered"). */
  meetings?: (cell: string | undefined) => Promise<unknown>;
  /** The error texts (`sandbox-error-*`, Vietnamese by default). */
  t?: Translate;
  logger?: Logger;
}

/** The clock moves at most this far in one call: the planner and the queues run for every day. */
export const MAX_ADVANCE_DAYS = 366;

/** ISO 8601 durations like PT2H, P1D, P1DT30M, PT90S → milliseconds (no months or years). */
export function parseDuration(text: string): number | null {
  const m = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
  if (!m || text === "P" || text.endsWith("T")) return null;
  const [w, d, h, min, s] = m.slice(1).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
  ];
  return ((((w * 7 + d) * 24 + h) * 60 + min) * 60 + s) * 1000;
}

function transcript(entries: TranscriptEntry[]) {
  return entries.map((e) => ({
    messageId: e.messageId,
    from: e.from,
    text: e.text,
    buttons: e.buttons.map((row) => row.map((b) => ({ label: b.label }))),
    edited: e.edited,
    ...(e.file
      ? {
          file: {
            name: e.file.name,
            size: e.file.bytes.length,
            // A PNG (the check-in QR, issue 16) is shown as an image on the page.
            ...(e.file.mimeType === "image/png"
              ? { image: `data:image/png;base64,${Buffer.from(e.file.bytes).toString("base64")}` }
              : {}),
          },
        }
      : {}),
  }));
}

function zaloTranscript(entries: ZaloTranscriptEntry[]) {
  return entries.map((e) => ({
    messageId: e.messageId,
    from: e.from,
    text: e.text,
    buttons: [] as { label: string }[][],
    edited: false,
  }));
}

/** The sandbox control API (README): personas, their chats, the virtual clock. */
export function sandboxApi(deps: SandboxApiDeps) {
  const app = new Hono();
  const t = deps.t ?? translator(createI18n());
  // The body is always `{"error"}`; the status is the HTTP status alone.
  const fail = (
    c: Context,
    status: 400 | 404 | 409,
    key: string,
    args?: Record<string, string | number>,
  ) => c.json({ error: t(`sandbox-error-${key}`, args) }, status);

  app.onError((error, c) => {
    if (error instanceof UserActionError) return fail(c, 400, "action", { detail: error.message });
    if (error instanceof SyntaxError) return fail(c, 400, "malformed-json");
    // Our fault: the cause goes to the log; the page says what happened and where the clock is.
    deps.logger?.error({ err: errorMessage(error), path: c.req.path }, "sandbox request failed");
    const request = `${c.req.method} ${c.req.path}`;
    return c.json(
      { error: t("sandbox-error-internal", { request, now: deps.clock.now().toISOString() }) },
      500,
    );
  });

  async function persona(id: string) {
    return (await deps.personas()).find((p) => p.id === id);
  }

  async function body(c: {
    req: { json: () => Promise<unknown> };
  }): Promise<Record<string, unknown> | null> {
    try {
      const value = await c.req.json();
      return value && typeof value === "object" && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : null;
    } catch {
      return null;
    }
  }

  app.get("/personas", async (c) => {
    const q = (c.req.query("q") ?? "").toLowerCase();
    const list = await deps.personas();
    const found = q ? list.filter((p) => `${p.name} ${p.cell}`.toLowerCase().includes(q)) : list;
    return c.json(found.map(({ userId: _, ...p }) => p));
  });

  app.get("/personas/:id/chat", async (c) => {
    const p = await persona(c.req.param("id"));
    if (!p) return fail(c, 404, "unknown-persona");
    if (p.channel === "zalo")
      return c.json(zaloTranscript(deps.zaloApi?.chat(String(p.userId)) ?? []));
    return c.json(transcript(deps.botApi.chat(Number(p.userId))));
  });

  // A document the bot sent (the report's xlsx, the minutes' CSV), as the app would download it.
  app.get("/personas/:id/files/:messageId", async (c) => {
    const p = await persona(c.req.param("id"));
    if (!p) return fail(c, 404, "unknown-persona");
    const messageId = Number(c.req.param("messageId"));
    const file =
      p.channel === "telegram"
        ? deps.botApi.chat(Number(p.userId)).find((m) => m.messageId === messageId)?.file
        : undefined;
    if (!file) return fail(c, 404, "unknown-message");
    return c.body(new Uint8Array(file.bytes), 200, {
      "content-type": file.mimeType || "application/octet-stream",
      "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    });
  });

  app.post("/personas/:id/send", async (c) => {
    const p = await persona(c.req.param("id"));
    if (!p) return fail(c, 404, "unknown-persona");
    const json = await body(c);
    if (!json) return fail(c, 400, "malformed-json");
    if (typeof json.text !== "string" || !json.text.trim()) return fail(c, 400, "text-required");
    if (p.channel === "zalo") {
      if (!deps.zaloApi) return fail(c, 409, "no-zalo");
      const id = String(p.userId);
      const before = deps.zaloApi.chat(id).length;
      await deps.zaloApi.sendText(id, json.text);
      return c.json({ ok: true, messages: zaloTranscript(deps.zaloApi.chat(id).slice(before)) });
    }
    const userId = Number(p.userId);
    const before = deps.botApi.chat(userId).length;
    await deps.botApi.sendText(userId, json.text);
    return c.json({ ok: true, messages: transcript(deps.botApi.chat(userId).slice(before)) });
  });

  app.post("/personas/:id/press", async (c) => {
    const p = await persona(c.req.param("id"));
    if (!p) return fail(c, 404, "unknown-persona");
    if (p.channel === "zalo") return fail(c, 400, "zalo-no-buttons");
    const json = await body(c);
    if (!json) return fail(c, 400, "malformed-json");
    if (typeof json.messageId !== "number" || typeof json.button !== "string") {
      return fail(c, 400, "press-fields");
    }
    const userId = Number(p.userId);
    const message = deps.botApi.chat(userId).find((m) => m.messageId === json.messageId);
    if (!message) return fail(c, 404, "unknown-message");
    if (!message.buttons.flat().some((b) => b.label === json.button))
      return fail(c, 404, "unknown-button");
    const result = await deps.botApi.press(userId, json.messageId, { label: json.button });
    return c.json({ ok: true, answer: result.answer?.text ?? null });
  });

  /** A move in progress: where it started, where it goes, how far it got (the page shows it). */
  let moving: { from: string; to: string; at: string } | null = null;

  /** Long moves go a day at a time, so that the page can show the days go by. */
  async function advance(target: Date): Promise<Date> {
    const from = deps.clock.now();
    moving = { from: from.toISOString(), to: target.toISOString(), at: from.toISOString() };
    try {
      for (let day = from.getTime() + 86_400_000; day < target.getTime(); day += 86_400_000) {
        const reached = await deps.driver.advanceTo(new Date(day));
        moving = { ...moving, at: reached.toISOString() };
      }
      return await deps.driver.advanceTo(target);
    } finally {
      moving = null;
    }
  }

  app.get("/clock", async (c) => {
    // While the clock moves, only where it got (finding the next due row would wait on it).
    if (moving) return c.json({ now: deps.clock.now().toISOString(), nextDue: null, moving });
    const next = await deps.driver.nextDue();
    return c.json({ now: deps.clock.now().toISOString(), nextDue: next?.toISOString() ?? null });
  });

  app.post("/clock", async (c) => {
    const json = await body(c);
    if (!json) return fail(c, 400, "malformed-json");
    const now = deps.clock.now();
    let target: Date | null = null;
    const limit = now.getTime() + MAX_ADVANCE_DAYS * 86_400_000;
    if (typeof json.advanceTo === "string") {
      const to = Date.parse(json.advanceTo);
      if (Number.isNaN(to)) return fail(c, 400, "advance-to");
      if (to < now.getTime()) return fail(c, 409, "clock-back");
      if (to > limit) return fail(c, 400, "too-far", { days: MAX_ADVANCE_DAYS });
      target = new Date(to);
    } else if (typeof json.advanceBy === "string") {
      const ms = parseDuration(json.advanceBy);
      if (ms === null) return fail(c, 400, "advance-by");
      // "PT99999999999999999999S" parses to a number no Date can hold: refused, never a 500.
      if (!Number.isFinite(ms) || now.getTime() + ms > limit)
        return fail(c, 400, "too-far", { days: MAX_ADVANCE_DAYS });
      target = new Date(now.getTime() + ms);
    } else if (json.next === "reminder") {
      target = await deps.driver.nextDue();
      if (!target) return fail(c, 409, "nothing-due");
    } else {
      return fail(c, 400, "clock-body");
    }
    const reached = await advance(target);
    return c.json({ now: reached.toISOString() });
  });

  app.get("/meetings", async (c) => c.json((await deps.meetings?.(c.req.query("cell"))) ?? []));
  return app;
}
