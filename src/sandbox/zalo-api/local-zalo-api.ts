// A local fake of the Zalo Bot Platform API (text only), built like local-bot-api.ts but smaller:
// the bot talks to it over HTTP; tests and the sandbox play the people on the other side.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ZaloUpdate } from "../../channels/zalo/types.ts";

export interface ZaloTranscriptEntry {
  messageId: string;
  from: "bot" | "user";
  text: string;
  event: string;
  date: Date;
}

export interface ZaloFault {
  method: string;
  errorCode: number;
  description: string;
  /** How many calls fail (default 1). */
  times?: number;
  /** Drop the connection instead of answering (an ambiguous failure for the caller). */
  drop?: boolean;
}

export interface LocalZaloApiOptions {
  token?: string;
  now?: () => Date;
}

const DEFAULT_TOKEN = "zalo-local-sandbox-token";
const MAX_TEXT = 2000;
const METHOD_PATH = /^\/bot([^/]+)\/([A-Za-z]+)$/;

class ZaloError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
  ) {
    super(description);
  }
}

export class LocalZaloApi {
  readonly token: string;
  private readonly now: () => Date;
  private server: Server | undefined;
  private root = "";
  private readonly users = new Map<string, string>();
  private readonly blocked = new Set<string>();
  private readonly chats = new Map<string, ZaloTranscriptEntry[]>();
  private readonly queue: ZaloUpdate[] = [];
  private readonly waiters: (() => void)[] = [];
  private faults: ZaloFault[] = [];
  private webhook: { url: string; secret: string } | undefined;
  private handler: ((update: ZaloUpdate) => Promise<unknown>) | undefined;
  private seq = 0;
  /** Every method call, in order (getUpdates left out). */
  readonly calls: { method: string; params: Record<string, unknown> }[] = [];

  constructor(options: LocalZaloApiOptions = {}) {
    this.token = options.token ?? DEFAULT_TOKEN;
    this.now = options.now ?? (() => new Date());
  }

  async start(port = 0): Promise<{ apiRoot: string }> {
    this.server = createServer((req, res) => void this.onRequest(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, "127.0.0.1", resolve));
    this.root = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return { apiRoot: this.root };
  }

