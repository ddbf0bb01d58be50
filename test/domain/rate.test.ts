import { describe, expect, it } from "vitest";
import type { Mark, MeetingRecord, Member } from "../../src/domain/eligibility.ts";
import { resolvePolicy } from "../../src/domain/policy.ts";
import { type Answer, meetingOutcome, minimumPresent, projection } from "../../src/domain/rate.ts";

const policy = resolvePolicy();
const DATE = "2026-03-03";

function member(id: string, overrides: Partial<Member> = {}): Member {
  return { id, joined: "2020-01-01", left: null, statuses: [], ...overrides };
}

/** `present` of `eligible` members present, the others excused. */
function meetingWith(present: number, eligible: number) {
  const members = Array.from({ length: eligible }, (_, i) => member(`m${i + 1}`));
  const attendance: Record<string, Mark> = Object.fromEntries(
    members.map((m, i) => [m.id, i < present ? "present" : "excused"]),
  );
  return { members, meeting: record(attendance) };
}

function record(attendance: Record<string, Mark>): MeetingRecord {
  return { id: "2026-03", kind: "regular", date: DATE, attendance };
}

describe("R3 minimum present is ⌊minRate × eligible⌋ + 1", () => {
  it.each([
    [20, 0.85, 18],
    [7, 0.85, 6],
    [6, 0.85, 6],
    [1, 0.85, 1],
    [0, 0.85, 0],
    // 0.7 × 90 is 62.99999999999999 in floating point.
    [90, 0.7, 64],
  ])("%i eligible at %s need %i", (eligible, minRate, minimum) => {
    expect(minimumPresent(eligible, { minRate })).toBe(minimum);
  });
});

describe("R3 attendance rate strictly above 85 %", () => {
  it.each([
    { present: 17, eligible: 20, ok: false },
    { present: 18, eligible: 20, ok: true },
    { present: 6, eligible: 7, ok: true },
    { present: 5, eligible: 7, ok: false },
    { present: 5, eligible: 6, ok: false },
    { present: 6, eligible: 6, ok: true },
  ])("$present of $eligible present: ok = $ok", ({ present, eligible, ok }) => {
    const cell = meetingWith(present, eligible);
    expect(meetingOutcome(cell.members, cell.meeting, policy).rateOk).toBe(ok);
  });

  it("reports the rate as present ÷ eligible", () => {
    const cell = meetingWith(18, 20);
    expect(meetingOutcome(cell.members, cell.meeting, policy).rate).toBe(0.9);
  });

  it("has no rate when nobody is eligible", () => {
    const members = [member("m1", { joined: "2026-06-01" })];
    expect(meetingOutcome(members, record({}), policy).rate).toBeNull();
  });
});

describe("R3 who is counted", () => {
  const exemptSinceMarch = member("x", {
    statuses: [{ kind: "exempt", from: "2026-03-01", to: "2026-12-31" }],
  });
  const cell = meetingWith(5, 6);
  const withExempt = [...cell.members, exemptSinceMarch];
  const exemptAttends = record({ ...cell.meeting.attendance, x: "present" });

  it("counts an exempt member who attends on neither side by default", () => {
    const outcome = meetingOutcome(withExempt, exemptAttends, policy);
    expect([outcome.present, outcome.eligible]).toEqual([5, 6]);
  });

  it("lists an exempt member who attends", () => {
    expect(meetingOutcome(withExempt, exemptAttends, policy).exemptAttendees).toEqual(["x"]);
  });

  it("counts an exempt member who attends on both sides when the policy says so", () => {
    const counting = resolvePolicy({ countExemptAttendees: true });
    const outcome = meetingOutcome(withExempt, exemptAttends, counting);
    expect([outcome.present, outcome.eligible]).toEqual([6, 7]);
  });

  it("leaves out an exempt member who stays away", () => {
    expect(meetingOutcome(withExempt, cell.meeting, policy).eligible).toBe(6);
  });

  it("leaves out a member who joins after the meeting", () => {
    const late = member("late", { joined: "2026-03-04" });
    expect(meetingOutcome([...cell.members, late], cell.meeting, policy).eligible).toBe(6);
  });

  it("counts an eligible member missing from the record as absent", () => {
    const missing = member("missing");
    const outcome = meetingOutcome([...cell.members, missing], cell.meeting, policy);
    expect([outcome.present, outcome.eligible]).toEqual([5, 7]);
  });
});

describe("R4 no member absent without a reason", () => {
  const members = [
    member("present"),
    member("excused"),
    member("unexcused"),
    member("missing"),
    member("exempt", { statuses: [{ kind: "exempt", from: "2026-01-01", to: null }] }),
    member("not-yet", { joined: "2026-04-01" }),
  ];
  const meeting = record({ present: "present", excused: "excused", unexcused: "unexcused" });

  it("lists the unexcused and the eligible members missing from the record, no one else", () => {
    expect(meetingOutcome(members, meeting, policy).unexcused).toEqual(["unexcused", "missing"]);
  });
});

describe("R3 projection from answers", () => {
  const twenty = Array.from({ length: 20 }, (_, i) => member(`m${i + 1}`));
  const seven = twenty.slice(0, 7);

  function answers(attending: number, declined: number): Record<string, Answer> {
    return Object.fromEntries([
      ...twenty.slice(0, attending).map((m) => [m.id, "attending"]),
      ...twenty.slice(attending, attending + declined).map((m) => [m.id, "declined"]),
    ]);
  }

  for (const { members, attending, declined, atRisk } of [
    { members: twenty, attending: 0, declined: 2, atRisk: false },
    { members: twenty, attending: 0, declined: 3, atRisk: true },
    { members: twenty, attending: 17, declined: 3, atRisk: true },
    { members: seven, attending: 0, declined: 1, atRisk: false },
    { members: seven, attending: 0, declined: 2, atRisk: true },
  ]) {
    const cell = `${members.length} eligible, ${attending} coming, ${declined} declined`;
    it(`${cell}: at risk = ${atRisk}`, () => {
      expect(projection(members, DATE, answers(attending, declined), policy).atRisk).toBe(atRisk);
    });
  }

  it.each([
    [0, 18],
    [10, 8],
    [18, 0],
    [20, 0],
  ])("20 eligible, %i coming: %i more needed", (attending, needed) => {
    expect(projection(twenty, DATE, answers(attending, 0), policy).needed).toBe(needed);
  });

  it("ignores the answer of an exempt member", () => {
    const exempt = member("x", { statuses: [{ kind: "exempt", from: "2026-01-01", to: null }] });
    const result = projection([...seven, exempt], DATE, { x: "attending" }, policy);
    expect([result.eligible, result.attending]).toEqual([7, 0]);
  });
});
