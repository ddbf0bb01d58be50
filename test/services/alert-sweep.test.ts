import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.ts";
import { type SweepMeeting, sweepAlerts, unitFindings } from "../../src/services/alert-sweep.ts";
import { acknowledgeAlert } from "../../src/services/alerts.ts";
import { markUnreachable } from "../../src/services/unreachable.ts";
import { createStack, dueReminders, seedCell, waitUntil } from "../support/stack.ts";

// ── The sweep's decisions, without a database ────────────────────────────────

const at = (local: string) => new Date(`${local}+07:00`);
const LONG_AGO = at("2020-01-01T00:00:00");

function meeting(startsLocal: string, more: Partial<SweepMeeting> = {}): SweepMeeting {
  const startsAt = at(startsLocal);
  return {
    id: `m-${startsLocal}`,
    kind: "regular",
    status: "planned",
    startsAt,
    plannedEndAt: new Date(startsAt.getTime() + 90 * 60_000),
    rollCallClosed: false,
    ...more,
  };
}
const heldNov = meeting("2026-11-10T19:30:00", {
  kind: "thematic",
  status: "held",
  rollCallClosed: true,
});

describe("what the sweep finds (pure)", () => {
  it.each([
    ["R2: day 24 with nothing scheduled → nothing yet", "2026-12-24T23:59:00", [heldNov], []],
    [
      "R2: day 25 with nothing scheduled → r2-unscheduled",
      "2026-12-25T00:00:00",
      [heldNov],
      ["r2-unscheduled"],
    ],
    [
      "R2: a cancelled meeting is not a scheduled one",
      "2026-12-25T08:00:00",
      [heldNov, meeting("2026-12-28T19:30:00", { status: "cancelled" })],
      ["r2-unscheduled"],
    ],
    [
      "R2: a planned meeting this month is enough on day 25",
      "2026-12-25T08:00:00",
      [heldNov, meeting("2026-12-28T19:30:00")],
      [],
    ],
    [
      "R2: on 1 January a December without a held meeting → r2-not-held",
      "2027-01-01T00:05:00",
      [meeting("2026-12-03T19:30:00", { status: "cancelled" })],
      ["r2-not-held"],
    ],
    [
      "R2c: November (not a quarter's last month) without a thematic meeting → nothing",
      "2026-11-20T08:00:00",
      [
        meeting("2026-10-03T19:30:00", { status: "held", rollCallClosed: true }),
        meeting("2026-11-03T19:30:00"),
      ],
      [],
    ],
    [
      "R2c: December without a thematic meeting in Q4 → r2c-thematic",
      "2026-12-01T08:00:00",
      [
        meeting("2026-11-03T19:30:00", { status: "held", rollCallClosed: true }),
        meeting("2026-12-03T19:30:00"),
      ],
      ["r2c-thematic"],
    ],
    [
      "roll call: open 1 h 59 after the planned end → nothing yet",
      "2026-12-03T22:59:00",
      [heldNov, meeting("2026-12-03T19:30:00")],
      [],
    ],
    [
      "roll call: open 2 h after the planned end → rollcall-open",
      "2026-12-03T23:00:00",
      [heldNov, meeting("2026-12-03T19:30:00")],
      ["rollcall-open"],
    ],
    [
      "roll call: a cancelled meeting never needs one",
      "2026-12-04T08:00:00",
      [
        heldNov,
        meeting("2026-12-03T19:30:00", { status: "cancelled" }),
        meeting("2026-12-20T19:30:00"),
      ],
      [],
    ],
  ])("%s", (_rule, nowLocal, meetings, expected) => {
    const found = unitFindings({ now: at(nowLocal), knownSince: LONG_AGO, meetings });
    expect(found.map((f) => f.type)).toEqual(expected);
  });

  it("R2: a unit the bot came to know during the month is not judged on that month", () => {
    const found = unitFindings({
      now: at("2027-01-01T00:05:00"),
      knownSince: at("2026-12-20T10:00:00"),
      meetings: [],
    });
    expect(found).toEqual([]);
  });
});

