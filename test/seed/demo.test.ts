import { beforeAll, describe, expect, it } from "vitest";
import { seed } from "../../src/cli/seed.ts";
import { ManualClock } from "../../src/clock.ts";
import { loadConfig } from "../../src/config.ts";
import type { Db } from "../../src/db/client.ts";
import { type Mark, type MeetingRecord, standingOn } from "../../src/domain/eligibility.ts";
import { evaluateCell } from "../../src/domain/evaluate.ts";
import { localDate } from "../../src/domain/local-time.ts";
import { meetingOutcome } from "../../src/domain/rate.ts";
import { removalLevel } from "../../src/domain/removal.ts";
import { streakLevel } from "../../src/domain/streaks.ts";
import { createI18n, translator } from "../../src/i18n.ts";
import { seedDemo } from "../../src/seed/demo.ts";
import { actorFor } from "../../src/services/actors.ts";
import type { Services } from "../../src/services/context.ts";
import { toDomainMember } from "../../src/services/members.ts";
import { closeRollCall } from "../../src/services/rollcall/index.ts";
import { settingsFrom } from "../../src/settings.ts";
import { freshDatabase } from "../support/db.ts";

// 25 November 2026, 19:00 in Bỉm Sơn; and 2 February 2027, when the year holds no four meetings yet.
const NOW = new Date("2026-11-25T12:00:00Z");
const EARLY = new Date("2027-02-02T03:00:00Z");
const SLOW = { timeout: 240_000 };

const settings = settingsFrom(loadConfig({}));
const t = translator(createI18n());

function services(db: Db, now: Date): Services {
  return {
    db,
    clock: new ManualClock(now),
    settings,
    dispatcher: { dispatch: async () => undefined },
    t,
  };
}

async function cli(argv: string[], env: Record<string, string> = {}) {
  const out = { stdout: "", stderr: "" };
  const code = await seed(
    argv,
    {
      stdout: { write: (text: string) => (out.stdout += text) },
      stderr: { write: (text: string) => (out.stderr += text) },
    },
    env,
  );
  return { code, ...out };
}

const MARKS = { PRESENT: "present", EXCUSED: "excused", UNEXCUSED: "unexcused" } as const;

/** Every meeting unit's members and held meetings, read back from the rows, in domain terms. */
async function histories(db: Db) {
  const units = await db.unit.findMany({
    where: { kind: { in: ["CELL", "GRASSROOTS_CELL"] } },
    include: {
      members: { include: { statusPeriods: true } },
      meetings: {
        where: { status: "HELD" },
        include: { attendance: { where: { guest: false } } },
      },
    },
    orderBy: { code: "asc" },
  });
  return units.map((unit) => {
    const meetings: MeetingRecord[] = unit.meetings.map((m) => ({
      id: m.id,
      kind: m.kind === "THEMATIC" ? "thematic" : "regular",
      date: localDate(m.startsAt),
      attendance: Object.fromEntries(
        m.attendance.map((a): [string, Mark] => [
          a.memberId,
          // R4: a reason the secretary rejected makes the absence one without a reason.
          a.status === "EXCUSED" && !a.reasonAccepted ? "unexcused" : MARKS[a.status],
        ]),
      ),
    }));
    const members = unit.members.map(toDomainMember);
    return {
      code: unit.code,
      residential: unit.cellKind === "RESIDENTIAL",
      members,
      meetings,
      evaluation: evaluateCell({ policy: settings.policy, members, meetings }),
    };
  });
}

type History = Awaited<ReturnType<typeof histories>>[number];

