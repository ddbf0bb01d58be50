// The demo organisation (SPEC §2): a town committee, 36 grassroots organisations, 168 meeting units
// (58 residential), about 20 members each, three months of history in which every rule R3–R8 is
// broken somewhere, and the coming meetings planned. Pure given `now`: same data on every run.
import type { AnswerKind, AttendanceStatus, Prisma, Unit } from "@prisma/client";
import { fromZonedTime } from "date-fns-tz";
import { type Db, quoteIdent } from "../db/client.ts";
import {
  type CalendarDate,
  type Member as DomainMember,
  type Mark,
  type MeetingRecord,
  standingOn,
} from "../domain/eligibility.ts";
import { evaluateCell } from "../domain/evaluate.ts";
import { localDate } from "../domain/local-time.ts";
import { meetingOutcome, minimumPresent } from "../domain/rate.ts";
import { removalLevel } from "../domain/removal.ts";
import { TIME_ZONE } from "../domain/schedule.ts";
import { streakLevel } from "../domain/streaks.ts";
import type { Services } from "../services/context.ts";
import { plannedStart, runPlanner } from "../services/planner.ts";
import type { Settings } from "../settings.ts";
import * as fixture from "./names.ts";
import { Random } from "./random.ts";

/** A meeting that started this long ago is over and its roll call closed (unless chosen open). */
const OVER_AFTER_MS = 3 * 3_600_000;
/** Sandbox chat ids: member DV00042 chats as 100042. */
const CHAT_ID_BASE = 100_000;
/** Every ZALO_EVERY-th linked member (by code) also has a Zalo chat: `zalo-<code>`. */
const ZALO_EVERY = 20;
const ZALO_OFFSET = 7;
const TOWN_COMMITTEE_SIZE = 21;
const WARD_COMMITTEE_SIZE = 3;
const MINUTE = 60_000;

/**
 * The cells that carry the demo's rule findings, by code. The R5 and R8 cells are residential
 * (day 3): their history reaches back until it holds four regular meetings in one calendar year.
 */
export const SCENARIO_CELLS = {
  /** R5: absent with a reason four times in a row (violation). */
  r5Violation: "DB01-CB02",
  /** R5: three in a row (warning) and two in a row (notice). */
  r5Warning: "DB02-CB04",
  /** R8: unexcused absences in three different months (consider for removal), one rejected reason. */
  r8Consider: "DB03-CB05",
  /** R8: unexcused absences in two months (warning), one rejected reason. */
  r8Warning: "DB07-CB02",
  /** R4: a reason the secretary rejected, in the last full month. */
  r4Rejected: "DB09-CB05",
  /** R3: the last full month's meeting fell short, many workers on shift. */
  r3Failed: "DB09-CB02",
  /** R9: the last full month's meeting lasted 75 minutes. */
  r9Short: "DB04-CB03",
  /** R2: no default day and nothing set this month by the secretary. */
  r2Unscheduled: "DB11-CB06",
  /**
   * A roll call opened and not yet closed: this cell (no default day) met today, or yesterday
   * when today's time is still ahead, so its secretary can still close it with /diemdanh.
   */
  openRollCall: "DB16-CB04",
} as const;

const OTHER_DAY_RULES: readonly string[] = [
  "day-5",
  "day-8",
  "day-10",
  "day-12",
  "day-15",
  "day-20",
  "first-monday",
  "first-tuesday",
  "second-wednesday",
  "second-friday",
  "third-thursday",
  "last-friday",
];

type Row<T> = T & { id: string };

interface SeedMember {
  readonly row: Row<Prisma.MemberCreateManyInput> & { code: string; fullName: string };
  /** The domain's view (R6 statuses, dates in the cell), kept in step with the row. */
  domain: DomainMember;
  linked: boolean;
}

interface SeedCell {
  readonly unit: Unit;
  readonly sector: fixture.Sector;
  readonly grassroots: boolean;
  readonly members: SeedMember[];
  /** Committee members assigned directly to this cell (R7 guests). */
  readonly guests: SeedMember[];
}

type MeetingState = "held" | "open" | "started" | "upcoming";

interface SeedMeeting {
  readonly row: Row<Prisma.MeetingCreateManyInput>;
  readonly cell: SeedCell;
  readonly month: string;
  state: MeetingState;
}

/** A scripted mark for one member in one month's regular meeting. */
interface Scripted {
  readonly mark: Mark;
  readonly reason?: string;
  /** Gave this reason, which the secretary rejected (R4). */
  readonly rejected?: boolean;
  /** Said "I'll come" and did not (R4 without any reason). */
  readonly saidAttending?: boolean;
}

export interface DemoData {
  readonly now: Date;
  readonly units: Unit[];
  readonly cells: SeedCell[];
  readonly members: SeedMember[];
  readonly statusPeriods: Row<Prisma.StatusPeriodCreateManyInput>[];
  readonly assignments: Row<Prisma.CommitteeAssignmentCreateManyInput>[];
  readonly identities: Row<Prisma.ChatIdentityCreateManyInput>[];
  readonly meetings: SeedMeeting[];
  readonly answers: Row<Prisma.AnswerCreateManyInput>[];
  readonly attendance: Row<Prisma.AttendanceCreateManyInput>[];
  readonly audit: Prisma.AuditLogCreateManyInput[];
}

// ---------------------------------------------------------------------------------------------
// Calendar helpers (calendar dates carry no time zone, so UTC arithmetic on them is exact).

function addDays(date: CalendarDate, days: number): CalendarDate {
  const [y = 0, m = 1, d = 1] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function addMonths(month: string, count: number): string {
  const [y = 0, m = 1] = month.split("-").map(Number);
  const index = y * 12 + m - 1 + count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let month = from; month <= to; month = addMonths(month, 1)) months.push(month);
  return months;
}

const dateColumn = (date: CalendarDate) => new Date(`${date}T00:00:00Z`);
const localInstant = (date: CalendarDate, time: string) =>
  fromZonedTime(`${date}T${time}:00`, TIME_ZONE);
