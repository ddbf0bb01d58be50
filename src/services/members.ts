import type { Member as MemberRow, StatusPeriod as StatusRow } from "@prisma/client";
import type { Member } from "../domain/eligibility.ts";
import { dateColumn } from "../domain/local-time.ts";

export type MemberWithStatuses = Pick<MemberRow, "id" | "joinedOn" | "leftOn"> & {
  statusPeriods: Pick<StatusRow, "kind" | "fromDate" | "toDate">[];
};

/** The domain's view of a member row: dates in the cell and status periods (R6). */
export function toDomainMember(row: MemberWithStatuses): Member {
  return {
    id: row.id,
    joined: row.joinedOn ? dateColumn(row.joinedOn) : "0001-01-01",
    left: row.leftOn ? dateColumn(row.leftOn) : null,
    statuses: row.statusPeriods.map((s) => ({
      kind: s.kind === "EXEMPT" ? "exempt" : "special_duty",
      from: dateColumn(s.fromDate),
      to: s.toDate ? dateColumn(s.toDate) : null,
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