/** The rule findings of the whole organisation, as "cell" or "cell member" strings. */
function findings(cells: History[]) {
  const found = {
    r3: [] as string[],
    r4: [] as string[],
    r5: { notice: [] as string[], warning: [] as string[], violation: [] as string[] },
    r6: { exempt: [] as string[], special_duty: [] as string[], attended: [] as string[] },
    r8: { warning: [] as string[], consider: [] as string[] },
    r5Years: [] as string[],
  };
  for (const cell of cells) {
    const dates = new Map(cell.meetings.map((m) => [m.id, m.date]));
    for (const meeting of cell.evaluation.meetings) {
      if (meeting.rateOk === false) found.r3.push(cell.code);
      for (const id of meeting.unexcused) found.r4.push(`${cell.code} ${id}`);
      for (const [id, streak] of Object.entries(meeting.streaks)) {
        const level = streakLevel(streak, settings.policy);
        if (level) found.r5[level].push(`${cell.code} ${id}`);
      }
      if (meeting.streakViolations.length > 0) {
        found.r5Years.push(dates.get(meeting.id)?.slice(0, 4) ?? "");
      }
    }
    for (const member of cell.evaluation.members) {
      for (const months of Object.values(member.unexcusedMonthsByYear)) {
        const level = removalLevel(months, settings.policy);
        if (level) found.r8[level].push(`${cell.code} ${member.id}`);
      }
    }
    for (const meeting of cell.meetings) {
      for (const member of cell.members) {
        const standing = standingOn(member, meeting.date);
        if (standing === "exempt" || standing === "special_duty") {
          found.r6[standing].push(cell.code);
        }
      }
      const outcome = meetingOutcome(cell.members, meeting, settings.policy);
      for (const id of outcome.exemptAttendees) found.r6.attended.push(`${cell.code} ${id}`);
    }
  }
  return found;
}

async function tableCounts(db: Db) {
  const [units, members, meetings, answers, attendance, deliveries, identities, audit] =
    await Promise.all([
      db.unit.count(),
      db.member.count(),
      db.meeting.count(),
      db.answer.count(),
      db.attendance.count(),
      db.delivery.count(),
      db.chatIdentity.count(),
      db.auditLog.count(),
    ]);
  return { units, members, meetings, answers, attendance, deliveries, identities, audit };
}

/** What must be the same on every run: who is who, where, and how each roll call went. */
async function digest(db: Db) {
  const members = await db.member.findMany({
    include: { cell: true, identities: { orderBy: { platform: "asc" } } },
    orderBy: { code: "asc" },
  });
  const attendance = await db.attendance.findMany({
    include: { meeting: { include: { unit: true } }, member: true },
  });
  return {
    members: members.map((m) =>
      [
        m.code,
        m.fullName,
        m.cell?.code,
        m.cellRole,
        m.membership,
        m.joinedOn?.toISOString(),
        m.leftOn?.toISOString(),
        m.identities.map((i) => `${i.platform}:${i.externalId}`).join(","),
      ].join("|"),
    ),
    attendance: attendance
      .map((a) =>
        [
          a.meeting.unit.code,
          a.meeting.startsAt.toISOString(),
          a.member.code,
          a.status,
          a.reason,
          a.reasonAccepted,
          a.guest,
        ].join("|"),
      )
      .sort(),
  };
}

const first = await freshDatabase();
const second = await freshDatabase();
let cells: History[] = [];

beforeAll(async () => {
  const outcome = await seedDemo(services(first.db, NOW));
  expect(outcome.seeded).toBe(true);
  cells = await histories(first.db);
}, SLOW.timeout);

