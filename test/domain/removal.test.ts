import { describe, expect, it } from "vitest";
import type { Mark, MeetingKind, MeetingRecord, Member } from "../../src/domain/eligibility.ts";
import { resolvePolicy } from "../../src/domain/policy.ts";
import {
  removalConsiderationYears,
  removalLevel,
  unexcusedMonthsByYear,
} from "../../src/domain/removal.ts";

const policy = resolvePolicy();
const member: Member = { id: "a", joined: "2020-01-01", left: null, statuses: [] };

function meeting(date: string, mark: Mark | null, kind: MeetingKind = "regular"): MeetingRecord {
  return { id: date, kind, date, attendance: mark ? { a: mark } : {} };
}

describe("R8 months with an absence without reason", () => {
  for (const { name, member: who, history, months } of [
    {
      name: "two unexcused meetings in one month count once",
      member,
      history: [meeting("2026-03-03", "unexcused"), meeting("2026-03-20", "unexcused", "thematic")],
      months: { "2026": 1 },
    },
    {
      name: "a missing record counts as unexcused",
      member,
      history: [meeting("2026-03-03", null)],
      months: { "2026": 1 },
    },
    {
      name: "excused absences do not count",
      member,
      history: [meeting("2026-03-03", "excused"), meeting("2026-04-03", "excused")],
      months: {},
    },
    {
      name: "months are counted per calendar year",
      member,
      history: [
        meeting("2025-12-03", "unexcused"),
        meeting("2026-01-03", "unexcused"),
        meeting("2026-02-03", "unexcused"),
      ],
      months: { "2025": 1, "2026": 2 },
    },
    {
      name: "a member who joins mid-year counts only meetings after joining",
      member: { ...member, joined: "2026-02-10" },
      history: [
        meeting("2026-01-03", null),
        meeting("2026-02-03", null),
        meeting("2026-03-03", null),
      ],
      months: { "2026": 1 },
    },
    {
      name: "an exempt member is not counted",
      member: { ...member, statuses: [{ kind: "exempt" as const, from: "2026-01-01", to: null }] },
      history: [meeting("2026-01-03", null)],
      months: {},
    },
  ]) {
    it(name, () => {
      expect(unexcusedMonthsByYear(who, history)).toEqual(months);
    });
  }

  it("considers for removal in the year with three such months", () => {
    const history = ["2025-05-03", "2026-01-03", "2026-04-03", "2026-09-03"].map((d) =>
      meeting(d, "unexcused"),
    );
    expect(removalConsiderationYears(member, history, policy)).toEqual(["2026"]);
  });
});

describe("R8 levels", () => {
  it.each([
    { months: 1, level: null },
    { months: 2, level: "warning" },
    { months: 3, level: "consider" },
    { months: 5, level: "consider" },
  ])("$months months: $level", ({ months, level }) => {
    expect(removalLevel(months, policy)).toBe(level);
  });
});