const shiftMinutes = (instant: Date, minutes: number) =>
  new Date(instant.getTime() + minutes * MINUTE);
const pad = (n: number, width = 2) => String(n).padStart(width, "0");
/** "2026-10" → "10/2026", as Vietnamese readers write a month. */
const displayMonth = (month: string) => `${month.slice(5)}/${month.slice(0, 4)}`;

// ---------------------------------------------------------------------------------------------
// The organisation: units, members, committee assignments, chat identities (independent of now,
// except the dates, which are drawn as distances from it).

function fullName(rng: Random, male: boolean): string {
  const family = rng.weighted(fixture.FAMILY_NAMES);
  const middle = rng.weighted(male ? fixture.MALE_MIDDLE_NAMES : fixture.FEMALE_MIDDLE_NAMES);
  const givenNames = male ? fixture.MALE_GIVEN_NAMES : fixture.FEMALE_GIVEN_NAMES;
  let given = rng.pick(givenNames);
  while (given === middle) given = rng.pick(givenNames);
  const second = !male && middle === "Thị" && rng.chance(0.15);
  const extra = second ? rng.pick(fixture.FEMALE_SECOND_MIDDLE_NAMES) : "";
  const parts = [family, middle, extra && extra !== given ? extra : "", given].filter(Boolean);
  return parts.join(" ").normalize("NFC");
}

const MALE_SHARE: Record<fixture.Sector, number> = {
  residential: 0.55,
  agency: 0.55,
  enterprise: 0.7,
  school: 0.3,
  health: 0.35,
  military: 0.9,
  police: 0.85,
};

