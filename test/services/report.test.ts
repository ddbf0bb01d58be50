import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.ts";
import { resolvePolicy } from "../../src/domain/policy.ts";
import { actorFor } from "../../src/services/actors.ts";
import { sweepAlerts } from "../../src/services/alert-sweep.ts";
import {
  cellMonthFindings,
  digestMonth,
  monthlyReport,
  prepareDigest,
  renderReportText,
  reportForActor,
  reportMonthFromText,
  type UnitReport,
} from "../../src/services/report/index.ts";
import { createStack, waitUntil } from "../support/stack.ts";
import { at, seedReportMonth } from "./report-fixture.ts";

// ── Pure parts ───────────────────────────────────────────────────────────────

describe("the month asked for", () => {
  const now = at("2026-12-10T10:00:00");
  it.each([
    ["", { month: "2026-11" }],
    ["11/2026", { month: "2026-11" }],
    ["3/2026", { month: "2026-03" }],
    ["tháng 11/2026", { month: "2026-11" }],
    ["Thang 10-2026", { month: "2026-10" }],
    ["2026-12", { month: "2026-12" }],
    ["13/2026", { error: "report-bad-month" }],
    ["tháng 11", { error: "report-bad-month" }],
    ["01/2027", { error: "report-future-month", month: "2027-01" }],
    ["tha\u0301ng 1/2027", { error: "report-future-month", month: "2027-01" }],
  ])("%j → %j", (text, expected) => {
    expect(reportMonthFromText(text, now)).toEqual(expected);
  });

  it.each([
    ["2026-12-01T06:59:00", null],
    ["2026-12-01T07:00:00", "2026-11"],
    ["2027-01-01T07:30:00", "2026-12"],
    ["2026-12-07T23:59:00", "2026-11"],
    ["2026-12-08T00:00:00", null],
  ])("the digest at %s covers %s", (local, month) => {
    expect(digestMonth(at(local))).toBe(month);
  });
});

describe("findings of a cell's month, from the domain rules (pure)", () => {
  const policy = resolvePolicy({ minDuration: { enabled: true } });
  const members = ["a", "b", "c", "d", "e", "f", "g"].map((id) => ({
    id,
    joined: "2020-01-01",
    left: null,
    statuses: [],
  }));
  const meeting = (
    id: string,
    date: string,
    marks: Record<string, "present" | "excused" | "unexcused">,
    minutes = 100,
  ) => ({
    id,
    kind: "regular" as const,
    date,
    attendance: marks,
    startsAt: new Date(`${date}T12:30:00Z`),
    openedAt: new Date(`${date}T12:30:00Z`),
    closedAt: new Date(new Date(`${date}T12:30:00Z`).getTime() + minutes * 60_000),
  });
  const all = (mark: "present", except: Record<string, "excused" | "unexcused">) =>
    Object.fromEntries(members.map((m) => [m.id, except[m.id] ?? mark]));

  it.each([
    ["R3: 6 of 7 present is enough (minimum 6)", all("present", { g: "excused" }), 100, []],
    [
      "R3 and R4: 5 of 7 with one unexcused",
      all("present", { f: "excused", g: "unexcused" }),
      100,
      ["r3-failed", "r4-unexcused:g"],
    ],
    ["R9: 89 minutes for a regular meeting", all("present", {}), 89, ["r9-short"]],
  ])("%s", (_rule, marks, minutes, expected) => {
    const { findings } = cellMonthFindings({
      policy,
      month: "2026-11",
      members,
      history: [meeting("m1", "2026-11-03", marks, minutes)],
    });
    expect(findings.map((f) => (f.memberId ? `${f.type}:${f.memberId}` : f.type))).toEqual(
      expected,
    );
  });

  it("R5 and R8 see the earlier months of the year, and only this month's events count", () => {
    const history = [
      meeting("jan", "2026-01-03", all("present", { a: "excused", b: "unexcused" })),
      meeting("feb", "2026-02-03", all("present", { a: "excused", b: "unexcused" })),
      meeting("mar", "2026-03-03", all("present", { a: "excused", b: "unexcused" })),
      meeting("apr", "2026-04-03", all("present", { a: "excused" })),
    ];
    const march = cellMonthFindings({ policy, month: "2026-03", members, history });
    expect(march.findings.map((f) => `${f.type}:${f.memberId}:${f.value}`).sort()).toEqual(
      ["r3-failed:null:null", "r4-unexcused:b:null", "r5-warning:a:3", "r8-consider:b:3"].sort(),
    );
    const april = cellMonthFindings({ policy, month: "2026-04", members, history });
    expect(april.findings.map((f) => `${f.type}:${f.memberId}:${f.value}`)).toEqual([
      "r5-violation:a:4",
    ]);
  });
});

