import type { MessageEntity } from "grammy/types";
import { badRequest } from "./bot-api-error.ts";

// Telegram's two Markdown parse modes, read the way the Bot API reference describes them
// (Formatting options › MarkdownV2 style, Markdown style) and refused with the server's wording.

type Kind =
  | "Bold"
  | "Italic"
  | "Underline"
  | "Strikethrough"
  | "Spoiler"
  | "Code"
  | "Pre"
  | "TextUrl"
  | "CustomEmoji"
  | "BlockQuote";

interface Open {
  kind: Kind;
  /** Where the entity starts in the output, in UTF-16 units. */
  offset: number;
  /** Where its opening mark is in the source, in UTF-8 bytes (Telegram's error messages use these). */
  byte: number;
  language?: string;
}

/** MarkdownV2: these must be escaped with `\` outside code, pre and link targets. */
const RESERVED = new Set("_*[]()~`>#+-=|{}.!");
const URL_OK = /^(https?|tg):\/\/\S+$/i;

function fail(message: string): never {
  throw badRequest(`can't parse entities: ${message}`);
}

const reserved = (char: string): never =>
  fail(`Character '${char}' is reserved and must be escaped with the preceding '\\'`);

function byteOffsets(source: string): (index: number) => number {
  let index = 0;
  let bytes = 0;
  return (target) => {
    if (target < index) {
      index = 0;
      bytes = 0;
    }
    while (index < target) {
      const code = source.codePointAt(index)!;
      const width = code > 0xffff ? 2 : 1;
      bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
      index += width;
    }
    return bytes;
  };
}

function entityOf(open: Open, end: number, url?: string): MessageEntity | undefined {
  const length = end - open.offset;
  if (length <= 0) return undefined;
  const offset = open.offset;
  switch (open.kind) {
    case "Bold":
      return { type: "bold", offset, length };
    case "Italic":
      return { type: "italic", offset, length };
    case "Underline":
      return { type: "underline", offset, length };
    case "Strikethrough":
      return { type: "strikethrough", offset, length };
    case "Spoiler":
      return { type: "spoiler", offset, length };
    case "Code":
      return { type: "code", offset, length };
    case "Pre":
      return open.language === undefined
        ? { type: "pre", offset, length }
        : { type: "pre", offset, length, language: open.language };
    case "TextUrl":
      // A target Telegram cannot check leaves the text without a link, as on the server.
      return url !== undefined && URL_OK.test(url)
        ? { type: "text_link", offset, length, url }
        : undefined;
    case "CustomEmoji":
      return { type: "custom_emoji", offset, length, custom_emoji_id: url ?? "" };
    case "BlockQuote":
      return { type: "blockquote", offset, length };
  }
}

/** Reads `(target)` after a link's text; `\` escapes. Returns the target and the index after `)`. */
function readTarget(source: string, start: number, byteAt: (i: number) => number) {
  let url = "";
  let i = start;
  while (i < source.length && source[i] !== ")") {
    if (source[i] === "\\" && i + 1 < source.length && source.charCodeAt(i + 1) <= 126) {
      url += source[i + 1];
      i += 2;
      continue;
    }
    url += source[i];
    i++;
  }
  if (source[i] !== ")") fail(`Can't find end of a URL at byte offset ${byteAt(start)}`);
  return { url, next: i + 1 };
}

