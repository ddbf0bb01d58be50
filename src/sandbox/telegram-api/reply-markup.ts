import type { ForceReply, InlineKeyboardButton, ReplyKeyboardMarkup } from "grammy/types";
import { TELEGRAM_LIMITS } from "../limits.ts";
import { badRequest } from "./bot-api-error.ts";
import { utf8Length } from "./telegram-text.ts";

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

// The order in which the Bot API server looks for a button's action: the first one present wins
// and the others are dropped (Client::get_inline_keyboard_button_type); an empty url or
// callback_data counts as absent.
const BUTTON_ACTIONS = [
  "url",
  "callback_data",
  "callback_game",
  "pay",
  "switch_inline_query",
  "switch_inline_query_chosen_chat",
  "switch_inline_query_current_chat",
  "login_url",
  "web_app",
  "copy_text",
] as const;

const TOO_LONG = "reply markup is too long";

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
  if ("inline_keyboard" in fields) {
    const keyboard = parseInline(fields.inline_keyboard);
    // The serialized size counts what was sent, as Telegram's server receives it.
    const size = Buffer.byteLength(typeof value === "string" ? value : JSON.stringify(markup));
    if (keyboard !== undefined && size > TELEGRAM_LIMITS.replyMarkupBytes)
      throw badRequest(TOO_LONG);
    return { kind: "inline", keyboard };
  }
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
  let total = 0;
  for (const row of value) {
    if (!Array.isArray(row)) {
      throw badRequest(
        'field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays',
      );
    }
    // TDLib drops a button without a label, and a row left without buttons, silently.
    const buttons = row.map(parseButton).filter((button) => button.text !== "");
    if (buttons.length > TELEGRAM_LIMITS.inlineButtonsPerRow) throw badRequest(TOO_LONG);
    total += buttons.length;
    if (buttons.length > 0) rows.push(buttons);
  }
  if (total > TELEGRAM_LIMITS.inlineButtons) throw badRequest(TOO_LONG);
  // An empty keyboard is the same as no keyboard, as on Telegram.
  if (rows.length === 0) return undefined;
  return { rows, key: JSON.stringify(rows) };
}

function parseButton(value: unknown): InlineKeyboardButton {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
  }
  const fields = value as Record<string, unknown>;
  if (!("text" in fields)) {
    throw badRequest("can't parse inline keyboard button: Can't find field \"text\"");
  }
  if (typeof fields.text !== "string") {
    throw badRequest('can\'t parse inline keyboard button: Field "text" must be of type String');
  }
  for (const name of ["url", "callback_data"] as const) {
    const field = fields[name];
    if (field !== undefined && field !== null && typeof field !== "string") {
      throw badRequest(
        `can't parse inline keyboard button: Field "${name}" must be of type String`,
      );
    }
  }
  const action = BUTTON_ACTIONS.find((name) =>
    name === "url" || name === "callback_data"
      ? typeof fields[name] === "string" && fields[name] !== ""
      : fields[name] !== undefined,
  );
  if (action === undefined) {
    throw badRequest(
      "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
    );
  }
  if (fields.text === "") return { text: "", callback_data: "" };
  if (action === "callback_data") {
    const bytes = utf8Length(fields.callback_data as string);
    if (bytes > TELEGRAM_LIMITS.callbackDataBytes) throw badRequest("BUTTON_DATA_INVALID");
  }
  if (action === "url" && !BUTTON_URL.test(fields.url as string)) {
    throw badRequest(
      `inline keyboard button URL '${String(fields.url)}' is invalid: Wrong HTTP URL`,
    );
  }
  // Only the action the server kept, so a stored button is what a person can really press.
  return { text: fields.text, [action]: fields[action] } as unknown as InlineKeyboardButton;
}