describe("seed demo: the organisation of the article (SPEC §2)", () => {
  it("has one town committee, 36 grassroots organisations and 168 meeting units, 58 residential", async () => {
    const kinds = await first.db.unit.groupBy({ by: ["kind"], _count: true });
    const count = (kind: string) => kinds.find((k) => k.kind === kind)?._count ?? 0;
    expect(count("TOWN_COMMITTEE")).toBe(1);
    expect(count("GRASSROOTS_COMMITTEE") + count("GRASSROOTS_CELL")).toBe(36);
    expect(count("CELL") + count("GRASSROOTS_CELL")).toBe(168);
    expect(cells.filter((c) => c.residential)).toHaveLength(58);
    expect(await first.db.unit.findUnique({ where: { code: "TX" } })).toMatchObject({
      name: "Đảng bộ thị xã Bỉm Sơn",
    });
  });

  it("gives every cell 12–28 members with one secretary and one deputy", async () => {
    const units = await first.db.unit.findMany({
      where: { kind: { in: ["CELL", "GRASSROOTS_CELL"] } },
      include: { members: true },
    });
    for (const unit of units) {
      expect(unit.members.length).toBeGreaterThanOrEqual(12);
      expect(unit.members.length).toBeLessThanOrEqual(28);
      expect(unit.members.filter((m) => m.cellRole === "SECRETARY")).toHaveLength(1);
      expect(unit.members.filter((m) => m.cellRole === "DEPUTY")).toHaveLength(1);
    }
    const total = units.reduce((sum, u) => sum + u.members.length, 0);
    expect(total).toBeGreaterThan(3000);
    expect(total).toBeLessThan(3800);
  });

  it("puts 1–2 committee members in charge of every organisation and one of every residential cell (R7)", async () => {
    const units = await first.db.unit.findMany({ include: { assignments: true } });
    for (const unit of units.filter((u) => u.parentId && u.kind !== "CELL")) {
      expect(unit.assignments.length).toBeGreaterThanOrEqual(1);
      expect(unit.assignments.length).toBeLessThanOrEqual(2);
    }
    for (const unit of units.filter((u) => u.cellKind === "RESIDENTIAL")) {
      expect(unit.assignments).toHaveLength(1);
    }
    const guests = await first.db.attendance.count({ where: { guest: true } });
    expect(guests).toBeGreaterThan(0);
  });

  it("links about 90% of members to a sandbox chat, always the secretaries, deputies and committee members", async () => {
    const members = await first.db.member.findMany({
      include: { identities: true, assignments: true },
    });
    const linked = members.filter((m) => m.identities.length > 0);
    expect(linked.length / members.length).toBeGreaterThan(0.86);
    expect(linked.length / members.length).toBeLessThan(0.94);
    for (const m of members.filter((m) => m.cellRole !== "MEMBER" || m.assignments.length > 0)) {
      expect(m.identities.find((i) => i.platform === "TELEGRAM")).toMatchObject({
        externalId: String(100_000 + Number(m.code.slice(2))),
      });
    }
  });

  it("links about 5% of linked members to Zalo too or instead (zalo-<code>), some using Zalo last", async () => {
    const members = await first.db.member.findMany({ include: { identities: true } });
    const linked = members.filter((m) => m.identities.length > 0);
    const onZalo = linked.filter((m) => m.identities.some((i) => i.platform === "ZALO"));
    expect(onZalo.length / linked.length).toBeGreaterThan(0.03);
    expect(onZalo.length / linked.length).toBeLessThan(0.07);
    for (const m of onZalo) {
      expect(m.identities.find((i) => i.platform === "ZALO")).toMatchObject({
        externalId: `zalo-${m.code}`,
        chatId: `zalo-${m.code}`,
      });
    }
    const both = onZalo.filter((m) => m.identities.length === 2);
    const zaloOnly = onZalo.filter((m) => m.identities.length === 1);
    expect(both.length).toBeGreaterThan(0);
    expect(zaloOnly.length).toBeGreaterThan(0);
    // Only plain members drop Telegram; the leaders keep it.
    for (const m of zaloOnly) expect(m.cellRole).toBe("MEMBER");
    const usedLast = (m: (typeof both)[number]) =>
      [...m.identities].sort((a, b) => b.lastUsedAt.getTime() - a.lastUsedAt.getTime())[0]!
        .platform;
    expect(both.some((m) => usedLast(m) === "ZALO")).toBe(true);
    expect(both.some((m) => usedLast(m) === "TELEGRAM")).toBe(true);
  });

  it("has realistic Vietnamese names, some probationary, exempt (~2%) and special-duty members", async () => {
    const members = await first.db.member.findMany({ include: { statusPeriods: true } });
    const families = new Set(members.map((m) => m.fullName.split(" ")[0]));
    expect(families).toContain("Nguyễn");
    expect(members.filter((m) => m.fullName.startsWith("Nguyễn ")).length).toBeGreaterThan(
      members.length * 0.25,
    );
    expect(members.every((m) => m.fullName === m.fullName.normalize("NFC"))).toBe(true);
    expect(members.some((m) => m.membership === "PROBATIONARY")).toBe(true);
    const exempt = members.filter((m) => m.statusPeriods.some((s) => s.kind === "EXEMPT"));
    expect(exempt.length / members.length).toBeGreaterThan(0.01);
    expect(exempt.length / members.length).toBeLessThan(0.03);
    expect(exempt[0]?.statusPeriods[0]?.decisionRef).toMatch(/^QĐ \d+-QĐ\/(ĐU|CB)$/);
    expect(
      members.some((m) => m.statusPeriods.some((s) => s.kind === "SPECIAL_DUTY" && s.toDate)),
    ).toBe(true);
  });
});