  async stop(): Promise<void> {
    for (const wake of this.waiters.splice(0)) wake();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  get apiRoot(): string {
    return this.root;
  }

  // ── the HTTP side the bot sees ─────────────────────────────────────────────

  private async onRequest(req: IncomingMessage, res: ServerResponse) {
    const match = METHOD_PATH.exec(req.url ?? "");
    if (req.method !== "POST" || !match)
      return this.write(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    const [, token, method] = match;
    let params: Record<string, unknown> = {};
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const raw = Buffer.concat(chunks).toString("utf8");
      params = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      return this.write(res, 400, {
        ok: false,
        error_code: 400,
        description: "Bad Request: invalid JSON",
      });
    }
    if (token !== this.token)
      return this.write(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    if (method !== "getUpdates") this.calls.push({ method: method!, params });
    const fault = this.faults.find((f) => f.method === method || f.method === "*");
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      if (fault.times <= 0) this.faults = this.faults.filter((f) => f !== fault);
      if (fault.drop) {
        req.socket.destroy();
        return;
      }
      return this.write(res, fault.errorCode, {
        ok: false,
        error_code: fault.errorCode,
        description: fault.description,
      });
    }
    try {
      const result = await this.execute(method!, params);
      this.write(res, 200, { ok: true, result });
    } catch (error) {
      const e = error instanceof ZaloError ? error : new ZaloError(500, String(error));
      this.write(res, e.code, { ok: false, error_code: e.code, description: e.description });
    }
  }

  private write(res: ServerResponse, status: number, body: unknown) {
    if (res.writableEnded || res.destroyed) return;
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  }

  private async execute(method: string, p: Record<string, unknown>): Promise<unknown> {
    switch (method) {
      case "getMe":
        return { id: "bot-local", account_name: "chibo.local", display_name: "Chi bộ Bot" };
      case "getUpdates":
        return this.nextUpdate(Math.min(Number(p.timeout ?? 30), 50) * 1000);
      case "setWebhook": {
        const url = String(p.url ?? "");
        const secret = String(p.secret_token ?? "");
        if (!/^https?:\/\//.test(url)) throw new ZaloError(400, "Bad Request: url is invalid");
        if (secret.length < 8 || secret.length > 256)
          throw new ZaloError(400, "Bad Request: secret_token must be 8-256 characters");
        this.webhook = { url, secret };
        return { url, updated_at: this.now().getTime() };
      }
      case "deleteWebhook":
        this.webhook = undefined;
        return { url: "", updated_at: this.now().getTime() };
      case "sendMessage": {
        const chatId = String(p.chat_id ?? "");
        const text = typeof p.text === "string" ? p.text : "";
        if (!this.users.has(chatId)) throw new ZaloError(400, "Bad Request: chat not found");
        if (this.blocked.has(chatId)) throw new ZaloError(403, "Forbidden: user blocked the bot");
        if (text.length < 1 || text.length > MAX_TEXT)
          throw new ZaloError(400, `Bad Request: text must be 1-${MAX_TEXT} characters`);
        const entry = this.record(chatId, "bot", text, "message.text.sent");
        return { message_id: entry.messageId, date: entry.date.getTime() };
      }
      case "sendChatAction":
        if (!this.users.has(String(p.chat_id ?? "")))
          throw new ZaloError(400, "Bad Request: chat not found");
        return true;
      default:
        throw new ZaloError(404, `Not Found: method ${method}`);
    }
  }

  /** One update (Zalo returns them one at a time), or 408 when the poll times out. */
  private async nextUpdate(timeoutMs: number): Promise<ZaloUpdate> {
    const deadline = Date.now() + timeoutMs;
    while (this.queue.length === 0) {
      const left = deadline - Date.now();
      if (left <= 0 || !this.server?.listening) throw new ZaloError(408, "Request Timeout");
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.queue.shift()!;
  }

  private record(chatId: string, from: "bot" | "user", text: string, event: string) {
    this.seq += 1;
    const entry: ZaloTranscriptEntry = {
      messageId: `${from === "bot" ? "b" : "u"}${this.seq}${randomBytes(3).toString("hex")}`,
      from,
      text,
      event,
      date: this.now(),
    };
    const chat = this.chats.get(chatId) ?? [];
    chat.push(entry);
    this.chats.set(chatId, chat);
    return entry;
  }

  // ── the people's side (tests and the sandbox) ──────────────────────────────

  addUser(user: { id: string; name: string }): void {
    this.users.set(user.id, user.name);
  }

  block(userId: string): void {
    this.blocked.add(userId);
  }

  /** Updates go to this handler in-process (tests); otherwise to the webhook, else to getUpdates. */
  onUpdate(handler: ((update: ZaloUpdate) => Promise<unknown>) | undefined): void {
    this.handler = handler;
  }

  webhookInfo() {
    return this.webhook ? { url: this.webhook.url } : null;
  }

  failWith(fault: ZaloFault): void {
    this.faults.push({ ...fault });
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** The person types text; resolves once the bot has handled it (webhook or handler). */
  sendText(userId: string, text: string, chatType: "PRIVATE" | "GROUP" = "PRIVATE") {
    return this.userEvent(userId, "message.text.received", text, chatType);
  }

  /** A picture or a sticker: no text, as Zalo sends them. */
  sendImage(userId: string) {
    return this.userEvent(userId, "message.image.received", "");
  }

  sendSticker(userId: string) {
    return this.userEvent(userId, "message.sticker.received", "");
  }

  private async userEvent(
    userId: string,
    event: string,
    text: string,
    chatType: "PRIVATE" | "GROUP" = "PRIVATE",
  ): Promise<ZaloUpdate> {
    const name = this.users.get(userId);
    if (name === undefined) throw new Error(`Unknown Zalo user ${userId}`);
    const entry = this.record(userId, "user", text, event);
    const update: ZaloUpdate = {
      event_name: event,
      message: {
        message_id: entry.messageId,
        from: { id: userId, name },
        chat: { id: userId, chat_type: chatType },
        date: entry.date.getTime(),
        ...(text ? { text } : {}),
        ...(event === "message.sticker.received" ? { sticker: "sticker-1" } : {}),
        ...(event === "message.image.received"
          ? { photo_url: "https://example.invalid/p.jpg" }
          : {}),
      },
    };
    await this.deliver(update);
    return update;
  }

  /** Delivers an update (again, for redelivery tests); returns the webhook's HTTP status if any. */
  async deliver(update: ZaloUpdate, secret?: string): Promise<number | undefined> {
    if (this.handler) {
      await this.handler(update);
      return undefined;
    }
    if (this.webhook) {
      const res = await fetch(this.webhook.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "X-Bot-Api-Secret-Token": secret ?? this.webhook.secret,
        },
        body: JSON.stringify(update),
      });
      await res.arrayBuffer();
      return res.status;
    }
    this.queue.push(update);
    this.waiters.shift()?.();
    return undefined;
  }

  chat(chatId: string): ZaloTranscriptEntry[] {
    return [...(this.chats.get(chatId) ?? [])];
  }

  messagesSentTo(chatId: string): ZaloTranscriptEntry[] {
    return this.chat(chatId).filter((m) => m.from === "bot");
  }

  listUsers(): { id: string; name: string }[] {
    return [...this.users].map(([id, name]) => ({ id, name }));
  }
}