function buildOrganisation(now: Date) {
  const today = localDate(now);
  const rng = new Random("chibo-demo/organisation");
  const ids = new Random("chibo-demo/ids");
  const units: Unit[] = [];
  const cells: SeedCell[] = [];
  const members: SeedMember[] = [];
  const statusPeriods: Row<Prisma.StatusPeriodCreateManyInput>[] = [];
  const assignments: Row<Prisma.CommitteeAssignmentCreateManyInput>[] = [];
  let memberSeq = 0;

  const unit = (data: Partial<Unit> & Pick<Unit, "code" | "name" | "kind">): Unit => {
    const row: Unit = {
      id: ids.uuid(),
      parentId: null,
      cellKind: null,
      dayRule: null,
      meetingTime: "19:30",
      meetingPlace: null,
      reminderOffsets: null,
      createdAt: now,
      updatedAt: now,
      ...data,
    };
    units.push(row);
    return row;
  };

  const person = (
    cellId: string | null,
    sector: fixture.Sector,
    taken: Set<string>,
  ): SeedMember & { row: { code: string } } => {
    memberSeq += 1;
    let name = fullName(rng, rng.chance(MALE_SHARE[sector]));
    while (taken.has(name)) name = fullName(rng, rng.chance(MALE_SHARE[sector]));
    taken.add(name);
    const yearsIn = sector === "residential" ? rng.int(3, 45) : rng.int(2, 28);
    const joined = addDays(today, -(yearsIn * 365 + rng.int(0, 364)));
    const id = ids.uuid();
    const member: SeedMember = {
      row: {
        id,
        code: `DV${pad(memberSeq, 5)}`,
        fullName: name,
        cellId,
        membership: "FULL",
        cellRole: "MEMBER",
        joinedOn: dateColumn(joined),
        leftOn: null,
      },
      domain: { id, joined, left: null, statuses: [] },
      linked: true,
    };
    members.push(member);
    return member;
  };

  const town = unit({
    code: fixture.TOWN_CODE,
    name: fixture.TOWN_COMMITTEE,
    kind: "TOWN_COMMITTEE",
  });
  const townNames = new Set<string>();
  const townCommittee = Array.from({ length: TOWN_COMMITTEE_SIZE }, () =>
    person(null, "agency", townNames),
  );

  const meetingUnit = (
    spec: { name: string; sector: fixture.Sector; place: string; dayRule?: string | null },
    code: string,
    kind: "CELL" | "GRASSROOTS_CELL",
    parentId: string,
    /** A unit of the town's armed forces, whose members may be sent on special duty (R6). */
    armedForces = false,
  ): SeedCell => {
    const residential = spec.sector === "residential";
    const dayRule = residential
      ? null
      : spec.dayRule === undefined
        ? rng.pick(OTHER_DAY_RULES)
        : spec.dayRule;
    const meetingTime = residential
      ? "19:30"
      : spec.sector === "school"
        ? "16:30"
        : rng.chance(0.7)
          ? "14:00"
          : "16:30";
    const cell: SeedCell = {
      unit: unit({
        code,
        name: spec.name,
        kind,
        parentId,
        cellKind: residential ? "RESIDENTIAL" : "OTHER",
        dayRule,
        meetingTime,
        meetingPlace: spec.place,
      }),
      sector: spec.sector,
      grassroots: kind === "GRASSROOTS_CELL",
      members: [],
      guests: [],
    };
    const size = 12 + Math.floor(((rng.float() + rng.float()) / 2) * 17);
    const taken = new Set<string>();
    for (let position = 0; position < size; position++) {
      const member = person(cell.unit.id, spec.sector, taken);
      cell.members.push(member);
      // Positions 0–5 stay plain full members: the leaders and the scripted rule cases.
      if (position < 6) continue;
      const row = member.row;
      let joined = member.domain.joined;
      let left: CalendarDate | null = null;
      const statuses: DomainMember["statuses"][number][] = [];
      if (rng.chance(0.05)) {
        row.membership = "PROBATIONARY";
        joined = addDays(today, -rng.int(20, 330));
      } else if (rng.chance(residential ? 0.06 : 0.01)) {
        // Most exemptions are old; a few were granted during the history.
        const from = rng.chance(0.2)
          ? addDays(today, -rng.int(20, 60))
          : addDays(today, -rng.int(200, 3000));
        statuses.push({ kind: "exempt", from, to: null });
        statusPeriods.push({
          id: ids.uuid(),
          memberId: row.id,
          kind: "EXEMPT",
          fromDate: dateColumn(from),
          toDate: null,
          decisionRef: fixture.EXEMPT_DECISION(rng.int(12, 160), cell.grassroots),
        });
      } else if (armedForces && rng.chance(0.07)) {
        const from = addDays(today, -rng.int(45, 80));
        const to = addDays(from, rng.int(20, 40));
        statuses.push({ kind: "special_duty", from, to });
        statusPeriods.push({
          id: ids.uuid(),
          memberId: row.id,
          kind: "SPECIAL_DUTY",
          fromDate: dateColumn(from),
          toDate: dateColumn(to),
          decisionRef: fixture.SPECIAL_DUTY_DECISION(rng.int(100, 900), spec.sector),
        });
      } else if (rng.chance(0.012)) {
        left = addDays(today, -rng.int(10, 100));
      }
      row.joinedOn = dateColumn(joined);
      row.leftOn = left ? dateColumn(left) : null;
      member.domain = { id: row.id, joined, left, statuses };
      member.linked = !left && rng.chance(residential ? 0.83 : 0.92);
    }
    const [secretary, deputy] = cell.members;
    if (secretary) secretary.row.cellRole = "SECRETARY";
    if (deputy) deputy.row.cellRole = "DEPUTY";
    cells.push(cell);
    return cell;
  };

  fixture.ORGANISATIONS.forEach((spec, index) => {
    const code = `DB${pad(index + 1)}`;
    // Every organisation has one or two town committee members in charge.
    const inCharge = [townCommittee[index % TOWN_COMMITTEE_SIZE]];
    if (rng.chance(0.5)) inCharge.push(townCommittee[(index + 8) % TOWN_COMMITTEE_SIZE]);
    if (!spec.cells) {
      const cell = meetingUnit(
        { name: spec.name, sector: spec.sector ?? "agency", place: spec.place ?? "" },
        code,
        "GRASSROOTS_CELL",
        town.id,
      );
      assign(inCharge, cell.unit.id);
      return;
    }
    const org = unit({ code, name: spec.name, kind: "GRASSROOTS_COMMITTEE", parentId: town.id });
    assign(inCharge, org.id);
    const locality = spec.cells.some((c) => c.sector === "residential");
    const orgCells = spec.cells.map((cellSpec, i) => {
      const armed = !locality && (cellSpec.sector === "military" || cellSpec.sector === "police");
      return meetingUnit(cellSpec, `${code}-CB${pad(i + 1)}`, "CELL", org.id, armed);
    });
    // R7: ward and commune committee members (from the ward's agency cell) each take charge of
    // some residential cells directly and attend their meetings.
    const residential = orgCells.filter((c) => c.sector === "residential");
    const agency = orgCells.find((c) => c.sector === "agency");
    if (residential.length === 0 || !agency) return;
    const wardCommittee = agency.members.slice(2, 2 + WARD_COMMITTEE_SIZE);
    residential.forEach((cell, i) => {
      const member = wardCommittee[i % wardCommittee.length];
      if (!member) return;
      assign([member], cell.unit.id);
      cell.guests.push(member);
    });
  });

  function assign(people: (SeedMember | undefined)[], unitId: string) {
    for (const member of people) {
      if (!member) continue;
      member.linked = true;
      assignments.push({ id: ids.uuid(), memberId: member.row.id, unitId });
    }
  }

  // Most linked members use Telegram; every 20th by code (~5 %) uses Zalo too, and the plain
  // members among every 40th use Zalo instead. Of those on both, every other one used Zalo last.
  // Picked by code, not by the random stream, so the rest of the demo stays the same.
  const identities: Row<Prisma.ChatIdentityCreateManyInput>[] = members
    .filter((m) => m.linked)
    .flatMap((m) => {
      const n = Number(m.row.code.slice(2));
      const chatId = String(CHAT_ID_BASE + n);
      const zalo = n % ZALO_EVERY === ZALO_OFFSET;
      const plain =
        m.row.cellRole === "MEMBER" && !assignments.some((a) => a.memberId === m.row.id);
      const zaloOnly = zalo && plain && n % (2 * ZALO_EVERY) === ZALO_OFFSET;
      const zaloLast = zalo && Math.floor(n / ZALO_EVERY) % 2 === 0;
      const earlier = new Date(now.getTime() - 86_400_000);
      const rows: Row<Prisma.ChatIdentityCreateManyInput>[] = [];
      if (!zaloOnly)
        rows.push({
          id: ids.uuid(),
          platform: "TELEGRAM",
          externalId: chatId,
          chatId,
          memberId: m.row.id,
          lastUsedAt: zaloLast ? earlier : now,
        });
      if (zalo) {
        const zaloId = `zalo-${m.row.code}`;
        rows.push({
          id: ids.uuid(),
          platform: "ZALO",
          externalId: zaloId,
          chatId: zaloId,
          memberId: m.row.id,
          lastUsedAt: zaloLast || zaloOnly ? now : earlier,
        });
      }
      return rows;
    });
  return { units, cells, members, statusPeriods, assignments, identities, ids };
}

// ---------------------------------------------------------------------------------------------
// History: the meetings of the three months before now (and this month's past ones), their
// answers and roll calls.

/** The start of a cell's regular meeting in a month: the planner's default, or the secretary's pick. */
function regularStart(cell: SeedCell, month: string, settings: Settings) {
  const planned = plannedStart(cell.unit, month, settings);
  if (planned) return { startsAt: planned, setBySecretary: false };
  const pick = new Random(`chibo-demo/pick/${cell.unit.code}/${month}`);
  return {
    startsAt: localInstant(`${month}-${pad(pick.int(6, 22))}`, cell.unit.meetingTime),
    setBySecretary: true,
  };
}

/**
 * Four consecutive months of one calendar year whose regular meetings are over: R5 counts a run
 * within a year and R8 months within a year. The latest four when they fit in one year, else
 * September–December of the year before.
 */
