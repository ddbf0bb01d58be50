import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type {
  BotCommand,
  BotCommandScope,
  Chat,
  InlineKeyboardButton,
  Message,
  MessageEntity,
  ReplyKeyboardMarkup,
  Update,
  User,
  UserFromGetMe,
} from "grammy/types";
import { BotApiError, badRequest, forbidden } from "./bot-api-error.ts";
import {
  type DropResponsesOptions,
  type FailWithOptions,
  type FaultHandle,
  FaultPlan,
  RateLimiter,
  type RateLimitOptions,
  SENDING_METHODS,
} from "./faults.ts";
import {
  jsonParam,
  numericChatId,
  optionalBool,
  optionalInt,
  optionalString,
  type Params,
} from "./params.ts";
import { type InlineKeyboard, parseReplyMarkup } from "./reply-markup.ts";
import { parseRequestBody, type UploadedFile } from "./request-body.ts";
import { MAX_TEXT_LENGTH, parseMessageText, userTextEntities } from "./telegram-text.ts";

export { BotApiError } from "./bot-api-error.ts";
export type {
  DropResponsesOptions,
  FailWithOptions,
  FaultHandle,
  RateLimitOptions,
} from "./faults.ts";
export { SENDING_METHODS } from "./faults.ts";

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
}

export interface SandboxUser {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
  /** False for someone who has not pressed Start yet: the bot cannot write first (403). Default true. */
  started?: boolean;
}

export interface SandboxGroup {
  /** Negative, as Telegram's group ids are. */
  id: number;
  title: string;
  type?: "group" | "supergroup";
  username?: string;
  members?: readonly number[];
}

export interface TranscriptButton {
  label: string;
  data?: string;
  url?: string;
}

export interface TranscriptFile {
  name: string;
  mimeType: string;
  bytes: Uint8Array;
}

/** One message of a chat as a person sees it in the app. */
export interface TranscriptEntry {
  messageId: number;
  from: "bot" | "user";
  /** Bot id or user id. */
  senderId: number;
  /** Plain text (HTML tags stripped, entities unescaped) or the document caption. */
  text: string;
  /** The HTML source, when the bot sent parse_mode HTML. */
  html?: string;
  entities: MessageEntity[];
  /** Inline keyboard; empty when none. */
  buttons: TranscriptButton[][];
  edited: boolean;
  file?: TranscriptFile;
  forceReply?: boolean;
  replyTo?: number;
  date: Date;
}

export interface CallRecord {
  /** Method name as Telegram spells it (as requested when unknown). */
  method: string;
  /** Parameters as received: form bodies give strings, uploads are not included. */
  params: Params;
  /** chat_id when numeric. */
  chatId: number | undefined;
  /** Real time in ms (Date.now), for rate checks. */
  at: number;
  /** HTTP status; 0 when the response was dropped on purpose. */
  status: number;
  ok: boolean;
  description?: string;
}

export interface CallbackAnswer {
  queryId: string;
  text?: string;
  showAlert: boolean;
  url?: string;
  cacheTime?: number;
  at: Date;
}

export interface ChatChange {
  type: "sent" | "edited" | "deleted";
  chatId: number;
  messageId: number;
  from: "bot" | "user";
}

export interface UserMessageResult {
  updateId: number;
  chatId: number;
  messageId: number;
  /** False when Telegram would not deliver it (allowed_updates, group privacy mode). */
  delivered: boolean;
}

export interface PressResult {
  updateId: number;
  callbackQueryId: string;
  /** The bot's answer, when it answered while handling (webhook and direct modes). */
  answer?: CallbackAnswer;
}

export type ButtonSelector = { label: string } | { data: string };

export type UserActionErrorCode =
  | "unknown_user"
  | "unknown_chat"
  | "not_a_member"
  | "bot_blocked"
  | "invalid_text"
  | "unknown_message"
  | "unknown_button"
  | "not_a_callback_button";

/** A user-side action the Telegram app would not allow (a test or sandbox bug, not a bot bug). */
export class UserActionError extends Error {
  constructor(
    readonly code: UserActionErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "UserActionError";
  }
}

/** The bot's webhook answered with an error or could not be reached. */
export class WebhookDeliveryError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    options?: { cause?: unknown },
  ) {
    super(
      status === 0
        ? "webhook unreachable"
        : `Wrong response from the webhook: ${status} ${body}`.trim(),
      options,
    );
    this.name = "WebhookDeliveryError";
  }
}

export type LocalBotApiEvents = {
  call: [CallRecord];
  change: [ChatChange];
  update: [Update];
  callbackAnswer: [CallbackAnswer];
};

interface UserState {
  user: User;
  blocked: boolean;
  started: boolean;
}

interface StoredFile {
  fileId: string;
  fileUniqueId: string;
  name: string;
  mimeType: string;
  bytes: Uint8Array;
}

interface StoredMessage {
  messageId: number;
  from: "bot" | "user";
  senderId: number;
  text: string;
  raw: string;
  parseMode: string | undefined;
  entities: MessageEntity[];
  keyboard: InlineKeyboard | undefined;
  forceReply: boolean;
  file: StoredFile | undefined;
  date: Date;
  editDate: Date | undefined;
  replyTo: number | undefined;
}

interface ChatState {
  chat: Chat;
  isGroup: boolean;
  nextMessageId: number;
  messages: Map<number, StoredMessage>;
  members: Set<number>;
  chatInstance: string;
  replyKeyboard: ReplyKeyboardMarkup | undefined;
  lastAction: { action: string; at: Date } | undefined;
}

interface PendingQuery {
  userId: number;
  answer: CallbackAnswer | undefined;
}

interface Webhook {
  url: string;
  secretToken: string | undefined;
  maxConnections: number;
  lastError: { at: Date; message: string } | undefined;
}

interface Poll {
  limit: number;
  finish: (result: Update[] | BotApiError) => void;
}