// ── Against the database, the queue and the local Bot API ────────────────────

// Thursday 24 December 2026, 10:00 local: the day before R2's alert day; Q4's last month.
const clock = new ManualClock(new Date("2026-12-24T03:00:00Z"));
const stack = await createStack({ clock });
const { db, services, botApi } = stack;

/** A non-residential cell known for years, with a held thematic meeting in November (R2, R2c quiet). */
async function quietCell(size = 3) {
  const seeded = await seedCell(stack, { size, kind: "OTHER" });
  await db.unit.update({ where: { id: seeded.cell.id }, data: { createdAt: LONG_AGO } });
  await addMeeting(seeded.cell.id, "2026-11-10T19:30:00", {
    kind: "THEMATIC",
    status: "HELD",
    rollCallClosedAt: at("2026-11-10T21:00:00"),
  });
  return seeded;
}

async function addMeeting(
  unitId: string,
  startsLocal: string,
  data: {
    kind?: "REGULAR" | "THEMATIC";
    status?: "PLANNED" | "HELD" | "CANCELLED";
    rollCallClosedAt?: Date;
    minutes?: number;
  } = {},
) {
  const { minutes = 90, ...rest } = data;
  const startsAt = at(startsLocal);
  return db.meeting.create({
    data: {
      unitId,
      startsAt,
      plannedEndAt: new Date(startsAt.getTime() + minutes * 60_000),
      ...rest,
    },
  });
}

const alertTypes = async (unitId: string) =>
  (await db.alert.findMany({ where: { unitId }, orderBy: { type: "asc" } })).map((a) => a.type);

const textsTo = (telegramId: number) => botApi.messagesSentTo(telegramId).map((m) => m.text ?? "");

describe("R2: no meeting scheduled by day 25", () => {
  it("nothing on day 24; on day 25 r2-unscheduled once, even when swept twice, to secretary, deputy and committee", async () => {
    const { cell, members, committee } = await quietCell();
    await sweepAlerts(services, { unitIds: [cell.id] });
    expect(await alertTypes(cell.id)).toEqual([]);

    clock.set(at("2026-12-25T00:05:00"));
    const first = await sweepAlerts(services, { unitIds: [cell.id] });
    const second = await sweepAlerts(services, { unitIds: [cell.id] });
    expect(first.raised).toEqual({ "r2-unscheduled": 1 });
    expect(second).toEqual({ raised: {}, deliveries: 0 });
    expect(await alertTypes(cell.id)).toEqual(["r2-unscheduled"]);
    const alert = await db.alert.findFirstOrThrow({ where: { unitId: cell.id } });
    const to = await db.delivery.findMany({ where: { alertId: alert.id } });
    expect(to.map((d) => d.memberId).sort()).toEqual(
      [members[0]!.id, members[1]!.id, committee.id].sort(),
    );
  });

  it("a cancelled meeting does not count; a planned one does", async () => {
    const cancelled = await quietCell();
    await addMeeting(cancelled.cell.id, "2026-12-28T19:30:00", { status: "CANCELLED" });
    const planned = await quietCell();
    await addMeeting(planned.cell.id, "2026-12-28T19:30:00");
    await sweepAlerts(services, { unitIds: [cancelled.cell.id, planned.cell.id] });
    expect(await alertTypes(cancelled.cell.id)).toEqual(["r2-unscheduled"]);
    expect(await alertTypes(planned.cell.id)).toEqual([]);
  });
});