function ruleWindow(cell: SeedCell, now: Date, settings: Settings): string[] {
  const month = localDate(now).slice(0, 7);
  const { startsAt } = regularStart(cell, month, settings);
  const last = startsAt.getTime() + OVER_AFTER_MS <= now.getTime() ? month : addMonths(month, -1);
  const end = Number(last.slice(5)) >= 4 ? last : `${Number(last.slice(0, 4)) - 1}-12`;
  return [3, 2, 1, 0].map((k) => addMonths(end, -k));
}

function scriptedMarks(cells: SeedCell[], now: Date, settings: Settings) {
  const byCode = new Map(cells.map((c) => [c.unit.code, c]));
  const cell = (code: string) => {
    const found = byCode.get(code);
    if (!found) throw new Error(`demo scenario cell ${code} is missing`);
    return found;
  };
  const script = new Map<string, Scripted>();
  const windows = new Map<string, string[]>();
  const set = (member: SeedMember | undefined, month: string | undefined, scripted: Scripted) => {
    if (!member || !month) throw new Error("demo scenario member or month is missing");
    script.set(`${member.row.id}|${month}`, scripted);
  };
  const windowOf = (code: string) => {
    const window = ruleWindow(cell(code), now, settings);
    windows.set(code, window);
    return window;
  };
  const month = localDate(now).slice(0, 7);
  const lastFull = addMonths(month, -1);

  // R5 violation: a long illness and a long mission, four excused absences in a row.
  const violation = windowOf(SCENARIO_CELLS.r5Violation);
  const sick = cell(SCENARIO_CELLS.r5Violation).members[2];
  violation.forEach((m, i) => {
    set(sick, m, { mark: "excused", reason: fixture.LONG_ABSENCE_REASONS[i] });
  });

  // R5 warning (three in a row) and notice (two in a row) in one cell.
  const warning = windowOf(SCENARIO_CELLS.r5Warning);
  const warned = cell(SCENARIO_CELLS.r5Warning).members;
  ["ốm đau", "đi công tác", "đi viện"].forEach((reason, i) => {
    set(warned[2], warning[i + 1], { mark: "excused", reason });
  });
  ["con nhỏ ốm", "việc gia đình"].forEach((reason, i) => {
    set(warned[3], warning[i + 2], { mark: "excused", reason });
  });

  // R8 consider: unexcused in three different months (no answer, rejected reason, no-show).
  const consider = windowOf(SCENARIO_CELLS.r8Consider);
  const absentee = cell(SCENARIO_CELLS.r8Consider).members[2];
  set(absentee, consider[0], { mark: "unexcused" });
  set(absentee, consider[1], {
    mark: "unexcused",
    reason: fixture.REJECTED_REASONS[0],
    rejected: true,
  });
  set(absentee, consider[3], { mark: "unexcused", saidAttending: true });

  // R8 warning: unexcused in two months of the year.
  const twice = windowOf(SCENARIO_CELLS.r8Warning);
  const skipper = cell(SCENARIO_CELLS.r8Warning).members[2];
  set(skipper, twice[1], { mark: "unexcused" });
  set(skipper, twice[3], {
    mark: "unexcused",
    reason: fixture.REJECTED_REASONS[1],
    rejected: true,
  });

  // R4: one more rejected reason, in an enterprise cell.
  set(cell(SCENARIO_CELLS.r4Rejected).members[4], lastFull, {
    mark: "unexcused",
    reason: fixture.REJECTED_REASONS[2],
    rejected: true,
  });
  return { script, windows, lastFull, month };
}

function buildHistory(
  org: ReturnType<typeof buildOrganisation>,
  now: Date,
  settings: Settings,
): Omit<
  DemoData,
  "now" | "units" | "cells" | "members" | "statusPeriods" | "assignments" | "identities"