interface CallContext {
  files: Map<string, UploadedFile>;
  /** Registers a callback for a client that goes away before the answer (long polling). */
  onAbort: ((callback: () => void) => void) | undefined;
}

interface Outcome {
  status: number;
  body: unknown;
  drop: boolean;
}

type MethodHandler = (params: Params, context: CallContext) => unknown;

const DEFAULT_TOKEN = "7000000001:LOCAL-sandbox-token-not-a-secret-0000";
const MAX_BODY_BYTES = 52 * 1024 * 1024;
const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;
const DELETE_WINDOW_MS = 48 * 60 * 60 * 1000;
const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";
const QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid";
const CONFLICT_WEBHOOK =
  "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";
const CONFLICT_POLL =
  "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running";
// Telegram leaves these out unless they are asked for by name.
const OPT_IN_UPDATES = new Set(["chat_member", "message_reaction", "message_reaction_count"]);
const CHAT_ACTIONS = new Set([
  "typing",
  "upload_photo",
  "record_video",
  "upload_video",
  "record_voice",
  "upload_voice",
  "upload_document",
  "choose_sticker",
  "find_location",
  "record_video_note",
  "upload_video_note",
]);
const MESSAGE_METHODS = new Set(["sendMessage", "sendDocument"]);
const MIME_TYPES: Readonly<Record<string, string>> = {
  csv: "text/csv",
  txt: "text/plain",
  json: "application/json",
  pdf: "application/pdf",
  zip: "application/zip",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  ics: "text/calendar",
};
const SCOPE_TYPES = new Set([
  "default",
  "all_private_chats",
  "all_group_chats",
  "all_chat_administrators",
  "chat",
  "chat_administrators",
  "chat_member",
]);

