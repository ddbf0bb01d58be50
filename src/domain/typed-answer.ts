import { cleanLine } from "./text.ts";

/**
 * What a member means when they type instead of pressing a button under a reminder: attending
 * ("có", "tham du", "Tôi sẽ đến họp đúng giờ", "👍"), absent ("vắng", "không", "bận", "xin vắng
 * vì con ốm": the words after «vì», or the next sentence, are the reason), or nothing we dare
 * read as an answer (a question, "không biết", small talk). Pure: the channels ask for one press
 * to confirm before anything is recorded, so a wrong guess costs a tap, never a wrong record.
 */
export type TypedAnswer =
  | { kind: "attending" }
  | { kind: "absent"; reason: string | null }
  | { kind: "unclear" };

interface Token {
  /** As typed, lower case (NFC). */
  raw: string;
  /** Without diacritics (đ → d); "vâng" (yes) is "vang+", "vắng" is "vang", bare "vang" is "vang?". */
  word: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+/gu;
const BOUNDARY = /[.,;:!…\n]|\s[-–—]\s/;
const EMOJI_YES = /👍|👌|✅|🙋|🆗|✔/u;
const EMOJI_NO = /👎|❌|🙅|✖/u;

function fold(raw: string): string {
  return raw
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .replaceAll("đ", "d")
    .normalize("NFC");
}

/** Words whose diacritics decide their meaning: "vâng" is yes, "vắng" absent, "nghĩ" doubt. */
const SPECIAL: Record<string, string> = {
  vâng: "vang+",
  ừ: "vang+",
  vang: "vang?",
  nghĩ: "nghi~",
  tới: "den",
};

function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const raw = match[0];
    // "vâng" is yes and "vắng" absent; typed without diacritics nobody can tell them apart.
    const word = SPECIAL[raw] ?? fold(raw);
    out.push({ raw, word, start: match.index, end: match.index + raw.length });
  }
  return out;
}

/** Words of a question or of doubt: never an answer, whatever else is in the clause. */
const DOUBT = new Set([
  "ai",
  "gi",
  "nao",
  "dau",
  "sao",
  "biet",
  "ro",
  "neu",
  "xem",
  "hoi",
  "nghi~",
]);
const DOUBT_PHRASES = [
  "may gio",
  "bao gio",
  "khi nao",
  "co the",
  "co le",
  "the nao",
  "khong co gi",
  "duoc khong",
  "phai khong",
  "chua chac",
  "chac khong",
];
/** Leading words that say nothing (pronouns, politeness). */
const FILLER = new Set([
  "da",
  "thua",
  "toi",
  "em",
  "chau",
  "con",
  "minh",
  "bac",
  "chu",
  "anh",
  "chi",
  "ong",
  "ba",
  "xin",
  "phep",
  "cho",
  "bao",
  "se",
]);
/** Attending: a clause made of these words (and fillers) only. */
const YES_WORDS = new Set([
  "co",
  "vang+",
  "ok",
  "oke",
  "okay",
  "oki",
  "okie",
  "yes",
  "dong",
  "y",
  "nhat",
  "tri",
  "xac",
  "nhan",
  "tham",
  "du",
  "gia",
  "den",
  "di",
  "mat",
  "hop",
  "dung",
  "gio",
  "chi",
  "bo",
  "buoi",
  "sinh",
  "hoat",
  "a",
  "nhe",
  "nha",
  "roi",
  "luon",
  "ngay",
  "duoc",
  "day",
  "do",
  "nay",
  "sang",
  "toi",
  "chieu",
  "muon",
  "som",
  "va",
  "cung",
  "chac",
  "chan",
]);
/** Attending needs at least one of these (an "a" or "nhé" alone says nothing). */
const YES_HEADS = new Set([
  "co",
  "vang+",
  "ok",
  "oke",
  "okay",
  "oki",
  "okie",
  "yes",
  "dong y",
  "nhat tri",
  "xac nhan",
  "tham du",
  "tham gia",
  "du",
  "den",
  "di",
  "co mat",
]);
/** Absent, the reason still to ask: "vắng", "không", "không đến được". */
const NO_HEADS = ["vang", "khong", "ko", "k", "hong", "kg", "chang", "nghi"];
/** Absent, the words themselves a reason: "bận", "có việc", "ốm", "đi công tác". */
const REASON_HEADS = ["ban", "co viec", "om", "bi om", "di cong tac", "cong tac", "di vang"];
const CONNECTORS = ["vi", "do", "tai", "boi", "ly do", "tai vi", "boi vi", "la do"];

const joined = (list: Token[]) => list.map((t) => t.word).join(" ");
const hasPhrase = (words: string, phrase: string) => ` ${words} `.includes(` ${phrase} `);