> {
  const { ids } = org;
  const { script, windows, lastFull, month } = scriptedMarks(org.cells, now, settings);
  const scripted = new Set<string>([...script.keys()].map((key) => key.split("|")[0] ?? ""));
  const meetings: SeedMeeting[] = [];

  // 1. Which meetings exist and in what state.
  for (const cell of org.cells) {
    const rng = new Random(`chibo-demo/schedule/${cell.unit.code}`);
    const window = windows.get(cell.unit.code);
    const first =
      window?.[0] && window[0] < addMonths(month, -3) ? window[0] : addMonths(month, -3);
    const months = monthsBetween(first, month);
    const thematicMonth = rng.chance(0.35) ? rng.pick(months.slice(-4, -1)) : null;
    for (const m of months) {
      if (cell.unit.code === SCENARIO_CELLS.openRollCall && m === month) {
        const open = openMeeting(cell, now, rng);
        if (open) {
          meetings.push(open);
          continue;
        }
      }
      const start = regularStart(cell, m, settings);
      if (cell.unit.code === SCENARIO_CELLS.r2Unscheduled && m === month && start.setBySecretary) {
        continue;
      }
      // The planner makes the default ones ahead of now; the secretary's own picks exist already.
      if (start.startsAt > now && !start.setBySecretary) continue;
      // Now and then a secretary moved a meeting by a day (within its month, and long over).
      const movedStart = shiftMinutes(start.startsAt, 24 * 60);
      const moved =
        !start.setBySecretary &&
        m < month &&
        !window &&
        rng.chance(0.04) &&
        localDate(movedStart).startsWith(m) &&
        movedStart.getTime() + OVER_AFTER_MS <= now.getTime();
      const startsAt = moved ? movedStart : start.startsAt;
      meetings.push(meeting(cell, m, "REGULAR", startsAt, start.setBySecretary || moved, rng, now));
      if (m === thematicMonth) {
        const thematicStart = shiftMinutes(startsAt, 10 * 24 * 60);
        if (thematicStart.getTime() + OVER_AFTER_MS <= now.getTime()) {
          meetings.push(meeting(cell, m, "THEMATIC", thematicStart, true, rng, now));
        }
      }
    }
  }

  // Early on the 1st there is no meeting of this month yet to leave open: then the roll call left
  // open is the latest of last month's, in a cell that carries no scripted rule case.
  const scenarioCodes = new Set<string>(Object.values(SCENARIO_CELLS));
  const candidates = meetings.filter(
    (m) => m.state === "held" && m.row.kind === "REGULAR" && !scenarioCodes.has(m.cell.unit.code),
  );
  const latestIn = (month: string) =>
    candidates
      .filter((m) => m.month === month)
      .sort(
        (a, b) => +b.row.startsAt - +a.row.startsAt || cmp(a.cell.unit.code, b.cell.unit.code),
      )[0];
  const open = meetings.some((m) => m.state === "open") ? undefined : latestIn(lastFull);
  if (open) {
    open.state = "open";
    open.row.status = "PLANNED";
    open.row.rollCallClosedAt = null;
  }

  // 2. Answers and roll calls.
  const answers: Row<Prisma.AnswerCreateManyInput>[] = [];
  const attendance: Row<Prisma.AttendanceCreateManyInput>[] = [];
  const audit: Prisma.AuditLogCreateManyInput[] = [];
  for (const meeting of meetings) {
    if (meeting.state === "upcoming") continue;
    const { row, cell } = meeting;
    const rng = new Random(`chibo-demo/roll-call/${cell.unit.code}/${row.kind}/${meeting.month}`);
    const startsAt = row.startsAt as Date;
    const date = localDate(startsAt);
    const [secretary, deputy] = cell.members;
    if (!secretary || !deputy) continue;
    const rollCall = meeting.state === "held" || meeting.state === "open";
    const openedAt = (row.rollCallOpenedAt as Date | null) ?? startsAt;
    const closedAt = (row.rollCallClosedAt as Date | null) ?? now;
    const markedAt = () =>
      new Date(openedAt.getTime() + rng.float() * Math.min(20 * MINUTE, +closedAt - +openedAt));

    const marks = new Map<SeedMember, Scripted>();
    for (const member of cell.members) {
      const standing = standingOn(member.domain, date);
      if (standing === "outside" || standing === "special_duty") continue;
      if (standing === "exempt") {
        // Exempt members may still come (R6): listed, counted on neither side.
        if (rng.chance(0.3)) marks.set(member, { mark: "present" });
        continue;
      }
      const fixed =
        row.kind === "REGULAR" ? script.get(`${member.row.id}|${meeting.month}`) : undefined;
      if (fixed) marks.set(member, fixed);
      else if (scripted.has(member.row.id)) marks.set(member, { mark: "present" });
      else marks.set(member, naturalMark(rng, cell.sector === "residential"));
    }
    const r3Case = cell.unit.code === SCENARIO_CELLS.r3Failed && meeting.month === lastFull;
    if (r3Case && row.kind === "REGULAR") fallShort(marks, date, settings, rng);

    const marker = marks.get(secretary)?.mark === "present" ? secretary : deputy;
    for (const [member, { mark, reason, rejected, saidAttending }] of marks) {
      const eligible = standingOn(member.domain, date) === "eligible";
      const given =
        mark === "excused" || rejected ? (reason ?? rng.pick(fixture.ABSENCE_REASONS)) : null;
      // Exempt members get no reminder, so they do not answer; members without a chat answer
      // through their secretary, or not at all.
      const answer: AnswerKind | null = !eligible
        ? null
        : given !== null
          ? "ABSENT"
          : mark === "present"
            ? rng.chance(member.linked ? 0.85 : 0.5)
              ? "ATTENDING"
              : null
            : saidAttending
              ? "ATTENDING"
              : null;
      if (answer) {
        answers.push({
          id: ids.uuid(),
          meetingId: row.id,
          memberId: member.row.id,
          kind: answer,
          reason: given,
          answeredAt: new Date(startsAt.getTime() - rng.int(2 * 60, 70 * 60) * MINUTE),
          answeredById: member.linked ? null : secretary.row.id,
        });
      }
      if (!rollCall) continue;
      // An open roll call has marked only part of the cell so far.
      if (meeting.state === "open" && rng.chance(0.3)) continue;
      const id = ids.uuid();
      const at = markedAt();
      attendance.push({
        id,
        meetingId: row.id,
        memberId: member.row.id,
        status: mark === "present" ? "PRESENT" : given !== null ? "EXCUSED" : "UNEXCUSED",
        reason: given,
        // R4: a rejected reason stays on record, and the absence counts as without a reason.
        reasonAccepted: !rejected,
        guest: false,
        markedById: marker.row.id,
        markedAt: at,
      });
      if (rejected) {
        // As the roll call records it when the secretary rejects a reason (R4).
        const mark = { memberId: member.row.id, status: "EXCUSED", guest: false };
        audit.push({
          actorId: marker.row.id,
          action: "rollcall.reason-rejected",
          entity: "Meeting",
          entityId: row.id,
          before: { ...mark, reasonAccepted: true },
          after: { ...mark, reasonAccepted: false },
          at,
        });
      }
    }
    // R7: the committee member in charge of a residential cell usually comes.
    if (rollCall) {
      for (const guest of cell.guests) {
        if (!rng.chance(0.75)) continue;
        attendance.push({
          id: ids.uuid(),
          meetingId: row.id,
          memberId: guest.row.id,
          status: "PRESENT",
          reason: null,
          reasonAccepted: true,
          guest: true,
          markedById: marker.row.id,
          markedAt: markedAt(),
        });
      }
    }
  }
  return { meetings, answers, attendance, audit };

  function meeting(
    cell: SeedCell,
    m: string,
    kind: "REGULAR" | "THEMATIC",
    startsAt: Date,
    setBySecretary: boolean,
    rng: Random,
    now: Date,
  ): SeedMeeting {
    const thematic = kind === "THEMATIC";
    const over = startsAt.getTime() + OVER_AFTER_MS <= now.getTime();
    const state: MeetingState = over ? "held" : startsAt <= now ? "started" : "upcoming";
    const openedAt = shiftMinutes(startsAt, rng.int(0, 10));
    const short =
      cell.unit.code === SCENARIO_CELLS.r9Short && m === addMonths(localDate(now).slice(0, 7), -1);
    const minutes = short ? 75 : thematic ? rng.int(125, 150) : rng.int(95, 125);
    return {
      cell,
      month: m,
      state,
      row: {
        id: org.ids.uuid(),
        unitId: cell.unit.id,
        kind,
        // The planner's handle on the regular meetings it would have made itself.
        plannerKey: !thematic && !setBySecretary ? `regular-${m}` : null,
        startsAt,
        plannedEndAt: shiftMinutes(startsAt, thematic ? 120 : 90),
        place: cell.unit.meetingPlace,
        agenda: thematic
          ? rng.pick(fixture.THEMATIC_AGENDAS)
          : fixture.REGULAR_AGENDA(displayMonth(m)),
        status: state === "held" ? "HELD" : "PLANNED",
        setBySecretary,
        rollCallOpenedAt: state === "held" ? openedAt : null,
        rollCallClosedAt: state === "held" ? shiftMinutes(openedAt, minutes) : null,
      },
    };
  }
}

