import { describe, expect, it } from "vitest";
import { resolvePolicy } from "../../src/domain/policy.ts";
import {
  type CellSchedule,
  type DayRule,
  defaultMeetingStart,
  formatDayRule,
  meetingStarts,
  parseDayRule,
  toLocalIso,
} from "../../src/domain/schedule.ts";

const policy = resolvePolicy();
const day3All = resolvePolicy({ day3: "all" });

function other(rule: string, time = "08:00"): CellSchedule {
  return { kind: "other", dayRule: parseDayRule(rule), time };
}

function startIn(cell: CellSchedule, month: string, p = policy): string | null {
  const start = defaultMeetingStart(cell, month, p);
  return start && toLocalIso(start);
}

describe("R1 residential cells meet on day 3", () => {
  it("meets on the 3rd at the cell's local time", () => {
    const cell: CellSchedule = { kind: "residential", time: "19:30" };
    expect(startIn(cell, "2026-12")).toBe("2026-12-03T19:30:00+07:00");
  });

  it("stores the start as the matching UTC instant", () => {
    const start = defaultMeetingStart({ kind: "residential", time: "19:30" }, "2026-12", policy);
    expect(start?.toISOString()).toBe("2026-12-03T12:30:00.000Z");
  });

  it("runs month after month across the new year", () => {
    const starts = meetingStarts({
      kind: "residential",
      time: "19:30",
      from: "2026-11",
      months: 3,
      policy,
    });
    expect(starts.map(toLocalIso)).toEqual([
      "2026-11-03T19:30:00+07:00",
      "2026-12-03T19:30:00+07:00",
      "2027-01-03T19:30:00+07:00",
    ]);
  });

  it("puts every cell on day 3 under policy day3=all", () => {
    expect(startIn(other("last-friday"), "2026-03", day3All)).toBe("2026-03-03T08:00:00+07:00");
  });
});

describe("R2 other cells follow their day rule", () => {
  it.each([
    { rule: "day-15", month: "2026-03", start: "2026-03-15T08:00:00+07:00" },
    { rule: "day-31", month: "2026-02", start: "2026-02-28T08:00:00+07:00" },
    { rule: "day-31", month: "2028-02", start: "2028-02-29T08:00:00+07:00" },
    { rule: "day-31", month: "2026-04", start: "2026-04-30T08:00:00+07:00" },
    { rule: "first-monday", month: "2026-06", start: "2026-06-01T08:00:00+07:00" },
    { rule: "first-tuesday", month: "2026-06", start: "2026-06-02T08:00:00+07:00" },
    { rule: "second-wednesday", month: "2026-07", start: "2026-07-08T08:00:00+07:00" },
    { rule: "third-thursday", month: "2026-01", start: "2026-01-15T08:00:00+07:00" },
    { rule: "fourth-saturday", month: "2026-02", start: "2026-02-28T08:00:00+07:00" },
    { rule: "last-friday", month: "2026-01", start: "2026-01-30T08:00:00+07:00" },
    { rule: "last-sunday", month: "2026-05", start: "2026-05-31T08:00:00+07:00" },
  ])("$rule in $month: $start", ({ rule, month, start }) => {
    expect(startIn(other(rule), month)).toBe(start);
  });

  it("has no default start for a cell without a day rule (the secretary picks)", () => {
    expect(startIn({ kind: "other", time: "08:00" }, "2026-03")).toBeNull();
  });
});

describe("day rules", () => {
  it.each([
    { text: "day-1", rule: { type: "day", day: 1 } },
    { text: "day-31", rule: { type: "day", day: 31 } },
    { text: "last-sunday", rule: { type: "weekday", ordinal: "last", weekday: "sunday" } },
    { text: "day-0", rule: undefined },
    { text: "day-32", rule: undefined },
    { text: "day-05", rule: undefined },
    { text: "fifth-monday", rule: undefined },
    { text: "first-funday", rule: undefined },
    { text: "First-Monday", rule: undefined },
    { text: "first-monday-x", rule: undefined },
    { text: "", rule: undefined },
  ] as { text: string; rule: DayRule | undefined }[])("$text parses to $rule", ({ text, rule }) => {
    expect(parseDayRule(text)).toEqual(rule);
  });

  it.each(["day-7", "second-tuesday", "last-saturday"])("%s survives a round trip", (text) => {
    expect(formatDayRule(parseDayRule(text)!)).toBe(text);
  });
});