// ── Against the database ─────────────────────────────────────────────────────

// Tuesday 1 December 2026, 06:00 local: November is over; its digest is not due yet.
const clock = new ManualClock(at("2026-12-01T06:00:00"));
const stack = await createStack({
  clock,
  settings: { policy: resolvePolicy({ minDuration: { enabled: true } }) },
});
const { db, services } = stack;
const seeded = await seedReportMonth(stack, "2026-11");
const actor = async (memberId: string) => {
  const m = await db.member.findUniqueOrThrow({
    where: { id: memberId },
    include: { identities: true },
  });
  return (await actorFor(db, "TELEGRAM", m.identities[0]!.externalId))!;
};
const unitOf = (report: { units: UnitReport[] }, name: string) =>
  report.units.find((u) => u.name === name)!;

describe("the monthly report's data", () => {
  it("a held meeting with R3, R4, R5, R9, R8 over the year, unanswered reminders, an open roll call", async () => {
    const report = await monthlyReport(services, {
      month: "2026-11",
      scope: { kind: "all" },
      now: clock.now(),
    });
    expect(report.complete).toBe(true);
    const kp3 = unitOf(report, "Chi bộ Khu phố 3");
    expect(kp3.organisation.name).toBe("Đảng bộ phường Bắc Sơn");
    expect([kp3.meetingsPlanned, kp3.meetingsHeld, kp3.meetingsCancelled]).toEqual([2, 1, 1]);

    const [held, open] = kp3.meetings;
    expect(held!.state).toBe("held");
    expect(held!.attendance).toMatchObject({
      members: 20,
      eligible: 19,
      present: 16,
      excused: 2,
      unexcused: 1,
      minimumPresent: 17,
      rateOk: false,
      exemptAttended: 1,
      durationMinutes: 75,
      committeePresent: [{ id: seeded.ward.committee.id, name: seeded.ward.committee.fullName }],
    });
    expect(held!.attendance!.rate).toBeCloseTo(16 / 19);
    expect(held!.findings.map((f) => [f.type, f.memberName, f.value])).toEqual([
      ["r3-failed", null, null],
      ["r4-unexcused", seeded.y.fullName, null],
      ["r5-warning", seeded.x.fullName, 3],
      ["r9-short", null, 75],
    ]);
    // The exempt member is not asked; the committee member is a guest, not counted.
    expect(held!.reminded).toBe(19);
    expect(held!.unanswered.map((p) => p.id).sort()).toEqual(seeded.silent.map((p) => p.id).sort());
    expect(kp3.unanswered).toBe(3);
    expect(kp3.findings.map((f) => f.type)).toContain("r8-warning");
    expect(kp3.findings.find((f) => f.type === "r8-warning")).toMatchObject({
      memberId: seeded.y.id,
      value: 2,
    });

    expect(open!.state).toBe("not-closed");
    expect(open!.attendance).toBeNull();
    expect(kp3.rollCallsOpen).toBe(1);
    expect(report.lastToReport.map((u) => u.name)).toEqual(["Chi bộ Khu phố 3"]);

    const idle = unitOf(report, "Chi bộ Cơ quan phường Bắc Sơn");
    expect([idle.meetingsPlanned, idle.notHeld, idle.findings.map((f) => f.type)]).toEqual([
      0,
      true,
      ["r2-not-held"],
    ]);
    const school = unitOf(report, "Chi bộ Trường Tiểu học Lam Sơn");
    expect([school.present, school.eligible, school.rateOk, school.findings]).toEqual([
      6,
      6,
      true,
      [],
    ]);
  });

  it("totals per grassroots organisation and overall", async () => {
    const report = await monthlyReport(services, {
      month: "2026-11",
      scope: { kind: "all" },
      now: clock.now(),
    });
    const ward = report.organisations.find((o) => o.name === "Đảng bộ phường Bắc Sơn")!;
    expect(ward.totals).toMatchObject({
      units: 2,
      unitsHeld: 1,
      unitsNotHeld: 1,
      meetingsPlanned: 2,
      meetingsHeld: 1,
      meetingsRateFailed: 1,
      eligible: 19,
      present: 16,
      unanswered: 3,
      rollCallsOpen: 1,
      lastToReport: 1,
    });
    expect(ward.totals.findings).toMatchObject({
      "r2-not-held": 1,
      "r3-failed": 1,
      "r4-unexcused": 1,
      "r5-warning": 1,
      "r8-warning": 1,
      "r9-short": 1,
    });
    expect(report.totals).toMatchObject({
      units: 3,
      unitsHeld: 2,
      meetingsHeld: 2,
      eligible: 25,
      present: 22,
    });
    expect(report.totals.rate).toBeCloseTo(22 / 25);
  });

  it("a correction after the close is in the next report: it reads the roll call, not the alerts", async () => {
    const row = await db.attendance.findFirstOrThrow({
      where: { meetingId: seeded.main.id, memberId: seeded.y.id },
    });
    await db.attendance.update({ where: { id: row.id }, data: { status: "PRESENT" } });
    const report = await monthlyReport(services, {
      month: "2026-11",
      scope: { kind: "units", unitIds: [seeded.cell.id] },
      now: clock.now(),
    });
    const held = report.units[0]!.meetings[0]!;
    expect(held.attendance).toMatchObject({ present: 17, rateOk: true });
    expect(held.findings.map((f) => f.type)).toEqual(["r5-warning", "r9-short"]);
    await db.attendance.update({ where: { id: row.id }, data: { status: "UNEXCUSED" } });
  });
});

