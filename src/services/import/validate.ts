// Checking the rows against each other and against the database. Pure: the rows, what the
// database holds and today's date in, the good rows and every problem out.
import type {
  CellKind,
  CellRole,
  MembershipKind,
  StatusPeriodKind,
  UnitKind,
} from "@prisma/client";
import type { CalendarDate } from "../../domain/eligibility.ts";
import { flagDuplicates, type Located, type Row, rowsOf } from "./checked-row.ts";
import {
  CELL_KINDS,
  CELL_ROLES,
  isMeetingUnit,
  labelOf,
  MEMBERSHIP_KINDS,
  PARENT_KINDS,
  STATUS_KINDS,
  UNIT_KINDS,
  unitLevel,
} from "./format.ts";
import { type Problem, rowList } from "./problems.ts";
import type { ReadSheet } from "./read.ts";
import { assignmentKey, type Snapshot } from "./snapshot.ts";
import { asDayRule, asText, asTime, displayDate } from "./values.ts";

const MAX_CODE = 40;
const MAX_NAME = 200;
const MAX_DECISION = 100;
/** The messages' word for a period without an end (a Fluent selector). */
const OPEN_END = "none";
/** What the planner assumes when a cell has no meeting time. */
export const DEFAULT_MEETING_TIME = "19:30";

/**
 * A unit row. Optional fields are undefined when their column is absent (the stored value stays)
 * and null when the cell is empty (the stored value is cleared).
 */
export interface UnitInput extends Located {
  readonly code: string;
  readonly name: string;
  readonly kind: UnitKind;
  readonly parent: string | null;
  readonly cellKind?: CellKind | null;
  readonly dayRule?: string | null;
  readonly meetingTime?: string;
  readonly meetingPlace?: string | null;
}

export interface MemberInput extends Located {
  readonly code: string;
  readonly fullName: string;
  readonly cell?: string | null;
  readonly membership?: MembershipKind;
  readonly joinedOn?: CalendarDate | null;
  readonly leftOn?: CalendarDate | null;
}

export interface RoleInput extends Located {
  readonly cell: string;
  readonly member: string;
  readonly role: Exclude<CellRole, "MEMBER">;
}

export interface PeriodInput extends Located {
  readonly member: string;
  readonly kind: StatusPeriodKind;
  readonly from: CalendarDate;
  readonly to: CalendarDate | null;
  readonly decisionRef?: string | null;
}

export interface AssignmentInput extends Located {
  readonly member: string;
  readonly unit: string;
}

export interface Validated {
  readonly units: UnitInput[];
  readonly members: MemberInput[];
  readonly roles: RoleInput[];
  readonly periods: PeriodInput[];
  readonly assignments: AssignmentInput[];
  readonly problems: Problem[];
  /** Data rows read, and how many of them have a problem. */
  readonly rows: number;
  readonly badRows: number;
}

type Ref<T> =
  | { readonly found: T; readonly bad?: undefined }
  | { readonly bad: Located; readonly found?: undefined }
  | undefined;

