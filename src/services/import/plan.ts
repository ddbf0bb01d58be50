// What an import would change, compared with the database: only real differences become writes,
// so importing the same file again writes nothing. Pure.
import type {
  CellKind,
  CellRole,
  MembershipKind,
  StatusPeriodKind,
  UnitKind,
} from "@prisma/client";
import type { CalendarDate } from "../../domain/eligibility.ts";
import { isMeetingUnit } from "./format.ts";
import {
  assignmentKey,
  type ExistingMember,
  type ExistingUnit,
  type Snapshot,
} from "./snapshot.ts";
import { DEFAULT_MEETING_TIME, type Validated } from "./validate.ts";

/** A unit's stored fields, with the parent by code. */
export interface UnitData {
  name: string;
  kind: UnitKind;
  parentCode: string | null;
  cellKind: CellKind | null;
  dayRule: string | null;
  meetingTime: string;
  meetingPlace: string | null;
}

/** A member's stored fields, with the cell by code. */
export interface MemberData {
  fullName: string;
  cellCode: string | null;
  membership: MembershipKind;
  joinedOn: CalendarDate | null;
  leftOn: CalendarDate | null;
  cellRole: CellRole;
}

export interface PeriodData {
  memberCode: string;
  kind: StatusPeriodKind;
  from: CalendarDate;
  to: CalendarDate | null;
  decisionRef: string | null;
}

export interface Counts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface Plan {
  readonly units: {
    create: ({ code: string } & UnitData)[];
    update: { code: string; id: string; data: Partial<UnitData> }[];
  };
  readonly members: {
    create: ({ code: string } & MemberData)[];
    update: { code: string; id: string; data: Partial<MemberData> }[];
  };
  readonly periods: {
    create: PeriodData[];
    update: { id: string; key: string; data: Partial<Pick<PeriodData, "to" | "decisionRef">> }[];
  };
  readonly assignments: { create: { memberCode: string; unitCode: string }[] };
  readonly counts: {
    units: Counts;
    members: Counts;
    /** Roles of new members; role changes of stored ones (to secretary, deputy or none). */
    roles: Counts;
    periods: Counts;
    assignments: Counts;
  };
  /** Members of the file's cells that the file leaves out (never deleted; told to the clerk). */
  readonly absent: string[];
  /** Meeting units whose meetings or reminders may change: the planner runs on them. */
  readonly touchedUnits: string[];
}

const UNIT_FIELDS = [
  "name",
  "kind",
  "parentCode",
  "cellKind",
  "dayRule",
  "meetingTime",
  "meetingPlace",
] as const;
const MEMBER_FIELDS = [
  "fullName",
  "cellCode",
  "membership",
  "joinedOn",
  "leftOn",
  "cellRole",
] as const;

/** The fields of `next` that differ from `current`. */
function changes<T extends object>(current: T, next: T, fields: readonly (keyof T)[]): Partial<T> {
  const diff: Partial<T> = {};
  for (const field of fields) if (current[field] !== next[field]) diff[field] = next[field];
  return diff;
}

const isEmpty = (o: object) => Object.keys(o).length === 0;
const total = (create: number, update: number, all: number): Counts => ({
  created: create,
  updated: update,
  unchanged: all - create - update,
});

