import type { BotCommand, Message } from "grammy/types";
import { TELEGRAM_LIMITS } from "../limits.ts";
import { BotApiError, badRequest } from "./bot-api-error.ts";
import type { ChatState, ChatStore, StoredFile, StoredMessage } from "./chat-store.ts";
import { jsonParam, optionalBool, optionalInt, optionalString, type Params } from "./params.ts";
import { parseReplyMarkup } from "./reply-markup.ts";
import type { UploadedFile } from "./request-body.ts";
import { parseMessageText } from "./telegram-text.ts";
import type { CallbackAnswer } from "./types.ts";

export interface CallContext {
  files: Map<string, UploadedFile>;
  /** Registers a callback for a client that goes away before the answer (long polling). */
  onAbort: ((callback: () => void) => void) | undefined;
}

export type MethodHandler = (params: Params, context: CallContext) => unknown;

const MAX_DOCUMENT_BYTES = TELEGRAM_LIMITS.documentBytes;
const DELETE_WINDOW_MS = TELEGRAM_LIMITS.deleteWindowMs;
const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";
const QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid";
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
// Telegram guesses the type from the extension; grammY uploads everything as octet-stream.
const MIME_TYPES: Readonly<Record<string, string>> = {
  csv: "text/csv",
  txt: "text/plain",
  json: "application/json",
  pdf: "application/pdf",
  zip: "application/zip",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  ics: "text/calendar",
  png: "image/png",
};

