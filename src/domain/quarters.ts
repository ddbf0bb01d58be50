/** A calendar quarter: January–March is quarter 1. */
export interface Quarter {
  readonly year: number;
  readonly quarter: 1 | 2 | 3 | 4;
}

const MONTH_OR_DATE = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/;

/** The quarter of a "YYYY-MM-DD" date or a "YYYY-MM" month. */
export function quarterOf(dateOrMonth: string): Quarter {
  const { year, month } = parseMonth(dateOrMonth);
  return { year, quarter: (Math.floor((month - 1) / 3) + 1) as Quarter["quarter"] };
}

/** The last month ("YYYY-MM") of the quarter that contains `yyyyMm`: "2026-02" → "2026-03". */
export function lastMonthOfQuarter(yyyyMm: string): string {
  const { year, quarter } = quarterOf(yyyyMm);
  return `${year}-${String(quarter * 3).padStart(2, "0")}`;
}

/**
 * R2c: true when `month` is the last month of its quarter and none of the thematic meetings
 * ("YYYY-MM-DD", scheduled or held, cancelled ones left out by the caller) lies in that quarter.
 * Earlier months of a quarter never raise the alert: there is still time to schedule one.
 */
export function thematicGap(input: {
  readonly month: string;
  readonly thematicMeetingDates: readonly string[];
}): boolean {
  if (lastMonthOfQuarter(input.month) !== input.month) return false;
  const { year, quarter } = quarterOf(input.month);
  return !input.thematicMeetingDates.some((date) => {
    const q = quarterOf(date);
    return q.year === year && q.quarter === quarter;
  });
}

function parseMonth(value: string): { year: number; month: number } {
  const match = MONTH_OR_DATE.exec(value);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  const day = match?.[3] === undefined ? 1 : Number(match[3]);
  const utc = new Date(Date.UTC(year, month - 1, day));
  if (!match || utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== day) {
    throw new RangeError(`not a month "YYYY-MM" or date "YYYY-MM-DD": ${value}`);
  }
  return { year, month };
}
