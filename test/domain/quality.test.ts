import { describe, expect, it } from "vitest";
import type { Mark, MeetingRecord, Member } from "../../src/domain/eligibility.ts";
import { resolvePolicy } from "../../src/domain/policy.ts";
import {
  attendanceFacts,
  choicePoints,
  type QualityFacts,
  scoreMeeting,
} from "../../src/domain/quality.ts";
import { loadRubric, parseRubric } from "../../src/services/quality/rubric.ts";

const rubric = loadRubric();
const policy = resolvePolicy();
const start = new Date("2026-12-03T12:30:00Z");
const end = new Date("2026-12-03T14:30:00Z");

const facts = (over: Partial<QualityFacts> = {}): QualityFacts => ({
  thematic: false,
  cellMembers: 20,
  minutes: 95,
  eligible: 20,
  present: 20,
  unexcused: 0,
  longestExcusedStreak: 0,
  startsAt: start,
  plannedEndAt: end,
  membersNotifiedAt: new Date(start.getTime() - 3 * 86_400_000),
  committeeNotifiedAt: new Date(start.getTime() - 3 * 86_400_000),
  committeeInCharge: true,
  documentsSentAt: new Date(start.getTime() - 2 * 86_400_000),
  minutesSentAt: end,
  secretary: {},
  ...over,
});
const points = (f: QualityFacts, key: string) =>
  scoreMeeting(rubric, f).items.find((i) => i.key === key)!.points;

describe("the default rubric (HD 42, a ward's sheet)", () => {
  it("is 100 points with the four grades", () => {
    expect(rubric.items.reduce((s, i) => s + i.max, 0)).toBe(100);
    expect(rubric.grades.map((g) => [g.key, g.min])).toEqual([
      ["good", 90],
      ["fair", 70],
      ["average", 50],
      ["poor", 0],
    ]);
  });
});

describe("attendance: tier by rate (R3's eligibility), unexcused → 1, +1 bonus", () => {
  for (const { name, present, eligible, unexcused, streak, expected } of [
    { name: "100 %", present: 20, eligible: 20, unexcused: 0, streak: 0, expected: 5 },
    { name: "90 % exactly", present: 27, eligible: 30, unexcused: 0, streak: 0, expected: 5 },
    { name: "just under 90 %", present: 26, eligible: 30, unexcused: 0, streak: 0, expected: 4 },
    { name: "75 % exactly", present: 15, eligible: 20, unexcused: 0, streak: 0, expected: 4 },
    { name: "just under 75 %", present: 74, eligible: 100, unexcused: 0, streak: 0, expected: 3 },
    { name: "65 % exactly", present: 13, eligible: 20, unexcused: 0, streak: 0, expected: 3 },
    { name: "just under 65 %", present: 64, eligible: 100, unexcused: 0, streak: 0, expected: 2 },
    {
      name: "one unexcused, all others present",
      present: 19,
      eligible: 20,
      unexcused: 1,
      streak: 0,
      expected: 2,
    },
    {
      name: "3 excused in a row keeps the bonus",
      present: 20,
      eligible: 20,
      unexcused: 0,
      streak: 3,
      expected: 5,
    },
    {
      name: "the 4th excused in a row loses it",
      present: 19,
      eligible: 20,
      unexcused: 0,
      streak: 4,
      expected: 4,
    },
    { name: "nobody eligible", present: 0, eligible: 0, unexcused: 0, streak: 0, expected: 0 },
  ]) {
    it(`${name} → ${expected}`, () => {
      expect(
        points(facts({ present, eligible, unexcused, longestExcusedStreak: streak }), "attendance"),
      ).toBe(expected);
    });
  }

  it("one unexcused with everyone else present: rate tier 4 → 1, plus the bonus", () => {
    const item = scoreMeeting(rubric, facts({ present: 19, eligible: 20, unexcused: 1 })).items[1]!;
    expect(item.reasons.map((r) => r.code)).toEqual([
      "attendance-rate",
      "attendance-unexcused",
      "attendance-bonus",
    ]);
  });
});

