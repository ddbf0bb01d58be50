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