/** Today's meeting of the open-roll-call cell (yesterday's if today's is ahead), if this month. */
function openMeeting(cell: SeedCell, now: Date, rng: Random): SeedMeeting | null {
  const today = localDate(now);
  let startsAt = localInstant(today, cell.unit.meetingTime);
  if (startsAt.getTime() > now.getTime() - 30 * MINUTE) {
    startsAt = localInstant(addDays(today, -1), cell.unit.meetingTime);
  }
  const month = today.slice(0, 7);
  if (!localDate(startsAt).startsWith(month)) return null;
  const openedAt = shiftMinutes(startsAt, rng.int(0, 10));
  return {
    cell,
    month,
    state: "open",
    row: {
      id: rng.uuid(),
      unitId: cell.unit.id,
      kind: "REGULAR",
      plannerKey: null,
      startsAt,
      plannedEndAt: shiftMinutes(startsAt, 90),
      place: cell.unit.meetingPlace,
      agenda: fixture.REGULAR_AGENDA(displayMonth(month)),
      status: "PLANNED",
      setBySecretary: true,
      rollCallOpenedAt: openedAt.getTime() <= now.getTime() ? openedAt : startsAt,
      rollCallClosedAt: null,
    },
  };
}

function naturalMark(rng: Random, residential: boolean): Scripted {
  const r = rng.float();
  if (r < 0.004) return { mark: "unexcused", saidAttending: rng.chance(0.5) };
  if (r < (residential ? 0.05 : 0.04)) return { mark: "excused" };
  return { mark: "present" };
}

