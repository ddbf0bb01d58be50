import type { MessageEntity } from "grammy/types";
import { TELEGRAM_LIMITS } from "../limits.ts";
import { badRequest } from "./bot-api-error.ts";
import { parseMarkdown, parseMarkdownV2 } from "./markdown.ts";

export const MAX_TEXT_LENGTH = TELEGRAM_LIMITS.messageText;
export const MAX_CAPTION_LENGTH = TELEGRAM_LIMITS.caption;

/** Message text as Telegram stores it: plain text plus entities, and what the bot sent. */
export interface ParsedText {
  text: string;
  entities: MessageEntity[];
  /** The text exactly as sent (HTML source when parse_mode is HTML). */
  raw: string;
  parseMode?: string;
}

/**
 * Parses and validates `text`/`caption` like Telegram: entities are parsed first, surrounding
 * whitespace is trimmed, then the length is counted in UTF-16 code units (the unit of Telegram's
 * entity offsets; an emoji outside the BMP counts as 2).
 */
export function parseMessageText(
  value: unknown,
  parseMode: unknown,
  entities: unknown,
  field: "text" | "caption",
): ParsedText {
  const raw = value === undefined || value === null ? "" : String(value);
  let parsed: { text: string; entities: MessageEntity[] };
  const mode = typeof parseMode === "string" && parseMode !== "" ? parseMode : undefined;
  // The Bot API server reads the mode's name in any case ("html", "MarkdownV2", "markdownv2").
  const lower = mode?.toLowerCase();
  if (mode === undefined || lower === "none") {
    parsed = { text: raw, entities: clipEntities(raw, explicitEntities(entities)) };
  } else if (lower === "html") {
    parsed = parseHtml(raw);
  } else if (lower === "markdownv2") {
    parsed = parseMarkdownV2(raw);
  } else if (lower === "markdown") {
    parsed = parseMarkdown(raw);
  } else {
    throw badRequest("unsupported parse_mode");
  }
  const trimmed = trimWithEntities(parsed.text, parsed.entities);
  if (field === "text") {
    if (trimmed.text.length === 0) throw badRequest("message text is empty");
    if (trimmed.text.length > MAX_TEXT_LENGTH) throw badRequest("message is too long");
  } else if (trimmed.text.length > MAX_CAPTION_LENGTH) {
    throw badRequest("message caption is too long");
  }
  const result: ParsedText = { text: trimmed.text, entities: trimmed.entities, raw };
  if (mode !== undefined) result.parseMode = mode;
  return result;
}

function explicitEntities(value: unknown): MessageEntity[] {
  if (value === undefined || value === null || value === "") return [];
  let list = value;
  if (typeof value === "string") {
    try {
      list = JSON.parse(value);
    } catch {
      throw badRequest("can't parse entities JSON object");
    }
  }
  if (!Array.isArray(list)) throw badRequest("can't parse entities: entities must be an Array");
  return list as MessageEntity[];
}

/**
 * Entities sent with the text are not refused when they run past it: TDLib (fix_formatted_text)
 * cuts them at the end of the text and drops those left empty. Offsets are UTF-16 units.
 */
function clipEntities(text: string, entities: MessageEntity[]): MessageEntity[] {
  const clipped: MessageEntity[] = [];
  for (const entity of entities) {
    const { offset, length } = entity as { offset: unknown; length: unknown };
    if (typeof offset !== "number" || !Number.isInteger(offset) || offset < 0 || offset > 1e6) {
      throw badRequest(`receive an entity with incorrect offset ${String(offset)}`);
    }
    if (typeof length !== "number" || !Number.isInteger(length) || length < 0 || length > 1e6) {
      throw badRequest(`receive an entity with incorrect length ${String(length)}`);
    }
    const end = Math.min(text.length, offset + length);
    if (end > offset) clipped.push({ ...entity, length: end - offset });
  }
  return clipped;
}

/** Telegram strips leading and trailing whitespace and moves the entities with the text. */
export function trimWithEntities(
  text: string,
  entities: MessageEntity[],
): { text: string; entities: MessageEntity[] } {
  const trimmed = text.trim();
  if (trimmed.length === text.length) return { text, entities };
  const lead = text.length - text.trimStart().length;
  const moved: MessageEntity[] = [];
  for (const entity of entities) {
    const start = Math.max(0, entity.offset - lead);
    const end = Math.min(trimmed.length, entity.offset + entity.length - lead);
    if (end > start) moved.push({ ...entity, offset: start, length: end - start });
  }
  return { text: trimmed, entities: moved };
}