describe("R2c: a quarter without a thematic meeting", () => {
  it("is alerted in its last month; a cell with one planned in December is not", async () => {
    const none = await seedCell(stack, { size: 3, kind: "OTHER" });
    await addMeeting(none.cell.id, "2026-11-03T19:30:00", {
      status: "HELD",
      rollCallClosedAt: at("2026-11-03T21:00:00"),
    });
    await addMeeting(none.cell.id, "2026-12-28T19:30:00");
    const some = await seedCell(stack, { size: 3, kind: "OTHER" });
    await addMeeting(some.cell.id, "2026-11-03T19:30:00", {
      status: "HELD",
      rollCallClosedAt: at("2026-11-03T21:00:00"),
    });
    await addMeeting(some.cell.id, "2026-12-28T19:30:00", { kind: "THEMATIC", minutes: 120 });
    await sweepAlerts(services, { unitIds: [none.cell.id, some.cell.id] });
    expect(await alertTypes(none.cell.id)).toEqual(["r2c-thematic"]);
    expect(await alertTypes(some.cell.id)).toEqual([]);
    const alert = await db.alert.findFirstOrThrow({ where: { unitId: none.cell.id } });
    const text = services.t("alert-r2c-thematic", alert.payload as Record<string, string>);
    expect(text).toContain("trong quý 4/2026, và tháng 12/2026 là tháng cuối quý");
  });
});

describe("a roll call left open", () => {
  it("is alerted 2 h after the planned end, not a minute before; a cancelled meeting never", async () => {
    const { cell } = await quietCell();
    // Now 25/12 00:05. The meeting ended (planned) at 22:06 on the 24th: 1 h 59 ago.
    await addMeeting(cell.id, "2026-12-24T20:36:00");
    await addMeeting(cell.id, "2026-12-24T18:00:00", { status: "CANCELLED" });
    await sweepAlerts(services, { unitIds: [cell.id] });
    expect(await alertTypes(cell.id)).toEqual([]);
    clock.advance(60_000);
    await sweepAlerts(services, { unitIds: [cell.id] });
    expect(await alertTypes(cell.id)).toEqual(["rollcall-open"]);
  });
});

describe("re-checked just before sending (the delivery worker starts here)", () => {
  it("closing the roll call in between, or acknowledging, skips the pending deliveries", async () => {
    const open = await quietCell();
    const meeting = await addMeeting(open.cell.id, "2026-12-24T19:00:00");
    const acked = await quietCell();
    await sweepAlerts(services, { unitIds: [open.cell.id, acked.cell.id] });
    const rollcall = await db.alert.findFirstOrThrow({
      where: { unitId: open.cell.id, type: "rollcall-open" },
    });
    const r2 = await db.alert.findFirstOrThrow({
      where: { unitId: acked.cell.id, type: "r2-unscheduled" },
    });

    await db.meeting.update({
      where: { id: meeting.id },
      data: { status: "HELD", rollCallClosedAt: clock.now() },
    });
    expect(await acknowledgeAlert(db, r2.id, acked.members[0]!.id, clock.now())).toBe("done");
    stack.startDeliveryWorker();

    await waitUntil(
      async () =>
        (await db.delivery.count({
          where: { alertId: { in: [rollcall.id, r2.id] }, status: { not: "CANCELLED" } },
        })) === 0,
    );
    const skipped = await db.delivery.findMany({
      where: { alertId: { in: [rollcall.id, r2.id] } },
    });
    expect(skipped.map((d) => d.error)).toEqual(Array(6).fill("no longer needed when due"));
    expect(textsTo(open.members[0]!.telegramId).some((t) => t.includes("chốt điểm danh"))).toBe(
      false,
    );
    expect(textsTo(acked.members[1]!.telegramId)).toEqual([]);
    // The alerts raised earlier in this file went out as usual.
    await waitUntil(
      async () =>
        (await db.delivery.count({
          where: { kind: "alert", status: { in: ["PENDING", "SENDING"] } },
        })) === 0,
    );
  });
});