/** R3: enough members away on shift that the meeting ends two short of the minimum. */
function fallShort(
  marks: Map<SeedMember, Scripted>,
  date: CalendarDate,
  settings: Settings,
  rng: Random,
) {
  const eligible = [...marks.keys()].filter((m) => standingOn(m.domain, date) === "eligible");
  const target = minimumPresent(eligible.length, settings.policy) - 2;
  let present = eligible.filter((m) => marks.get(m)?.mark === "present").length;
  // From the last member up, sparing the leaders and the scripted cases (positions 0–5).
  for (const member of eligible.slice(6).reverse()) {
    if (present <= target) break;
    if (marks.get(member)?.mark !== "present") continue;
    marks.set(member, { mark: "excused", reason: rng.pick(fixture.SHIFT_REASONS) });
    present -= 1;
  }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The whole demo in memory: pure given `now` and the settings (the schedule policy). */
export function buildDemo(now: Date, settings: Settings): DemoData {
  const org = buildOrganisation(now);
  const history = buildHistory(org, now, settings);
  return {
    now,
    units: org.units,
    cells: org.cells,
    members: org.members,
    statusPeriods: org.statusPeriods,
    assignments: org.assignments,
    identities: org.identities,
    ...history,
  };
}

// ---------------------------------------------------------------------------------------------
// What the history shows, judged by the rule engine itself.

export interface RuleFinding {
  /** "R3", "R5 warning"… */
  readonly rule: string;
  /** Findings: meetings for R3 and R9, absences for R4, members for R5 and R8… */
  readonly count: number;
  readonly cells: number;
  /** One per cell, the scripted cases first: "DB09-CB02 10/2026 (9/13)", "DB01-CB02 DV00044 (4)"… */
  readonly examples: readonly string[];
}

const MARK_OF: Record<AttendanceStatus, Mark> = {
  PRESENT: "present",
  EXCUSED: "excused",
  UNEXCUSED: "unexcused",
};

/** Attendance rows to the domain's marks: a rejected reason makes the absence unexcused (R4). */
function markOf(row: { status: AttendanceStatus; reasonAccepted?: boolean }): Mark {
  return row.status === "EXCUSED" && row.reasonAccepted === false
    ? "unexcused"
    : MARK_OF[row.status];
}

function findings(data: DemoData, settings: Settings): RuleFinding[] {
  const policy = settings.policy;
  const attendanceByMeeting = new Map<string, Row<Prisma.AttendanceCreateManyInput>[]>();
  for (const row of data.attendance) {
    if (row.guest) continue;
    const list = attendanceByMeeting.get(row.meetingId) ?? [];
    list.push(row);
    attendanceByMeeting.set(row.meetingId, list);
  }
  const found = new Map<string, string[]>();
  const note = (rule: string, example: string) => {
    const list = found.get(rule) ?? [];
    list.push(example);
    found.set(rule, list);
  };
  const codeOf = new Map(data.members.map((m) => [m.row.id, m.row.code]));
  for (const cell of data.cells) {
    const held = data.meetings.filter((m) => m.cell === cell && m.row.status === "HELD");
    const records: MeetingRecord[] = held.map((m) => ({
      id: m.row.id,
      kind: m.row.kind === "THEMATIC" ? "thematic" : "regular",
      date: localDate(m.row.startsAt as Date),
      attendance: Object.fromEntries(
        (attendanceByMeeting.get(m.row.id) ?? []).map((a) => [a.memberId, markOf(a)]),
      ),
    }));
    const members = cell.members.map((m) => m.domain);
    const evaluation = evaluateCell({ policy, members, meetings: records });
    const code = cell.unit.code;
    const dates = new Map(records.map((r) => [r.id, r.date]));
    const reached = new Map<string, number>();
    for (const meeting of evaluation.meetings) {
      const when = displayMonth((dates.get(meeting.id) ?? "").slice(0, 7));
      if (meeting.rateOk === false) {
        note("R3", `${code} ${when} (${meeting.present}/${meeting.eligible})`);
      }
      for (const id of meeting.unexcused) note("R4", `${code} ${when} ${codeOf.get(id)}`);
      for (const [id, streak] of Object.entries(meeting.streaks)) {
        reached.set(id, Math.max(reached.get(id) ?? 0, streak));
      }
    }
    for (const [id, streak] of reached) {
      const level = streakLevel(streak, policy);
      if (level) note(`R5 ${level}`, `${code} ${codeOf.get(id)} (${streak})`);
    }
    for (const member of evaluation.members) {
      for (const [year, months] of Object.entries(member.unexcusedMonthsByYear)) {
        const level = removalLevel(months, policy);
        if (level) note(`R8 ${level}`, `${code} ${codeOf.get(member.id)} (${months}/${year})`);
      }
    }
    for (const record of records) {
      const outcome = meetingOutcome(members, record, policy);
      for (const id of outcome.exemptAttendees) note("R6 attended", `${code} ${codeOf.get(id)}`);
      for (const member of members) {
        const standing = standingOn(member, record.date);
        if (standing === "exempt" || standing === "special_duty") {
          note(`R6 ${standing}`, `${code} ${codeOf.get(member.id)}`);
        }
      }
    }
    for (const m of held) {
      const opened = m.row.rollCallOpenedAt as Date;
      const closed = m.row.rollCallClosedAt as Date;
      const minutes = Math.floor((+closed - +opened) / MINUTE);
      const required = m.row.kind === "THEMATIC" ? 120 : 90;
      if (minutes < required) note("R9", `${code} ${displayMonth(m.month)} (${minutes}′)`);
    }
  }
  const guests = data.attendance.filter((a) => a.guest);
  if (guests.length > 0) {
    const cellOf = new Map(data.meetings.map((m) => [m.row.id, m.cell.unit.code]));
    for (const guest of guests) note("R7", `${cellOf.get(guest.meetingId)}`);
  }
  const order = [
    "R3",
    "R4",
    "R5 notice",
    "R5 warning",
    "R5 violation",
    "R6 exempt",
    "R6 special_duty",
    "R6 attended",
    "R7",
    "R8 warning",
    "R8 consider",
    "R9",
  ];
  const scenario = new Set<string>(Object.values(SCENARIO_CELLS));
  const cellOf = (example: string) => example.split(" ")[0] ?? "";
  return order
    .filter((rule) => found.has(rule))
    .map((rule) => {
      const all = found.get(rule) ?? [];
      const firstPerCell = new Map<string, string>();
      for (const example of all) {
        if (!firstPerCell.has(cellOf(example))) firstPerCell.set(cellOf(example), example);
      }
      const examples = [...firstPerCell.values()].sort(
        (a, b) => Number(scenario.has(cellOf(b))) - Number(scenario.has(cellOf(a))),
      );
      return { rule, count: all.length, cells: firstPerCell.size, examples };
    });
}

// ---------------------------------------------------------------------------------------------
// Writing it.

export interface DemoCounts {
  organisations: number;
  grassrootsCommittees: number;
  meetingUnits: number;
  residential: number;
  members: number;
  /** Town committee members with no cell tracked here. */
  outsideCells: number;
  committeeMembers: number;
  linked: number;
  /** Chat identities on Zalo (a member may have one on each platform). */
  zalo: number;
  exempt: number;
  specialDuty: number;
  probationary: number;
  left: number;
  heldMeetings: number;
  thematicMeetings: number;
  answers: number;
  attendance: number;
  plannedMeetings: number;
  pendingReminders: number;
}

export interface DemoReport {
  readonly now: Date;
  readonly counts: DemoCounts;
  readonly findings: readonly RuleFinding[];
  /** R2: meeting units with no meeting at all this month (after planning). */
  readonly unscheduled: readonly string[];
  /** Meetings whose roll call is open: "DB05-CB10 24/11/2026". */
  readonly openRollCalls: readonly string[];
}

export type SeedOutcome =
  | { readonly seeded: false }
  | { readonly seeded: true; readonly wiped: boolean; readonly report: DemoReport };

/** Bind parameters per INSERT, well under PostgreSQL's 65,535. */
const PARAMETERS_PER_INSERT = 30_000;

/**
 * Multi-row INSERTs of rows that all have the same columns. Measured here: 12,000 answers take
 * about 1 s this way and about 5 s through createMany, whose query compiler costs CPU per row.
 * PostgreSQL types each text parameter from its target column (uuid, enum, date, timestamptz).
 */
async function insertRows(
  tx: Prisma.TransactionClient,
  table: Prisma.ModelName,
  rows: readonly object[],
) {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  const perInsert = Math.floor(PARAMETERS_PER_INSERT / columns.length);
  const head = `INSERT INTO ${quoteIdent(table)} (${columns.map(quoteIdent).join(", ")}) VALUES `;
  for (let i = 0; i < rows.length; i += perInsert) {
    const params: unknown[] = [];
    const tuples = rows.slice(i, i + perInsert).map((row) => {
      const values = row as Record<string, unknown>;
      const slots = columns.map((column) => {
        const value = values[column];
        params.push(value instanceof Date ? value.toISOString() : (value ?? null));
        return `$${params.length}`;
      });
      return `(${slots.join(", ")})`;
    });
    await tx.$executeRawUnsafe(head + tuples.join(", "), ...params);
  }
}

/** Every table but the migrations', emptied at once (the audit log refuses DELETE, not TRUNCATE). */
async function wipe(tx: Prisma.TransactionClient) {
  const tables = await tx.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables
    WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`;
  if (tables.length === 0) return;
  const list = tables.map((t) => quoteIdent(t.tablename)).join(", ");
  await tx.$executeRawUnsafe(`TRUNCATE TABLE ${list} RESTART IDENTITY CASCADE`);
}

/**
 * Seeds the demo into an empty database (or, with `force`, into a wiped one), then plans the
 * coming meetings (`plan: false` leaves that to the worker's planner). `services.clock` is the
 * demo's "now". A database that has data already is left as it is: `{ seeded: false }`.
 */
export async function seedDemo(
  services: Services,
  options: { force?: boolean; plan?: boolean } = {},
): Promise<SeedOutcome> {
  const { db, settings } = services;
  const seeded = async () => (await db.unit.count()) + (await db.member.count()) > 0;
  if (!options.force && (await seeded())) return { seeded: false };
  const now = services.clock.now();
  const data = buildDemo(now, settings);
  const wiped = await db.$transaction(
    async (tx) => {
      // Two seeds at once: the second waits here, then finds the data and stops.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(727274)`;
      const existing = (await tx.unit.count()) + (await tx.member.count());
      if (existing > 0 && !options.force) return null;
      if (existing > 0 || options.force) await wipe(tx);
      await insertDemo(tx, data);
      return existing > 0;
    },
    // Everything or nothing (a half-seeded demo is worse than none); bulk inserts of a few thousand
    // rows, given minutes so a loaded machine cannot make it fail.
    { timeout: 600_000, maxWait: 30_000 },
  );
  if (wiped === null) return { seeded: false };
  if (options.plan ?? true) await runPlanner(services);
  return { seeded: true, wiped, report: await report(db, data, settings) };
}

