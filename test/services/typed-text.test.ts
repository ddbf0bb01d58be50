import { describe, expect, it } from "vitest";
import { asText } from "../../src/services/import/values.ts";
import { checkMeetingText } from "../../src/services/meeting-input.ts";

// Issue 12 item 9: the cleaning of domain/text.ts where the secretary's and the clerk's text enters.
describe("where it enters: the secretary's place and agenda, an imported cell", () => {
  it("lichhop: a place is one line, an agenda keeps its lines", () => {
    expect(checkMeetingText("Nhà văn hóa\nkhu phố 3\u0000", "place")).toEqual({
      ok: true,
      value: "Nhà văn hóa khu phố 3",
    });
    expect(checkMeetingText("1. Kiểm điểm\u202E\n2. Kế hoạch", "agenda")).toEqual({
      ok: true,
      value: "1. Kiểm điểm\n2. Kế hoạch",
    });
  });
  it("lichhop: nothing readable left is refused with a clear reply", () => {
    expect(checkMeetingText("\u0000\u202E", "place")).toMatchObject({
      ok: false,
      key: "error-text-unreadable",
    });
  });
  it("import: a cell's text is one clean line", () => {
    expect(asText("Chi bộ\u0000 Khu phố\u202E\n1")).toBe("Chi bộ Khu phố 1");
  });
});