/** Telegram's MarkdownV2 parse mode: entities from the marks, a 400 for anything left unescaped. */
export function parseMarkdownV2(source: string): { text: string; entities: MessageEntity[] } {
  const byteAt = byteOffsets(source);
  const stack: Open[] = [];
  const entities: MessageEntity[] = [];
  let out = "";
  let lineStart = true;
  let quote: Open | undefined;
  let i = 0;
  const top = () => stack.at(-1);
  const push = (kind: Kind, at: number, extra: Partial<Open> = {}) =>
    stack.push({ kind, offset: out.length, byte: byteAt(at), ...extra });
  const close = (url?: string) => {
    const open = stack.pop()!;
    const entity = entityOf(open, out.length, url);
    if (entity !== undefined) entities.push(entity);
  };
  while (i < source.length) {
    const c = source[i]!;
    if (c === "\\" && i + 1 < source.length && source.charCodeAt(i + 1) <= 126) {
      out += source[i + 1];
      lineStart = source[i + 1] === "\n";
      i += 2;
      continue;
    }
    const open = top();
    const inCode = open?.kind === "Code" || open?.kind === "Pre";
    if (inCode ? c !== "`" : !RESERVED.has(c) && c !== "\n") {
      out += c;
      if (c !== "\r") lineStart = false;
      i++;
      continue;
    }
    if (c === "\n") {
      // A line not starting with ">" ends the block quote, and what is open inside it must end first.
      if (quote !== undefined && source[i + 1] !== ">") {
        if (top() !== quote)
          fail(`Can't find end of ${top()!.kind} entity at byte offset ${top()!.byte}`);
        close();
        quote = undefined;
      }
      out += "\n";
      lineStart = true;
      i++;
      continue;
    }
    const next = source[i + 1];
    const ends =
      open !== undefined &&
      ((open.kind === "Bold" && c === "*") ||
        (open.kind === "Italic" && c === "_" && next !== "_") ||
        (open.kind === "Underline" && c === "_" && next === "_") ||
        (open.kind === "Strikethrough" && c === "~") ||
        (open.kind === "Spoiler" && c === "|" && next === "|") ||
        (open.kind === "Code" && c === "`") ||
        (open.kind === "Pre" && source.startsWith("```", i)) ||
        ((open.kind === "TextUrl" || open.kind === "CustomEmoji") && c === "]"));
    if (ends) {
      lineStart = false;
      const kind = open.kind;
      if (kind === "Underline" || kind === "Spoiler") i += 2;
      else if (kind === "Pre") i += 3;
      else if (kind === "TextUrl" || kind === "CustomEmoji") {
        if (source[i + 1] === "(") {
          const target = readTarget(source, i + 2, byteAt);
          i = target.next;
          close(target.url);
          continue;
        }
        if (kind === "CustomEmoji") fail("The entity must contain a tg://emoji or tg://time URL");
        const url = out.slice(open.offset);
        i++;
        close(url);
        continue;
      } else i++;
      close();
      continue;
    }
    const atLineStart = lineStart;
    lineStart = false;
    switch (c) {
      case "_":
        if (next === "_") {
          push("Underline", i);
          i += 2;
        } else {
          push("Italic", i);
          i++;
        }
        break;
      case "*":
        push("Bold", i);
        i++;
        break;
      case "~":
        push("Strikethrough", i);
        i++;
        break;
      case "|":
        if (next !== "|") reserved(c);
        push("Spoiler", i);
        i += 2;
        break;
      case "[":
        push("TextUrl", i);
        i++;
        break;
      case "!":
        if (next !== "[") reserved(c);
        push("CustomEmoji", i);
        i += 2;
        break;
      case "`":
        if (source.startsWith("```", i)) {
          let j = i + 3;
          let end = j;
          while (end < source.length && !/[\s`]/.test(source[end]!)) end++;
          const language = end > j && end < source.length && source[end] !== "`";
          push("Pre", i, language ? { language: source.slice(j, end) } : {});
          if (language) j = end;
          // One line break right after the opening mark (or the language) is not part of the text.
          if (source[j] === "\r" && source[j + 1] === "\n") j += 2;
          else if (source[j] === "\n" || source[j] === "\r") j++;
          i = j;
        } else {
          push("Code", i);
          i++;
        }
        break;
      case ">":
        if (!atLineStart) reserved(c);
        if (quote === undefined) {
          push("BlockQuote", i);
          quote = top();
        }
        i++;
        break;
      default:
        reserved(c);
    }
  }
  if (quote !== undefined && top() === quote) {
    close();
    quote = undefined;
  }
  const unclosed = top();
  if (unclosed !== undefined) {
    fail(`Can't find end of ${unclosed.kind} entity at byte offset ${unclosed.byte}`);
  }
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text: out, entities };
}

/** The legacy Markdown mode: `*bold*`, `_italic_`, `` `code` ``, ```` ```pre``` ````, `[text](url)`. */
export function parseMarkdown(source: string): { text: string; entities: MessageEntity[] } {
  const byteAt = byteOffsets(source);
  const entities: MessageEntity[] = [];
  let out = "";
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === "\\" && "_*`[".includes(source[i + 1] ?? "")) {
      out += source[i + 1];
      i += 2;
      continue;
    }
    if (!"_*`[".includes(c)) {
      out += c;
      i++;
      continue;
    }
    const begin = i;
    const pre = source.startsWith("```", i);
    const endMark = c === "[" ? "]" : pre ? "```" : c;
    let j = i + (pre ? 3 : 1);
    let language: string | undefined;
    if (pre) {
      let end = j;
      while (end < source.length && !/[\s`]/.test(source[end]!)) end++;
      if (end > j && end < source.length && source[end] !== "`") {
        language = source.slice(j, end);
        j = end;
      }
      if (source[j] === "\n" || source[j] === "\r") j++;
    }
    const close = source.indexOf(endMark, j);
    if (close < 0) fail(`Can't find end of the entity starting at byte offset ${byteAt(begin)}`);
    const inner = source.slice(j, close);
    const offset = out.length;
    out += inner;
    i = close + endMark.length;
    if (inner.length === 0) continue;
    const length = inner.length;
    if (c === "[") {
      let url = inner;
      if (source[i] === "(") {
        const end = source.indexOf(")", i + 1);
        url = source.slice(i + 1, end < 0 ? source.length : end);
        i = end < 0 ? source.length : end + 1;
      }
      if (URL_OK.test(url)) entities.push({ type: "text_link", offset, length, url });
    } else if (pre) {
      entities.push(
        language === undefined
          ? { type: "pre", offset, length }
          : { type: "pre", offset, length, language },
      );
    } else {
      entities.push({ type: c === "*" ? "bold" : c === "_" ? "italic" : "code", offset, length });
    }
  }
  return { text: out, entities };
}