async function insertDemo(tx: Prisma.TransactionClient, data: DemoData) {
  // Parents before children, and every @updatedAt column filled (it has no database default).
  const stamped = { createdAt: data.now, updatedAt: data.now };
  const units = ["TOWN_COMMITTEE", "GRASSROOTS_COMMITTEE", "GRASSROOTS_CELL", "CELL"].flatMap(
    (kind) => data.units.filter((u) => u.kind === kind),
  );
  await insertRows(tx, "Unit", units);
  await insertRows(
    tx,
    "Member",
    data.members.map((m) => ({ ...m.row, ...stamped })),
  );
  await insertRows(tx, "StatusPeriod", data.statusPeriods);
  await insertRows(tx, "CommitteeAssignment", data.assignments);
  await insertRows(tx, "ChatIdentity", data.identities);
  await insertRows(
    tx,
    "Meeting",
    data.meetings.map((m) => ({ ...m.row, ...stamped })),
  );
  await insertRows(tx, "Answer", data.answers);
  await insertRows(tx, "Attendance", data.attendance);
  await tx.auditLog.createMany({
    data: [
      ...data.audit,
      {
        actorId: null,
        action: "seed.demo",
        entity: "Unit",
        entityId: data.units[0]?.id ?? "",
        after: { now: data.now.toISOString(), members: data.members.length },
        at: data.now,
      },
    ],
  });
}

async function report(db: Db, data: DemoData, settings: Settings): Promise<DemoReport> {
  const now = data.now;
  const month = localDate(now).slice(0, 7);
  const monthStart = localInstant(`${month}-01`, "00:00");
  const nextMonthStart = localInstant(`${addMonths(month, 1)}-01`, "00:00");
  const [plannedMeetings, pendingReminders, thisMonth] = await Promise.all([
    db.meeting.count({ where: { status: "PLANNED", startsAt: { gt: now } } }),
    db.delivery.count({ where: { status: "PENDING", kind: "reminder" } }),
    db.meeting.findMany({
      where: { startsAt: { gte: monthStart, lt: nextMonthStart }, status: { not: "CANCELLED" } },
      select: { unitId: true },
    }),
  ]);
  const withMeeting = new Set(thisMonth.map((m) => m.unitId));
  const meetingUnits = data.cells.map((c) => c.unit);
  const cellMembers = data.members.filter((m) => m.row.cellId);
  const held = data.meetings.filter((m) => m.row.status === "HELD");
  return {
    now,
    counts: {
      organisations: data.units.filter((u) => u.parentId && u.kind !== "CELL").length,
      grassrootsCommittees: data.units.filter((u) => u.kind === "GRASSROOTS_COMMITTEE").length,
      meetingUnits: meetingUnits.length,
      residential: meetingUnits.filter((u) => u.cellKind === "RESIDENTIAL").length,
      members: cellMembers.length,
      outsideCells: data.members.length - cellMembers.length,
      committeeMembers: new Set(data.assignments.map((a) => a.memberId)).size,
      linked: new Set(data.identities.map((i) => i.memberId)).size,
      zalo: data.identities.filter((i) => i.platform === "ZALO").length,
      exempt: data.statusPeriods.filter((s) => s.kind === "EXEMPT").length,
      specialDuty: data.statusPeriods.filter((s) => s.kind === "SPECIAL_DUTY").length,
      probationary: data.members.filter((m) => m.row.membership === "PROBATIONARY").length,
      left: data.members.filter((m) => m.row.leftOn).length,
      heldMeetings: held.length,
      thematicMeetings: held.filter((m) => m.row.kind === "THEMATIC").length,
      answers: data.answers.length,
      attendance: data.attendance.length,
      plannedMeetings,
      pendingReminders,
    },
    findings: findings(data, settings),
    unscheduled: meetingUnits.filter((u) => !withMeeting.has(u.id)).map((u) => u.code),
    openRollCalls: data.meetings
      .filter((m) => m.state === "open")
      .map((m) => `${m.cell.unit.code} ${localDate(m.row.startsAt as Date)}`),
  };
}
