import { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type {
  BotCommand,
  BotCommandScope,
  Chat,
  ReplyKeyboardMarkup,
  Update,
  User,
  UserFromGetMe,
} from "grammy/types";
import { TELEGRAM_LIMITS } from "../limits.ts";
import { BotApiError, badRequest, tooManyRequests } from "./bot-api-error.ts";
import { type CallContext, chatMethods, type MethodHandler } from "./chat-methods.ts";
import { type ChatState, ChatStore, type StoredMessage, unixTime } from "./chat-store.ts";
import {
  type DropResponsesOptions,
  type FailWithOptions,
  type FaultHandle,
  FaultPlan,
  RateLimiter,
  type RateLimitOptions,
} from "./faults.ts";
import { numericChatId, type Params } from "./params.ts";
import { parseRequestBody, type UploadedFile } from "./request-body.ts";
import { MAX_TEXT_LENGTH, userTextEntities } from "./telegram-text.ts";
import {
  type ButtonSelector,
  type CallbackAnswer,
  type CallRecord,
  type LocalBotApiEvents,
  type PressResult,
  type SandboxGroup,
  type SandboxUser,
  type TranscriptEntry,
  UserActionError,
  type UserMessageResult,
} from "./types.ts";
import { UpdateDelivery, type WebhookAttempt } from "./update-delivery.ts";

export { BotApiError } from "./bot-api-error.ts";
export type {
  DropResponsesOptions,
  FailWithOptions,
  FaultHandle,
  MethodSelection,
  RateLimitOptions,
} from "./faults.ts";
export { FLOOD_METHODS, SENDING_METHODS } from "./faults.ts";
export * from "./types.ts";
export type { WebhookAttempt } from "./update-delivery.ts";

export interface LocalBotApiOptions {
  /** The only token accepted; others get 401 like Telegram. */
  token?: string;
  /** What getMe returns; missing fields get defaults (id from the token). */
  botInfo?: Partial<UserFromGetMe>;
  /** Clock that stamps message dates (the sandbox moves it forward). Faults and rates use real time. */
  now?: () => Date;
  /** Also record getUpdates in `calls` (left out by default: long polling would flood the log). */
  logAllCalls?: boolean;
  /** Oldest call records are forgotten beyond this many (between limit and 2× limit are kept). */
  callLogLimit?: number;
  /** Flood control (always on): Telegram's published limits unless a test sets its own. */
  rateLimit?: RateLimitOptions;
  /** How long Telegram waits for the webhook's answer (60 s, see limits.ts); shorter in tests. */
  webhookTimeoutMs?: number;
}

interface Outcome {
  status: number;
  body: unknown;
  drop: boolean;
}

const DEFAULT_TOKEN = "7000000001:LOCAL-sandbox-token-not-a-secret-0000";
const MAX_BODY_BYTES = 52 * 1024 * 1024;
const MESSAGE_METHODS = new Set(["sendMessage", "sendDocument"]);
const METHOD_PATH = /^\/bot([^/]+)\/([A-Za-z0-9_]+)$/;

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * A local Telegram Bot API server: grammY talks to it over HTTP as it would to Telegram, while
 * tests and the sandbox page act as the people in the chats.
 */
export class LocalBotApi extends EventEmitter<LocalBotApiEvents> {
  readonly token: string;
  readonly botInfo: UserFromGetMe;
  private readonly now: () => Date;
  private readonly logAllCalls: boolean;
  private readonly callLogLimit: number;
  private readonly delivery: UpdateDelivery;
  private store: ChatStore;
  private methods = new Map<string, { name: string; run: MethodHandler }>();
  private server: Server | undefined;
  private root: string | undefined;
  private callLog: CallRecord[] = [];
  private faults = new FaultPlan();
  private rateLimitOptions: RateLimitOptions | undefined;
  private rateLimiter: RateLimiter;
  /** Other bots answered at this server's root, by token (api.telegram.org serves every bot). */
  private readonly hosted = new Map<string, LocalBotApi>();
  private host: LocalBotApi | undefined;
  /** Messages sent with allow_paid_broadcast: 0.1 Telegram Star each from the bot's balance. */
  paidMessages = 0;

  constructor(options: LocalBotApiOptions = {}) {
    super();
    this.setMaxListeners(0);
    this.token = options.token ?? DEFAULT_TOKEN;
    const idFromToken = Number(this.token.split(":")[0]);
    this.botInfo = {
      id: Number.isSafeInteger(idFromToken) ? idFromToken : 7000000001,
      is_bot: true,
      first_name: "Sandbox bot",
      username: "sandbox_bot",
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
      can_manage_bots: false,
      supports_join_request_queries: false,
      ...options.botInfo,
    };
    this.now = options.now ?? (() => new Date());
    this.logAllCalls = options.logAllCalls ?? false;
    this.callLogLimit = options.callLogLimit ?? 100_000;
    this.delivery = new UpdateDelivery(
      this.now,
      async (method, params) => {
        await this.execute(method, params, { files: new Map(), onAbort: undefined });
      },
      options.webhookTimeoutMs,
    );
    this.rateLimitOptions = options.rateLimit;
    this.rateLimiter = new RateLimiter(options.rateLimit);
    this.store = this.newStore();
  }

  // ── Server ────────────────────────────────────────────────────────────────

  /** Listens on 127.0.0.1; give `apiRoot` to grammY as `client: { apiRoot }`. */
  async start(port = 0): Promise<{ apiRoot: string }> {
    if (this.server !== undefined && this.root !== undefined) return { apiRoot: this.root };
    const server = createServer((req, res) => this.onRequest(req, res));
    // Longer than any client's idle keep-alive, so a reused socket is never closed under a request.
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 70_000;
    server.requestTimeout = 0;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", 2048, () => {
        server.off("error", reject);
        resolve();
      });
    });
    this.server = server;
    this.root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { apiRoot: this.root };
  }

  /** Ends long polls and webhook deliveries, closes every connection. */
  async stop(): Promise<void> {
    this.delivery.close();
    const server = this.server;
    this.server = undefined;
    this.root = undefined;
    if (server === undefined) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** The root to give grammY; throws before start(). */
  get apiRoot(): string {
    if (this.host) return this.host.apiRoot;
    if (this.root === undefined) throw new Error("LocalBotApi is not started");
    return this.root;
  }

  /**
   * Answers `other`'s token at this server's root too, as Telegram serves every bot at one address
   * (a province's several bots, BOT_TOKENS): each bot keeps its own chats and flood control.
   */
  serve(other: LocalBotApi): void {
    this.hosted.set(other.token, other);
    other.host = this;
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const url = req.url ?? "/";
    const query = url.indexOf("?");
    const match = METHOD_PATH.exec(query < 0 ? url : url.slice(0, query));
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => {
      if (match === null) return this.write(res, 404, new BotApiError(404, "Not Found").toJSON());
      const [, token = "", method = ""] = match;
      const bot =
        token === this.token || safeDecode(token) === this.token
          ? this
          : (this.hosted.get(token) ?? this.hosted.get(safeDecode(token)));
      if (!bot) return this.reject(res, method, new BotApiError(401, "Unauthorized"));
      if (size > MAX_BODY_BYTES) {
        return this.reject(res, method, new BotApiError(413, "Request Entity Too Large"));
      }
      let params: Params;
      let files: Map<string, UploadedFile>;
      try {
        const body = parseRequestBody(
          req.headers["content-type"],
          chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks),
        );
        files = body.files;
        // Telegram also reads parameters from the query string; the body wins.
        params =
          query < 0
            ? body.fields
            : { ...Object.fromEntries(new URLSearchParams(url.slice(query + 1))), ...body.fields };
      } catch (error) {
        return this.reject(
          res,
          method,
          error instanceof BotApiError ? error : badRequest("can't parse request"),
        );
      }
      const onAbort = (callback: () => void): void => {
        res.once("close", () => {
          if (!res.writableEnded) callback();
        });
      };
      bot.execute(method, params, { files, onAbort }).then(
        (outcome) => {
          // The ambiguous failure: the call was performed, the client never hears about it.
          if (outcome.drop) req.socket.destroy();
          else this.write(res, outcome.status, outcome.body);
        },
        // Only a throwing "call" listener gets here; the client still deserves an answer.
        () => this.write(res, 500, new BotApiError(500, "Internal Server Error").toJSON()),
      );
    });
  }

  private reject(res: ServerResponse, method: string, error: BotApiError): void {
    this.fail(method, {}, undefined, Date.now(), error);
    this.write(res, error.code, error.toJSON());
  }

  private write(res: ServerResponse, status: number, body: unknown): void {
    if (res.destroyed || res.writableEnded) return;
    const json = JSON.stringify(body);
    res.writeHead(status, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(json),
    });
    res.end(json);
  }

  /** One Bot API call: injected faults, flood control, the method itself, then the call record. */
  private async execute(method: string, params: Params, context: CallContext): Promise<Outcome> {
    const at = Date.now();
    const chatId = numericChatId(params.chat_id);
    const entry = this.methods.get(method.toLowerCase());
    if (entry === undefined) {
      return this.fail(method, params, chatId, at, new BotApiError(404, "Not Found"));
    }
    const name = entry.name;
    const injected = this.faults.errorFor(name, chatId, at);
    if (injected !== undefined) return this.fail(name, params, chatId, at, injected);
    const limiter = this.rateLimiter;
    // Bot API › sendMessage › allow_paid_broadcast: up to 1,000/s, not counted in the free ~30/s.
    const paid = params.allow_paid_broadcast === true || params.allow_paid_broadcast === "true";
    const limited =
      chatId !== undefined && limiter.counts(name) ? this.store.chats.get(chatId) : undefined;
    if (limited !== undefined) {
      const retryAfter = limiter.retryAfter(limited.chat.id, limited.isGroup, at, paid);
      if (retryAfter > 0) return this.fail(name, params, chatId, at, tooManyRequests(retryAfter));
    }
    let result: unknown;
    try {
      result = entry.run(params, context);
      if (result instanceof Promise) result = await result;
    } catch (error) {
      const failure =
        error instanceof BotApiError
          ? error
          : new BotApiError(
              500,
              `Internal Server Error: ${error instanceof Error ? error.message : String(error)}`,
            );
      return this.fail(name, params, chatId, at, failure);
    }
    if (limited !== undefined) limiter.record(limited.chat.id, limited.isGroup, at, paid);
    if (paid && limiter.counts(name)) this.paidMessages++;
    const drop = this.faults.dropFor(name, chatId, at);
    if (name !== "getUpdates" || this.logAllCalls) {
      this.pushCall({ method: name, params, chatId, at, status: drop ? 0 : 200, ok: true });
    }
    return { status: 200, body: { ok: true, result }, drop };
  }

  private fail(
    method: string,
    params: Params,
    chatId: number | undefined,
    at: number,
    error: BotApiError,
  ): Outcome {
    if (method !== "getUpdates" || this.logAllCalls) {
      this.pushCall({
        method,
        params,
        chatId,
        at,
        status: error.code,
        ok: false,
        description: error.description,
      });
    }
    return { status: error.code, body: error.toJSON(), drop: false };
  }

  private pushCall(call: CallRecord): void {
    // Trimming in halves keeps the cost amortised O(1) per call.
    if (this.callLog.length >= this.callLogLimit * 2) this.callLog.splice(0, this.callLogLimit);
    this.callLog.push(call);
    this.emit("call", call);
  }

  private newStore(): ChatStore {
    const store = new ChatStore(this.botInfo, this.now, (change) => this.emit("change", change));
    const table: Record<string, MethodHandler> = {
      ...chatMethods(store, (answer) => this.emit("callbackAnswer", answer)),
      ...this.delivery.methods(),
      logOut: () => true,
      close: () => true,
    };
    this.methods = new Map();
    for (const [name, run] of Object.entries(table)) {
      // Telegram matches method names case-insensitively.
      this.methods.set(name.toLowerCase(), { name, run });
    }
    return store;
  }

  // ── People and chats ──────────────────────────────────────────────────────

  /** Adds (or updates) a person and their private chat with the bot (chat id = user id). */
  addUser(user: SandboxUser): User {
    return this.store.addUser(user);
  }

  /** Adds a group the bot is in; its members may write in it and press its buttons. */
  addGroup(group: SandboxGroup): Chat {
    return this.store.addGroup(group);
  }

  addMember(chatId: number, userId: number): void {
    this.store.requireUser(userId);
    this.store.requireChat(chatId).members.add(userId);
  }

  /** The person blocks the bot: sends to them answer 403, and the bot gets my_chat_member. */
  async block(userId: number): Promise<void> {
    const state = this.store.requireUser(userId);
    if (state.blocked) return;
    state.blocked = true;
    await this.deliver(this.myChatMemberUpdate(state.user, "member", "kicked"));
  }

  /** The person restarts the bot. */
  async unblock(userId: number): Promise<void> {
    const state = this.store.requireUser(userId);
    if (!state.blocked) return;
    state.blocked = false;
    await this.deliver(this.myChatMemberUpdate(state.user, "kicked", "member"));
  }

  isBlocked(userId: number): boolean {
    return this.store.users.get(userId)?.blocked ?? false;
  }

  private myChatMemberUpdate(
    user: User,
    from: "member" | "kicked",
    to: "member" | "kicked",
  ): Update {
    const bot = this.store.botUser();
    const member = (status: "member" | "kicked") =>
      status === "member" ? { status, user: bot } : { status, user: bot, until_date: 0 };
    return {
      update_id: this.delivery.newUpdateId(),
      my_chat_member: {
        chat: this.store.requireChat(user.id).chat,
        from: user,
        date: unixTime(this.now()),
        old_chat_member: member(from),
        new_chat_member: member(to),
      },
    } as Update;
  }

  // ── What a person does in the app ─────────────────────────────────────────

  /**
   * The person types `text` in a chat (their private chat by default; a number is a chat id).
   * Resolves once the bot has handled it (webhook, onUpdate) or once it is queued (getUpdates).
   */
  async sendText(
    userId: number,
    text: string,
    options: number | { chatId?: number; replyTo?: number } = {},
  ): Promise<UserMessageResult> {
    const { chatId = userId, replyTo } =
      typeof options === "number" ? { chatId: options } : options;
    const user = this.store.requireUser(userId);
    const chat = this.store.requireChat(chatId);
    this.store.requireMember(chat, userId);
    if (!chat.isGroup && user.blocked) {
      throw new UserActionError("bot_blocked", `user ${userId} blocked the bot; unblock() first`);
    }
    const trimmed = text.trim();
    if (trimmed.length === 0 || trimmed.length > MAX_TEXT_LENGTH) {
      throw new UserActionError("invalid_text", `text must be 1-${MAX_TEXT_LENGTH} characters`);
    }
    if (replyTo !== undefined && !chat.messages.has(replyTo)) {
      throw new UserActionError("unknown_message", `no message ${replyTo} in chat ${chatId}`);
    }
    // Writing to the bot is what "Start" does: from now on the bot may write back.
    if (!chat.isGroup) user.started = true;
    const message = this.store.store(chat, {
      from: "user",
      senderId: userId,
      text: trimmed,
      raw: trimmed,
      parseMode: undefined,
      entities: userTextEntities(trimmed),
      keyboard: undefined,
      forceReply: false,
      file: undefined,
      replyTo,
    });
    const update = {
      update_id: this.delivery.newUpdateId(),
      message: this.store.toMessage(chat, message),
    } as Update;
    const delivered = this.passesPrivacyMode(chat, message) && (await this.deliver(update));
    return { updateId: update.update_id, chatId, messageId: message.messageId, delivered };
  }

  /**
   * The person sends a file (a document) in their private chat, with an optional caption; the bot
   * gets it with a file_id it can send again. Refused over the platform's document size.
   */
  async sendDocument(
    userId: number,
    document: { name: string; bytes: Uint8Array; mimeType?: string; caption?: string },
  ): Promise<UserMessageResult> {
    const user = this.store.requireUser(userId);
    const chat = this.store.requireChat(userId);
    if (user.blocked) {
      throw new UserActionError("bot_blocked", `user ${userId} blocked the bot; unblock() first`);
    }
    if (document.bytes.length === 0 || document.bytes.length > TELEGRAM_LIMITS.documentBytes) {
      throw new UserActionError("invalid_text", "a document must be 1 byte to 50 MB");
    }
    user.started = true;
    const file = this.store.newFile(
      document.name,
      document.mimeType ?? "application/octet-stream",
      document.bytes,
    );
    const caption = document.caption?.trim() ?? "";
    const message = this.store.store(chat, {
      from: "user",
      senderId: userId,
      text: caption,
      raw: caption,
      parseMode: undefined,
      entities: [],
      keyboard: undefined,
      forceReply: false,
      file,
      replyTo: undefined,
    });
    const update = {
      update_id: this.delivery.newUpdateId(),
      message: this.store.toMessage(chat, message),
    } as Update;
    const delivered = await this.deliver(update);
    return { updateId: update.update_id, chatId: userId, messageId: message.messageId, delivered };
  }

  /** In groups a bot in privacy mode only sees commands, replies to it and mentions of it. */
  private passesPrivacyMode(chat: ChatState, message: StoredMessage): boolean {
    if (!chat.isGroup || this.botInfo.can_read_all_group_messages) return true;
    if (message.entities.some((entity) => entity.type === "bot_command")) return true;
    if (message.text.includes(`@${this.botInfo.username}`)) return true;
    const repliedTo =
      message.replyTo === undefined ? undefined : chat.messages.get(message.replyTo);
    return repliedTo?.from === "bot";
  }

  /**
   * The person presses an inline button of a bot message, found by label or callback data.
   * Throws UserActionError when the message has no such button.
   */
  async press(
    userId: number,
    messageId: number,
    button: ButtonSelector,
    chatId = userId,
  ): Promise<PressResult> {
    const user = this.store.requireUser(userId);
    const chat = this.store.requireChat(chatId);
    this.store.requireMember(chat, userId);
    const message = chat.messages.get(messageId);
    if (message === undefined || message.from !== "bot") {
      throw new UserActionError("unknown_message", `no bot message ${messageId} in chat ${chatId}`);
    }
    const found = message.keyboard?.rows
      .flat()
      .find((candidate) =>
        "label" in button
          ? candidate.text === button.label
          : "callback_data" in candidate && candidate.callback_data === button.data,
      );
    if (found === undefined) {
      throw new UserActionError(
        "unknown_button",
        `message ${messageId} in chat ${chatId} has no button ${JSON.stringify(button)}`,
      );
    }
    if (!("callback_data" in found) || found.callback_data === undefined) {
      throw new UserActionError(
        "not_a_callback_button",
        `button "${found.text}" does not send a callback`,
      );
    }
    if (!chat.isGroup && user.blocked) {
      throw new UserActionError("bot_blocked", `user ${userId} blocked the bot; unblock() first`);
    }
    const { id, query } = this.store.newQuery(userId);
    const update = {
      update_id: this.delivery.newUpdateId(),
      callback_query: {
        id,
        from: user.user,
        message: this.store.toMessage(chat, message),
        chat_instance: chat.chatInstance,
        data: found.callback_data,
      },
    } as Update;
    await this.deliver(update);
    const result: PressResult = { updateId: update.update_id, callbackQueryId: id };
    if (query.answer !== undefined) result.answer = query.answer;
    return result;
  }

  // ── Update delivery ───────────────────────────────────────────────────────

  /** Direct delivery for tests (wire it to `bot.handleUpdate`); wins over webhook and polling. */
  onUpdate(handler: ((update: Update) => Promise<void>) | undefined): void {
    this.delivery.setHandler(handler);
  }

  private async deliver(update: Update): Promise<boolean> {
    const delivered = await this.delivery.deliver(update);
    if (delivered) this.emit("update", update);
    return delivered;
  }

  /** Resolves when an update left Telegram's queue: a getUpdates offset, or the webhook's 2xx. */
  waitUntilConfirmed(updateId: number, timeoutMs = 5_000): Promise<void> {
    return this.delivery.waitUntilConfirmed(updateId, timeoutMs);
  }

  /** Updates waiting for getUpdates. Do not mutate. */
  pendingUpdates(): readonly Update[] {
    return this.delivery.pending();
  }

  // ── Faults ────────────────────────────────────────────────────────────────

  /** Answers `status` instead of performing matching calls (default: SENDING_METHODS) for a while. */
  failWith(options: FailWithOptions): FaultHandle {
    return this.faults.failWith(options, Date.now());
  }

  /** Performs matching calls but destroys the socket instead of answering (default: the next one). */
  dropResponses(options: DropResponsesOptions = {}): FaultHandle {
    return this.faults.dropResponses(options, Date.now());
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /**
   * Flood control is always on, with Telegram's published limits (src/sandbox/limits.ts); a test may
   * set other numbers or methods. `undefined` goes back to Telegram's.
   */
  enforceRateLimit(options: RateLimitOptions | undefined): void {
    this.rateLimitOptions = options;
    this.rateLimiter = new RateLimiter(options);
  }

  /**
   * How long after a press Telegram still takes answerCallbackQuery (15 s, see limits.ts); 0 makes
   * every answer late, as for a bot that answers a press only after a slow step.
   */
  setCallbackAnswerWindow(ms: number): void {
    this.store.callbackAnswerWindowMs = ms;
  }

  /**
   * An https URL that reaches the bot's local `http://…` webhook, as a reverse proxy or tunnel in
   * front of it would: Telegram refuses http:// webhooks and ports other than 443, 80, 88, 8443.
   */
  exposeWebhook(localUrl: string): string {
    return this.delivery.expose(localUrl);
  }

  /** Every webhook POST (update id, real time, HTTP status; 0 = unreachable), oldest first. */
  webhookAttempts(): readonly WebhookAttempt[] {
    return this.delivery.attempts();
  }

  // ── Inspection ────────────────────────────────────────────────────────────

  /** The chat as the person sees it, oldest first; deleted messages are gone. */
  chat(chatId: number): TranscriptEntry[] {
    return Array.from(this.store.requireChat(chatId).messages.values(), (message) =>
      this.store.toEntry(message),
    );
  }

  /** Messages the bot sent to a chat that are still there, oldest first. */
  messagesSentTo(chatId: number): TranscriptEntry[] {
    const out: TranscriptEntry[] = [];
    for (const message of this.store.requireChat(chatId).messages.values()) {
      if (message.from === "bot") out.push(this.store.toEntry(message));
    }
    return out;
  }

  message(chatId: number, messageId: number): TranscriptEntry | undefined {
    const message = this.store.chats.get(chatId)?.messages.get(messageId);
    return message === undefined ? undefined : this.store.toEntry(message);
  }

  /** How the bot answered a callback query (the toast or alert the person saw), if it did. */
  callbackAnswer(queryId: string): CallbackAnswer | undefined {
    return this.store.queries.get(queryId)?.answer;
  }

  /** Every Bot API call, oldest first (getUpdates only with logAllCalls). Do not mutate. */
  get calls(): readonly CallRecord[] {
    return this.callLog;
  }

  /** Real times (ms) at which messages went out, to one chat or all: for send-rate checks. */
  sendTimes(chatId?: number): number[] {
    const times: number[] = [];
    for (const call of this.callLog) {
      if (
        call.ok &&
        MESSAGE_METHODS.has(call.method) &&
        (chatId === undefined || call.chatId === chatId)
      ) {
        times.push(call.at);
      }
    }
    return times;
  }

  /** The most messages that went out within any `windowMs` (to one chat or all). */
  peakSendRate(windowMs = 1000, chatId?: number): number {
    return peakInWindow(this.sendTimes(chatId), windowMs);
  }

  /** The reply keyboard currently shown in a chat, if any. */
  replyKeyboard(chatId: number): ReplyKeyboardMarkup | undefined {
    return this.store.chats.get(chatId)?.replyKeyboard;
  }

  /** The last chat action ("typing") the bot sent to a chat. */
  chatAction(chatId: number): { action: string; at: Date } | undefined {
    return this.store.chats.get(chatId)?.lastAction;
  }

  /** The list stored for exactly one scope and language (what getMyCommands answers). */
  myCommands(scope: BotCommandScope = { type: "default" }, languageCode = ""): BotCommand[] {
    return (
      this.store.commandLists.get(this.store.commandsKey({ scope, language_code: languageCode })) ??
      []
    );
  }

  /** The command menu a person sees in a chat, resolved through the scopes as Telegram does. */
  commandsFor(chatId: number, userId = chatId): BotCommand[] {
    return this.store.commandsFor(chatId, userId);
  }

  /** People and chats, for the sandbox's persona picker. */
  listUsers(): User[] {
    return Array.from(this.store.users.values(), (state) => state.user);
  }

  listChats(): Chat[] {
    return Array.from(this.store.chats.values(), (state) => state.chat);
  }

  /** Resolves when `predicate` holds, re-checked after every call, chat change and update. */
  waitFor(predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const check = (): void => {
        let done: boolean;
        try {
          done = predicate();
        } catch (error) {
          cleanup();
          reject(error);
          return;
        }
        if (done) {
          cleanup();
          resolve();
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`LocalBotApi.waitFor: condition not met within ${timeoutMs} ms`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.off("call", check);
        this.off("change", check);
        this.off("update", check);
      };
      this.on("call", check);
      this.on("change", check);
      this.on("update", check);
    });
  }

  /** Forgets people, chats, updates, webhook, commands, faults and calls; keeps token, bot, clock and onUpdate. */
  reset(): void {
    this.delivery.reset();
    this.store = this.newStore();
    this.callLog = [];
    this.faults = new FaultPlan();
    this.rateLimiter = new RateLimiter(this.rateLimitOptions);
  }
}

/** The most events in any window of `windowMs` (sorted times, sliding window). */
export function peakInWindow(times: readonly number[], windowMs: number): number {
  let peak = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= windowMs) start++;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}