describe("attendance facts with R3's eligibility and R5's runs", () => {
  const m = (id: string, statuses: Member["statuses"] = []): Member => ({
    id,
    joined: "2020-01-01",
    left: null,
    statuses,
  });
  const members = [
    m("a"),
    m("b"),
    m("c"),
    m("x", [{ kind: "exempt", from: "2026-01-01", to: null }]),
  ];
  const meeting = (date: string, marks: Record<string, Mark>): MeetingRecord => ({
    id: date,
    kind: "regular",
    date,
    attendance: marks,
  });

  it("an exempt member who attends changes neither side of the rate", () => {
    const dec = meeting("2026-12-03", { a: "present", b: "present", c: "present", x: "present" });
    const f = attendanceFacts({ policy, members, meeting: dec, history: [] });
    expect([f.present, f.eligible, f.cellMembers]).toEqual([3, 3, 4]);
    expect(points(facts(f), "attendance")).toBe(5);
  });

  it("the bonus is lost at the 4th consecutive excused absence of the year", () => {
    const months = ["2026-09-03", "2026-10-03", "2026-11-03"].map((d) =>
      meeting(d, { a: "present", b: "present", c: "excused" }),
    );
    const dec = meeting("2026-12-03", { a: "present", b: "present", c: "excused" });
    const third = attendanceFacts({ policy, members, meeting: months[2]!, history: months });
    const fourth = attendanceFacts({ policy, members, meeting: dec, history: [...months, dec] });
    expect(third.longestExcusedStreak).toBe(3);
    expect(fourth.longestExcusedStreak).toBe(4);
    // 2 of 3 present (66.7 %): tier 2, then the bonus or not.
    expect(points(facts(third), "attendance")).toBe(3);
    expect(points(facts(fourth), "attendance")).toBe(2);
  });

  it("an unmarked eligible member is unexcused (R4)", () => {
    const dec = meeting("2026-12-03", { a: "present", b: "present" });
    expect(attendanceFacts({ policy, members, meeting: dec, history: [] }).unexcused).toBe(1);
  });
});

describe("duration: cells under 30 ≥ 90 min, 30 or more ≥ 120, thematic ≥ 120", () => {
  for (const { name, cellMembers, thematic, minutes, expected } of [
    { name: "29 members, 90 min", cellMembers: 29, thematic: false, minutes: 90, expected: 5 },
    { name: "29 members, 89 min", cellMembers: 29, thematic: false, minutes: 89, expected: 0 },
    { name: "30 members, 90 min", cellMembers: 30, thematic: false, minutes: 90, expected: 0 },
    { name: "30 members, 120 min", cellMembers: 30, thematic: false, minutes: 120, expected: 5 },
    {
      name: "thematic, 10 members, 119 min",
      cellMembers: 10,
      thematic: true,
      minutes: 119,
      expected: 0,
    },
    {
      name: "thematic, 10 members, 120 min",
      cellMembers: 10,
      thematic: true,
      minutes: 120,
      expected: 5,
    },
    { name: "times unknown", cellMembers: 10, thematic: false, minutes: null, expected: 0 },
  ]) {
    it(`${name} → ${expected}`, () => {
      expect(points(facts({ cellMembers, thematic, minutes }), "duration")).toBe(expected);
    });
  }
});

