import type { ForceReply, InlineKeyboardButton, ReplyKeyboardMarkup } from "grammy/types";
import { badRequest } from "./bot-api-error.ts";
import { utf8Length } from "./telegram-text.ts";

export const MAX_CALLBACK_DATA_BYTES = 64;

/** An inline keyboard as stored, with a canonical key so "message is not modified" is one string compare. */
export interface InlineKeyboard {
  rows: InlineKeyboardButton[][];
  key: string;
}

export type ParsedMarkup =
  | { kind: "none" }
  | { kind: "inline"; keyboard: InlineKeyboard | undefined }
  | { kind: "reply"; keyboard: ReplyKeyboardMarkup }
  | { kind: "remove" }
  | { kind: "force_reply"; markup: ForceReply };

const BUTTON_ACTIONS = [
  "callback_data",
  "url",
  "login_url",
  "switch_inline_query",
  "switch_inline_query_current_chat",
  "switch_inline_query_chosen_chat",
  "callback_game",
  "pay",
  "web_app",
  "copy_text",
] as const;

const BUTTON_URL = /^(https?|tg):\/\/\S+$/i;

/** Parses `reply_markup` (an object, or a JSON string in form bodies) and validates it like Telegram. */
export function parseReplyMarkup(value: unknown): ParsedMarkup {
  if (value === undefined || value === null || value === "") return { kind: "none" };
  let markup: unknown = value;
  if (typeof value === "string") {
    try {
      markup = JSON.parse(value);
    } catch {
      throw badRequest("can't parse reply keyboard markup JSON object");
    }
  }
  if (typeof markup !== "object" || markup === null || Array.isArray(markup)) {
    throw badRequest("can't parse reply keyboard markup JSON object");
  }
  const fields = markup as Record<string, unknown>;
  if ("inline_keyboard" in fields)
    return { kind: "inline", keyboard: parseInline(fields.inline_keyboard) };
  if ("keyboard" in fields) {
    if (!Array.isArray(fields.keyboard) || !fields.keyboard.every(Array.isArray)) {
      throw badRequest('field "keyboard" of the ReplyKeyboardMarkup must be an Array of Arrays');
    }
    return { kind: "reply", keyboard: fields as unknown as ReplyKeyboardMarkup };
  }
  if (fields.remove_keyboard === true) return { kind: "remove" };
  if (fields.force_reply === true)
    return { kind: "force_reply", markup: fields as unknown as ForceReply };
  throw badRequest("can't parse reply keyboard markup JSON object");
}

function parseInline(value: unknown): InlineKeyboard | undefined {
  if (!Array.isArray(value)) {
    throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array');
  }
  const rows: InlineKeyboardButton[][] = [];
  for (const row of value) {
    if (!Array.isArray(row)) {
      throw badRequest(
        'field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays',
      );
    }
    if (row.length > 0) rows.push(row.map(parseButton));
  }
  // An empty keyboard is the same as no keyboard, as on Telegram.
  if (rows.length === 0) return undefined;
  return { rows, key: JSON.stringify(rows) };
}

function parseButton(value: unknown): InlineKeyboardButton {
  if (typeof value !== "object" || value === null) {
    throw badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
  }
  const fields = value as Record<string, unknown>;
  if (typeof fields.text !== "string") {
    throw badRequest('can\'t parse inline keyboard button: Field "text" must be of type String');
  }
  // Rebuilt in a fixed field order so that equal keyboards serialise to the same key.
  const button: Record<string, unknown> = { text: fields.text };
  for (const action of BUTTON_ACTIONS) {
    if (fields[action] !== undefined) button[action] = fields[action];
  }
  if (Object.keys(button).length === 1) {
    throw badRequest(
      "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
    );
  }
  const data = fields.callback_data;
  if (data !== undefined) {
    if (typeof data !== "string") {
      throw badRequest(
        'can\'t parse inline keyboard button: Field "callback_data" must be of type String',
      );
    }
    const bytes = utf8Length(data);
    if (bytes === 0 || bytes > MAX_CALLBACK_DATA_BYTES) throw badRequest("BUTTON_DATA_INVALID");
  }
  const url = fields.url;
  if (url !== undefined && (typeof url !== "string" || !BUTTON_URL.test(url))) {
    throw badRequest(`inline keyboard button URL '${String(url)}' is invalid: Wrong HTTP URL`);
  }
  return button as unknown as InlineKeyboardButton;
}