const unixTime = (date: Date): number => Math.floor(date.getTime() / 1000);

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
  private readonly methods = new Map<string, { name: string; run: MethodHandler }>();
  private server: Server | undefined;
  private root: string | undefined;

  private users = new Map<number, UserState>();
  private chats = new Map<number, ChatState>();
  private files = new Map<string, StoredFile>();
  private queries = new Map<string, PendingQuery>();
  private commandLists = new Map<string, BotCommand[]>();
  private callLog: CallRecord[] = [];
  private faults = new FaultPlan();
  private rateLimiter: RateLimiter | undefined;
  private updateHandler: ((update: Update) => Promise<void>) | undefined;
  private webhook: Webhook | undefined;
  private allowedUpdates: Set<string> | undefined;
  private queue: Update[] = [];
  private poll: Poll | undefined;
  private confirmedBelow = 0;
  private confirmationWaiters = new Map<number, Array<() => void>>();
  private webhookRequests = new Set<AbortController>();
  private nextUpdateId = 1;
  private nextQueryId = 1;
  private nextFileId = 1;

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
    this.registerMethods();
  }

  // ── Server ────────────────────────────────────────────────────────────────

  /** Listens on 127.0.0.1; pass `apiRoot` to grammY as `client: { apiRoot }`. */
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
    const address = server.address() as AddressInfo;
    this.root = `http://127.0.0.1:${address.port}`;
    return { apiRoot: this.root };
  }

  /** Ends long polls and webhook deliveries, closes every connection. */
  async stop(): Promise<void> {
    this.poll?.finish([]);
    for (const request of this.webhookRequests) request.abort();
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
    if (this.root === undefined) throw new Error("LocalBotApi is not started");
    return this.root;
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const url = req.url ?? "/";
    const query = url.indexOf("?");
    const path = query < 0 ? url : url.slice(0, query);
    const match = /^\/bot([^/]+)\/([A-Za-z0-9_]+)$/.exec(path);
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => {
      if (match === null) return this.write(res, 404, new BotApiError(404, "Not Found").toJSON());
      const [, token = "", method = ""] = match;
      if (token !== this.token && decodeURIComponent(token) !== this.token) {
        this.record(method, {}, 401, "Unauthorized");
        return this.write(res, 401, new BotApiError(401, "Unauthorized").toJSON());
      }
      if (size > MAX_BODY_BYTES) {
        return this.write(res, 413, new BotApiError(413, "Request Entity Too Large").toJSON());
      }
      let fields: Params;
      let files: Map<string, UploadedFile>;
      try {
        const body = parseRequestBody(
          req.headers["content-type"],
          chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks),
        );
        fields = body.fields;
        files = body.files;
        if (query >= 0) {
          // Telegram also reads parameters from the query string; the body wins.
          fields = { ...Object.fromEntries(new URLSearchParams(url.slice(query + 1))), ...fields };
        }
      } catch (error) {
        const failure = error instanceof BotApiError ? error : badRequest("can't parse request");
        this.record(method, {}, failure.code, failure.description);
        return this.write(res, failure.code, failure.toJSON());
      }
      const onAbort = (callback: () => void): void => {
        res.once("close", () => {
          if (!res.writableEnded) callback();
        });
      };
      void this.execute(method, fields, { files, onAbort }).then((outcome) => {
        if (outcome.drop) req.socket.destroy();
        else this.write(res, outcome.status, outcome.body);
      });
    });
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

  /** Runs one Bot API call: faults, rate limit, the method, then the call record. */
  private async execute(method: string, params: Params, context: CallContext): Promise<Outcome> {
    const at = Date.now();
    const entry = this.methods.get(method.toLowerCase());
    const chatId = numericChatId(params.chat_id);
    if (entry === undefined)
      return this.fail(method, params, chatId, at, new BotApiError(404, "Not Found"));
    const name = entry.name;
    const injected = this.faults.errorFor(name, chatId, at);
    if (injected !== undefined) return this.fail(name, params, chatId, at, injected);
    const limiter = this.rateLimiter;
    const limitedChat =
      limiter !== undefined && chatId !== undefined && SENDING_METHODS.includes(name)
        ? this.chats.get(chatId)
        : undefined;
    if (limiter !== undefined && limitedChat !== undefined) {
      const retryAfter = limiter.retryAfter(limitedChat.chat.id, limitedChat.isGroup, at);
      if (retryAfter > 0) {
        return this.fail(
          name,
          params,
          chatId,
          at,
          new BotApiError(429, `Too Many Requests: retry after ${retryAfter}`, {
            retry_after: retryAfter,
          }),
        );
      }
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
    if (limiter !== undefined && limitedChat !== undefined) {
      limiter.record(limitedChat.chat.id, limitedChat.isGroup, at);
    }
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

  private record(method: string, params: Params, status: number, description: string): void {
    this.pushCall({
      method,
      params,
      chatId: undefined,
      at: Date.now(),
      status,
      ok: false,
      description,
    });
  }

  private pushCall(call: CallRecord): void {
    if (this.callLog.length >= this.callLogLimit * 2) this.callLog.splice(0, this.callLogLimit);
    this.callLog.push(call);
    this.emit("call", call);
  }

  // ── Bot API methods ───────────────────────────────────────────────────────

  private registerMethods(): void {
    const table: Record<string, MethodHandler> = {
      getMe: () => this.botInfo,
      logOut: () => true,
      close: () => true,
      getUpdates: (p, c) => this.getUpdates(p, c),
      setWebhook: (p) => this.setWebhook(p),
      deleteWebhook: (p) => this.deleteWebhook(p),
      getWebhookInfo: () => this.webhookInfo(),
      sendMessage: (p) => this.sendMessage(p),
      editMessageText: (p) => this.editMessageText(p),
      editMessageReplyMarkup: (p) => this.editMessageReplyMarkup(p),
      deleteMessage: (p) => this.deleteMessage(p),
      answerCallbackQuery: (p) => this.answerCallbackQuery(p),
      sendDocument: (p, c) => this.sendDocument(p, c),
      sendChatAction: (p) => this.sendChatAction(p),
      setMyCommands: (p) => this.setMyCommands(p),
      getMyCommands: (p) => this.commandLists.get(this.commandsKey(p)) ?? [],
      deleteMyCommands: (p) => this.commandLists.delete(this.commandsKey(p)) || true,
      getChat: (p) => this.getChat(p),
    };
    for (const [name, run] of Object.entries(table)) {
      // Telegram matches method names case-insensitively.
      this.methods.set(name.toLowerCase(), { name, run });
    }
  }

  private sendMessage(p: Params): Message {
    const chat = this.writableChat(p);
    const markup = parseReplyMarkup(p.reply_markup);
    const content = parseMessageText(p.text, p.parse_mode, p.entities, "text");
    const replyTo = this.replyTarget(chat, p);
    const message = this.store(chat, {
      from: "bot",
      senderId: this.botInfo.id,
      text: content.text,
      raw: content.raw,
      parseMode: content.parseMode,
      entities: content.entities,
      keyboard: markup.kind === "inline" ? markup.keyboard : undefined,
      forceReply: markup.kind === "force_reply",
      file: undefined,
      replyTo,
    });
    if (markup.kind === "reply") chat.replyKeyboard = markup.keyboard;
    if (markup.kind === "remove") chat.replyKeyboard = undefined;
    return this.toMessage(chat, message);
  }

  private sendDocument(p: Params, context: CallContext): Message {
    const chat = this.writableChat(p);
    const markup = parseReplyMarkup(p.reply_markup);
    const file = this.documentFrom(p.document, context.files);
    const caption = parseMessageText(p.caption, p.parse_mode, p.caption_entities, "caption");
    const replyTo = this.replyTarget(chat, p);
    const message = this.store(chat, {
      from: "bot",
      senderId: this.botInfo.id,
      text: caption.text,
      raw: caption.raw,
      parseMode: caption.parseMode,
      entities: caption.entities,
      keyboard: markup.kind === "inline" ? markup.keyboard : undefined,
      forceReply: markup.kind === "force_reply",
      file,
      replyTo,
    });
    return this.toMessage(chat, message);
  }

  private documentFrom(value: unknown, files: Map<string, UploadedFile>): StoredFile {
    let upload: UploadedFile | undefined;
    if (typeof value === "string" && value.startsWith("attach://")) {
      upload = files.get(value.slice("attach://".length));
    } else if (typeof value === "string" && value !== "") {
      const known = this.files.get(value);
      if (known === undefined) throw badRequest("wrong file identifier/HTTP URL specified");
      return known;
    } else {
      upload = files.get("document");
    }
    if (upload === undefined) throw badRequest("there is no document in the request");
    if (upload.bytes.length === 0) throw badRequest("file must be non-empty");
    if (upload.bytes.length > MAX_DOCUMENT_BYTES)
      throw new BotApiError(413, "Request Entity Too Large");
    const extension = upload.filename.split(".").pop()?.toLowerCase() ?? "";
    const declared = upload.contentType.split(";")[0]?.trim();
    const serial = this.nextFileId++;
    const file: StoredFile = {
      fileId: `BQACAgIAAxkDAAI${serial.toString(36).padStart(6, "0")}`,
      fileUniqueId: `AgAD${serial.toString(36)}`,
      name: upload.filename,
      mimeType:
        declared !== undefined && declared !== "" && declared !== "application/octet-stream"
          ? declared
          : (MIME_TYPES[extension] ?? "application/octet-stream"),
      bytes: upload.bytes,
    };
    this.files.set(file.fileId, file);
    return file;
  }

  private editMessageText(p: Params): Message {
    const { chat, message } = this.messageToEdit(p);
    if (message.file !== undefined) throw badRequest("there is no text in the message to edit");
    const content = parseMessageText(p.text, p.parse_mode, p.entities, "text");
    const markup = parseReplyMarkup(p.reply_markup);
    if (markup.kind !== "none" && markup.kind !== "inline")
      throw badRequest("inline keyboard expected");
    // Like Telegram: an edit without reply_markup removes the inline keyboard.
    const keyboard = markup.kind === "inline" ? markup.keyboard : undefined;
    if (
      content.text === message.text &&
      keyboard?.key === message.keyboard?.key &&
      JSON.stringify(content.entities) === JSON.stringify(message.entities)
    ) {
      throw badRequest(NOT_MODIFIED);
    }
    message.text = content.text;
    message.raw = content.raw;
    message.parseMode = content.parseMode;
    message.entities = content.entities;
    message.keyboard = keyboard;
    return this.edited(chat, message);
  }

  private editMessageReplyMarkup(p: Params): Message {
    const { chat, message } = this.messageToEdit(p);
    const markup = parseReplyMarkup(p.reply_markup);
    if (markup.kind !== "none" && markup.kind !== "inline")
      throw badRequest("inline keyboard expected");
    const keyboard = markup.kind === "inline" ? markup.keyboard : undefined;
    if (keyboard?.key === message.keyboard?.key) throw badRequest(NOT_MODIFIED);
    message.keyboard = keyboard;
    return this.edited(chat, message);
  }

  private edited(chat: ChatState, message: StoredMessage): Message {
    message.editDate = this.now();
    this.emit("change", {
      type: "edited",
      chatId: chat.chat.id,
      messageId: message.messageId,
      from: "bot",
    });
    return this.toMessage(chat, message);
  }

  private messageToEdit(p: Params): { chat: ChatState; message: StoredMessage } {
    if (p.inline_message_id !== undefined) throw badRequest("MESSAGE_ID_INVALID");
    const chat = this.writableChat(p);
    const messageId = optionalInt(p, "message_id");
    if (messageId === undefined) throw badRequest("message identifier is not specified");
    const message = chat.messages.get(messageId);
    if (message === undefined) throw badRequest("message to edit not found");
    if (message.from !== "bot") throw badRequest("message can't be edited");
    return { chat, message };
  }

  private deleteMessage(p: Params): true {
    const chat = this.resolveChat(p);
    const messageId = optionalInt(p, "message_id");
    if (messageId === undefined) throw badRequest("message identifier is not specified");
    const message = chat.messages.get(messageId);
    if (message === undefined) throw badRequest("message to delete not found");
    if (this.now().getTime() - message.date.getTime() > DELETE_WINDOW_MS) {
      throw badRequest("message can't be deleted for everyone");
    }
    chat.messages.delete(messageId);
    this.emit("change", { type: "deleted", chatId: chat.chat.id, messageId, from: message.from });
    return true;
  }

  private answerCallbackQuery(p: Params): true {
    const queryId = optionalString(p, "callback_query_id") ?? "";
    const query = this.queries.get(queryId);
    if (query === undefined || query.answer !== undefined) throw badRequest(QUERY_TOO_OLD);
    const text = optionalString(p, "text");
    if (text !== undefined && text.length > 200) throw badRequest("MESSAGE_TOO_LONG");
    const answer: CallbackAnswer = {
      queryId,
      showAlert: optionalBool(p, "show_alert"),
      at: this.now(),
    };
    if (text !== undefined && text !== "") answer.text = text;
    const url = optionalString(p, "url");
    if (url !== undefined) answer.url = url;
    const cacheTime = optionalInt(p, "cache_time");
    if (cacheTime !== undefined) answer.cacheTime = cacheTime;
    query.answer = answer;
    this.emit("callbackAnswer", answer);
    return true;
  }

  private sendChatAction(p: Params): true {
    const chat = this.writableChat(p);
    const action = optionalString(p, "action") ?? "";
    if (!CHAT_ACTIONS.has(action)) throw badRequest("wrong parameter action in request");
    chat.lastAction = { action, at: this.now() };
    return true;
  }

  private getChat(p: Params): Record<string, unknown> {
    const chat = this.resolveChat(p);
    return { ...chat.chat, accent_color_id: 0, max_reaction_count: 11 };
  }

  private setMyCommands(p: Params): true {
    const commands = jsonParam(p, "commands", "commands");
    if (!Array.isArray(commands)) throw badRequest("commands must be an Array");
    if (commands.length > 100) throw badRequest("too many commands");
    const list: BotCommand[] = commands.map((entry: unknown) => {
      const { command, description } = (entry ?? {}) as Record<string, unknown>;
      if (typeof command !== "string" || !/^[a-z0-9_]{1,32}$/.test(command)) {
        throw badRequest("BOT_COMMAND_INVALID");
      }
      if (
        typeof description !== "string" ||
        description.trim() === "" ||
        description.length > 256
      ) {
        throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
      }
      return { command, description };
    });
    const key = this.commandsKey(p);
    if (list.length === 0) this.commandLists.delete(key);
    else this.commandLists.set(key, list);
    return true;
  }

  /** One stored list per (scope, language), exactly as Telegram keys them. */
  private commandsKey(p: Params): string {
    const scope = (jsonParam(p, "scope", "scope") ?? { type: "default" }) as Record<
      string,
      unknown
    >;
    const type = typeof scope.type === "string" ? scope.type : "";
    if (!SCOPE_TYPES.has(type)) throw badRequest("unsupported bot command scope type");
    let chatPart = "";
    if (type === "chat" || type === "chat_administrators" || type === "chat_member") {
      chatPart = String(this.resolveChat({ chat_id: scope.chat_id }).chat.id);
      if (type === "chat_member") {
        const userId = numericChatId(scope.user_id);
        if (userId === undefined || !this.users.has(userId)) throw badRequest("user not found");
        chatPart += `:${userId}`;
      }
    }
    const language = optionalString(p, "language_code") ?? "";
    if (language !== "" && !/^[a-z]{2}$/.test(language))
      throw badRequest("invalid language code specified");
    return `${type}|${chatPart}|${language}`;
  }

  private getUpdates(p: Params, context: CallContext): Update[] | Promise<Update[]> {
    if (this.webhook !== undefined) throw new BotApiError(409, CONFLICT_WEBHOOK);
    const offset = optionalInt(p, "offset") ?? 0;
    const limit = Math.min(100, Math.max(1, optionalInt(p, "limit") ?? 100));
    const timeout = Math.max(0, optionalInt(p, "timeout") ?? 0);
    this.setAllowedUpdates(jsonParam(p, "allowed_updates", "allowed_updates"));
    this.confirm(offset);
    this.poll?.finish(new BotApiError(409, CONFLICT_POLL));
    if (this.queue.length > 0 || timeout === 0) return this.queue.slice(0, limit);
    return new Promise<Update[]>((resolve, reject) => {
      const timer = setTimeout(() => poll.finish([]), timeout * 1000);
      const poll: Poll = {
        limit,
        finish: (result) => {
          clearTimeout(timer);
          if (this.poll === poll) this.poll = undefined;
          if (result instanceof BotApiError) reject(result);
          else resolve(result);
        },
      };
      this.poll = poll;
      context.onAbort?.(() => poll.finish([]));
    });
  }

  /** Updates below `offset` are confirmed and forgotten; a negative offset keeps only the last ones. */
  private confirm(offset: number): void {
    if (offset < 0) {
      this.queue = this.queue.slice(offset);
      const first = this.queue[0];
      this.confirmedBelow = first === undefined ? this.nextUpdateId : first.update_id;
    } else if (offset > 0) {
      let drop = 0;
      while (drop < this.queue.length && this.queue[drop]!.update_id < offset) drop++;
      if (drop > 0) this.queue.splice(0, drop);
      this.confirmedBelow = Math.max(this.confirmedBelow, offset);
    } else {
      return;
    }
    for (const [updateId, waiters] of this.confirmationWaiters) {
      if (updateId < this.confirmedBelow) {
        this.confirmationWaiters.delete(updateId);
        for (const wake of waiters) wake();
      }
    }
  }

  private setAllowedUpdates(value: unknown): void {
    if (value === undefined) return;
    if (!Array.isArray(value)) throw badRequest("allowed_updates must be an Array");
    this.allowedUpdates = value.length === 0 ? undefined : new Set(value.map(String));
  }

  private setWebhook(p: Params): true {
    const url = optionalString(p, "url") ?? "";
    if (url === "") return this.deleteWebhook(p);
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw badRequest("bad webhook: invalid webhook URL specified");
    }
    // Telegram demands HTTPS; the sandbox's bot listens on plain HTTP on the same machine.
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
      throw badRequest("bad webhook: An HTTPS URL must be provided for webhook");
    }
    const secretToken = optionalString(p, "secret_token");
    if (secretToken !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secretToken)) {
      throw badRequest("secret token contains unallowed characters");
    }
    this.setAllowedUpdates(jsonParam(p, "allowed_updates", "allowed_updates"));
    if (optionalBool(p, "drop_pending_updates")) this.queue = [];
    this.poll?.finish(new BotApiError(409, "Conflict: terminated by setWebhook request"));
    this.webhook = {
      url,
      secretToken,
      maxConnections: optionalInt(p, "max_connections") ?? 40,
      lastError: undefined,
    };
    // Updates that waited for a poller go to the new webhook, in order.
    const waiting = this.queue.splice(0);
    if (waiting.length > 0) void this.flushToWebhook(waiting);
    return true;
  }

  private async flushToWebhook(updates: Update[]): Promise<void> {
    for (const update of updates) {
      await this.postWebhook(update).catch(() => undefined);
    }
  }

  private deleteWebhook(p: Params): true {
    this.webhook = undefined;
    if (optionalBool(p, "drop_pending_updates")) this.queue = [];
    return true;
  }

  private webhookInfo(): Record<string, unknown> {
    const hook = this.webhook;
    const info: Record<string, unknown> = {
      url: hook?.url ?? "",
      has_custom_certificate: false,
      pending_update_count: this.queue.length,
    };
    if (hook !== undefined) {
      info.max_connections = hook.maxConnections;
      info.ip_address = "127.0.0.1";
      if (hook.lastError !== undefined) {
        info.last_error_date = unixTime(hook.lastError.at);
        info.last_error_message = hook.lastError.message;
      }
    }
    if (this.allowedUpdates !== undefined) info.allowed_updates = [...this.allowedUpdates];
    return info;
  }

  // ── Chats and people ──────────────────────────────────────────────────────

  /** Adds (or updates) a person and their private chat with the bot (chat id = user id). */
  addUser(user: SandboxUser): User {
    const telegramUser: User = { id: user.id, is_bot: false, first_name: user.first_name };
    if (user.last_name !== undefined) telegramUser.last_name = user.last_name;
    if (user.username !== undefined) telegramUser.username = user.username;
    if (user.language_code !== undefined) telegramUser.language_code = user.language_code;
    const existing = this.users.get(user.id);
    this.users.set(user.id, {
      user: telegramUser,
      blocked: existing?.blocked ?? false,
      started: user.started ?? existing?.started ?? true,
    });
    const chat: Chat = { id: user.id, type: "private", first_name: user.first_name };
    if (user.last_name !== undefined) chat.last_name = user.last_name;
    if (user.username !== undefined) chat.username = user.username;
    const state = this.chats.get(user.id);
    if (state === undefined) this.chats.set(user.id, this.newChat(chat, false));
    else state.chat = chat;
    return telegramUser;
  }

  /** Adds a group the bot is in; members may write in it and press its buttons. */
  addGroup(group: SandboxGroup): Chat {
    const chat: Chat =
      group.type === "supergroup"
        ? group.username === undefined
          ? { id: group.id, type: "supergroup", title: group.title }
          : { id: group.id, type: "supergroup", title: group.title, username: group.username }
        : { id: group.id, type: "group", title: group.title };
    const existing = this.chats.get(group.id);
    const state = existing ?? this.newChat(chat, true);
    state.chat = chat;
    for (const member of group.members ?? []) state.members.add(member);
    this.chats.set(group.id, state);
    return chat;
  }

  addMember(chatId: number, userId: number): void {
    this.requireUser(userId);
    this.requireChat(chatId).members.add(userId);
  }

  private newChat(chat: Chat, isGroup: boolean): ChatState {
    return {
      chat,
      isGroup,
      nextMessageId: 1,
      messages: new Map(),
      members: new Set(isGroup ? [] : [chat.id]),
      chatInstance: BigInt.asIntN(64, BigInt(`0x${randomBytes(8).toString("hex")}`)).toString(),
      replyKeyboard: undefined,
      lastAction: undefined,
    };
  }

  /** The user blocks the bot: sends to their chat answer 403, and the bot gets my_chat_member. */
  async block(userId: number): Promise<void> {
    const state = this.requireUser(userId);
    if (state.blocked) return;
    state.blocked = true;
    await this.deliver(this.myChatMemberUpdate(state.user, "member", "kicked"));
  }

  /** The user restarts the bot. */
  async unblock(userId: number): Promise<void> {
    const state = this.requireUser(userId);
    if (!state.blocked) return;
    state.blocked = false;
    await this.deliver(this.myChatMemberUpdate(state.user, "kicked", "member"));
  }

  isBlocked(userId: number): boolean {
    return this.users.get(userId)?.blocked ?? false;
  }

  private myChatMemberUpdate(
    user: User,
    from: "member" | "kicked",
    to: "member" | "kicked",
  ): Update {
    const bot: User = {
      id: this.botInfo.id,
      is_bot: true,
      first_name: this.botInfo.first_name,
      username: this.botInfo.username,
    };
    const member = (status: "member" | "kicked") =>
      status === "member" ? { status, user: bot } : { status, user: bot, until_date: 0 };
    const chat = this.requireChat(user.id).chat;
    return {
      update_id: this.nextUpdateId++,
      my_chat_member: {
        chat,
        from: user,
        date: unixTime(this.now()),
        old_chat_member: member(from),
        new_chat_member: member(to),
      },
    } as Update;
  }

  // ── What a person does in the app ─────────────────────────────────────────

  /**
   * The user types `text` in a chat (their private chat by default). Resolves once the bot has
   * handled the update (webhook, onUpdate) or once it is queued (getUpdates).
   */
  async sendText(
    userId: number,
    text: string,
    options: number | { chatId?: number; replyTo?: number } = {},
  ): Promise<UserMessageResult> {
    const { chatId = userId, replyTo } =
      typeof options === "number" ? { chatId: options } : options;
    const user = this.requireUser(userId);
    const chat = this.requireChat(chatId);
    this.requireMember(chat, userId);
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
    const entities = userTextEntities(trimmed);
    // Writing to the bot is what "Start" does: from now on the bot may write back.
    if (!chat.isGroup) user.started = true;
    const message = this.store(chat, {
      from: "user",
      senderId: userId,
      text: trimmed,
      raw: trimmed,
      parseMode: undefined,
      entities,
      keyboard: undefined,
      forceReply: false,
      file: undefined,
      replyTo,
    });
    const update = {
      update_id: this.nextUpdateId++,
      message: this.toMessage(chat, message),
    } as Update;
    const delivered = this.passesPrivacyMode(chat, message) && (await this.deliver(update));
    return { updateId: update.update_id, chatId, messageId: message.messageId, delivered };
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

  /** The user presses an inline button of a bot message. Throws UserActionError for a button that is not there. */
  async press(
    userId: number,
    messageId: number,
    button: ButtonSelector,
    chatId = userId,
  ): Promise<PressResult> {
    const user = this.requireUser(userId);
    const chat = this.requireChat(chatId);
    this.requireMember(chat, userId);
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
    const callbackQueryId = `${this.botInfo.id}${String(this.nextQueryId++).padStart(9, "0")}`;
    const query: PendingQuery = { userId, answer: undefined };
    this.queries.set(callbackQueryId, query);
    // Answered or not, old queries are forgotten: Telegram refuses late answers anyway.
    if (this.queries.size > 10_000) {
      const oldest = this.queries.keys().next().value;
      if (oldest !== undefined) this.queries.delete(oldest);
    }
    const update = {
      update_id: this.nextUpdateId++,
      callback_query: {
        id: callbackQueryId,
        from: user.user,
        message: this.toMessage(chat, message),
        chat_instance: chat.chatInstance,
        data: found.callback_data,
      },
    } as Update;
    await this.deliver(update);
    const result: PressResult = { updateId: update.update_id, callbackQueryId };
    if (query.answer !== undefined) result.answer = query.answer;
    return result;
  }

  private requireUser(userId: number): UserState {
    const user = this.users.get(userId);
    if (user === undefined)
      throw new UserActionError("unknown_user", `unknown user ${userId}; addUser() first`);
    return user;
  }

  private requireChat(chatId: number): ChatState {
    const chat = this.chats.get(chatId);
    if (chat === undefined) throw new UserActionError("unknown_chat", `unknown chat ${chatId}`);
    return chat;
  }

  private requireMember(chat: ChatState, userId: number): void {
    if (!chat.members.has(userId)) {
      throw new UserActionError("not_a_member", `user ${userId} is not in chat ${chat.chat.id}`);
    }
  }

  // ── Update delivery ───────────────────────────────────────────────────────

  /** Direct delivery for tests (wire it to `bot.handleUpdate`); takes precedence over webhook and polling. */
  onUpdate(handler: ((update: Update) => Promise<void>) | undefined): void {
    this.updateHandler = handler;
  }

  private async deliver(update: Update): Promise<boolean> {
    if (this.updateHandler !== undefined) {
      await this.updateHandler(update);
    } else {
      const type = Object.keys(update).find((key) => key !== "update_id") ?? "";
      const allowed =
        this.allowedUpdates === undefined
          ? !OPT_IN_UPDATES.has(type)
          : this.allowedUpdates.has(type);
      if (!allowed) return false;
      if (this.webhook !== undefined) await this.postWebhook(update);
      else this.enqueue(update);
    }
    this.emit("update", update);
    return true;
  }

  private enqueue(update: Update): void {
    this.queue.push(update);
    const poll = this.poll;
    if (poll !== undefined) poll.finish(this.queue.slice(0, poll.limit));
  }

  private async postWebhook(update: Update): Promise<void> {
    const hook = this.webhook;
    if (hook === undefined) return this.enqueue(update);
    const controller = new AbortController();
    this.webhookRequests.add(controller);
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (hook.secretToken !== undefined)
      headers["x-telegram-bot-api-secret-token"] = hook.secretToken;
    let status: number;
    let body: string;
    try {
      const response = await fetch(hook.url, {
        method: "POST",
        headers,
        body: JSON.stringify(update),
        signal: controller.signal,
      });
      status = response.status;
      body = await response.text();
    } catch (error) {
      hook.lastError = { at: this.now(), message: "Connection refused" };
      throw new WebhookDeliveryError(0, "", { cause: error });
    } finally {
      this.webhookRequests.delete(controller);
    }
    if (status < 200 || status > 299) {
      hook.lastError = { at: this.now(), message: `Wrong response from the webhook: ${status}` };
      throw new WebhookDeliveryError(status, body);
    }
    await this.runWebhookReply(body);
  }

  /** A webhook may answer with one method call in its body; Telegram performs it. */
  private async runWebhookReply(body: string): Promise<void> {
    if (!body.startsWith("{")) return;
    let reply: unknown;
    try {
      reply = JSON.parse(body);
    } catch {
      return;
    }
    const method = (reply as Record<string, unknown>).method;
    if (typeof method === "string") {
      await this.execute(method, reply as Params, { files: new Map(), onAbort: undefined });
    }
  }

  /** Resolves when a queued update has been confirmed by a later getUpdates offset (at once in other modes). */
  async waitUntilConfirmed(updateId: number, timeoutMs = 5_000): Promise<void> {
    if (
      updateId < this.confirmedBelow ||
      !this.queue.some((update) => update.update_id === updateId)
    )
      return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`update ${updateId} not confirmed within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const waiters = this.confirmationWaiters.get(updateId) ?? [];
      waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
      this.confirmationWaiters.set(updateId, waiters);
    });
  }

  /** Updates waiting for getUpdates. */
  pendingUpdates(): readonly Update[] {
    return this.queue;
  }

  // ── Faults ────────────────────────────────────────────────────────────────

  /** Answers `status` instead of performing matching calls (default: SENDING_METHODS) for a while. */
  failWith(options: FailWithOptions): FaultHandle {
    return this.faults.failWith(options, Date.now());
  }

  /** Performs matching calls but destroys the socket instead of answering: the ambiguous failure. */
  dropResponses(options: DropResponsesOptions = {}): FaultHandle {
    return this.faults.dropResponses(options, Date.now());
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Telegram-like flood control on SENDING_METHODS; `undefined` turns it off (the default). */
  enforceRateLimit(options: RateLimitOptions | undefined): void {
    this.rateLimiter = options === undefined ? undefined : new RateLimiter(options);
  }

  // ── Inspection ────────────────────────────────────────────────────────────

  /** The chat as the person sees it, oldest first; deleted messages are gone. */
  chat(chatId: number): TranscriptEntry[] {
    return Array.from(this.requireChat(chatId).messages.values(), (message) =>
      this.toEntry(message),
    );
  }

  /** Messages the bot sent to a chat (still visible), oldest first. */
  messagesSentTo(chatId: number): TranscriptEntry[] {
    const out: TranscriptEntry[] = [];
    for (const message of this.requireChat(chatId).messages.values()) {
      if (message.from === "bot") out.push(this.toEntry(message));
    }
    return out;
  }

  message(chatId: number, messageId: number): TranscriptEntry | undefined {
    const message = this.chats.get(chatId)?.messages.get(messageId);
    return message === undefined ? undefined : this.toEntry(message);
  }

  /** How the bot answered a callback query (the toast or alert the person saw), if it did. */
  callbackAnswer(queryId: string): CallbackAnswer | undefined {
    return this.queries.get(queryId)?.answer;
  }

  /** Every Bot API call, oldest first (getUpdates only with logAllCalls). Do not mutate. */
  get calls(): readonly CallRecord[] {
    return this.callLog;
  }

  /** Real times (ms) of the messages that went out, to one chat or all: for send-rate checks. */
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

  /** The most messages sent within any `windowMs` (to one chat or all). */
  peakSendRate(windowMs = 1000, chatId?: number): number {
    const times = this.sendTimes(chatId);
    let peak = 0;
    let start = 0;
    for (let end = 0; end < times.length; end++) {
      while (times[end]! - times[start]! >= windowMs) start++;
      peak = Math.max(peak, end - start + 1);
    }
    return peak;
  }

  /** The reply keyboard currently shown in a chat, if any. */
  replyKeyboard(chatId: number): ReplyKeyboardMarkup | undefined {
    return this.chats.get(chatId)?.replyKeyboard;
  }

  /** The last chat action ("typing") the bot sent to a chat. */
  chatAction(chatId: number): { action: string; at: Date } | undefined {
    return this.chats.get(chatId)?.lastAction;
  }

  /** The list stored for one scope and language (what getMyCommands answers). */
  myCommands(scope: BotCommandScope = { type: "default" }, languageCode = ""): BotCommand[] {
    return this.commandLists.get(this.commandsKey({ scope, language_code: languageCode })) ?? [];
  }

  /** The command menu a person sees in a chat, resolved through the scopes as Telegram does. */
  commandsFor(chatId: number, userId = chatId): BotCommand[] {
    const chat = this.requireChat(chatId);
    const language = this.users.get(userId)?.user.language_code?.slice(0, 2) ?? "";
    const keys = chat.isGroup
      ? [`chat_member|${chatId}:${userId}`, `chat|${chatId}`, "all_group_chats|", "default|"]
      : [`chat|${chatId}`, "all_private_chats|", "default|"];
    for (const key of keys) {
      const list =
        (language === "" ? undefined : this.commandLists.get(`${key}|${language}`)) ??
        this.commandLists.get(`${key}|`);
      if (list !== undefined) return list;
    }
    return [];
  }

  /** People and chats, for the sandbox's persona picker. */
  listUsers(): User[] {
    return Array.from(this.users.values(), (state) => state.user);
  }

  listChats(): Chat[] {
    return Array.from(this.chats.values(), (state) => state.chat);
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
    this.poll?.finish([]);
    for (const request of this.webhookRequests) request.abort();
    this.users = new Map();
    this.chats = new Map();
    this.files = new Map();
    this.queries = new Map();
    this.commandLists = new Map();
    this.callLog = [];
    this.faults = new FaultPlan();
    this.rateLimiter = undefined;
    this.webhook = undefined;
    this.allowedUpdates = undefined;
    this.queue = [];
    this.confirmedBelow = 0;
    this.confirmationWaiters = new Map();
  }

  // ── Helpers ───────────────────────────────────────────────────────────────

  private resolveChat(p: Params): ChatState {
    const raw = p.chat_id;
    if (raw === undefined || raw === null || raw === "") throw badRequest("chat_id is empty");
    let chat: ChatState | undefined;
    if (typeof raw === "string" && raw.startsWith("@")) {
      const username = raw.slice(1).toLowerCase();
      for (const candidate of this.chats.values()) {
        if (candidate.isGroup && candidate.chat.username?.toLowerCase() === username)
          chat = candidate;
      }
    } else {
      const id = numericChatId(raw);
      chat = id === undefined ? undefined : this.chats.get(id);
    }
    if (chat === undefined) throw badRequest("chat not found");
    return chat;
  }

  /** A chat the bot may write to: a person who blocked the bot, or never started it, answers 403. */
  private writableChat(p: Params): ChatState {
    const chat = this.resolveChat(p);
    const person = chat.isGroup ? undefined : this.users.get(chat.chat.id);
    if (person?.blocked === true) throw forbidden("bot was blocked by the user");
    if (person?.started === false) throw forbidden("bot can't initiate conversation with a user");
    return chat;
  }

  private replyTarget(chat: ChatState, p: Params): number | undefined {
    const parameters = jsonParam(p, "reply_parameters", "reply parameters") as
      | Record<string, unknown>
      | undefined;
    const messageId =
      numericChatId(parameters?.message_id) ?? optionalInt(p, "reply_to_message_id");
    if (messageId === undefined) return undefined;
    if (chat.messages.has(messageId)) return messageId;
    const lenient =
      parameters?.allow_sending_without_reply === true ||
      optionalBool(p, "allow_sending_without_reply");
    if (lenient) return undefined;
    throw badRequest("message to be replied not found");
  }

  private store(
    chat: ChatState,
    fields: Omit<StoredMessage, "messageId" | "date" | "editDate">,
  ): StoredMessage {
    const message: StoredMessage = {
      ...fields,
      messageId: chat.nextMessageId++,
      date: this.now(),
      editDate: undefined,
    };
    chat.messages.set(message.messageId, message);
    this.emit("change", {
      type: "sent",
      chatId: chat.chat.id,
      messageId: message.messageId,
      from: message.from,
    });
    return message;
  }

  private toMessage(chat: ChatState, message: StoredMessage, withReply = true): Message {
    const out: Record<string, unknown> = {
      message_id: message.messageId,
      from: message.from === "bot" ? this.botUser() : this.users.get(message.senderId)?.user,
      chat: chat.chat,
      date: unixTime(message.date),
    };
    if (message.editDate !== undefined) out.edit_date = unixTime(message.editDate);
    if (message.file !== undefined) {
      out.document = {
        file_id: message.file.fileId,
        file_unique_id: message.file.fileUniqueId,
        file_name: message.file.name,
        mime_type: message.file.mimeType,
        file_size: message.file.bytes.length,
      };
      if (message.text !== "") out.caption = message.text;
      if (message.entities.length > 0) out.caption_entities = message.entities;
    } else {
      out.text = message.text;
      if (message.entities.length > 0) out.entities = message.entities;
    }
    if (message.keyboard !== undefined)
      out.reply_markup = { inline_keyboard: message.keyboard.rows };
    if (withReply && message.replyTo !== undefined) {
      const repliedTo = chat.messages.get(message.replyTo);
      if (repliedTo !== undefined) out.reply_to_message = this.toMessage(chat, repliedTo, false);
    }
    return out as unknown as Message;
  }

  private botUser(): User {
    return {
      id: this.botInfo.id,
      is_bot: true,
      first_name: this.botInfo.first_name,
      username: this.botInfo.username,
    };
  }

  private toEntry(message: StoredMessage): TranscriptEntry {
    const entry: TranscriptEntry = {
      messageId: message.messageId,
      from: message.from,
      senderId: message.senderId,
      text: message.text,
      entities: message.entities,
      buttons: message.keyboard?.rows.map((row) => row.map(toButton)) ?? [],
      edited: message.editDate !== undefined,
      date: message.date,
    };
    if (message.parseMode?.toLowerCase() === "html") entry.html = message.raw;
    if (message.file !== undefined) {
      entry.file = {
        name: message.file.name,
        mimeType: message.file.mimeType,
        bytes: message.file.bytes,
      };
    }
    if (message.forceReply) entry.forceReply = true;
    if (message.replyTo !== undefined) entry.replyTo = message.replyTo;
    return entry;
  }
}

function toButton(button: InlineKeyboardButton): TranscriptButton {
  const out: TranscriptButton = { label: button.text };
  if ("callback_data" in button && button.callback_data !== undefined)
    out.data = button.callback_data;
  if ("url" in button && button.url !== undefined) out.url = button.url;
  return out;
}
