import type { Translate } from "../../i18n.ts";
import type { OutgoingMessage } from "../../services/messenger.ts";
import { ZALO_MAX_TEXT } from "./client.ts";

/** Lower case, no diacritics (đ → d), no leading slash, single spaces: `/Điểm  danh` → `diem danh`. */
export function normalizeCommand(text: string): string {
  return text
    .trim()
    .replace(/^\/+/, "")
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .replaceAll("đ", "d")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Pieces of at most `max` characters, cut at line ends; a single longer line is cut inside,
 * never inside a character (surrogate pairs stay whole).
 */
export function splitText(text: string, max = ZALO_MAX_TEXT): string[] {
  const chunks: string[] = [];
  let chunk = "";
  const push = () => {
    if (chunk.trim()) chunks.push(chunk);
    chunk = "";
  };
  for (const line of text.split("\n")) {
    const pieces = line.length <= max ? [line] : hardSplit(line, max);
    for (const piece of pieces) {
      if (chunk && chunk.length + 1 + piece.length > max) push();
      chunk = chunk ? `${chunk}\n${piece}` : piece;
    }
  }
  push();
  return chunks.length ? chunks : [text.slice(0, max) || " "];
}

function hardSplit(line: string, max: number): string[] {
  const out: string[] = [];
  let piece = "";
  for (const char of line) {
    if (piece.length + char.length > max) {
      out.push(piece);
      piece = "";
    }
    piece += char;
  }
  if (piece) out.push(piece);
  return out;
}

export type Choice = { label: string; data: string };

/** Buttons become numbered lines under the text, then a hint (the answer question gets its own). */
export function renderChoices(t: Translate, message: OutgoingMessage): string {
  const options = message.buttons?.flat() ?? [];
  if (options.length === 0) return message.text;
  const lines = options.map((o, i) => t("zalo-choice-line", { number: i + 1, label: o.label }));
  const isAnswer = options.length === 2 && options.every((o) => o.data.startsWith("ans:"));
  // A member who answered already is offered the one change (issue 13): "Trả lời 1 để đổi…".
  if (options.length === 1 && options[0]!.data.startsWith("ans:"))
    return `${message.text}\n\n${lines.join("\n")}\n\n${t("zalo-change-hint")}`;
  // A meeting editor's question (only "keep" and "quit" are numbered) is answered by typing.
  // …and so is a /tailieu question (its only number is "cancel").
  const typed = options.every((o) => o.data === "lh:k" || o.data === "lh:x" || o.data === "td:x");
  const hint = isAnswer
    ? t("zalo-answer-hint")
    : options.some((o) => o.data.startsWith("why:") || o.data.startsWith("tr:"))
      ? t("zalo-reason-hint", { max: options.length })
      : typed
        ? t("zalo-type-hint")
        : options.length === 1
          ? t("zalo-choice-one-hint", { label: options[0]!.label })
          : t("zalo-choices-hint", { max: options.length });
  return `${message.text}\n\n${lines.join("\n")}\n\n${hint}`;
}
