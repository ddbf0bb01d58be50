import { describe, expect, it } from "vitest";
import {
  isCalendarDate,
  type Member,
  type StatusPeriod,
  standingOn,
} from "../../src/domain/eligibility.ts";

function member(overrides: Partial<Member>): Member {
  return { id: "m1", joined: "2025-06-15", left: null, statuses: [], ...overrides };
}

const exemptSpring: StatusPeriod = { kind: "exempt", from: "2026-03-01", to: "2026-06-30" };
const dutyOpenEnded: StatusPeriod = { kind: "special_duty", from: "2026-01-01", to: null };

describe("R6 eligibility on a meeting date", () => {
  it.each([
    { case: "the day before joining", member: member({}), date: "2025-06-14", is: "outside" },
    { case: "the day of joining", member: member({}), date: "2025-06-15", is: "eligible" },
    {
      case: "the day before leaving",
      member: member({ left: "2026-03-03" }),
      date: "2026-03-02",
      is: "eligible",
    },
    {
      case: "the day of leaving",
      member: member({ left: "2026-03-03" }),
      date: "2026-03-03",
      is: "outside",
    },
    {
      case: "the day before an exemption",
      member: member({ statuses: [exemptSpring] }),
      date: "2026-02-28",
      is: "eligible",
    },
    {
      case: "the first day of an exemption",
      member: member({ statuses: [exemptSpring] }),
      date: "2026-03-01",
      is: "exempt",
    },
    {
      case: "the last day of an exemption",
      member: member({ statuses: [exemptSpring] }),
      date: "2026-06-30",
      is: "exempt",
    },
    {
      case: "the day after an exemption",
      member: member({ statuses: [exemptSpring] }),
      date: "2026-07-01",
      is: "eligible",
    },
    {
      case: "years into an open-ended special duty",
      member: member({ statuses: [dutyOpenEnded] }),
      date: "2030-01-03",
      is: "special_duty",
    },
  ])("$case: $is", ({ member, date, is }) => {
    expect(standingOn(member, date)).toBe(is);
  });
});

describe("calendar dates", () => {
  it.each([
    { text: "2026-02-28", valid: true },
    { text: "2028-02-29", valid: true },
    { text: "2026-02-29", valid: false },
    { text: "2026-02-30", valid: false },
    { text: "2026-13-01", valid: false },
    { text: "2026-2-3", valid: false },
    { text: "0999-01-01", valid: false },
  ])("$text is a date: $valid", ({ text, valid }) => {
    expect(isCalendarDate(text)).toBe(valid);
  });
});