describe("seed demo: history in which the rules are broken (judged by the rule engine)", () => {
  it("R3: some meeting's attendance rate is 85% or less", () => {
    expect(findings(cells).r3.length).toBeGreaterThan(0);
  });

  it("R4: members absent without a reason, two of them with a reason the secretary rejected", async () => {
    expect(findings(cells).r4.length).toBeGreaterThan(0);
    const rejected = await first.db.attendance.findMany({ where: { reasonAccepted: false } });
    expect(rejected.length).toBeGreaterThanOrEqual(2);
    expect(rejected.every((a) => a.reason)).toBe(true);
    const audited = await first.db.auditLog.findMany({
      where: { action: "rollcall.reason-rejected" },
    });
    expect(audited.map((a) => a.entityId).sort()).toEqual(rejected.map((a) => a.meetingId).sort());
  });

  it("R5: a notice (2), a warning (3) and a violation (4 excused absences in a row)", () => {
    const { r5 } = findings(cells);
    expect(r5.notice.length).toBeGreaterThan(0);
    expect(r5.warning.length).toBeGreaterThan(0);
    expect(r5.violation.length).toBeGreaterThan(0);
  });

  it("R6: exempt and special-duty members on meeting dates, and an exempt member who came anyway", () => {
    const { r6 } = findings(cells);
    expect(r6.exempt.length).toBeGreaterThan(0);
    expect(r6.special_duty.length).toBeGreaterThan(0);
    expect(r6.attended.length).toBeGreaterThan(0);
  });

  it("R8: a member with unexcused absences in 2 months (warning) and one in 3 (consider)", () => {
    const { r8 } = findings(cells);
    expect(r8.warning.length).toBeGreaterThan(0);
    expect(r8.consider.length).toBeGreaterThan(0);
  });

  it("R2: an other cell with no meeting at all this month", async () => {
    const monthStart = new Date("2026-10-31T17:00:00Z");
    const nextMonth = new Date("2026-11-30T17:00:00Z");
    const units = await first.db.unit.findMany({
      where: {
        cellKind: "OTHER",
        meetings: {
          none: { startsAt: { gte: monthStart, lt: nextMonth }, status: { not: "CANCELLED" } },
        },
      },
    });
    expect(units.map((u) => u.code)).toEqual(["DB11-CB06"]);
  });

  it("leaves today's roll call of one cell open (still closable), every other past meeting held", async () => {
    const open = await first.db.meeting.findMany({
      where: { rollCallOpenedAt: { not: null }, rollCallClosedAt: null },
      include: { unit: true, attendance: true },
    });
    expect(open).toHaveLength(1);
    expect(localDate(open[0]!.startsAt)).toBe("2026-11-25");
    expect(open[0]!.startsAt < NOW).toBe(true);
    expect(open[0]).toMatchObject({ status: "PLANNED", unit: { code: "DB16-CB04" } });
    // Marked part of the way: some members are still unmarked.
    const members = await first.db.member.count({ where: { cellId: open[0]!.unitId } });
    expect(open[0]!.attendance.length).toBeGreaterThan(0);
    expect(open[0]!.attendance.length).toBeLessThan(members);
    const overBy = new Date(NOW.getTime() - 3 * 3_600_000);
    const unclosed = await first.db.meeting.findMany({
      where: { startsAt: { lt: overBy }, status: "PLANNED", id: { not: open[0]!.id } },
    });
    expect(unclosed).toEqual([]);
  });

  it("plans the coming meetings and their reminders", async () => {
    const december = await first.db.meeting.count({
      where: { plannerKey: "regular-2026-12", unit: { cellKind: "RESIDENTIAL" } },
    });
    expect(december).toBe(58);
    const pending = await first.db.delivery.count({
      where: { kind: "reminder", status: "PENDING" },
    });
    expect(pending).toBeGreaterThan(1000);
  });
});

