import { describe, expect, it } from "vitest";
import {
  isWorkingDay,
  shiftToWorkingDay,
  vietnamesePublicHolidays,
  type WorkingDayPolicy,
} from "../../src/domain/holidays.ts";
import { lastMonthOfQuarter, quarterOf, thematicGap } from "../../src/domain/quarters.ts";

const datesOf = (year: number, name: string) =>
  vietnamesePublicHolidays(year)
    .filter((h) => h.name === name)
    .map((h) => h.date);

const off: WorkingDayPolicy = { skipWeekends: false, skipHolidays: false };
const weekends: WorkingDayPolicy = { skipWeekends: true, skipHolidays: false };
const holidays: WorkingDayPolicy = { skipWeekends: false, skipHolidays: true };
const both: WorkingDayPolicy = { skipWeekends: true, skipHolidays: true };

describe("public holidays (Labour Code 2019, art. 112)", () => {
  it.each([
    ["Tết 2026 is 17 February", 2026, "2026-02-17"],
    ["Tết 2027 is 6 February", 2027, "2027-02-06"],
    ["Tết 1985 is 21 January (the Chinese calendar says 20 February)", 1985, "1985-01-21"],
    ["Tết 2007 is 17 February (the Chinese calendar says 18 February)", 2007, "2007-02-17"],
  ])("%s", (_name, year, lunarNewYear) => {
    // The break is the last day of the lunar year, then lunar 1/1 to 4/1.
    expect(datesOf(year, "tet")[1]).toBe(lunarNewYear);
  });

  it.each([
    [
      "2026, after a 29-day 12th month",
      2026,
      ["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"],
    ],
    ["2027", 2027, ["2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08", "2027-02-09"]],
  ])("the Tết break of %s is five days from the eve of Tết", (_name, year, expected) => {
    expect(datesOf(year, "tet")).toEqual(expected);
  });

  it.each([
    ["2027 is 16 April", 2027, "2027-04-16"],
    ["2026 is 26 April", 2026, "2026-04-26"],
    ["2031 is on the regular 3rd month, not the leap one", 2031, "2031-04-01"],
  ])("Giỗ Tổ Hùng Vương %s", (_name, year, expected) => {
    expect(datesOf(year, "hung_kings")).toEqual([expected]);
  });

  it("2026 has eleven days off, sorted by date", () => {
    expect(vietnamesePublicHolidays(2026)).toEqual([
      { date: "2026-01-01", name: "new_year" },
      { date: "2026-02-16", name: "tet" },
      { date: "2026-02-17", name: "tet" },
      { date: "2026-02-18", name: "tet" },
      { date: "2026-02-19", name: "tet" },
      { date: "2026-02-20", name: "tet" },
      { date: "2026-04-26", name: "hung_kings" },
      { date: "2026-04-30", name: "reunification" },
      { date: "2026-05-01", name: "labour" },
      { date: "2026-09-01", name: "national_day" },
      { date: "2026-09-02", name: "national_day" },
    ]);
  });

  it("the day next to National Day can be the day after", () => {
    const dates = vietnamesePublicHolidays(2024, { nationalDayAdjacent: "after" })
      .filter((h) => h.name === "national_day")
      .map((h) => h.date);
    expect(dates).toEqual(["2024-09-02", "2024-09-03"]);
  });

  it("a year outside the lunar tables is refused rather than guessed", () => {
    expect(() => vietnamesePublicHolidays(2200)).toThrow(RangeError);
  });
});

describe("R2b: moving a meeting to the next working day", () => {
  it.each([
    ["a Saturday meeting moves to Monday with weekends on", "2026-01-03", weekends, "2026-01-05"],
    ["a weekday meeting stays with everything on", "2026-01-06", both, "2026-01-06"],
    ["a meeting on Tết 2027 moves past the whole break", "2027-02-06", both, "2027-02-10"],
    [
      "a meeting on Tết 2026 moves past the break and the weekend after it",
      "2026-02-17",
      both,
      "2026-02-23",
    ],
    [
      "with holidays only, the Tết 2026 meeting lands on the Saturday after",
      "2026-02-17",
      holidays,
      "2026-02-21",
    ],
    ["a meeting on National Day moves past the two days off", "2026-09-01", holidays, "2026-09-03"],
    ["a Saturday New Year's Day moves to Monday", "2028-01-01", both, "2028-01-03"],
    ["with the policy off a Saturday meeting stays", "2026-01-03", off, "2026-01-03"],
    ["with the policy off a meeting on Tết stays", "2027-02-06", off, "2027-02-06"],
  ])("%s", (_name, date, policy, expected) => {
    expect(shiftToWorkingDay(date, policy)).toBe(expected);
  });

  it("a decreed extra day off is skipped too, even across the year end", () => {
    const policy = { ...both, extraHolidays: ["2026-12-31"] };
    expect(shiftToWorkingDay("2026-12-31", policy)).toBe("2027-01-04");
  });

  it("extra days off are not skipped while holidays are off", () => {
    const policy = { ...off, extraHolidays: ["2026-12-31"] };
    expect(shiftToWorkingDay("2026-12-31", policy)).toBe("2026-12-31");
  });

  it.each([
    ["Sunday with weekends on", "2026-01-04", weekends, false],
    ["Sunday with holidays only", "2026-01-04", holidays, true],
    ["Giỗ Tổ 2027 with holidays on", "2027-04-16", holidays, false],
    ["3 September with holidays on", "2026-09-03", holidays, true],
  ])("isWorkingDay: %s", (_name, date, policy, expected) => {
    expect(isWorkingDay(date, policy)).toBe(expected);
  });

  it.each(["2026-02-30", "2026-2-3", "03/01/2026"])("%s is refused", (date) => {
    expect(() => shiftToWorkingDay(date, both)).toThrow(RangeError);
  });
});

describe("R2c: a thematic meeting every quarter", () => {
  it.each([
    ["2026-02-15", { year: 2026, quarter: 1 }],
    ["2026-04-01", { year: 2026, quarter: 2 }],
    ["2026-09", { year: 2026, quarter: 3 }],
    ["2026-12-31", { year: 2026, quarter: 4 }],
  ])("%s is in %o", (date, expected) => {
    expect(quarterOf(date)).toEqual(expected);
  });

  it.each([
    ["2026-01", "2026-03"],
    ["2026-03", "2026-03"],
    ["2026-11", "2026-12"],
  ])("the last month of the quarter of %s is %s", (month, expected) => {
    expect(lastMonthOfQuarter(month)).toBe(expected);
  });

  it.each([
    ["March without a thematic meeting alerts", "2026-03", [], true],
    ["March with one in February does not", "2026-03", ["2026-02-10"], false],
    ["March with one late in March does not", "2026-03", ["2026-03-28"], false],
    ["February never alerts: there is still time", "2026-02", [], false],
    ["one in the next quarter does not count", "2026-06", ["2026-07-03"], true],
    ["one in the same quarter of last year does not count", "2026-12", ["2025-12-03"], true],
  ])("%s", (_name, month, thematicMeetingDates, expected) => {
    expect(thematicGap({ month, thematicMeetingDates })).toBe(expected);
  });

  it("a malformed month is refused", () => {
    expect(() => lastMonthOfQuarter("2026-13")).toThrow(RangeError);
  });
});
