import type { ZaloDialogContext } from "./context.ts";
import type { LinkedTurn } from "./turn.ts";

/**
 * What one feature answers, as a Telegram feature's Composer does with its commands and callback
 * queries. The router (bot.ts) hands a text to the feature that owns it; what the features own
 * is disjoint. Patterns run on the normalized text (text.ts: `/Điểm  danh` → `diem danh`).
 */
export interface ZaloFeature {
  /** Plain commands; a name is matched without spaces (`diem danh` → `diemdanh`). */
  commands?: CommandHandler[];
  /** Commands with an argument, tried before the plain ones: `moi 3`, `baocao 11/2026`. */
  phrases?: PatternHandler[];
  /** A number typed under a question: the chosen button's `data` (what Telegram would press). */
  choices?: ChoiceHandler[];
  /** Typed text while the chat's question takes text: its `freeText` says whose question it is. */
  typed?: TypedHandler[];
  /** Short codes tried when no question takes typed text: the roll call's `3 c`. */
  codes?: PatternHandler[];
  /** Text nobody else took, before "chưa hiểu": true when handled (typed answers, «có»). */
  fallbacks?: FallbackHandler[];
}

export type FallbackHandler = (
  turn: LinkedTurn,
  text: string,
  question: { context: ZaloDialogContext; expired: boolean } | null,
) => Promise<boolean>;

export interface CommandHandler {
  names: string[];
  /** `args`: the normalized words after the name. */
  run(turn: LinkedTurn, args: string): Promise<void>;
}

export interface PatternHandler {
  pattern: RegExp;
  /** `text`: the text as typed (with its diacritics), for a phrase whose argument is free text. */
  run(turn: LinkedTurn, match: RegExpExecArray, text: string): Promise<void>;
}

export interface ChoiceHandler {
  data: RegExp;
  run(turn: LinkedTurn, match: RegExpExecArray, question: ZaloDialogContext): Promise<void>;
}

export interface TypedHandler {
  freeText: RegExp;
  run(
    turn: LinkedTurn,
    match: RegExpExecArray,
    question: ZaloDialogContext,
    text: string,
  ): Promise<void>;
}
