import { describe, expect, it } from "vitest";
import type { Mark, MeetingRecord, Member } from "../../src/domain/eligibility.ts";
import { heldMeetingFindings } from "../../src/domain/findings.ts";
import { resolvePolicy } from "../../src/domain/policy.ts";

const policy = resolvePolicy({ minDuration: { enabled: true } });
const people = ["a", "b", "c", "d", "e", "f", "g"];
const members: Member[] = people.map((id) => ({
  id,
  joined: "2020-01-01",
  left: null,
  statuses: [],
}));

/** A held regular meeting: everyone present unless marked otherwise. */
function held(date: string, marks: Record<string, Mark> = {}): MeetingRecord {
  return {
    id: date,
    kind: "regular",
    date,
    attendance: Object.fromEntries(people.map((id) => [id, marks[id] ?? "present"])),
  };
}

const history = [
  held("2025-12-03", { a: "excused" }),
  held("2026-01-03", { a: "excused", c: "unexcused" }),
  held("2026-02-03", { a: "excused", b: "excused" }),
  held("2026-03-03", { a: "excused", b: "excused", c: "unexcused" }),
  // After the meeting judged below: never counted for it.
  held("2026-05-03", { b: "excused", c: "unexcused" }),
];

describe("a held meeting's findings, as the close and the report compute them", () => {
  it("R3, R4, R5 from the year's run up to it, R8 from the year's months up to it, R9", () => {
    const meeting = held("2026-04-03", { a: "excused", b: "excused", c: "unexcused" });
    const { outcome, findings, duration } = heldMeetingFindings({
      policy,
      members,
      meeting,
      history,
      times: {
        openedAt: new Date("2026-04-03T12:30:00Z"),
        closedAt: new Date("2026-04-03T13:30:00Z"),
      },
    });
    // 4 of 7 present: the minimum is ⌊0.85 × 7⌋ + 1 = 6.
    expect([outcome.present, outcome.eligible, outcome.minimumPresent]).toEqual([4, 7, 6]);
    expect(duration).toMatchObject({ minutes: 60, requiredMinutes: 90, ok: false });
    expect(findings).toEqual([
      { type: "r3-failed", memberId: null, value: null },
      { type: "r4-unexcused", memberId: "c", value: null },
      // a: January to April (December is another year) = 4, over the maximum of 3.
      { type: "r5-violation", memberId: "a", value: 4 },
      { type: "r5-warning", memberId: "b", value: 3 },
      // c: January, March, April = 3 months with an unexcused absence → consider.
      { type: "r8-consider", memberId: "c", value: 3 },
      { type: "r9-short", memberId: null, value: 60 },
    ]);
  });

  it("a thematic meeting neither extends nor breaks an R5 run; a passing meeting has no finding", () => {
    const thematic: MeetingRecord = { ...held("2026-04-10", { a: "excused" }), kind: "thematic" };
    const { findings } = heldMeetingFindings({ policy, members, meeting: thematic, history });
    expect(findings).toEqual([]);
  });
});