export function planImport(valid: Validated, snapshot: Snapshot, today: CalendarDate): Plan {
  const touched = new Set<string>();

  // Units: the file's columns over what is stored; an absent column keeps the stored value.
  const finalUnits = new Map<string, { kind: UnitKind; parentCode: string | null }>();
  for (const u of snapshot.units.values()) finalUnits.set(u.code, u);
  const unitCreate: Plan["units"]["create"] = [];
  const unitUpdate: Plan["units"]["update"] = [];
  for (const row of valid.units) {
    const existing: ExistingUnit | undefined = snapshot.units.get(row.code);
    const next: UnitData = {
      name: row.name,
      kind: row.kind,
      parentCode: row.parent,
      cellKind: row.cellKind === undefined ? (existing?.cellKind ?? null) : row.cellKind,
      dayRule: row.dayRule === undefined ? (existing?.dayRule ?? null) : row.dayRule,
      meetingTime: row.meetingTime ?? existing?.meetingTime ?? DEFAULT_MEETING_TIME,
      meetingPlace:
        row.meetingPlace === undefined ? (existing?.meetingPlace ?? null) : row.meetingPlace,
    };
    finalUnits.set(row.code, next);
    if (!existing) {
      unitCreate.push({ code: row.code, ...next });
      if (isMeetingUnit(next.kind)) touched.add(row.code);
      continue;
    }
    const data = changes<UnitData>(existing, next, UNIT_FIELDS);
    if (isEmpty(data)) continue;
    unitUpdate.push({ code: row.code, id: existing.id, data });
    if (isMeetingUnit(next.kind)) touched.add(row.code);
  }

  // Roles: a cell named in the roles sheet gets exactly the roles listed there; a member who
  // moves to another cell, or whose leaving the file records, loses the role unless listed.
  const roleOf = new Map(valid.roles.map((r) => [r.member, r.role]));
  const roleCells = new Set(valid.roles.map((r) => r.cell));
  const fileMembers = new Map(valid.members.map((m) => [m.code, m]));
  let rolesCreated = 0;
  let roleChanges = 0;
  const finalRole = (
    code: string,
    cellCode: string | null,
    existing?: ExistingMember,
    leftOn: CalendarDate | null = existing?.leftOn ?? null,
  ) => {
    const listed = roleOf.get(code);
    if (listed) return listed;
    if (cellCode !== null && roleCells.has(cellCode)) return "MEMBER";
    if (existing && existing.cellCode !== cellCode) return "MEMBER";
    if (leftOn !== null && leftOn <= today && leftOn !== existing?.leftOn) return "MEMBER";
    return existing?.cellRole ?? "MEMBER";
  };

  const memberCreate: Plan["members"]["create"] = [];
  const memberUpdate: Plan["members"]["update"] = [];
  let membersUpdated = 0;
  const finalCell = new Map<string, string | null>();
  for (const row of valid.members) {
    const existing = snapshot.members.get(row.code);
    const cellCode = row.cell === undefined ? (existing?.cellCode ?? null) : row.cell;
    finalCell.set(row.code, cellCode);
    let joinedOn = row.joinedOn === undefined ? (existing?.joinedOn ?? null) : row.joinedOn;
    // A member who moves to another cell joins it now unless the file gives a new date: the old
    // date would count them absent, without reason, at the new cell's earlier meetings.
    const moved = !!existing?.cellCode && cellCode !== null && cellCode !== existing.cellCode;
    if (moved && joinedOn === existing.joinedOn) joinedOn = today;
    const next: MemberData = {
      fullName: row.fullName,
      cellCode,
      membership: row.membership ?? existing?.membership ?? "FULL",
      joinedOn,
      leftOn: row.leftOn === undefined ? (existing?.leftOn ?? null) : row.leftOn,
      cellRole: "MEMBER",
    };
    next.cellRole = finalRole(row.code, cellCode, existing, next.leftOn);
    if (!existing) {
      memberCreate.push({ code: row.code, ...next });
      if (next.cellRole !== "MEMBER") rolesCreated += 1;
      if (cellCode) touched.add(cellCode);
      continue;
    }
    const data = changes<MemberData>(existing, next, MEMBER_FIELDS);
    if (isEmpty(data)) continue;
    memberUpdate.push({ code: row.code, id: existing.id, data });
    if (data.cellRole !== undefined) roleChanges += 1;
    if (Object.keys(data).some((k) => k !== "cellRole")) membersUpdated += 1;
    for (const cell of [existing.cellCode, cellCode]) if (cell) touched.add(cell);
  }
  // Members the file does not list whose role the roles sheet decides.
  for (const existing of snapshot.members.values()) {
    if (fileMembers.has(existing.code)) continue;
    const cellRole = finalRole(existing.code, existing.cellCode, existing);
    if (cellRole === existing.cellRole) continue;
    memberUpdate.push({ code: existing.code, id: existing.id, data: { cellRole } });
    roleChanges += 1;
    if (existing.cellCode) touched.add(existing.cellCode);
  }
  const cellOf = (code: string) =>
    finalCell.has(code) ? finalCell.get(code)! : (snapshot.members.get(code)?.cellCode ?? null);

  // Status periods, keyed by member, kind and start.
  const periodCreate: PeriodData[] = [];
  const periodUpdate: Plan["periods"]["update"] = [];
  for (const row of valid.periods) {
    const existing = (snapshot.periods.get(row.member) ?? []).find(
      (p) => p.kind === row.kind && p.from === row.from,
    );
    const decisionRef =
      row.decisionRef === undefined ? (existing?.decisionRef ?? null) : row.decisionRef;
    const touch = () => {
      const cell = cellOf(row.member);
      if (cell) touched.add(cell);
    };
    if (!existing) {
      periodCreate.push({
        memberCode: row.member,
        kind: row.kind,
        from: row.from,
        to: row.to,
        decisionRef,
      });
      touch();
      continue;
    }
    const data = changes(existing, { ...existing, to: row.to, decisionRef }, ["to", "decisionRef"]);
    if (isEmpty(data)) continue;
    periodUpdate.push({ id: existing.id, key: `${row.member}/${row.kind}/${row.from}`, data });
    touch();
  }

  // Committee assignments: added, never removed by an import.
  const assignmentCreate: Plan["assignments"]["create"] = [];
  for (const row of valid.assignments) {
    if (snapshot.assignments.has(assignmentKey(row.member, row.unit))) continue;
    assignmentCreate.push({ memberCode: row.member, unitCode: row.unit });
    const unit = finalUnits.get(row.unit);
    if (unit && isMeetingUnit(unit.kind)) touched.add(row.unit);
    for (const [code, u] of finalUnits)
      if (u.parentCode === row.unit && isMeetingUnit(u.kind)) touched.add(code);
  }

  const fileCells = new Set([...finalCell.values()].filter((c): c is string => c !== null));
  const absent = [...snapshot.members.values()]
    .filter(
      (m) =>
        !fileMembers.has(m.code) &&
        m.cellCode !== null &&
        fileCells.has(m.cellCode) &&
        (m.leftOn === null || m.leftOn > today),
    )
    .map((m) => m.code)
    .sort();

  return {
    units: { create: unitCreate, update: unitUpdate },
    members: { create: memberCreate, update: memberUpdate },
    periods: { create: periodCreate, update: periodUpdate },
    assignments: { create: assignmentCreate },
    counts: {
      units: total(unitCreate.length, unitUpdate.length, valid.units.length),
      members: total(memberCreate.length, membersUpdated, valid.members.length),
      roles: {
        created: rolesCreated,
        updated: roleChanges,
        unchanged: valid.roles.filter((r) => snapshot.members.get(r.member)?.cellRole === r.role)
          .length,
      },
      periods: total(periodCreate.length, periodUpdate.length, valid.periods.length),
      assignments: total(assignmentCreate.length, 0, valid.assignments.length),
    },
    absent,
    touchedUnits: [...touched].filter((code) => {
      const unit = finalUnits.get(code);
      return unit !== undefined && isMeetingUnit(unit.kind);
    }),
  };
}

/** Rows created plus rows updated, over every kind. */
export function changeCount(plan: Plan): { created: number; updated: number } {
  const all = Object.values(plan.counts);
  return {
    created: all.reduce((n, c) => n + c.created, 0),
    updated: all.reduce((n, c) => n + c.updated, 0),
  };
}
