import { randomBytes } from "node:crypto";
import type {
  BotCommand,
  Chat,
  InlineKeyboardButton,
  Message,
  MessageEntity,
  ReplyKeyboardMarkup,
  User,
  UserFromGetMe,
} from "grammy/types";
import { TELEGRAM_LIMITS } from "../limits.ts";
import { badRequest, forbidden } from "./bot-api-error.ts";
import {
  jsonParam,
  numericChatId,
  optionalBool,
  optionalInt,
  optionalString,
  type Params,
} from "./params.ts";
import type { InlineKeyboard } from "./reply-markup.ts";
import {
  type CallbackAnswer,
  type ChatChange,
  type SandboxGroup,
  type SandboxUser,
  type TranscriptButton,
  type TranscriptEntry,
  UserActionError,
} from "./types.ts";

export interface UserState {
  user: User;
  blocked: boolean;
  started: boolean;
}

export interface StoredFile {
  fileId: string;
  fileUniqueId: string;
  name: string;
  mimeType: string;
  bytes: Uint8Array;
}

export interface StoredMessage {
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

export interface ChatState {
  chat: Chat;
  isGroup: boolean;
  nextMessageId: number;
  messages: Map<number, StoredMessage>;
  members: Set<number>;
  chatInstance: string;
  replyKeyboard: ReplyKeyboardMarkup | undefined;
  lastAction: { action: string; at: Date } | undefined;
}

export interface PendingQuery {
  userId: number;
  answer: CallbackAnswer | undefined;
  /** Real time (Date.now) of the press: Telegram's patience for the answer runs in real time. */
  pressedAt: number;
}

const SCOPE_TYPES = new Set([
  "default",
  "all_private_chats",
  "all_group_chats",
  "all_chat_administrators",
  "chat",
  "chat_administrators",
  "chat_member",
]);
const MAX_REMEMBERED_QUERIES = 10_000;

export const unixTime = (date: Date): number => Math.floor(date.getTime() / 1000);

/** People, chats, messages, files, callback queries and command lists: everything a chat shows. */
export class ChatStore {
  readonly users = new Map<number, UserState>();
  readonly chats = new Map<number, ChatState>();
  readonly files = new Map<string, StoredFile>();
  readonly queries = new Map<string, PendingQuery>();
  readonly commandLists = new Map<string, BotCommand[]>();
  /** How long after a press Telegram still takes its answer. */
  callbackAnswerWindowMs: number = TELEGRAM_LIMITS.callbackAnswerWindowMs;
  private nextQueryId = 1;
  private nextFileId = 1;

  constructor(
    readonly botInfo: UserFromGetMe,
    readonly now: () => Date,
    private readonly onChange: (change: ChatChange) => void,
  ) {}

  addUser(user: SandboxUser): User {
    const telegramUser: User = { id: user.id, is_bot: false, first_name: user.first_name };
    if (user.last_name !== undefined) telegramUser.last_name = user.last_name;
    if (user.username !== undefined) telegramUser.username = user.username;
    if (user.language_code !== undefined) telegramUser.language_code = user.language_code;
    const existing = this.users.get(user.id);
    this.users.set(user.id, {
      user: telegramUser,
      blocked: existing?.blocked ?? false,
      // Nobody has started a bot before opening its chat: the first message or /start does it.
      started: user.started ?? existing?.started ?? false,
    });
    const chat: Chat = { id: user.id, type: "private", first_name: user.first_name };
    if (user.last_name !== undefined) chat.last_name = user.last_name;
    if (user.username !== undefined) chat.username = user.username;
    const state = this.chats.get(user.id);
    if (state === undefined) this.chats.set(user.id, newChat(chat, false));
    else state.chat = chat;
    return telegramUser;
  }

  addGroup(group: SandboxGroup): Chat {
    const chat: Chat =
      group.type === "supergroup"
        ? group.username === undefined
          ? { id: group.id, type: "supergroup", title: group.title }
          : { id: group.id, type: "supergroup", title: group.title, username: group.username }
        : { id: group.id, type: "group", title: group.title };
    const state = this.chats.get(group.id) ?? newChat(chat, true);
    state.chat = chat;
    for (const member of group.members ?? []) state.members.add(member);
    this.chats.set(group.id, state);
    return chat;
  }

  requireUser(userId: number): UserState {
    const user = this.users.get(userId);
    if (user === undefined) {
      throw new UserActionError("unknown_user", `unknown user ${userId}; addUser() first`);
    }
    return user;
  }

  requireChat(chatId: number): ChatState {
    const chat = this.chats.get(chatId);
    if (chat === undefined) throw new UserActionError("unknown_chat", `unknown chat ${chatId}`);
    return chat;
  }