describe("unreachable members", () => {
  it("a member who blocked the bot: the reminder FAILED, marked unreachable, the leaders told once", async () => {
    const { cell, members, committee } = await quietCell(4);
    const blocked = members[3]!;
    await botApi.block(blocked.telegramId);
    await dueReminders(stack, cell.id, clock.now());
    await waitUntil(async () =>
      textsTo(members[0]!.telegramId).some((t) => t.includes(blocked.fullName)),
    );
    const reminder = await db.delivery.findFirstOrThrow({
      where: { memberId: blocked.id, kind: "reminder" },
    });
    expect(reminder.status).toBe("FAILED");
    expect(
      (await db.member.findUniqueOrThrow({ where: { id: blocked.id } })).unreachableAt,
    ).toEqual(clock.now());
    const alert = textsTo(members[0]!.telegramId).find((t) => t.includes(blocked.fullName))!;
    expect(alert).toContain("Không gửi được tin nhắn");
    expect(alert).toContain(cell.name);
    await waitUntil(async () =>
      textsTo(members[1]!.telegramId).some((t) => t.includes(blocked.fullName)),
    );
    expect(textsTo(committee.telegramId).some((t) => t.includes(blocked.fullName))).toBe(false);

    await markUnreachable(services, blocked.id);
    expect(await db.alert.count({ where: { type: "unreachable", memberId: blocked.id } })).toBe(1);
  });
});

describe("UNKNOWN deliveries", () => {
  it("are listed for the secretary once per new one, never resent", async () => {
    const { cell, members, committee } = await quietCell(4);
    const meeting = await addMeeting(cell.id, "2026-12-28T19:30:00");
    const unknown = async (i: number, reminder: string) =>
      db.delivery.create({
        data: {
          idempotencyKey: `rem_${meeting.id}_${members[i]!.id}_${reminder}`,
          platform: "TELEGRAM",
          chatId: String(members[i]!.telegramId),
          kind: "reminder",
          payload: {},
          dueAt: clock.now(),
          status: "UNKNOWN",
          memberId: members[i]!.id,
          meetingId: meeting.id,
        },
      });
    await unknown(2, "d3");
    await unknown(3, "d3");
    await sweepAlerts(services, { unitIds: [cell.id] });
    await sweepAlerts(services, { unitIds: [cell.id] });
    expect(await alertTypes(cell.id)).toEqual(["deliveries-unknown"]);
    await waitUntil(async () =>
      textsTo(members[0]!.telegramId).some((t) => t.includes("có thể chưa đến")),
    );
    const digest = textsTo(members[0]!.telegramId).find((t) => t.includes("có thể chưa đến"))!;
    expect(digest).toContain(`${members[2]!.fullName}, ${members[3]!.fullName}`);
    expect(digest).toContain("28/12/2026");
    expect(textsTo(committee.telegramId).some((t) => t.includes("có thể chưa đến"))).toBe(false);

    await unknown(3, "d1");
    await sweepAlerts(services, { unitIds: [cell.id] });
    expect(await db.alert.count({ where: { unitId: cell.id, type: "deliveries-unknown" } })).toBe(
      2,
    );
    expect(await db.delivery.count({ where: { meetingId: meeting.id, kind: "reminder" } })).toBe(3);
  });
});

describe("after the month (runs last: the clock only moves forward)", () => {
  it("1 January: r2-not-held for December where nothing was held, to the committee too; no R2c in January", async () => {
    const idle = await quietCell();
    const held = await quietCell();
    await addMeeting(held.cell.id, "2026-12-20T19:30:00", {
      status: "HELD",
      rollCallClosedAt: at("2026-12-20T21:00:00"),
    });
    const newcomer = await seedCell(stack, { size: 3, kind: "OTHER" });
    await db.unit.update({
      where: { id: newcomer.cell.id },
      data: { createdAt: at("2026-12-20T10:00:00") },
    });
    clock.set(at("2027-01-01T00:10:00"));
    const units = [idle.cell.id, held.cell.id, newcomer.cell.id];
    const result = await sweepAlerts(services, { unitIds: units });
    expect(result.raised).toEqual({ "r2-not-held": 1 });
    const alert = await db.alert.findFirstOrThrow({ where: { unitId: idle.cell.id } });
    expect(alert.key).toContain("2026-12");
    await waitUntil(async () =>
      textsTo(idle.committee.telegramId).some((t) => t.includes("tháng 12/2026")),
    );
  });
});
