import { describe, expect, it } from "vitest";
import { createI18n, translator } from "../../src/i18n.ts";
import { type AnswerQuestion, answerQuestionMessage } from "../../src/services/answer-question.ts";

// Issue 13 item 2: the reminder's question as the member's answer makes it, the day by its
// distance from the send, no empty agenda line. Thursday 3 December 2026, 19:30 local.
const t = translator(createI18n());
const meeting: AnswerQuestion["meeting"] = {
  id: "8d3c1f8e-4b7a-4d2e-9c1a-2f6b5e7d9a01",
  startsAt: new Date("2026-12-03T12:30:00Z"),
  kind: "REGULAR",
  place: "Nhà văn hóa tổ 4",
  agenda: null,
  unit: { name: "Chi bộ Khu phố 7" },
};
const morning = new Date("2026-12-03T03:30:00Z"); // 10:30 the same day
const render = (
  answer: AnswerQuestion["answer"],
  now: Date,
  changes: Partial<AnswerQuestion["meeting"]> = {},
) =>
  answerQuestionMessage(
    t,
    { meeting: { ...meeting, ...changes }, answer },
    { reminder: "h2", now },
  );
const labels = (m: ReturnType<typeof render>) => m.buttons?.flat().map((b) => b.label);

describe("the reminder's question knows the answer", () => {
  it("not answered: the meeting, «(hôm nay)», the question and both buttons; no 📝 line", () => {
    const m = render(null, morning);
    expect(m.text).toBe(
      [
        "🔔 Sắp đến giờ họp chi bộ",
        "Chi bộ Khu phố 7 — sinh hoạt thường kỳ",
        "🗓 Thứ Năm, ngày 03/12/2026 (hôm nay)",
        "🕢 19:30",
        "📍 Nhà văn hóa tổ 4",
        "",
        "Đồng chí vui lòng cho biết có tham dự không.",
      ].join("\n"),
    );
    expect(labels(m)).toEqual(["✅ Tham dự", "❌ Vắng (có lý do)"]);
  });

  it("an agenda is shown on its 📝 line", () => {
    expect(render(null, morning, { agenda: "Kiểm điểm quý IV" }).text).toContain(
      "📍 Nhà văn hóa tổ 4\n📝 Kiểm điểm quý IV\n\nĐồng chí vui lòng",
    );
  });

  it.each([
    [morning, "hẹn gặp 19:30 hôm nay tại Nhà văn hóa tổ 4."],
    [new Date("2026-12-02T12:30:00Z"), "hẹn gặp 19:30 ngày mai tại Nhà văn hóa tổ 4."],
    [new Date("2026-11-30T12:30:00Z"), "hẹn gặp 19:30 Thứ Năm 03/12 tại Nhà văn hóa tổ 4."],
  ])("said Tham dự, sent at %s: «%s», and the one button to change", (now, expected) => {
    const m = render({ kind: "ATTENDING", reason: null }, now);
    expect(m.text).toContain(`✅ Đồng chí đã xác nhận tham dự — ${expected}`);
    expect(m.text).not.toContain("vui lòng cho biết");
    expect(m.text).toContain("Nếu có thay đổi, đồng chí chọn «Vắng (có lý do)» dưới đây.");
    expect(labels(m)).toEqual(["❌ Vắng (có lý do)"]);
  });

  it("said Vắng: the matching line with the reason, and the button to come after all", () => {
    const m = render({ kind: "ABSENT", reason: "Ốm đau" }, new Date("2026-12-02T12:30:00Z"));
    expect(m.text).toContain(
      "🟡 Đồng chí đã báo vắng cuộc họp 19:30 ngày mai tại Nhà văn hóa tổ 4, lý do «Ốm đau».",
    );
    expect(labels(m)).toEqual(["✅ Tham dự"]);
  });

  it("no place yet: the confirmation says no «tại (chưa có địa điểm)»", () => {
    const m = render({ kind: "ATTENDING", reason: null }, morning, { place: null });
    expect(m.text).toContain("hẹn gặp 19:30 hôm nay.");
    expect(m.text).not.toContain("tại");
  });
});
