import type { Member as MemberRow, StatusPeriod as StatusRow } from "@prisma/client";
import type { Member } from "../domain/eligibility.ts";
import { dateColumn } from "../domain/local-time.ts";

export type MemberWithStatuses = Pick<MemberRow, "id" | "joinedOn" | "leftOn"> & {
  statusPeriods: Pick<StatusRow, "kind" | "fromDate" | "toDate">[];
};

/** The domain's view of a member row: dates in the cell and status periods (R6). */
export function toDomainMember(row: MemberWithStatuses): Member {
  const text = (date: Date | null) => (date ? dateColumn(date) : null);
  return memberFromText(
    { id: row.id, joinedOn: text(row.joinedOn), leftOn: text(row.leftOn) },
    row.statusPeriods.map((s) => ({
      kind: s.kind,
      fromDate: dateColumn(s.fromDate),
      toDate: text(s.toDate),
    })),
  );
}

/** The same from raw SQL that gave the dates as text (`::text`, "yyyy-MM-dd"). */
export function memberFromText(
  row: { id: string; joinedOn: string | null; leftOn: string | null },
  periods: readonly StatusPeriodJson[],
): Member {
  return {
    id: row.id,
    joined: row.joinedOn ?? "0001-01-01",
    left: row.leftOn,
    statuses: periods.map((s) => ({
      kind: s.kind === "EXEMPT" ? "exempt" : "special_duty",
      from: s.fromDate,
      to: s.toDate,
    })),
  };
}

/** A status period as `json_build_object` returns it from raw SQL (dates as "yyyy-MM-dd"). */
export interface StatusPeriodJson {
  kind: "EXEMPT" | "SPECIAL_DUTY";
  fromDate: string;
  toDate: string | null;
}

export const periodFromJson = (s: StatusPeriodJson) => ({
  kind: s.kind,
  fromDate: new Date(s.fromDate),
  toDate: s.toDate ? new Date(s.toDate) : null,
});
