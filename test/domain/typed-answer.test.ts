import { describe, expect, it } from "vitest";
import { readConfirmation, readTypedAnswer } from "../../src/domain/typed-answer.ts";

// Issue 13 item 1: what elderly members type under a reminder, read as an answer only when it
// plainly is one (a press then confirms it); a question or a doubt is never an answer.
const ATTENDING = [
  "có",
  "Có",
  "CÓ",
  "co",
  "có ạ",
  "Dạ có",
  "da co a",
  "tham dự",
  "Tham du",
  "tham du",
  "THAM DỰ",
  "Tôi tham dự",
  "toi se tham du",
  "Tôi sẽ đến họp đúng giờ",
  "toi se den hop dung gio",
  "đến",
  "Den",
  "sẽ đến",
  "tôi tới",
  "dự",
  "Dự họp",
  "ok",
  "OK",
  "Oke ạ",
  "okay",
  "đồng ý",
  "Dong y",
  "Vâng ạ",
  "Dạ vâng, tôi sẽ đến",
  "👍",
  "👍👍",
  "👍🏻",
  "ok 👍",
  "✅",
  "có mặt",
  "Sẽ có mặt đúng giờ",
  "xác nhận tham dự",
  "Tham gia",
  "Có, tôi đi",
  "chắc chắn đến",
];
const ABSENT: [string, string | null][] = [
  ["vắng", null],
  ["Vắng", null],
  ["không", null],
  ["Không", null],
  ["khong", null],
  ["ko", null],
  ["không đến", null],
  ["Khong den duoc", null],
  ["không đi được", null],
  ["không tham dự", null],
  ["hôm nay tôi không đến được", null],
  ["xin vắng", null],
  ["xin vang", null],
  ["Xin vắng vì con ốm", "Con ốm"],
  ["xin vang vi con om", "Con om"],
  ["Tôi xin vắng vì đi khám bệnh ở bệnh viện tỉnh", "Đi khám bệnh ở bệnh viện tỉnh"],
  ["Vắng, đi công tác Hà Nội", "Đi công tác Hà Nội"],
  ["Không đến được. Tôi bị ốm.", "Tôi bị ốm"],
  ["Không, tôi bận", "Tôi bận"],
  ["vắng do việc gia đình", "Việc gia đình"],
  ["xin phép vắng: trực cơ quan", "Trực cơ quan"],
  ["bận", "Bận"],
  ["Bận việc gia đình", "Bận việc gia đình"],
  ["Tôi bận", "Tôi bận"],
  ["có việc bận", "Có việc bận"],
  ["đi công tác", "Đi công tác"],
  ["Ốm", "Ốm"],
  ["vang mat", null],
  ["❌", null],
  ["👎", null],
];
const NOT_ANSWERS = [
  "không biết",
  "Khong biet",
  "chưa biết",
  "có ai đi không?",
  "co ai di khong",
  "Có họp không?",
  "có họp không",
  "Mấy giờ họp?",
  "may gio hop",
  "Họp ở đâu",
  "không sao",
  "không có gì",
  "cảm ơn",
  "Cảm ơn đồng chí",
  "chưa chắc",
  "có thể",
  "Có lẽ tôi đến",
  "để tôi xem",
  "nếu rảnh tôi đến",
  "Tôi nghĩ là có",
  // Without diacritics "vang" may be "vâng" (yes) or "vắng" (absent): asked again, not guessed.
  "vang",
  "Vang a",
  "Vâng, nhưng tôi bận",
  "1",
  "/lich",
  "",
  "Chúc mừng năm mới",
  "Đồng chí cho hỏi nội dung cuộc họp",
  "Hôm nay trời mưa to quá, đường ngập hết cả, không biết có nên đi không",
];

describe("readTypedAnswer: a typed answer to «có tham dự không?»", () => {
  it.each(ATTENDING)("%j is attending", (text) => {
    expect(readTypedAnswer(text)).toEqual({ kind: "attending" });
  });
  it.each(ABSENT)("%j is absent (reason %j)", (text, reason) => {
    expect(readTypedAnswer(text)).toEqual({ kind: "absent", reason });
  });
  it.each(NOT_ANSWERS)("%j is not an answer", (text) => {
    expect(readTypedAnswer(text)).toEqual({ kind: "unclear" });
  });
});

describe("readConfirmation: a typed yes or no to «Xác nhận?»", () => {
  it.each([
    ["có", "yes"],
    ["Co", "yes"],
    ["ok", "yes"],
    ["Đồng ý", "yes"],
    ["xac nhan", "yes"],
    ["Dạ vâng", "yes"],
    ["👍", "yes"],
    ["không", "no"],
    ["Hủy", "no"],
    ["thôi", "no"],
    ["có ai không?", null],
    ["vắng", null],
    ["không biết", null],
  ] as const)("%j → %s", (text, expected) => {
    expect(readConfirmation(text)).toBe(expected);
  });
});