/** The Bot API methods that read or change chats, validated the way Telegram validates them. */
export function chatMethods(
  store: ChatStore,
  onCallbackAnswer: (answer: CallbackAnswer) => void,
): Record<string, MethodHandler> {
  const sendMessage = (p: Params): Message => {
    const chat = store.writableChat(p);
    const markup = parseReplyMarkup(p.reply_markup);
    const content = parseMessageText(p.text, p.parse_mode, p.entities, "text");
    const replyTo = store.replyTarget(chat, p);
    const message = store.store(chat, {
      from: "bot",
      senderId: store.botInfo.id,
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
    return store.toMessage(chat, message);
  };

  const documentFrom = (value: unknown, files: Map<string, UploadedFile>): StoredFile => {
    let upload: UploadedFile | undefined;
    if (typeof value === "string" && value.startsWith("attach://")) {
      upload = files.get(value.slice("attach://".length));
    } else if (typeof value === "string" && value !== "") {
      const known = store.files.get(value);
      if (known === undefined) throw badRequest("wrong file identifier/HTTP URL specified");
      return known;
    } else {
      upload = files.get("document");
    }
    if (upload === undefined) throw badRequest("there is no document in the request");
    if (upload.bytes.length === 0) throw badRequest("file must be non-empty");
    if (upload.bytes.length > MAX_DOCUMENT_BYTES) {
      throw new BotApiError(413, "Request Entity Too Large");
    }
    const extension = upload.filename.split(".").pop()?.toLowerCase() ?? "";
    const declared = upload.contentType.split(";")[0]?.trim() ?? "";
    const mimeType =
      declared !== "" && declared !== "application/octet-stream"
        ? declared
        : (MIME_TYPES[extension] ?? "application/octet-stream");
    return store.newFile(upload.filename, mimeType, upload.bytes);
  };

  const sendDocument = (p: Params, context: CallContext): Message => {
    const chat = store.writableChat(p);
    const markup = parseReplyMarkup(p.reply_markup);
    const file = documentFrom(p.document, context.files);
    const caption = parseMessageText(p.caption, p.parse_mode, p.caption_entities, "caption");
    const replyTo = store.replyTarget(chat, p);
    const message = store.store(chat, {
      from: "bot",
      senderId: store.botInfo.id,
      text: caption.text,
      raw: caption.raw,
      parseMode: caption.parseMode,
      entities: caption.entities,
      keyboard: markup.kind === "inline" ? markup.keyboard : undefined,
      forceReply: markup.kind === "force_reply",
      file,
      replyTo,
    });
    return store.toMessage(chat, message);
  };

  const messageToEdit = (p: Params): { chat: ChatState; message: StoredMessage } => {
    if (p.inline_message_id !== undefined) throw badRequest("MESSAGE_ID_INVALID");
    const chat = store.writableChat(p);
    const messageId = optionalInt(p, "message_id");
    if (messageId === undefined) throw badRequest("message identifier is not specified");
    const message = chat.messages.get(messageId);
    if (message === undefined) throw badRequest("message to edit not found");
    if (message.from !== "bot") throw badRequest("message can't be edited");
    return { chat, message };
  };

  const inlineOnly = (value: unknown) => {
    const markup = parseReplyMarkup(value);
    if (markup.kind !== "none" && markup.kind !== "inline") {
      throw badRequest("inline keyboard expected");
    }
    return markup.kind === "inline" ? markup.keyboard : undefined;
  };

  const editMessageText = (p: Params): Message => {
    const { chat, message } = messageToEdit(p);
    if (message.file !== undefined) throw badRequest("there is no text in the message to edit");
    const content = parseMessageText(p.text, p.parse_mode, p.entities, "text");
    // Like Telegram: an edit without reply_markup removes the inline keyboard.
    const keyboard = inlineOnly(p.reply_markup);
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
    store.markEdited(chat, message);
    return store.toMessage(chat, message);
  };

  const editMessageReplyMarkup = (p: Params): Message => {
    const { chat, message } = messageToEdit(p);
    const keyboard = inlineOnly(p.reply_markup);
    if (keyboard?.key === message.keyboard?.key) throw badRequest(NOT_MODIFIED);
    message.keyboard = keyboard;
    store.markEdited(chat, message);
    return store.toMessage(chat, message);
  };

  const deleteMessage = (p: Params): true => {
    const chat = store.resolveChat(p);
    const messageId = optionalInt(p, "message_id");
    if (messageId === undefined) throw badRequest("message identifier is not specified");
    const message = chat.messages.get(messageId);
    if (message === undefined) throw badRequest("message to delete not found");
    if (store.now().getTime() - message.date.getTime() > DELETE_WINDOW_MS) {
      throw badRequest("message can't be deleted for everyone");
    }
    store.remove(chat, message);
    return true;
  };

  const answerCallbackQuery = (p: Params): true => {
    const queryId = optionalString(p, "callback_query_id") ?? "";
    const query = store.queries.get(queryId);
    if (query === undefined || query.answer !== undefined) throw badRequest(QUERY_TOO_OLD);
    // Telegram waits a few seconds for the answer, then the query is gone (QUERY_ID_INVALID).
    if (Date.now() - query.pressedAt >= store.callbackAnswerWindowMs) {
      throw badRequest(QUERY_TOO_OLD);
    }
    const text = optionalString(p, "text");
    if (text !== undefined && text.length > TELEGRAM_LIMITS.callbackAnswerText) {
      throw badRequest("MESSAGE_TOO_LONG");
    }
    const answer: CallbackAnswer = {
      queryId,
      showAlert: optionalBool(p, "show_alert"),
      at: store.now(),
    };
    if (text !== undefined && text !== "") answer.text = text;
    const url = optionalString(p, "url");
    if (url !== undefined) answer.url = url;
    const cacheTime = optionalInt(p, "cache_time");
    if (cacheTime !== undefined) answer.cacheTime = cacheTime;
    query.answer = answer;
    onCallbackAnswer(answer);
    return true;
  };

  const sendChatAction = (p: Params): true => {
    const chat = store.writableChat(p);
    const action = optionalString(p, "action") ?? "";
    if (!CHAT_ACTIONS.has(action)) throw badRequest("wrong parameter action in request");
    chat.lastAction = { action, at: store.now() };
    return true;
  };

  const setMyCommands = (p: Params): true => {
    const commands = jsonParam(p, "commands", "commands");
    if (!Array.isArray(commands)) throw badRequest("commands must be an Array");
    if (commands.length > TELEGRAM_LIMITS.commands) throw badRequest("too many commands");
    const list: BotCommand[] = commands.map((entry: unknown) => {
      const { command, description } = (entry ?? {}) as Record<string, unknown>;
      if (typeof command !== "string" || !TELEGRAM_LIMITS.command.test(command)) {
        throw badRequest("BOT_COMMAND_INVALID");
      }
      if (
        typeof description !== "string" ||
        description.trim() === "" ||
        description.length > TELEGRAM_LIMITS.commandDescription
      ) {
        throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
      }
      return { command, description };
    });
    const key = store.commandsKey(p);
    if (list.length === 0) store.commandLists.delete(key);
    else store.commandLists.set(key, list);
    return true;
  };

  return {
    getMe: () => store.botInfo,
    sendMessage,
    sendDocument,
    editMessageText,
    editMessageReplyMarkup,
    deleteMessage,
    answerCallbackQuery,
    sendChatAction,
    setMyCommands,
    getMyCommands: (p) => store.commandLists.get(store.commandsKey(p)) ?? [],
    deleteMyCommands: (p) => {
      store.commandLists.delete(store.commandsKey(p));
      return true;
    },
    getChat: (p) => ({ ...store.resolveChat(p).chat, accent_color_id: 0, max_reaction_count: 11 }),
  };
}
