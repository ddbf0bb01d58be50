import { describe, expect, it } from "vitest";
import type { Mark, MeetingKind, MeetingRecord, Member } from "../../src/domain/eligibility.ts";
import { evaluateCell } from "../../src/domain/evaluate.ts";
import { resolvePolicy } from "../../src/domain/policy.ts";

const policy = resolvePolicy();

function member(id: string, overrides: Partial<Member> = {}): Member {
  return { id, joined: "2020-01-01", left: null, statuses: [], ...overrides };
}

function meeting(
  date: string,
  attendance: Record<string, Mark>,
  kind: MeetingKind = "regular",
): MeetingRecord {
  return { id: date, kind, date, attendance };
}

const members = [member("m1"), member("m2"), member("m3", { joined: "2026-03-10" })];
const meetings = [
  meeting("2026-04-03", { m1: "present", m2: "excused", m3: "present" }),
  meeting("2026-01-03", { m1: "present", m2: "excused" }),
  meeting("2026-02-03", { m1: "present", m2: "excused" }),
  meeting("2026-02-20", { m1: "present" }, "thematic"),
  meeting("2026-03-03", { m1: "present", m2: "excused" }),
];
const result = evaluateCell({ policy, members, meetings });
const at = (id: string) => result.meetings.find((m) => m.id === id);

describe("evaluateCell (R3, R4, R5, R8 over a cell's history)", () => {
  it("reports meetings in date order", () => {
    expect(result.meetings.map((m) => m.id)).toEqual([
      "2026-01-03",
      "2026-02-03",
      "2026-02-20",
      "2026-03-03",
      "2026-04-03",
    ]);
  });

  it("counts a member who joined mid-year only from the meetings after joining", () => {
    expect(at("2026-03-03")?.unexcused).toEqual([]);
  });

  it("reports R3 for a thematic meeting like a regular one", () => {
    expect(at("2026-02-20")).toMatchObject({ eligible: 2, present: 1, rateOk: false });
  });

  it("keeps the excused streak unchanged through a thematic meeting", () => {
    expect(at("2026-02-20")?.streaks).toEqual({ m2: 2 });
  });

  it("flags the streak violation at the fourth excused absence in a row", () => {
    expect(result.meetings.map((m) => m.streakViolations)).toEqual([[], [], [], [], ["m2"]]);
  });

  it("counts for R8 a month with an unexcused absence at a thematic meeting", () => {
    expect(result.members.find((m) => m.id === "m2")?.unexcusedMonthsByYear).toEqual({
      "2026": 1,
    });
  });

  it("has no rate for a meeting nobody was eligible for", () => {
    const empty = evaluateCell({ policy, members: [], meetings: [meeting("2026-01-03", {})] });
    expect(empty.meetings[0]).toMatchObject({ rate: null, rateOk: null, minimumPresent: 0 });
  });

  it("follows the policy it is given", () => {
    const strict = resolvePolicy({ maxConsecutiveExcused: 2 });
    const evaluation = evaluateCell({ policy: strict, members, meetings });
    expect(evaluation.meetings.find((m) => m.id === "2026-03-03")?.streakViolations).toEqual([
      "m2",
    ]);
  });
});
