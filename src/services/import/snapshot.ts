// What the database already holds, by external code: validation checks references against it and
// the plan compares with it, so a re-import of the same file changes nothing.
import type {
  CellKind,
  CellRole,
  MembershipKind,
  Prisma,
  StatusPeriodKind,
  UnitKind,
} from "@prisma/client";
import type { CalendarDate } from "../../domain/eligibility.ts";
import { dateColumn } from "../../domain/local-time.ts";

export interface ExistingUnit {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly kind: UnitKind;
  readonly parentCode: string | null;
  readonly cellKind: CellKind | null;
  readonly dayRule: string | null;
  readonly meetingTime: string;
  readonly meetingPlace: string | null;
}

export interface ExistingMember {
  readonly id: string;
  readonly code: string;
  readonly fullName: string;
  readonly cellCode: string | null;
  readonly membership: MembershipKind;
  readonly cellRole: CellRole;
  readonly joinedOn: CalendarDate | null;
  readonly leftOn: CalendarDate | null;
}

export interface ExistingPeriod {
  readonly id: string;
  readonly kind: StatusPeriodKind;
  readonly from: CalendarDate;
  readonly to: CalendarDate | null;
  readonly decisionRef: string | null;
}

export interface Snapshot {
  readonly units: ReadonlyMap<string, ExistingUnit>;
  readonly members: ReadonlyMap<string, ExistingMember>;
  /** By member code. */
  readonly periods: ReadonlyMap<string, readonly ExistingPeriod[]>;
  /** assignmentKey(member code, unit code). */
  readonly assignments: ReadonlySet<string>;
}

export const assignmentKey = (memberCode: string, unitCode: string) =>
  JSON.stringify([memberCode, unitCode]);

export const EMPTY_SNAPSHOT: Snapshot = {
  units: new Map(),
  members: new Map(),
  periods: new Map(),
  assignments: new Set(),
};

export async function loadSnapshot(tx: Prisma.TransactionClient): Promise<Snapshot> {
  const [units, members, periods, assignments] = await Promise.all([
    tx.unit.findMany({ include: { parent: { select: { code: true } } } }),
    tx.member.findMany({ include: { cell: { select: { code: true } } } }),
    tx.statusPeriod.findMany({ include: { member: { select: { code: true } } } }),
    tx.committeeAssignment.findMany({
      include: { member: { select: { code: true } }, unit: { select: { code: true } } },
    }),
  ]);
  const byMember = new Map<string, ExistingPeriod[]>();
  for (const p of periods) {
    const list = byMember.get(p.member.code) ?? [];
    list.push({
      id: p.id,
      kind: p.kind,
      from: dateColumn(p.fromDate),
      to: p.toDate ? dateColumn(p.toDate) : null,
      decisionRef: p.decisionRef,
    });
    byMember.set(p.member.code, list);
  }
  return {
    units: new Map(
      units.map((u) => [
        u.code,
        {
          id: u.id,
          code: u.code,
          name: u.name,
          kind: u.kind,
          parentCode: u.parent?.code ?? null,
          cellKind: u.cellKind,
          dayRule: u.dayRule,
          meetingTime: u.meetingTime,
          meetingPlace: u.meetingPlace,
        },
      ]),
    ),
    members: new Map(
      members.map((m) => [
        m.code,
        {
          id: m.id,
          code: m.code,
          fullName: m.fullName,
          cellCode: m.cell?.code ?? null,
          membership: m.membership,
          cellRole: m.cellRole,
          joinedOn: m.joinedOn ? dateColumn(m.joinedOn) : null,
          leftOn: m.leftOn ? dateColumn(m.leftOn) : null,
        },
      ]),
    ),
    periods: byMember,
    assignments: new Set(assignments.map((a) => assignmentKey(a.member.code, a.unit.code))),
  };
}
