// A local fake of the Zalo Bot Platform API (text only), built like local-bot-api.ts but smaller:
// the bot talks to it over HTTP; tests and the sandbox play the people on the other side.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ZaloUpdate } from "../../channels/zalo/types.ts";
import { ZALO_LIMITS } from "../limits.ts";

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

/**
 * How a webhook body looks. The Zalo Bot Platform's webhook page shows the update wrapped like an
 * API answer (`{ok: true, result: {event_name, message}}`); older samples show it bare.
 */
export type ZaloWebhookShape = "wrapped" | "bare";

export interface LocalZaloApiOptions {
  token?: string;
  now?: () => Date;
  /** The webhook body's shape (default "wrapped", as the platform's webhook page shows it). */
  webhookShape?: ZaloWebhookShape;
}

export interface ZaloDeliverOptions {
  /** The secret header to send instead of the registered one (forgery tests). */
  secret?: string;
  shape?: ZaloWebhookShape;
}

const DEFAULT_TOKEN = "zalo-local-sandbox-token";
const MAX_TEXT = ZALO_LIMITS.messageText;
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
  private webhook: { url: string; target: string; secret: string } | undefined;
  private readonly webhookShape: ZaloWebhookShape;
  private readonly exposed = new Map<string, string>();
  private handler: ((update: ZaloUpdate) => Promise<unknown>) | undefined;
  private seq = 0;
  /** Every method call, in order (getUpdates left out). */
  readonly calls: { method: string; params: Record<string, unknown> }[] = [];

  constructor(options: LocalZaloApiOptions = {}) {
    this.token = options.token ?? DEFAULT_TOKEN;
    this.now = options.now ?? (() => new Date());
    this.webhookShape = options.webhookShape ?? "wrapped";
  }

  /**
   * An https URL that reaches the bot's local `http://…` webhook, as the public address (reverse
   * proxy, tunnel) in front of it would: the platform refuses webhook URLs that are not https.
   */
  exposeWebhook(localUrl: string): string {
    const local = new URL(localUrl);
    let origin = [...this.exposed].find(([, target]) => target === local.origin)?.[0];
    if (origin === undefined) {
      origin = `https://zalo-bot-${this.exposed.size + 1}.exposed.invalid`;
      this.exposed.set(origin, local.origin);
    }
    return `${origin}${local.pathname}${local.search}`;
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
        // Zalo Bot Platform › getMe: id, account_name, account_type, can_join_groups. The values
        // account_type takes are not listed; "BASIC" stands for one.
        return {
          id: "bot-local",
          account_name: "chibo.local",
          account_type: "BASIC",
          can_join_groups: false,
        };
      case "getUpdates": {
        const { default: fallback, max } = ZALO_LIMITS.pollTimeoutSeconds;
        const update = await this.nextUpdate(Math.min(Number(p.timeout ?? fallback), max) * 1000);
        // The getUpdates page's sample result is the message alone, without event_name.
        return { message: update.message };
      }
      case "setWebhook": {
        const url = String(p.url ?? "");
        const secret = String(p.secret_token ?? "");
        let parsed: URL | undefined;
        try {
          parsed = new URL(url);
        } catch {
          parsed = undefined;
        }
        if (parsed?.protocol !== "https:") throw new ZaloError(400, "Bad Request: url is invalid");
        const { min, max } = ZALO_LIMITS.webhookSecretToken;
        if (secret.length < min || secret.length > max)
          throw new ZaloError(400, `Bad Request: secret_token must be ${min}-${max} characters`);
        const local = this.exposed.get(parsed.origin);
        const target = local === undefined ? url : `${local}${parsed.pathname}${parsed.search}`;
        this.webhook = { url, target, secret };
        return { url, updated_at: this.now().getTime() };
      }
      case "getWebhookInfo":
        return { url: this.webhook?.url ?? "", updated_at: this.now().getTime() };
      case "deleteWebhook":
        this.webhook = undefined;
        return { url: "", updated_at: this.now().getTime() };
      case "sendMessage": {
        const chatId = String(p.chat_id ?? "");
        const text = typeof p.text === "string" ? p.text : "";
        if (!this.users.has(chatId)) throw new ZaloError(400, "Bad Request: chat not found");
        if (this.blocked.has(chatId)) throw new ZaloError(403, "Forbidden: user blocked the bot");
        // Counted in UTF-16 units, as the platform counts text_styles offsets (see limits.ts).
        if (text.length < 1 || text.length > MAX_TEXT)
          throw new ZaloError(400, `Bad Request: text must be 1-${MAX_TEXT} characters`);
        const entry = this.record(chatId, "bot", text, "message.text.sent");
        return { message_id: entry.messageId, date: entry.date.getTime() };
      }
      case "sendChatAction":
        if (!this.users.has(String(p.chat_id ?? "")))
          throw new ZaloError(400, "Bad Request: chat not found");
        if (!ZALO_LIMITS.chatActions.includes(String(p.action ?? "")))
          throw new ZaloError(400, "Bad Request: action is invalid");
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
  sendText(
    userId: string,
    text: string,
    chatType: "PRIVATE" | "GROUP" = "PRIVATE",
    shape?: ZaloWebhookShape,
  ) {
    return this.userEvent(userId, "message.text.received", text, chatType, shape);
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
    shape?: ZaloWebhookShape,
  ): Promise<ZaloUpdate> {
    const name = this.users.get(userId);
    if (name === undefined) throw new Error(`Unknown Zalo user ${userId}`);
    const entry = this.record(userId, "user", text, event);
    const update: ZaloUpdate = {
      event_name: event,
      message: {
        message_id: entry.messageId,
        from: { id: userId, display_name: name, is_bot: false },
        chat: { id: userId, chat_type: chatType },
        date: entry.date.getTime(),
        ...(text ? { text } : {}),
        ...(event === "message.sticker.received" ? { sticker: "sticker-1" } : {}),
        ...(event === "message.image.received"
          ? { photo_url: "https://example.invalid/p.jpg" }
          : {}),
      },
    };
    await this.deliver(update, shape === undefined ? {} : { shape });
    return update;
  }

  /**
   * Delivers an update (again, for redelivery tests); returns the webhook's HTTP status if any.
   * The body is wrapped (`{ok: true, result: update}`) unless the shape says bare.
   */
  async deliver(update: ZaloUpdate, options: ZaloDeliverOptions = {}): Promise<number | undefined> {
    if (this.handler) {
      await this.handler(update);
      return undefined;
    }
    if (this.webhook) {
      const shape = options.shape ?? this.webhookShape;
      const res = await fetch(this.webhook.target, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "X-Bot-Api-Secret-Token": options.secret ?? this.webhook.secret,
        },
        body: JSON.stringify(shape === "wrapped" ? { ok: true, result: update } : update),
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