describe("seed demo: deterministic and idempotent", () => {
  it(
    "seeds the same members, names and roll calls into another database (through the CLI)",
    SLOW,
    async () => {
      const run = await cli(["demo", "--now", NOW.toISOString()], { DATABASE_URL: second.url });
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("168 chi bộ họp / meeting units, 58 khu dân cư / residential");
      expect(run.stdout).toContain(
        "R2 chưa có lịch họp tháng này / no meeting this month: DB11-CB06",
      );
      expect(await digest(second.db)).toEqual(await digest(first.db));
    },
  );

  it("does nothing on a seeded database", SLOW, async () => {
    const before = await tableCounts(first.db);
    expect(await seedDemo(services(first.db, NOW))).toEqual({ seeded: false });
    const run = await cli(["demo", "--now", NOW.toISOString()], { DATABASE_URL: first.url });
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toContain("already seeded");
    expect(await tableCounts(first.db)).toEqual(before);
  });

  it(
    "--force wipes everything and seeds again; early in a year R5's violation and R8 reach into the last one",
    SLOW,
    async () => {
      const people = (rows: string[]) => rows.map((row) => row.split("|").slice(0, 4).join("|"));
      // Planning is the same as above and the slowest part: left out here.
      const again = await seedDemo(services(second.db, EARLY), { force: true, plan: false });
      expect(again).toMatchObject({ seeded: true, wiped: true });
      // The same people in the same cells (only dates move with now), nobody twice.
      const before = await digest(first.db);
      const after = await digest(second.db);
      expect(people(after.members)).toEqual(people(before.members));
      expect(await second.db.auditLog.count({ where: { action: "seed.demo" } })).toBe(1);
      // Nothing left of the first seed: its reminders and its planned December and January
      // meetings are gone; every past meeting is held or has its roll call open.
      expect(await second.db.delivery.count()).toBe(0);
      const overBy = new Date(EARLY.getTime() - 3 * 3_600_000);
      expect(
        await second.db.meeting.count({
          where: { status: "PLANNED", startsAt: { lt: overBy }, rollCallOpenedAt: null },
        }),
      ).toBe(0);

      const found = findings(await histories(second.db));
      expect(found.r5Years).toContain("2026");
      expect(found.r5.warning.length).toBeGreaterThan(0);
      expect(found.r8.consider.length).toBeGreaterThan(0);
      expect(found.r8.warning.length).toBeGreaterThan(0);
      expect(found.r3.length).toBeGreaterThan(0);
    },
  );
});

describe("seed demo: works with the real roll call", () => {
  it("the secretary of the open roll call's cell can close it", async () => {
    const meeting = await first.db.meeting.findFirstOrThrow({
      where: { rollCallOpenedAt: { not: null }, rollCallClosedAt: null },
    });
    const secretary = await first.db.member.findFirstOrThrow({
      where: { cellId: meeting.unitId, cellRole: "SECRETARY" },
      include: { identities: { where: { platform: "TELEGRAM" } } },
    });
    const actor = await actorFor(first.db, "TELEGRAM", secretary.identities[0]!.externalId);
    const closing = services(first.db, new Date(NOW.getTime() + 60_000));
    await closeRollCall(closing, actor!, meeting.id);
    const closed = await first.db.meeting.findUniqueOrThrow({
      where: { id: meeting.id },
      include: { attendance: true },
    });
    expect(closed.status).toBe("HELD");
    // Nobody left unmarked: those the secretary had not marked count as absent without reason.
    expect(closed.attendance.filter((a) => !a.guest).length).toBeGreaterThanOrEqual(12);
  });
});

describe("seed CLI arguments", () => {
  it.each([
    {
      args: [],
      error:
        "seed: usage: npm run cli -- seed demo [--now ISO-8601] [--force] | seed province [--members N] [--cells N] [--history-months N] [--now ISO-8601] [--force] [--skip-plan]\n",
    },
    {
      args: ["demo", "extra"],
      error:
        "seed: usage: npm run cli -- seed demo [--now ISO-8601] [--force] | seed province [--members N] [--cells N] [--history-months N] [--now ISO-8601] [--force] [--skip-plan]\n",
    },
    {
      args: ["demo", "--now", "yesterday"],
      error:
        'seed: --now must be an ISO 8601 instant like 2026-11-25T09:00:00+07:00, got "yesterday"\n',
    },
    {
      args: ["demo", "--now", "2026-11-25T09:00"],
      error:
        'seed: --now must be an ISO 8601 instant like 2026-11-25T09:00:00+07:00, got "2026-11-25T09:00"\n',
    },
  ])("$args → exit 2 with one line", async ({ args, error }) => {
    expect(await cli(args)).toEqual({ code: 2, stdout: "", stderr: error });
  });

  it("names an unknown option", async () => {
    const run = await cli(["demo", "--bogus"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^seed: Unknown option '--bogus'.*\n$/);
  });
});