type EntityKind =
  | "bold"
  | "italic"
  | "underline"
  | "strikethrough"
  | "spoiler"
  | "text_link"
  | "code"
  | "pre"
  | "blockquote"
  | "custom_emoji";

const HTML_TAGS: Readonly<Record<string, EntityKind>> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  u: "underline",
  ins: "underline",
  s: "strikethrough",
  strike: "strikethrough",
  del: "strikethrough",
  span: "spoiler",
  "tg-spoiler": "spoiler",
  a: "text_link",
  code: "code",
  pre: "pre",
  blockquote: "blockquote",
  "tg-emoji": "custom_emoji",
};

interface OpenTag {
  tag: string;
  offset: number;
  attributes: Map<string, string>;
  language?: string;
}

const TAG_NAME = /[a-zA-Z][a-zA-Z0-9-]*/y;
const ATTRIBUTE_NAME = /[a-zA-Z_][a-zA-Z0-9_-]*/y;
const UNQUOTED_VALUE = /[^\s>]+/y;
const NAMED: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"' };
const NAME = /[A-Za-z]*/y;
const DECIMAL = /[0-9]*/y;
const HEX = /[0-9A-Fa-f]*/y;

/** Telegram's HTML parse mode: the supported tags become entities; anything else is a 400. */
export function parseHtml(html: string): { text: string; entities: MessageEntity[] } {
  function fail(message: string): never {
    throw badRequest(`can't parse entities: ${message}`);
  }
  const byteOffset = (index: number): number => Buffer.byteLength(html.slice(0, index), "utf8");
  let out = "";
  const stack: OpenTag[] = [];
  const entities: MessageEntity[] = [];
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf("<", i);
    const amp = html.indexOf("&", i);
    const next = lt < 0 ? amp : amp < 0 ? lt : Math.min(lt, amp);
    if (next < 0) {
      out += html.slice(i);
      break;
    }
    out += html.slice(i, next);
    i = next;
    if (html[i] === "&") {
      const decoded = decodeEntityAt(html, i);
      if (decoded === undefined) {
        // A bare "&" is kept, as Telegram does.
        out += "&";
        i++;
      } else {
        out += decoded.char;
        i += decoded.length;
      }
      continue;
    }
    const tagStart = i;
    if (html[i + 1] === "/") {
      TAG_NAME.lastIndex = i + 2;
      const name = TAG_NAME.exec(html)?.[0].toLowerCase() ?? "";
      let j = i + 2 + name.length;
      while (html[j] === " " || html[j] === "\t" || html[j] === "\n") j++;
      if (html[j] !== ">") fail(`Unclosed end tag at byte offset ${byteOffset(tagStart)}`);
      const open = stack.pop();
      if (open === undefined) fail(`Unexpected end tag at byte offset ${byteOffset(tagStart)}`);
      else if (open.tag !== name) {
        fail(
          `Unmatched end tag at byte offset ${byteOffset(tagStart)}, expected "</${open.tag}>", found "</${name}>"`,
        );
      } else {
        closeTag(open, stack, out.length, entities);
      }
      i = j + 1;
      continue;
    }
    TAG_NAME.lastIndex = i + 1;
    const name = TAG_NAME.exec(html)?.[0].toLowerCase() ?? "";
    if (name === "" || HTML_TAGS[name] === undefined) {
      fail(`Unsupported start tag "${name}" at byte offset ${byteOffset(tagStart)}`);
    }
    let j = i + 1 + name.length;
    const attributes = new Map<string, string>();
    for (;;) {
      while (html[j] === " " || html[j] === "\t" || html[j] === "\n") j++;
      if (j >= html.length) fail(`Unclosed start tag at byte offset ${byteOffset(tagStart)}`);
      if (html[j] === ">") break;
      ATTRIBUTE_NAME.lastIndex = j;
      const attribute = ATTRIBUTE_NAME.exec(html)?.[0];
      if (attribute === undefined) {
        fail(
          `Expected equal sign in declaration of an attribute of the tag "${name}" at byte offset ${byteOffset(j)}`,
        );
        break;
      }
      j += attribute.length;
      while (html[j] === " ") j++;
      let attributeValue = "";
      if (html[j] === "=") {
        j++;
        while (html[j] === " ") j++;
        const quote = html[j];
        if (quote === '"' || quote === "'") {
          const end = html.indexOf(quote, j + 1);
          if (end < 0) fail(`Unclosed start tag at byte offset ${byteOffset(tagStart)}`);
          attributeValue = decodeEntities(html.slice(j + 1, end));
          j = end + 1;
        } else {
          UNQUOTED_VALUE.lastIndex = j;
          const unquoted = UNQUOTED_VALUE.exec(html)?.[0] ?? "";
          attributeValue = decodeEntities(unquoted);
          j += unquoted.length;
        }
      }
      attributes.set(attribute.toLowerCase(), attributeValue);
    }
    if (name === "span" && attributes.get("class") !== "tg-spoiler") {
      fail(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(tagStart)}`);
    }
    stack.push({ tag: name, offset: out.length, attributes });
    i = j + 1;
  }
  const unclosed = stack.at(-1);
  if (unclosed !== undefined) {
    fail(`Can't find end tag corresponding to start tag "${unclosed.tag}"`);
  }
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text: out, entities };
}