describe("who sees which units", () => {
  it("--unit: a unit's subtree; an unknown code is refused", async () => {
    const report = await monthlyReport(services, {
      month: "2026-11",
      scope: { kind: "unit", code: seeded.ward.parent.code },
      now: clock.now(),
    });
    expect(report.units.map((u) => u.name)).toEqual([
      "Chi bộ Khu phố 3",
      "Chi bộ Cơ quan phường Bắc Sơn",
    ]);
    await expect(
      monthlyReport(services, {
        month: "2026-11",
        scope: { kind: "unit", code: "NO-SUCH" },
        now: clock.now(),
      }),
    ).rejects.toMatchObject({ key: "report-unknown-unit" });
  });

  it("a secretary or deputy: their own cell only", async () => {
    for (const leader of [seeded.secretary, seeded.deputy]) {
      const report = await reportForActor(services, await actor(leader.id), "2026-11");
      expect(report.units.map((u) => u.name)).toEqual(["Chi bộ Khu phố 3"]);
    }
  });

  it("a committee member: the units in their charge only", async () => {
    const ward = await reportForActor(services, await actor(seeded.ward.committee.id), "2026-11");
    expect(ward.units.map((u) => u.name)).toEqual([
      "Chi bộ Khu phố 3",
      "Chi bộ Cơ quan phường Bắc Sơn",
    ]);
    const school = await reportForActor(
      services,
      await actor(seeded.school.committee.id),
      "2026-11",
    );
    expect(school.units.map((u) => u.name)).toEqual(["Chi bộ Trường Tiểu học Lam Sơn"]);
  });

  it("a plain member is refused", async () => {
    await expect(
      reportForActor(services, await actor(seeded.plain.id), "2026-11"),
    ).rejects.toMatchObject({ key: "report-not-allowed" });
  });
});

describe("the chat text", () => {
  it("one cell in detail: rate with a comma, names, who did not answer, the open roll call", async () => {
    const report = await reportForActor(services, await actor(seeded.secretary.id), "2026-11");
    const text = renderReportText(services.t, report);
    expect(text).toContain("📊 Báo cáo sinh hoạt chi bộ tháng 11/2026");
    expect(text).toContain("🏛 Chi bộ Khu phố 3 — Đảng bộ phường Bắc Sơn");
    expect(text).toContain("✅ Thứ Ba, 03/11/2026 lúc 19:30 — sinh hoạt thường kỳ: đã họp");
    expect(text).toContain("Có mặt 16/19 (84,2%) — ❌ không đạt tỷ lệ trên 85% (cần ít nhất 17)");
    expect(text).toContain(`❌ Vắng không có lý do (1): ${seeded.y.fullName}`);
    expect(text).toContain(
      `⚠️ Vắng có lý do 3 lần liên tiếp (lần sau sẽ vi phạm): ${seeded.x.fullName}`,
    );
    expect(text).toContain("Chưa trả lời lời nhắc: 3/19");
    expect(text).toContain("⏰ Thứ Sáu, 20/11/2026 lúc 19:30");
    expect(text).toContain("chưa chốt điểm danh (chậm báo cáo)");
    expect(text).toContain(`2 tháng có buổi vắng không lý do trong năm: ${seeded.y.fullName}`);
  });

  it("several cells in short, within a Telegram message however many there are", async () => {
    const report = await monthlyReport(services, {
      month: "2026-11",
      scope: { kind: "all" },
      now: clock.now(),
    });
    const text = renderReportText(services.t, report);
    expect(text).toContain("3 chi bộ thuộc 2 tổ chức cơ sở đảng");
    expect(text).toContain(
      "Tổng cộng: 2/3 chi bộ đã sinh hoạt, 2 cuộc họp; có mặt 22/25 lượt (88%)",
    );
    expect(text).toContain("⏰ Chậm báo cáo, chưa chốt điểm danh (1): Chi bộ Khu phố 3");
    expect(text).toContain("🔴 Không sinh hoạt trong tháng (1): Chi bộ Cơ quan phường Bắc Sơn");
    expect(text).toContain("• Chi bộ Khu phố 3: ❌ 03/11 có mặt 16/19 (84,2%)");

    const many = { ...report, units: Array.from({ length: 300 }, () => report.units[0]!) };
    const short = renderReportText(services.t, many, { withFile: true });
    expect(short.length).toBeLessThanOrEqual(4000);
    expect(short).toContain("xem đầy đủ trong tệp Excel");
    // Without a file (Zalo, the digest) the cut text promises none.
    const textOnly = renderReportText(services.t, many);
    expect(textOnly).toMatch(/… và \d+ dòng nữa\.$/m);
    expect(textOnly).not.toContain("Excel");
  });
});