export function validate(
  sheets: readonly ReadSheet[],
  snapshot: Snapshot,
  today: CalendarDate,
  options: { partial?: boolean } = {},
): Validated {
  const units = rowsOf<UnitInput>(sheets, "units");
  const members = rowsOf<MemberInput>(sheets, "members");
  const roles = rowsOf<RoleInput>(sheets, "roles");
  const periods = rowsOf<PeriodInput>(sheets, "statuses");
  const assignments = rowsOf<AssignmentInput>(sheets, "assignments");

  // 1. Each row on its own.
  for (const r of units) {
    const code = r.need("code", MAX_CODE);
    const name = r.need("name", MAX_NAME);
    const kind = r.choice("kind", UNIT_KINDS);
    if (kind === null) r.fail("import-empty-value", { column: r.column("kind") });
    const parent = r.optionalText("parent", MAX_CODE) ?? null;
    const cellKind = r.choice("cellKind", CELL_KINDS);
    const dayRuleText = r.optionalText("dayRule", MAX_NAME);
    const dayRule = dayRuleText ? asDayRule(dayRuleText) : dayRuleText;
    if (dayRule === undefined && dayRuleText)
      r.fail("import-bad-day-rule", { column: r.column("dayRule"), value: dayRuleText });
    let meetingTime: string | undefined;
    if (r.has("meetingTime")) {
      const value = r.cell("meetingTime");
      meetingTime = asText(value) === "" ? DEFAULT_MEETING_TIME : asTime(value);
      if (meetingTime === undefined)
        r.fail("import-bad-time", { column: r.column("meetingTime"), value: asText(value) });
    }
    const meetingPlace = r.optionalText("meetingPlace", MAX_NAME);
    r.value = { code, name, kind: kind ?? undefined, parent, cellKind, meetingPlace };
    if (dayRule !== undefined || !r.has("dayRule")) r.value.dayRule = dayRule;
    if (meetingTime !== undefined) r.value.meetingTime = meetingTime;
  }
  for (const r of members) {
    const code = r.need("code", MAX_CODE);
    const fullName = r.need("fullName", MAX_NAME);
    const cell = r.optionalText("cell", MAX_CODE);
    const membership = r.choice("membership", MEMBERSHIP_KINDS);
    const joinedOn = r.date("joinedOn");
    const leftOn = r.date("leftOn");
    r.value = {
      code,
      fullName,
      cell,
      membership: membership === null ? "FULL" : membership,
      joinedOn,
      leftOn,
    };
  }
  for (const r of roles) {
    const cell = r.need("cell", MAX_CODE);
    const member = r.need("member", MAX_CODE);
    const role = r.choice("role", CELL_ROLES);
    if (role === null) r.fail("import-empty-value", { column: r.column("role") });
    r.value = { cell, member, role: role ?? undefined };
  }
  for (const r of periods) {
    const member = r.need("member", MAX_CODE);
    const kind = r.choice("kind", STATUS_KINDS);
    if (kind === null) r.fail("import-empty-value", { column: r.column("kind") });
    const from = r.date("from");
    if (from === null) r.fail("import-empty-value", { column: r.column("from") });
    const to = r.date("to") ?? null;
    if (from && to && to < from) {
      r.fail("import-period-reversed", { from: displayDate(from), to: displayDate(to) });
    }
    const decisionRef = r.optionalText("decision", MAX_DECISION);
    r.value = { member, kind: kind ?? undefined, from: from ?? undefined, to, decisionRef };
  }
  for (const r of assignments) {
    r.value = { member: r.need("member", MAX_CODE), unit: r.need("unit", MAX_CODE) };
  }

  // 2. Codes used twice in the file.
  flagDuplicates(
    units,
    (r) => r.value.code || undefined,
    (r, rows) => r.fail("import-duplicate-unit", { code: r.value.code!, rows }),
  );
  flagDuplicates(
    members,
    (r) => r.value.code || undefined,
    (r, rows) => r.fail("import-duplicate-member", { code: r.value.code!, rows }),
  );

  // 3. The unit tree, parents first (a valid parent always has a lower level than its child).
  const fileUnits = new Map(units.filter((r) => r.value.code).map((r) => [r.value.code!, r]));
  const unitRef = (code: string): Ref<{ kind: UnitKind }> => {
    const row = fileUnits.get(code);
    if (row) return row.ok ? { found: { kind: row.value.kind! } } : { bad: row.at };
    const existing = snapshot.units.get(code);
    return existing ? { found: { kind: existing.kind } } : undefined;
  };
  for (const r of [...units].sort((a, b) => unitLevel(a.value.kind) - unitLevel(b.value.kind))) {
    if (!r.ok) continue;
    const { code, kind, parent } = r.value as UnitInput;
    const allowed = PARENT_KINDS[kind];
    if (parent === null) {
      if (kind === "CELL") r.fail("import-cell-needs-parent");
    } else if (allowed.length === 0) {
      r.fail("import-top-has-parent", { code: parent });
    } else {
      const ref = unitRef(parent);
      if (!ref) r.fail("import-unknown-parent", { code: parent });
      else if (ref.bad)
        r.fail("import-reference-bad", { what: "unit", code: parent, ...where(ref.bad) });
      else if (!allowed.includes(ref.found.kind)) {
        r.fail("import-bad-parent-kind", {
          kind: labelOf(UNIT_KINDS, kind),
          code: parent,
          parentKind: labelOf(UNIT_KINDS, ref.found.kind),
          expected: allowed.map((k) => labelOf(UNIT_KINDS, k)).join(", "),
        });
      }
    }
    const existing = snapshot.units.get(code);
    if (isMeetingUnit(kind)) {
      const known = existing && isMeetingUnit(existing.kind) && existing.cellKind !== null;
      if (r.value.cellKind === null || (r.value.cellKind === undefined && !known))
        r.fail("import-missing-cell-kind", { column: r.column("cellKind") });
    } else {
      r.value.cellKind = null;
    }
    if (existing && existing.kind !== kind) checkKindChange(r, existing.code, kind);
  }

  // A unit whose kind changes must still fit what stays under it in the database.
  function checkKindChange(r: Row<UnitInput>, code: string, kind: UnitKind) {
    const fileMembers = new Map(members.map((m) => [m.value.code, m]));
    const staying = [...snapshot.members.values()].filter((m) => {
      const row = fileMembers.get(m.code);
      const cell = row && row.value.cell !== undefined ? row.value.cell : m.cellCode;
      return cell === code && m.leftOn === null;
    });
    if (!isMeetingUnit(kind) && staying.length > 0) {
      r.fail("import-kind-change-members", {
        kind: labelOf(UNIT_KINDS, kind),
        count: staying.length,
      });
    }
    const children = [...snapshot.units.values()].filter((u) => {
      const row = fileUnits.get(u.code);
      return (row ? row.value.parent : u.parentCode) === code;
    });
    const misfits = children.filter((u) => {
      const childKind = fileUnits.get(u.code)?.value.kind ?? u.kind;
      return !PARENT_KINDS[childKind].includes(kind);
    });
    if (misfits.length > 0) {
      r.fail("import-kind-change-children", {
        kind: labelOf(UNIT_KINDS, kind),
        count: misfits.length,
        codes: misfits.map((u) => u.code).join(", "),
      });
    }
  }

  /** A cell code a member or a role names: it must be a meeting unit. */
  const checkCell = (r: Row<object>, code: string) => {
    const ref = unitRef(code);
    if (!ref) r.fail("import-missing-cell", { code });
    else if (ref.bad) r.fail("import-reference-bad", { what: "unit", code, ...where(ref.bad) });
    else if (!isMeetingUnit(ref.found.kind))
      r.fail("import-not-a-cell", { code, kind: labelOf(UNIT_KINDS, ref.found.kind) });
  };

  // 4. Members: their cell, their dates. A member without a cell is a committee member in charge.
  const assigned = new Set(assignments.map((a) => a.value.member).filter(Boolean));
  for (const key of snapshot.assignments) assigned.add(JSON.parse(key)[0] as string);
  for (const r of members) {
    if (!r.ok) continue;
    const { code, cell, joinedOn, leftOn } = r.value as MemberInput;
    const existing = snapshot.members.get(code);
    if (cell) checkCell(r, cell);
    else if (!assigned.has(code) && (cell === null || !existing?.cellCode))
      r.fail("import-no-cell", { column: r.column("cell") });
    const joined = joinedOn === undefined ? existing?.joinedOn : joinedOn;
    const left = leftOn === undefined ? existing?.leftOn : leftOn;
    if (joined && left && left <= joined) {
      r.fail("import-left-before-joined", {
        left: displayDate(left),
        joined: displayDate(joined),
      });
    }
  }

  const fileMembers = new Map(members.filter((r) => r.value.code).map((r) => [r.value.code!, r]));
  const memberRef = (code: string): Ref<{ cell: string | null; leftOn: CalendarDate | null }> => {
    const row = fileMembers.get(code);
    const existing = snapshot.members.get(code);
    if (row) {
      if (!row.ok) return { bad: row.at };
      const { cell, leftOn } = row.value;
      return {
        found: {
          cell: cell === undefined ? (existing?.cellCode ?? null) : cell,
          leftOn: leftOn === undefined ? (existing?.leftOn ?? null) : leftOn,
        },
      };
    }
    return existing ? { found: { cell: existing.cellCode, leftOn: existing.leftOn } } : undefined;
  };
  const checkMember = (r: Row<object>, code: string) => {
    const ref = memberRef(code);
    if (!ref) r.fail("import-unknown-member", { code });
    else if (ref.bad) r.fail("import-reference-bad", { what: "member", code, ...where(ref.bad) });
    return ref?.found;
  };

  // 5. Roles: a secretary or deputy sits in the cell, one secretary per cell, one role each.
  flagDuplicates(
    roles,
    (r) => r.value.member || undefined,
    (r, rows) => r.fail("import-two-roles", { member: r.value.member!, rows }),
  );
  flagDuplicates(
    roles,
    (r) => (r.value.role === "SECRETARY" && r.value.cell ? r.value.cell : undefined),
    (r, rows) => r.fail("import-two-secretaries", { cell: r.value.cell!, rows }),
  );
  for (const r of roles) {
    if (!r.ok) continue;
    const { cell, member } = r.value as RoleInput;
    checkCell(r, cell);
    const found = checkMember(r, member);
    if (!r.ok || !found) continue;
    if (found.cell !== cell) {
      const role = labelOf(CELL_ROLES, r.value.role!);
      if (found.cell === null) r.fail("import-role-no-cell", { member, cell, role });
      else r.fail("import-role-not-member", { member, cell, actual: found.cell, role });
    } else if (found.leftOn !== null && found.leftOn <= today) {
      r.fail("import-role-left", { member, date: displayDate(found.leftOn) });
    }
  }

  // A cell's roles are one list: in a partial import, a bad row keeps the whole list out, or the
  // good rows alone would demote the cell's other leaders.
  if (options.partial) {
    const badCells = new Map<string, number[]>();
    for (const r of roles) {
      if (r.ok || !r.value.cell) continue;
      badCells.set(r.value.cell, [...(badCells.get(r.value.cell) ?? []), r.source.row]);
    }
    for (const r of roles) {
      const bad = r.value.cell ? badCells.get(r.value.cell) : undefined;
      if (r.ok && bad) r.fail("import-roles-cell-bad", { cell: r.value.cell!, rows: rowList(bad) });
    }
  }

  // 6. Status periods: keyed by member, kind and start; no two periods of a member overlap.
  const periodKey = (p: Partial<PeriodInput>) => JSON.stringify([p.member, p.kind, p.from]);
  flagDuplicates(
    periods,
    (r) => (r.value.member && r.value.kind && r.value.from ? periodKey(r.value) : undefined),
    (r, rows) => r.fail("import-duplicate-row", { rows }),
  );
  for (const r of periods) if (r.ok) checkMember(r, r.value.member!);
  const fileKeys = new Set(periods.map((r) => periodKey(r.value)));
  const byMember = new Map<string, Row<PeriodInput>[]>();
  for (const r of periods) {
    if (!r.value.member || !r.value.from || !r.value.kind) continue;
    byMember.set(r.value.member, [...(byMember.get(r.value.member) ?? []), r]);
  }
  for (const [member, list] of byMember) {
    for (const a of list) {
      for (const b of list) {
        if (periodKey(a.value) === periodKey(b.value)) continue;
        if (overlaps(a.value as PeriodInput, b.value as PeriodInput)) {
          a.fail("import-period-overlap", {
            row: String(b.source.row),
            kind: labelOf(STATUS_KINDS, b.value.kind!),
            from: displayDate(b.value.from!),
            to: b.value.to ? displayDate(b.value.to) : OPEN_END,
          });
        }
      }
      for (const p of snapshot.periods.get(member) ?? []) {
        if (fileKeys.has(periodKey({ member, kind: p.kind, from: p.from }))) continue;
        if (overlaps(a.value as PeriodInput, p)) {
          a.fail("import-period-overlap-db", {
            kind: labelOf(STATUS_KINDS, p.kind),
            from: displayDate(p.from),
            to: p.to ? displayDate(p.to) : OPEN_END,
          });
        }
      }
    }
  }

  // 7. Committee assignments: a committee member in charge of an organisation or a cell.
  flagDuplicates(
    assignments,
    (r) =>
      r.value.member && r.value.unit ? assignmentKey(r.value.member, r.value.unit) : undefined,
    (r, rows) => r.fail("import-duplicate-row", { rows }),
  );
  for (const r of assignments) {
    if (!r.ok) continue;
    const { member, unit } = r.value as AssignmentInput;
    checkMember(r, member);
    const ref = unitRef(unit);
    if (!ref) r.fail("import-unknown-unit", { code: unit });
    else if (ref.bad)
      r.fail("import-reference-bad", { what: "unit", code: unit, ...where(ref.bad) });
    else if (ref.found.kind === "TOWN_COMMITTEE")
      r.fail("import-assign-top", { code: unit, kind: labelOf(UNIT_KINDS, ref.found.kind) });
  }

  const all: Row<object>[] = [...units, ...members, ...roles, ...periods, ...assignments];
  const order = new Map(sheets.map((s, i) => [s.name, i]));
  const problems = all
    .flatMap((r) => r.problems)
    .sort((a, b) => (order.get(a.sheet) ?? 0) - (order.get(b.sheet) ?? 0) || a.row! - b.row!);
  const good = <T extends object>(rows: Row<T>[]) =>
    rows.filter((r) => r.ok).map((r) => ({ ...(r.value as T), ...r.at }));
  return {
    units: good(units),
    members: good(members),
    roles: good(roles),
    periods: good(periods),
    assignments: good(assignments),
    problems,
    rows: all.length,
    badRows: all.filter((r) => !r.ok).length,
  };
}

const where = (at: Located) => ({ sheet: at.sheet, row: String(at.row) });

/** Inclusive date ranges; an open end runs forever. */
function overlaps(
  a: { from: CalendarDate; to: CalendarDate | null },
  b: { from: CalendarDate; to: CalendarDate | null },
): boolean {
  return (b.to === null || a.from <= b.to) && (a.to === null || b.from <= a.to);
}
