// Applying a plan inside the caller's transaction: inserts in bulk (ids made here, so children
// can point at parents created in the same import), updates only what changed.
import { randomUUID } from "node:crypto";
import type { Prisma } from "@prisma/client";
import type { CalendarDate } from "../../domain/eligibility.ts";
import { unitLevel } from "./format.ts";
import type { MemberData, Plan, UnitData } from "./plan.ts";
import type { Snapshot } from "./snapshot.ts";

type Tx = Prisma.TransactionClient;

const toDateColumn = (date: CalendarDate | null) =>
  date === null ? null : new Date(`${date}T00:00:00Z`);

export async function applyPlan(tx: Tx, plan: Plan, snapshot: Snapshot): Promise<void> {
  const unitIds = new Map([...snapshot.units.values()].map((u) => [u.code, u.id]));
  const memberIds = new Map([...snapshot.members.values()].map((m) => [m.code, m.id]));
  const unitId = (code: string | null) => (code === null ? null : unitIds.get(code)!);
  const memberId = (code: string) => memberIds.get(code)!;

  // Parents come first in the plan; one insert per level keeps the foreign keys satisfied.
  for (const level of groupBy(plan.units.create, (u) => unitLevel(u.kind))) {
    for (const u of level) unitIds.set(u.code, randomUUID());
    await tx.unit.createMany({
      data: level.map(({ code, parentCode, ...rest }) => ({
        ...rest,
        id: unitIds.get(code)!,
        code,
        parentId: unitId(parentCode),
      })),
    });
  }
  for (const u of plan.units.update) {
    await tx.unit.update({ where: { id: u.id }, data: unitColumns(u.data, unitId) });
  }

  for (const m of plan.members.create) memberIds.set(m.code, randomUUID());
  if (plan.members.create.length > 0) {
    await tx.member.createMany({
      data: plan.members.create.map(({ code, cellCode, joinedOn, leftOn, ...rest }) => ({
        ...rest,
        id: memberIds.get(code)!,
        code,
        cellId: unitId(cellCode),
        joinedOn: toDateColumn(joinedOn),
        leftOn: toDateColumn(leftOn),
      })),
    });
  }
  for (const m of plan.members.update) {
    await tx.member.update({ where: { id: m.id }, data: memberColumns(m.data, unitId) });
  }

  if (plan.periods.create.length > 0) {
    await tx.statusPeriod.createMany({
      data: plan.periods.create.map((p) => ({
        memberId: memberId(p.memberCode),
        kind: p.kind,
        fromDate: toDateColumn(p.from)!,
        toDate: toDateColumn(p.to),
        decisionRef: p.decisionRef,
      })),
    });
  }
  for (const p of plan.periods.update) {
    await tx.statusPeriod.update({
      where: { id: p.id },
      data: {
        ...(p.data.to !== undefined ? { toDate: toDateColumn(p.data.to) } : {}),
        ...(p.data.decisionRef !== undefined ? { decisionRef: p.data.decisionRef } : {}),
      },
    });
  }

  if (plan.assignments.create.length > 0) {
    await tx.committeeAssignment.createMany({
      data: plan.assignments.create.map((a) => ({
        memberId: memberId(a.memberCode),
        unitId: unitId(a.unitCode)!,
      })),
    });
  }
}

function unitColumns(data: Partial<UnitData>, unitId: (code: string | null) => string | null) {
  const { parentCode, ...rest } = data;
  return { ...rest, ...(parentCode !== undefined ? { parentId: unitId(parentCode) } : {}) };
}

function memberColumns(data: Partial<MemberData>, unitId: (code: string | null) => string | null) {
  const { cellCode, joinedOn, leftOn, ...rest } = data;
  return {
    ...rest,
    ...(cellCode !== undefined ? { cellId: unitId(cellCode) } : {}),
    ...(joinedOn !== undefined ? { joinedOn: toDateColumn(joinedOn) } : {}),
    ...(leftOn !== undefined ? { leftOn: toDateColumn(leftOn) } : {}),
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => number): T[][] {
  const groups = new Map<number, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return [...groups.entries()].sort(([a], [b]) => a - b).map(([, group]) => group);
}