/** Reads a typed answer to "Đồng chí có tham dự không?". */
export function readTypedAnswer(input: string): TypedAnswer {
  const text = cleanLine(input).toLowerCase();
  const unclear = { kind: "unclear" } as const;
  if (!text || text.includes("?") || text.startsWith("/")) return unclear;
  const all = tokens(text);
  if (all.length === 0) {
    if (EMOJI_NO.test(text)) return { kind: "absent", reason: null };
    if (EMOJI_YES.test(text)) return { kind: "attending" };
    return unclear;
  }
  // The first clause holds the answer; what follows a connector or a sentence end is the reason.
  let cut = all.length;
  let reasonFrom: number | null = null;
  for (let i = 0; i < all.length; i++) {
    const two = i + 1 < all.length ? `${all[i]!.word} ${all[i + 1]!.word}` : "";
    const connector = CONNECTORS.includes(two) ? 2 : CONNECTORS.includes(all[i]!.word) ? 1 : 0;
    if (i > 0 && connector > 0) {
      cut = i;
      reasonFrom = all[i + connector - 1]!.end;
      break;
    }
    if (i + 1 < all.length && BOUNDARY.test(text.slice(all[i]!.end, all[i + 1]!.start))) {
      cut = i + 1;
      reasonFrom = all[i]!.end;
      break;
    }
  }
  const clause = all.slice(0, cut);
  const words = joined(clause);
  if (clause.length > 8) return unclear;
  if (clause.some((t) => DOUBT.has(t.word)) || DOUBT_PHRASES.some((p) => hasPhrase(words, p)))
    return unclear;
  // "có … không" is a question even without its question mark.
  if (clause.length > 2 && clause[0]!.word === "co" && clause.at(-1)!.word === "khong")
    return unclear;

  const reason = reasonFrom === null ? null : reasonText(cleanLine(input).slice(reasonFrom));
  const body = clause.filter((t, i) => !(FILLER.has(t.word) && i < clause.length - 1));
  const bodyWords = joined(body);
  if (REASON_HEADS.some((p) => hasPhrase(bodyWords, p)))
    return { kind: "absent", reason: reason ?? reasonText(input) };
  const no = body.some(
    (t) => NO_HEADS.includes(t.word) && !(t.word === "k" && body.length > 1 && t !== body[0]),
  );
  // Bare "vang" typed without diacritics may be "vâng" (yes): only with other words of absence.
  const vague = body.some((t) => t.word === "vang?");
  const absenceContext =
    clause.some((t) => ["xin", "bao", "phep"].includes(t.word)) ||
    hasPhrase(words, "vang? mat") ||
    reason !== null;
  if (no || (vague && absenceContext)) return { kind: "absent", reason };
  if (vague) return unclear;
  const yes =
    clause.every((t) => YES_WORDS.has(t.word) || FILLER.has(t.word)) &&
    [...YES_HEADS].some((h) => hasPhrase(words, h));
  // "Vâng, nhưng tôi bận": a yes taken back in the next sentence is no answer.
  const rest = joined(all.slice(cut));
  const takenBack = [...NO_HEADS, ...REASON_HEADS].some((p) => hasPhrase(rest, p));
  if (yes) return takenBack ? unclear : { kind: "attending" };
  if (EMOJI_YES.test(text) && clause.every((t) => YES_WORDS.has(t.word) || FILLER.has(t.word)))
    return { kind: "attending" };
  return unclear;
}

/** The reason as typed: cleaned, without the leading punctuation and a final full stop. */
function reasonText(rest: string): string | null {
  const reason = cleanLine(rest)
    .replace(/^[\s.,;:!…\-–—]+/u, "")
    .replace(/[.!…]+$/u, "")
    .trim();
  return reason ? reason[0]!.toUpperCase() + reason.slice(1) : null;
}

/**
 * A typed yes or no to a "Xác nhận?" question: "có", "ok", "đồng ý", "xác nhận", "👍" are yes;
 * "không", "hủy", "thôi" are no; anything else is neither.
 */
export function readConfirmation(input: string): "yes" | "no" | null {
  const text = cleanLine(input).toLowerCase();
  if (!text || text.includes("?")) return null;
  const words = joined(
    tokens(text).filter((t) => !["da", "a", "nhe", "nha", "roi"].includes(t.word)),
  );
  if (!words) return EMOJI_YES.test(text) ? "yes" : EMOJI_NO.test(text) ? "no" : null;
  const yes = ["co", "vang+", "ok", "oke", "okay", "yes", "dong y", "xac nhan", "dung", "dung vay"];
  const no = ["khong", "ko", "k", "huy", "huy bo", "thoi", "khong dong y", "sai", "bo qua"];
  if (yes.includes(words)) return "yes";
  if (no.includes(words)) return "no";
  return null;
}
