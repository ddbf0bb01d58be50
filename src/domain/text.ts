/**
 * What a person types, made safe to store and to show to others, once, where it enters: Unicode
 * NFC (so "ố" typed two ways is one text), no control characters (a NUL makes Postgres refuse the
 * row), no bidirectional overrides or isolates (U+202E shows "abc" as "cba" to the reader), no
 * invisible joiners that make two equal-looking names differ, no lone surrogates.
 *
 * `cleanLine` is for one-line fields (a reason, a name, a place): line breaks and tabs become
 * spaces, so a typed text cannot fake lines of the message it is shown in. `cleanBlock` is for
 * multi-line fields (an agenda): line breaks are kept, at most one empty line in a row.
 * Both trim and collapse runs of spaces; an empty result means nothing readable was typed.
 */

// C0 and C1 controls and DEL, except the tab, LF and CR that are turned into spaces or newlines.
const CONTROLS = /(?![\t\n\v\f])\p{Cc}/gu;
// Bidi marks, embeddings, overrides and isolates; zero-width space, word joiner, BOM; the
// interlinear annotation marks; lone surrogates.
const INVISIBLE =
  /[\u061C\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF\uFFF9-\uFFFB]|\p{Cs}/gu;
// CRLF, CR and the Unicode line and paragraph separators are line ends.
const LINE_ENDS = /\r\n?|[\u2028\u2029\u0085]/g;

function strip(text: string): string {
  return text
    .replace(LINE_ENDS, "\n")
    .replace(CONTROLS, "")
    .replace(INVISIBLE, "")
    .normalize("NFC");
}

/** One line: controls and bidi overrides gone, NFC, every run of white space (newlines too) one space. */
export function cleanLine(text: string): string {
  return strip(text).replace(/\s+/g, " ").trim();
}

/** Several lines: as cleanLine within each line, line breaks kept, at most one empty line in a row. */
export function cleanBlock(text: string): string {
  return strip(text)
    .split("\n")
    .map((line) => line.replace(/\s+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
