import { describe, expect, it } from "vitest";
import type { Mark, MeetingKind, MeetingRecord, Member } from "../../src/domain/eligibility.ts";
import { resolvePolicy } from "../../src/domain/policy.ts";
import { excusedStreaks, streakBefore, streakLevel } from "../../src/domain/streaks.ts";

const policy = resolvePolicy();
const member: Member = { id: "a", joined: "2020-01-01", left: null, statuses: [] };

/** One meeting for member "a": a mark, or null when the record does not mention them. */
function meeting(date: string, mark: Mark | null, kind: MeetingKind = "regular"): MeetingRecord {
  return { id: date, kind, date, attendance: mark ? { a: mark } : {} };
}

function lastStreak(history: MeetingRecord[], who: Member = member): number | undefined {
  return excusedStreaks(who, history, policy).at(-1)?.streak;
}

const excusedJanToMar = [
  meeting("2026-01-03", "excused"),
  meeting("2026-02-03", "excused"),
  meeting("2026-03-03", "excused"),
];

describe("R5 consecutive excused absences in the year", () => {
  for (const { name, history, streak } of [
    { name: "three excused in a row", history: excusedJanToMar, streak: 3 },
    {
      name: "a streak broken by presence",
      history: [
        ...excusedJanToMar,
        meeting("2026-04-03", "present"),
        meeting("2026-05-03", "excused"),
      ],
      streak: 1,
    },
    {
      name: "a streak broken by an unexcused absence",
      history: [...excusedJanToMar, meeting("2026-04-03", "unexcused")],
      streak: 0,
    },
    {
      name: "a streak broken by a missing record (unexcused)",
      history: [...excusedJanToMar, meeting("2026-04-03", null)],
      streak: 0,
    },
    {
      name: "a streak at 3 on 3 December, then excused on 3 January (new year)",
      history: [
        meeting("2025-10-03", "excused"),
        meeting("2025-11-03", "excused"),
        meeting("2025-12-03", "excused"),
        meeting("2026-01-03", "excused"),
      ],
      streak: 1,
    },
    {
      name: "a thematic meeting attended between excused ones (neither extends nor breaks)",
      history: [
        meeting("2026-01-03", "excused"),
        meeting("2026-01-20", "present", "thematic"),
        meeting("2026-02-03", "excused"),
      ],
      streak: 2,
    },
    {
      name: "a thematic meeting missed with a reason (does not extend)",
      history: [meeting("2026-01-03", "excused"), meeting("2026-01-20", "excused", "thematic")],
      streak: 1,
    },
    {
      name: "meetings given out of order",
      history: [meeting("2026-03-03", "excused"), meeting("2026-01-03", "present")],
      streak: 1,
    },
  ]) {
    it(`${name}: streak ${streak}`, () => {
      expect(lastStreak(history)).toBe(streak);
    });
  }

  it("skips a meeting covered by special duty and continues the streak across it", () => {
    const onDuty: Member = {
      ...member,
      statuses: [{ kind: "special_duty", from: "2026-02-01", to: "2026-02-28" }],
    };
    const history = [...excusedJanToMar, meeting("2026-04-03", "excused")];
    expect(lastStreak(history, onDuty)).toBe(3);
  });

  it("keeps the streak through an exemption starting mid-year", () => {
    const exempt: Member = {
      ...member,
      statuses: [{ kind: "exempt", from: "2026-02-15", to: null }],
    };
    expect(streakBefore(exempt, excusedJanToMar, "2026-04-03", policy)).toBe(2);
  });

  it("counts only meetings after a member joins mid-year", () => {
    const joiner: Member = { ...member, joined: "2026-02-10" };
    expect(lastStreak(excusedJanToMar, joiner)).toBe(1);
  });

  it.each([
    { count: 3, violation: false },
    { count: 4, violation: true },
    { count: 5, violation: true },
  ])(
    "excused $count times in a row: violation at this meeting = $violation",
    ({ count, violation }) => {
      const history = Array.from({ length: count }, (_, i) =>
        meeting(`2026-0${i + 1}-03`, "excused"),
      );
      expect(excusedStreaks(member, history, policy).at(-1)?.violation).toBe(violation);
    },
  );

  it("starts a new year with no streak carried into January", () => {
    expect(streakBefore(member, excusedJanToMar, "2027-01-03", policy)).toBe(0);
  });

  it("carries the streak into the next meeting of the same year", () => {
    expect(streakBefore(member, excusedJanToMar, "2026-04-03", policy)).toBe(3);
  });
});

describe("R5 levels", () => {
  it.each([
    { streak: 1, level: null },
    { streak: 2, level: "notice" },
    { streak: 3, level: "warning" },
    { streak: 4, level: "violation" },
  ])("streak $streak: $level", ({ streak, level }) => {
    expect(streakLevel(streak, policy)).toBe(level);
  });

  it("follows the configured maximum", () => {
    expect(streakLevel(3, resolvePolicy({ maxConsecutiveExcused: 2 }))).toBe("violation");
  });
});
