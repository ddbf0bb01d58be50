import { countedMark, type MeetingRecord, type Member } from "./eligibility.ts";
import type { Policy } from "./policy.ts";

/**
 * R8: per calendar year, how many months had at least one unexcused absence by the member
 * (regular or thematic meeting; a month counts once). Years without one are left out.
 */
export function unexcusedMonthsByYear(
  member: Member,
  meetings: readonly MeetingRecord[],
): Record<string, number> {
  const months = new Set(
    meetings.filter((m) => countedMark(member, m) === "unexcused").map((m) => m.date.slice(0, 7)),
  );
  const byYear: Record<string, number> = {};
  for (const month of months) {
    const year = month.slice(0, 4);
    byYear[year] = (byYear[year] ?? 0) + 1;
  }
  return byYear;
}

export type RemovalLevel = "warning" | "consider";

/** R8 levels with the default 3: 2 months = warning to the secretary, 3 = consider for removal. */
export function removalLevel(
  months: number,
  policy: Pick<Policy, "removalMonths">,
): RemovalLevel | null {
  if (months >= policy.removalMonths) return "consider";
  if (months === policy.removalMonths - 1 && months > 0) return "warning";
  return null;
}

/** R8: the years in which the member should be considered for removal (never automatic). */
export function removalConsiderationYears(
  member: Member,
  meetings: readonly MeetingRecord[],
  policy: Pick<Policy, "removalMonths">,
): string[] {
  return Object.entries(unexcusedMonthsByYear(member, meetings))
    .filter(([, months]) => removalLevel(months, policy) === "consider")
    .map(([year]) => year);
}
