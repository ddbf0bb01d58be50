import { Hono } from "hono";
import type { Clock } from "../clock.ts";
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
  logger?: Logger;
}

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
    ...(e.file ? { file: { name: e.file.name } } : {}),
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
  const bad = (message: string, status: 400 | 404 | 409 = 400) => ({ error: message, status });

  app.onError((error, c) => {
    if (error instanceof UserActionError) return c.json({ error: error.message }, 400);
    if (error instanceof SyntaxError) return c.json({ error: "malformed JSON" }, 400);
    // Our fault: the cause goes to the log; the page says what happened and where the clock is.
    deps.logger?.error({ err: errorMessage(error), path: c.req.path }, "sandbox request failed");
    return c.json(
      {
        error: `Sandbox gặp lỗi khi xử lý yêu cầu (${c.req.method} ${c.req.path}); đồng hồ đang ở ${deps.clock.now().toISOString()}. Chi tiết trong nhật ký.`,
      },
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
    if (!p) return c.json(bad("unknown persona"), 404);
    if (p.channel === "zalo")
      return c.json(zaloTranscript(deps.zaloApi?.chat(String(p.userId)) ?? []));
    return c.json(transcript(deps.botApi.chat(Number(p.userId))));
  });

  app.post("/personas/:id/send", async (c) => {
    const p = await persona(c.req.param("id"));
    if (!p) return c.json(bad("unknown persona"), 404);
    const json = await body(c);
    if (!json) return c.json(bad("malformed JSON"), 400);
    if (typeof json.text !== "string" || !json.text.trim())
      return c.json(bad('"text" must be a non-empty string'), 400);
    if (p.channel === "zalo") {
      if (!deps.zaloApi) return c.json(bad("no Zalo in this sandbox", 409), 409);
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
    if (!p) return c.json(bad("unknown persona"), 404);
    if (p.channel === "zalo")
      return c.json(bad("Zalo has no buttons: send the number as text"), 400);
    const json = await body(c);
    if (!json) return c.json(bad("malformed JSON"), 400);
    if (typeof json.messageId !== "number" || typeof json.button !== "string") {
      return c.json(bad('"messageId" (number) and "button" (the visible label) are required'), 400);
    }
    const userId = Number(p.userId);
    const message = deps.botApi.chat(userId).find((m) => m.messageId === json.messageId);
    if (!message) return c.json(bad("unknown message"), 404);
    if (!message.buttons.flat().some((b) => b.label === json.button))
      return c.json(bad("unknown button"), 404);
    const result = await deps.botApi.press(userId, json.messageId, { label: json.button });
    return c.json({ ok: true, answer: result.answer?.text ?? null });
  });

  app.get("/clock", async (c) => {
    const next = await deps.driver.nextDue();
    return c.json({ now: deps.clock.now().toISOString(), nextDue: next?.toISOString() ?? null });
  });

  app.post("/clock", async (c) => {
    const json = await body(c);
    if (!json) return c.json(bad("malformed JSON"), 400);
    const now = deps.clock.now();
    let target: Date | null = null;
    if (typeof json.advanceTo === "string") {
      const t = Date.parse(json.advanceTo);
      if (Number.isNaN(t)) return c.json(bad('"advanceTo" must be an ISO 8601 date-time'), 400);
      if (t < now.getTime()) return c.json(bad("the clock never goes back"), 409);
      target = new Date(t);
    } else if (typeof json.advanceBy === "string") {
      const ms = parseDuration(json.advanceBy);
      if (ms === null)
        return c.json(bad('"advanceBy" must be an ISO 8601 duration like PT2H or P1D'), 400);
      target = new Date(now.getTime() + ms);
    } else if (json.next === "reminder") {
      target = await deps.driver.nextDue();
      if (!target) return c.json(bad("nothing is due"), 409);
    } else {
      return c.json(bad('give "advanceTo", "advanceBy" or {"next": "reminder"}'), 400);
    }
    const reached = await deps.driver.advanceTo(target);
    return c.json({ now: reached.toISOString() });
  });

  app.get("/meetings", async (c) => c.json((await deps.meetings?.(c.req.query("cell"))) ?? []));
  return app;
}