function closeTag(open: OpenTag, stack: OpenTag[], end: number, entities: MessageEntity[]): void {
  const length = end - open.offset;
  const kind = HTML_TAGS[open.tag];
  const parent = stack.at(-1);
  // <pre><code class="language-x"> is one pre entity with a language, as in Telegram.
  const codeClass = open.attributes.get("class");
  if (open.tag === "code" && parent?.tag === "pre" && codeClass?.startsWith("language-")) {
    parent.language = codeClass.slice("language-".length);
    return;
  }
  if (length <= 0 || kind === undefined) return;
  const offset = open.offset;
  switch (kind) {
    case "text_link": {
      const url = open.attributes.get("href");
      if (url !== undefined && url !== "")
        entities.push({ type: "text_link", offset, length, url });
      return;
    }
    case "pre":
      entities.push(
        open.language === undefined
          ? { type: "pre", offset, length }
          : { type: "pre", offset, length, language: open.language },
      );
      return;
    case "blockquote":
      entities.push({
        type: open.attributes.has("expandable") ? "expandable_blockquote" : "blockquote",
        offset,
        length,
      });
      return;
    case "custom_emoji": {
      const id = open.attributes.get("emoji-id");
      if (id !== undefined)
        entities.push({ type: "custom_emoji", offset, length, custom_emoji_id: id });
      return;
    }
    default:
      entities.push({ type: kind, offset, length });
  }
}

/**
 * An HTML character reference as TDLib reads it: `&lt;`, `&gt;`, `&amp;`, `&quot;` and numeric ones,
 * the `;` optional. Anything else (`&nbsp;`, a bare `&`) is not an error: it stays as typed, which
 * is what the person then sees.
 */
function decodeEntityAt(html: string, index: number): { char: string; length: number } | undefined {
  let end: number;
  let code: number;
  if (html[index + 1] === "#") {
    const hex = html[index + 2] === "x";
    const pattern = hex ? HEX : DECIMAL;
    pattern.lastIndex = index + (hex ? 3 : 2);
    const digits = pattern.exec(html)?.[0] ?? "";
    end = pattern.lastIndex;
    code = digits === "" ? 0 : Number.parseInt(digits, hex ? 16 : 10);
    if (code === 0 || code >= 0x10ffff || end - index >= 10) return undefined;
  } else {
    NAME.lastIndex = index + 1;
    const name = NAME.exec(html)?.[0] ?? "";
    end = index + 1 + name.length;
    const named = NAMED[name];
    if (named === undefined) return undefined;
    code = named.codePointAt(0)!;
  }
  if (html[end] === ";") end++;
  return { char: String.fromCodePoint(code), length: end - index };
}

function decodeEntities(value: string): string {
  if (!value.includes("&")) return value;
  let out = "";
  let i = 0;
  while (i < value.length) {
    const amp = value.indexOf("&", i);
    if (amp < 0) {
      out += value.slice(i);
      break;
    }
    out += value.slice(i, amp);
    const decoded = decodeEntityAt(value, amp);
    out += decoded?.char ?? "&";
    i = amp + (decoded?.length ?? 1);
  }
  return out;
}

const COMMAND = /(?<=^|\s)\/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{1,64})?/g;

/** The entities the Telegram app attaches to what a person types: `/command` becomes bot_command. */
export function userTextEntities(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  for (const match of text.matchAll(COMMAND)) {
    entities.push({ type: "bot_command", offset: match.index, length: match[0].length });
  }
  return entities;
}

/** UTF-8 size, the unit of Telegram's 64-byte callback_data limit. */
export const utf8Length = (value: string): number => Buffer.byteLength(value, "utf8");