  requireMember(chat: ChatState, userId: number): void {
    if (!chat.members.has(userId)) {
      throw new UserActionError("not_a_member", `user ${userId} is not in chat ${chat.chat.id}`);
    }
  }

  /** chat_id as the Bot API takes it: a number, a numeric string or "@username" of a public group. */
  resolveChat(p: Params): ChatState {
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
  writableChat(p: Params): ChatState {
    const chat = this.resolveChat(p);
    const person = chat.isGroup ? undefined : this.users.get(chat.chat.id);
    if (person?.blocked === true) throw forbidden("bot was blocked by the user");
    if (person?.started === false) throw forbidden("bot can't initiate conversation with a user");
    return chat;
  }

  /** reply_parameters (or the older reply_to_message_id) checked against the chat. */
  replyTarget(chat: ChatState, p: Params): number | undefined {
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

  store(
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
    this.onChange({
      type: "sent",
      chatId: chat.chat.id,
      messageId: message.messageId,
      from: message.from,
    });
    return message;
  }

  markEdited(chat: ChatState, message: StoredMessage): void {
    message.editDate = this.now();
    this.onChange({
      type: "edited",
      chatId: chat.chat.id,
      messageId: message.messageId,
      from: message.from,
    });
  }

  remove(chat: ChatState, message: StoredMessage): void {
    chat.messages.delete(message.messageId);
    this.onChange({
      type: "deleted",
      chatId: chat.chat.id,
      messageId: message.messageId,
      from: message.from,
    });
  }

  newFile(name: string, mimeType: string, bytes: Uint8Array): StoredFile {
    const serial = this.nextFileId++;
    const file: StoredFile = {
      fileId: `BQACAgIAAxkDAAI${serial.toString(36).padStart(6, "0")}`,
      fileUniqueId: `AgAD${serial.toString(36)}`,
      name,
      mimeType,
      bytes,
    };
    this.files.set(file.fileId, file);
    return file;
  }

  /** A new callback query id, shaped like Telegram's (a long decimal string). */
  newQuery(userId: number): { id: string; query: PendingQuery } {
    const id = `${this.botInfo.id}${String(this.nextQueryId++).padStart(9, "0")}`;
    const query: PendingQuery = { userId, answer: undefined, pressedAt: Date.now() };
    this.queries.set(id, query);
    // Telegram refuses late answers anyway, so the oldest queries can be forgotten.
    if (this.queries.size > MAX_REMEMBERED_QUERIES) {
      const oldest = this.queries.keys().next().value;
      if (oldest !== undefined) this.queries.delete(oldest);
    }
    return { id, query };
  }

  /** One stored command list per (scope, language), keyed exactly as Telegram keys them. */
  commandsKey(p: Params): string {
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
    if (language !== "" && !/^[a-z]{2}$/.test(language)) {
      throw badRequest("invalid language code specified");
    }
    return `${type}|${chatPart}|${language}`;
  }

  /** The menu a person sees: the narrowest scope with a list wins, their language before none. */
  commandsFor(chatId: number, userId: number): BotCommand[] {
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

  botUser(): User {
    return {
      id: this.botInfo.id,
      is_bot: true,
      first_name: this.botInfo.first_name,
      username: this.botInfo.username,
    };
  }

  /** The Bot API Message object for a stored message. */
  toMessage(chat: ChatState, message: StoredMessage, withReply = true): Message {
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
    if (message.keyboard !== undefined) {
      out.reply_markup = { inline_keyboard: message.keyboard.rows };
    }
    if (withReply && message.replyTo !== undefined) {
      const repliedTo = chat.messages.get(message.replyTo);
      if (repliedTo !== undefined) out.reply_to_message = this.toMessage(chat, repliedTo, false);
    }
    return out as unknown as Message;
  }

  /** The message as the sandbox page and tests read it. */
  toEntry(message: StoredMessage): TranscriptEntry {
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

function newChat(chat: Chat, isGroup: boolean): ChatState {
  return {
    chat,
    isGroup,
    nextMessageId: 1,
    messages: new Map(),
    members: new Set(isGroup ? [] : [chat.id]),
    // Telegram's chat_instance is an opaque signed 64-bit number per chat.
    chatInstance: BigInt.asIntN(64, BigInt(`0x${randomBytes(8).toString("hex")}`)).toString(),
    replyKeyboard: undefined,
    lastAction: undefined,
  };
}

function toButton(button: InlineKeyboardButton): TranscriptButton {
  const out: TranscriptButton = { label: button.text };
  if ("callback_data" in button && button.callback_data !== undefined) {
    out.data = button.callback_data;
  }
  if ("url" in button && button.url !== undefined) out.url = button.url;
  return out;
}