describe("preparation and closing, from what the bot sent", () => {
  const day = 86_400_000;
  for (const { name, over, key, expected } of [
    { name: "notice to members and committee", over: {}, key: "preparation-notice", expected: 4 },
    {
      name: "notice to members only",
      over: { committeeNotifiedAt: null },
      key: "preparation-notice",
      expected: 2,
    },
    {
      name: "no notice at all",
      over: { membersNotifiedAt: null, committeeNotifiedAt: null },
      key: "preparation-notice",
      expected: 0,
    },
    {
      name: "documents exactly 1 day before",
      over: { documentsSentAt: new Date(start.getTime() - day) },
      key: "preparation-documents",
      expected: 2,
    },
    {
      name: "documents 23 h before",
      over: { documentsSentAt: new Date(start.getTime() - day + 3_600_000) },
      key: "preparation-documents",
      expected: 0,
    },
    {
      name: "no documents",
      over: { documentsSentAt: null },
      key: "preparation-documents",
      expected: 0,
    },
    { name: "minutes at the close", over: {}, key: "closing-minutes", expected: 2 },
    {
      name: "minutes 3 days late",
      over: { minutesSentAt: new Date(end.getTime() + 3 * day) },
      key: "closing-minutes",
      expected: 0,
    },
  ] as { name: string; over: Partial<QualityFacts>; key: string; expected: number }[]) {
    it(`${name} → ${expected}`, () => expect(points(facts(over), key)).toBe(expected));
  }
});

describe("the secretary's items, the total and the grade", () => {
  const all = (n: number) =>
    Object.fromEntries(rubric.items.filter((i) => i.by === "secretary").map((i) => [i.key, n]));

  it("unscored items are 'chưa chấm': a total so far, no grade", () => {
    const s = scoreMeeting(rubric, facts());
    expect(s.complete).toBe(false);
    expect(s.grade).toBeNull();
    expect(s.total).toBe(18);
  });

  for (const { name, secretary, total, grade } of [
    {
      name: "everything full",
      secretary: {
        ...all(0),
        "preparation-other": 4,
        conduct: 30,
        chairing: 10,
        principles: 5,
        resolution: 30,
        "closing-posted": 3,
      },
      total: 100,
      grade: "good",
    },
    {
      name: "90 exactly",
      secretary: {
        ...all(0),
        "preparation-other": 4,
        conduct: 30,
        chairing: 10,
        principles: 5,
        resolution: 20,
        "closing-posted": 3,
      },
      total: 90,
      grade: "good",
    },
    {
      name: "89",
      secretary: {
        ...all(0),
        "preparation-other": 3,
        conduct: 30,
        chairing: 10,
        principles: 5,
        resolution: 20,
        "closing-posted": 3,
      },
      total: 89,
      grade: "fair",
    },
    {
      name: "70 exactly",
      secretary: { ...all(0), conduct: 22, chairing: 10, resolution: 20 },
      total: 70,
      grade: "fair",
    },
    {
      name: "50 exactly",
      secretary: { ...all(0), conduct: 22, resolution: 10 },
      total: 50,
      grade: "average",
    },
    { name: "49", secretary: { ...all(0), conduct: 21, resolution: 10 }, total: 49, grade: "poor" },
  ]) {
    it(`${name} → ${grade}`, () => {
      const s = scoreMeeting(rubric, facts({ secretary }));
      expect([s.total, s.grade]).toEqual([total, grade]);
    });
  }

  it("a short choice: full, partial per the rubric, none, or a whole number within the max", () => {
    const conduct = rubric.items.find((i) => i.key === "conduct")!;
    expect(
      ["full", "partial", "none", 25, 31, 2.5, -1].map((c) => choicePoints(conduct, c as never)),
    ).toEqual([30, 15, 0, 25, null, null, null]);
  });
});

describe("the rubric file is validated", () => {
  it("names what is wrong", () => {
    const bad = {
      ...rubric,
      items: [{ ...rubric.items[0], max: 2 }],
      grades: [{ key: "x", min: 5 }],
    };
    expect(() => parseRubric(JSON.stringify(bad), "x.json")).toThrow(
      /items\.0\.rule: gives more than max|the last grade starts at 0/,
    );
    expect(() => parseRubric("{", "x.json")).toThrow(/x\.json: not JSON/);
  });
});