describe("the monthly digest to the committee (runs last: the clock moves)", () => {
  it("day 1 from 07:00: one per committee member in charge, never twice; sent with the report", async () => {
    const committee = (await db.committeeAssignment.findMany()).map((a) => a.memberId);
    await sweepAlerts(services);
    expect(await db.delivery.count({ where: { kind: "digest" } })).toBe(0);

    clock.set(at("2026-12-01T07:00:00"));
    const first = await sweepAlerts(services);
    const second = await sweepAlerts(services);
    expect(first.digests).toBe(new Set(committee).size);
    expect(second.digests).toBeUndefined();
    const rows = await db.delivery.findMany({ where: { kind: "digest" } });
    expect(rows.map((d) => d.memberId).sort()).toEqual([...new Set(committee)].sort());
    expect(rows.map((d) => d.idempotencyKey)).toContain(
      `digest_${seeded.ward.committee.id}_2026-11`,
    );

    stack.startDeliveryWorker();
    const inbox = () =>
      stack.botApi.messagesSentTo(seeded.ward.committee.telegramId).map((m) => m.text ?? "");
    await waitUntil(async () => inbox().some((t) => t.includes("Báo cáo sinh hoạt chi bộ")));
    const digest = inbox().find((t) => t.includes("Báo cáo sinh hoạt chi bộ"))!;
    expect(digest).toContain(`📬 Kính gửi đồng chí ${seeded.ward.committee.fullName}`);
    expect(digest).toContain("tháng 11/2026");
    expect(digest).toContain("Chi bộ Khu phố 3");
    expect(digest).not.toContain("Chi bộ Trường Tiểu học Lam Sơn");
    expect(digest).toContain("/baocao 11/2026");

    // On Zalo (text only) the same report, without the promise of a file.
    const zalo = await prepareDigest(
      { db, t: services.t, settings: services.settings },
      { ...rows.find((d) => d.memberId === seeded.ward.committee.id)!, platform: "ZALO" },
    );
    expect(zalo!.text).toContain("Chi bộ Khu phố 3");
    expect(zalo!.text).toContain("Gõ /baocao 11/2026 để xem lại báo cáo này.");
    expect(zalo!.text).not.toContain("Excel");

    // Later in the week the sweep still writes nothing new.
    clock.set(at("2026-12-03T09:00:00"));
    expect((await sweepAlerts(services)).digests).toBeUndefined();
    expect(await db.delivery.count({ where: { kind: "digest" } })).toBe(rows.length);
  });
});

describe("R2 in the report, as the sweep judges it", () => {
  it("a cell added in the middle of the month is not reported as not having met that month", async () => {
    const added = await db.unit.create({
      data: {
        code: "MOI-15",
        name: "Chi bộ Doanh nghiệp mới thành lập",
        kind: "GRASSROOTS_CELL",
        cellKind: "OTHER",
        createdAt: at("2026-11-15T10:00:00"),
      },
    });
    const report = await monthlyReport(services, {
      month: "2026-11",
      scope: { kind: "unit", code: added.code },
      now: at("2026-12-10T10:00:00"),
    });
    expect(report.units.map((u) => [u.name, u.notHeld, u.findings])).toEqual([
      ["Chi bộ Doanh nghiệp mới thành lập", false, []],
    ]);
    // December is the first whole month it is known: not meeting in it is R2.
    const december = await monthlyReport(services, {
      month: "2026-12",
      scope: { kind: "unit", code: added.code },
      now: at("2027-01-02T10:00:00"),
    });
    expect(december.units[0]!.notHeld).toBe(true);
  });
});
