import { describe, expect, it } from "vitest";
import { cleanBlock, cleanLine } from "../../src/domain/text.ts";

// Issue 12 item 9: what a person types is cleaned once where it enters.
describe("cleanLine: one-line fields (reasons, names, places)", () => {
  it.each([
    ["a NUL is removed", "ốm\u0000 đau", "ốm đau"],
    ["U+202E (right-to-left override) is removed", "\u202Euad mộ", "uad mộ"],
    ["bidi isolates and marks are removed", "\u2066Hà\u2069 \u200FNội\u200E", "Hà Nội"],
    ["C1 controls and DEL are removed", "a\u0085b\u009Bc\u007Fd", "a bcd"],
    ["zero-width space and BOM are removed", "Nguy\u200Bễn\uFEFF", "Nguyễn"],
    ["decomposed letters are composed (NFC)", "o\u0302\u0301m", "ốm"],
    [
      "line breaks become spaces: typed text cannot fake status lines",
      "ốm\n⏳ Chưa trả lời (0): không có\r\n\r\n📈 Dự kiến: 20/20",
      "ốm ⏳ Chưa trả lời (0): không có 📈 Dự kiến: 20/20",
    ],
    [
      "tabs and runs of spaces become one space, the ends trimmed",
      "  đi\t\tcông   tác ",
      "đi công tác",
    ],
    [
      "emoji sequences with a zero-width joiner stay whole",
      "👨‍👩‍👧 việc gia đình",
      "👨‍👩‍👧 việc gia đình",
    ],
    ["a lone surrogate is removed", "a\uD800b", "ab"],
    ["nothing readable left: empty", "\u0000\u202E \u200B\n", ""],
  ])("%s", (_rule, input, expected) => {
    expect(cleanLine(input)).toBe(expected);
  });
});

describe("cleanBlock: multi-line fields (an agenda)", () => {
  it("keeps the lines, cleans each, at most one empty line in a row", () => {
    expect(
      cleanBlock("1. Kiểm điểm\u0000 tháng 11\r\n\r\n\r\n\r\n2.  Kế hoạch\u202E tháng 12  \n"),
    ).toBe("1. Kiểm điểm tháng 11\n\n2. Kế hoạch tháng 12");
  });
  it("nothing readable left: empty", () => {
    expect(cleanBlock("\u0000\n\u202E\n ")).toBe("");
  });
});
