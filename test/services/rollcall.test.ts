import type { AttendanceStatus } from "@prisma/client";
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.ts";
import { resolvePolicy } from "../../src/domain/policy.ts";
import { actorFor } from "../../src/services/actors.ts";
import type { Services } from "../../src/services/context.ts";
import { UserError } from "../../src/services/errors.ts";
import {
  closeRollCall,
  type MarkSubject,
  markConfirmedPresent,
  markMember,
  minutesMessages,
  nextMark,
  openRollCall,
  type RosterStatus,
  rejectReason,
  rosterView,
} from "../../src/services/rollcall/index.ts";
import { createStack, seedCell } from "../support/stack.ts";

// Sunday 6 December 2026, 18:00 local; each test's meeting starts 30 minutes after "now".
const clock = new ManualClock(new Date("2026-12-06T11:00:00Z"));
const stack = await createStack({ clock });
const { db, services } = stack;

async function actorOf(telegramId: number) {
  return (await actorFor(db, "TELEGRAM", String(telegramId)))!;
}

async function cellWithMeeting(size: number) {
  const seeded = await seedCell(stack, { size });
  const now = clock.now().getTime();
  const meeting = await db.meeting.create({
    data: {
      unitId: seeded.cell.id,
      startsAt: new Date(now + 30 * 60_000),
      plannedEndAt: new Date(now + 120 * 60_000),
    },
  });
  const secretary = await actorOf(seeded.members[0]!.telegramId);
  const deputy = await actorOf(seeded.members[1]!.telegramId);
  return { ...seeded, meeting, secretary, deputy, ids: seeded.members.map((m) => m.id) };
}

async function answer(meetingId: string, memberId: string, reason?: string) {
  await db.answer.create({
    data: {
      meetingId,
      memberId,
      kind: reason ? "ABSENT" : "ATTENDING",
      reason: reason ?? null,
      answeredAt: clock.now(),
    },
  });
}

/** An earlier regular meeting, held on `day` at 19:30 local; everyone present unless said otherwise. */
async function heldMeeting(
  cellId: string,
  day: string,
  memberIds: string[],
  marks: Record<string, AttendanceStatus> = {},
) {
  const startsAt = new Date(`${day}T19:30:00+07:00`);
  await db.meeting.create({
    data: {
      unitId: cellId,
      startsAt,
      plannedEndAt: new Date(startsAt.getTime() + 90 * 60_000),
      status: "HELD",
      rollCallOpenedAt: startsAt,
      rollCallClosedAt: new Date(startsAt.getTime() + 100 * 60_000),
      attendance: {
        create: memberIds.map((memberId) => ({
          memberId,
          status: marks[memberId] ?? "PRESENT",
          reason: marks[memberId] === "EXCUSED" ? "Đi công tác" : null,
          markedAt: startsAt,
        })),
      },
    },
  });
}

async function statusOf(meetingId: string, memberId: string) {
  const row = await db.attendance.findUnique({
    where: { meetingId_memberId: { meetingId, memberId } },
  });
  return row?.status ?? null;
}

async function alertsOf(meetingUnitId: string) {
  const rows = await db.alert.findMany({ where: { unitId: meetingUnitId } });
  return rows.map((a) => `${a.type}:${a.memberId ?? "-"}`).sort();
}

async function userError(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  return (error as UserError).key;
}

describe("opening the roll call", () => {
  it("prefills a Vắng with its reason; a Tham dự is shown as confirmed, not present; marks stay", async () => {
    const { meeting, secretary, ids } = await cellWithMeeting(4);
    await answer(meeting.id, ids[2]!);
    await answer(meeting.id, ids[3]!, "Ốm đau");

    const view = await openRollCall(services, secretary);
    const byId = new Map(view.members.map((m) => [m.memberId, m]));
    expect(byId.get(ids[2]!)).toMatchObject({ status: "unmarked", answer: "attending" });
    expect(byId.get(ids[3]!)).toMatchObject({
      status: "excused",
      reason: "Ốm đau",
      answer: "absent",
    });
    expect(byId.get(ids[0]!)).toMatchObject({ status: "unmarked", answer: null });
    expect(view.counts).toMatchObject({
      eligible: 4,
      present: 0,
      excused: 1,
      unmarked: 3,
      confirmedUnmarked: 1,
    });
    const opened = await db.meeting.findUniqueOrThrow({ where: { id: meeting.id } });
    expect(opened.rollCallOpenedAt).toEqual(clock.now());

    await markMember(services, secretary, meeting.id, ids[3]!, "present"); // came after all
    await openRollCall(services, secretary);
    expect(await statusOf(meeting.id, ids[3]!)).toBe("PRESENT");
  });

  it("«all who confirmed are present» marks exactly the confirmed unmarked members, once, audited", async () => {
    const { meeting, secretary, ids } = await cellWithMeeting(5);
    for (const id of ids.slice(1, 4)) await answer(meeting.id, id);
    await openRollCall(services, secretary);
    await markMember(services, secretary, meeting.id, ids[3]!, "unexcused"); // said yes, stayed home
    expect(await markConfirmedPresent(services, secretary, meeting.id)).toEqual({ marked: 2 });
    expect(await markConfirmedPresent(services, secretary, meeting.id)).toEqual({ marked: 0 });
    expect(await statusOf(meeting.id, ids[1]!)).toBe("PRESENT");
    expect(await statusOf(meeting.id, ids[3]!)).toBe("UNEXCUSED");
    expect(await statusOf(meeting.id, ids[4]!)).toBeNull();
    expect(
      await db.auditLog.count({
        where: { action: "rollcall.mark-confirmed", entityId: meeting.id },
      }),
    ).toBe(1);
  });

  it("a plain member cannot open it, and a secretary without a current meeting is told so", async () => {
    const { members } = await cellWithMeeting(3);
    expect(await userError(openRollCall(services, await actorOf(members[2]!.telegramId)))).toBe(
      "error-rollcall-leaders-only",
    );
    const other = await seedCell(stack, { size: 2 });
    expect(
      await userError(openRollCall(services, await actorOf(other.members[0]!.telegramId))),
    ).toBe("error-rollcall-no-meeting");
  });
});

describe("marking", () => {
  it("a button carries the next mark of unmarked → present → excused → unexcused → unmarked", () => {
    const walk = (subject: MarkSubject, correction: boolean, from: RosterStatus) => {
      const seen = [from];
      for (let i = 0; i < 4; i++) seen.push(nextMark(seen.at(-1)!, subject, correction));
      return seen;
    };
    expect(walk("eligible", false, "unmarked")).toEqual([
      "unmarked",
      "present",
      "excused",
      "unexcused",
      "unmarked",
    ]);
    // A correction after closing never goes back to unmarked; exempt members and guests toggle.
    expect(walk("eligible", true, "present")).toEqual([
      "present",
      "excused",
      "unexcused",
      "present",
      "excused",
    ]);
    expect(walk("guest", false, "unmarked").slice(0, 3)).toEqual([
      "unmarked",
      "present",
      "unmarked",
    ]);
  });

  it("a press sets the mark it carries: the same press twice (a redelivery) sets it once", async () => {
    const { meeting, secretary, ids } = await cellWithMeeting(3);
    await openRollCall(services, secretary);
    for (let i = 0; i < 2; i++) {
      expect((await markMember(services, secretary, meeting.id, ids[2]!, "excused")).status).toBe(
        "excused",
      );
    }
    expect(await statusOf(meeting.id, ids[2]!)).toBe("EXCUSED");
    await markMember(services, secretary, meeting.id, ids[2]!, "unmarked");
    expect(await statusOf(meeting.id, ids[2]!)).toBeNull();
  });

  it("a secretary of another cell, or a press about someone not on the roll, changes nothing", async () => {
    const { meeting, secretary, ids } = await cellWithMeeting(3);
    await openRollCall(services, secretary);
    const other = await seedCell(stack, { size: 2 });
    const stranger = await actorOf(other.members[0]!.telegramId);
    expect(await userError(markMember(services, stranger, meeting.id, ids[2]!, "present"))).toBe(
      "error-not-allowed",
    );
    expect(
      await userError(markMember(services, secretary, meeting.id, other.members[1]!.id, "present")),
    ).toBe("error-rollcall-not-in-roster");
    expect(await db.attendance.count({ where: { meetingId: meeting.id } })).toBe(0);
  });

  it("20 concurrent presses by two secretaries lose no mark", async () => {
    const { meeting, secretary, deputy, ids } = await cellWithMeeting(12);
    await openRollCall(services, secretary);
    const presses = [
      // 10 presses of the same button on one member, alternating secretaries.
      ...Array.from(
        { length: 10 },
        (_, i) => [i % 2 ? deputy : secretary, ids[2]!, "excused"] as const,
      ),
      // one press on each of 9 other members.
      ...ids.slice(3, 12).map((id, i) => [i % 2 ? secretary : deputy, id, "present"] as const),
    ];
    await Promise.all(
      presses.map(([actor, id, mark]) => markMember(services, actor, meeting.id, id, mark)),
    );
    expect(await statusOf(meeting.id, ids[2]!)).toBe("EXCUSED");
    for (const id of ids.slice(3, 12)) expect(await statusOf(meeting.id, id)).toBe("PRESENT");
  });
});

describe("closing the roll call", () => {
  it("R3: 9 of 12 present (75 %) fails; the silent member becomes absent without reason", async () => {
    const { meeting, cell, secretary, ids, members, committee } = await cellWithMeeting(12);
    for (const id of ids.slice(0, 9)) await answer(meeting.id, id);
    await answer(meeting.id, ids[9]!, "Ốm đau");
    await answer(meeting.id, ids[10]!, "Đi công tác, về muộn");
    await openRollCall(services, secretary);
    await markConfirmedPresent(services, secretary, meeting.id); // the secretary sees them

    const { minutes, view, resent } = await closeRollCall(services, secretary, meeting.id);

    expect(resent).toBe(false);
    expect(await statusOf(meeting.id, ids[11]!)).toBe("UNEXCUSED");
    expect(minutes).toMatchObject({
      total: 12,
      eligible: 12,
      present: 9,
      minimumPresent: 11,
      rate: 0.75,
      rateOk: false,
    });
    expect(view.closed).toBe(true);
    const held = await db.meeting.findUniqueOrThrow({ where: { id: meeting.id } });
    expect([held.status, held.rollCallClosedAt]).toEqual(["HELD", clock.now()]);
    expect(await alertsOf(cell.id)).toEqual(["r3-failed:-", `r4-unexcused:${ids[11]}`]);

    // The minutes go to the deputy and the committee member; the secretary got them as the reply.
    const notices = await db.delivery.findMany({
      where: { meetingId: meeting.id, kind: "notice" },
    });
    expect(new Set(notices.map((n) => n.memberId))).toEqual(new Set([ids[1], committee.id]));
    expect(notices).toHaveLength(4);
    const text = notices.find((n) => !(n.payload as { file?: unknown }).file)!.payload as {
      text: string;
    };
    expect(text.text).toContain("Có mặt: 9/12 — tỷ lệ 75%");
    expect(text.text).toContain("cần ít nhất 11/12");
    expect(text.text).toContain(`• ${members[9]!.fullName}: Ốm đau`);
    expect(text.text).toContain(`• ${members[11]!.fullName}`);

    const { file } = minutesMessages(services.t, minutes);
    expect(file.name).toBe(`bien-ban-${slugOf(cell.name)}-2026-12-06.csv`);
    expect(file.content.startsWith("\uFEFF")).toBe(true);
    const lines = file.content.slice(1).split("\r\n");
    expect(lines).toContain("Tỷ lệ,75%");
    expect(lines).toContain("Số phải dự,12");
    expect(
      lines.some((l) =>
        l.endsWith(
          `${members[10]!.fullName},Đảng viên chính thức,Vắng có lý do,"Đi công tác, về muộn"`,
        ),
      ),
    ).toBe(true);
    expect(
      lines.some((l) =>
        l.includes(`${members[11]!.fullName},Đảng viên chính thức,Vắng không lý do,`),
      ),
    ).toBe(true);
    expect(lines.some((l) => l.includes(`${committee.fullName},Khách mời`))).toBe(true);
  });

  it("R4: a reason rejected as not valid is audited and counted as absent without reason", async () => {
    const { meeting, cell, secretary, ids } = await cellWithMeeting(3);
    for (const id of ids.slice(0, 2)) await answer(meeting.id, id);
    await answer(meeting.id, ids[2]!, "Bận việc riêng");
    await openRollCall(services, secretary);
    await markConfirmedPresent(services, secretary, meeting.id); // the secretary sees them

    await rejectReason(services, secretary, meeting.id, ids[2]!);

    const entry = await db.auditLog.findFirstOrThrow({
      where: { entityId: meeting.id, action: "rollcall.reason-rejected" },
    });
    expect(entry.actorId).toBe(secretary.memberId);
    expect((await rosterView(services, meeting.id)).counts).toMatchObject({
      excused: 0,
      unexcused: 1,
    });
    const { minutes } = await closeRollCall(services, secretary, meeting.id);
    expect(minutes.rows.find((r) => r.reasonRejected)).toMatchObject({ status: "unexcused" });
    expect(await alertsOf(cell.id)).toContain(`r4-unexcused:${ids[2]}`);
    expect(minutesMessages(services.t, minutes).text).toContain(
      "«Bận việc riêng» không chính đáng",
    );
  });

  it("R6: exempt members and guests are listed apart, marked, reported, and outside the rate", async () => {
    const { meeting, secretary, ids, committee } = await cellWithMeeting(4);
    await db.statusPeriod.create({
      data: { memberId: ids[3]!, kind: "EXEMPT", fromDate: new Date("2026-01-01") },
    });
    for (const id of ids.slice(0, 3)) await answer(meeting.id, id);
    const view = await openRollCall(services, secretary);
    await markConfirmedPresent(services, secretary, meeting.id); // the secretary sees them
    expect(view.exempt.map((m) => m.memberId)).toEqual([ids[3]]);
    expect(view.guests).toEqual([
      { memberId: committee.id, fullName: committee.fullName, present: false },
    ]);

    expect((await markMember(services, secretary, meeting.id, committee.id, "present")).guest).toBe(
      true,
    );
    await markMember(services, secretary, meeting.id, ids[3]!, "present");
    const { minutes } = await closeRollCall(services, secretary, meeting.id);

    expect(minutes).toMatchObject({ total: 4, eligible: 3, present: 3, rateOk: true });
    const guestRow = await db.attendance.findUniqueOrThrow({
      where: { meetingId_memberId: { meetingId: meeting.id, memberId: committee.id } },
    });
    expect([guestRow.guest, guestRow.status]).toEqual([true, "PRESENT"]);
    const text = minutesMessages(services.t, minutes).text;
    expect(text).toContain("Miễn sinh hoạt, nhiệm vụ đặc biệt: 1");
    expect(text).toContain("(miễn sinh hoạt, có dự họp)");
    expect(text).toContain(`• ${committee.fullName} — cấp ủy viên phụ trách`);
  });

  it("R5 and R8 from this year's held meetings: notice, warning, violation; warning, consider", async () => {
    const { meeting, cell, secretary, ids, members } = await cellWithMeeting(10);
    const [, , warn, notice, violation, broken, r8warn, r8consider] = ids;
    const E = "EXCUSED" as const;
    const U = "UNEXCUSED" as const;
    await heldMeeting(cell.id, "2025-12-03", ids, { [notice!]: E });
    await heldMeeting(cell.id, "2026-09-03", ids, { [violation!]: E, [r8consider!]: U });
    await heldMeeting(cell.id, "2026-10-03", ids, {
      [warn!]: E,
      [violation!]: E,
      [broken!]: E,
      [r8warn!]: U,
      [r8consider!]: U,
    });
    await heldMeeting(cell.id, "2026-11-03", ids, { [warn!]: E, [notice!]: E, [violation!]: E });
    for (const id of [ids[0]!, ids[1]!, ids[8]!, ids[9]!, broken!]) await answer(meeting.id, id);
    for (const id of [warn!, notice!, violation!]) await answer(meeting.id, id, "Đi công tác");
    await openRollCall(services, secretary);
    await markConfirmedPresent(services, secretary, meeting.id); // the secretary sees them
    await markMember(services, secretary, meeting.id, broken!, "excused");

    const { minutes } = await closeRollCall(services, secretary, meeting.id);

    const alerts = await alertsOf(cell.id);
    expect(alerts.filter((a) => a.startsWith("r5") || a.startsWith("r8"))).toEqual(
      [
        `r5-notice:${notice}`,
        `r5-warning:${warn}`,
        `r5-violation:${violation}`,
        `r8-warning:${r8warn}`,
        `r8-consider:${r8consider}`,
      ].sort(),
    );
    // The notice goes to the member; the warning to the secretary, deputy and committee member.
    const noticeAlert = await db.alert.findFirstOrThrow({
      where: { unitId: cell.id, type: "r5-notice" },
    });
    const to = async (alertId: string) =>
      (await db.delivery.findMany({ where: { alertId } })).map((d) => d.memberId).sort();
    expect(await to(noticeAlert.id)).toEqual([notice]);
    const warning = await db.alert.findFirstOrThrow({
      where: { unitId: cell.id, type: "r5-warning" },
    });
    expect((await to(warning.id)).length).toBe(3);
    expect(await to(warning.id)).toContain(ids[1]);
    const rendered = services.t("alert-r5-warning", warning.payload as Record<string, string>);
    expect(rendered).toContain(members[2]!.fullName);
    expect(rendered).toContain("06/12/2026");
    expect(minutes.findings.map((f) => f.type)).toContain("r8-consider");
  });

  it("R9 (policy on): 60 minutes from the planned start to the close is reported short of 90", async () => {
    const { meeting, cell, secretary, ids } = await cellWithMeeting(2);
    for (const id of ids) await answer(meeting.id, id);
    await openRollCall(services, secretary);
    await markConfirmedPresent(services, secretary, meeting.id); // the secretary sees them
    clock.advance(90 * 60_000); // opened 30 minutes before the start, closed 60 minutes after it
    const strict: Services = {
      ...services,
      settings: {
        ...services.settings,
        policy: resolvePolicy({ minDuration: { enabled: true } }),
      },
    };
    const { minutes } = await closeRollCall(strict, secretary, meeting.id);
    expect(minutes.duration).toEqual({ minutes: 60, requiredMinutes: 90, ok: false });
    expect(await alertsOf(cell.id)).toEqual(["r9-short:-"]);
  });
});

describe("corrections (runs last: the clock only moves forward)", () => {
  it("within 24 h a correction is audited and the corrected minutes can be sent; after, it is refused", async () => {
    const { meeting, cell, secretary, deputy, ids } = await cellWithMeeting(3);
    for (const id of ids) await answer(meeting.id, id);
    await openRollCall(services, secretary);
    await markConfirmedPresent(services, secretary, meeting.id); // the secretary sees them
    await closeRollCall(services, secretary, meeting.id);

    clock.advance(23 * 3_600_000);
    const result = await markMember(services, deputy, meeting.id, ids[2]!, "unexcused");
    expect(result.correction).toBe(true);
    const entry = await db.auditLog.findFirstOrThrow({
      where: { entityId: meeting.id, action: "rollcall.correction" },
    });
    expect([entry.actorId, entry.before, entry.after]).toEqual([
      deputy.memberId,
      { memberId: ids[2], status: "PRESENT", reasonAccepted: true, guest: false },
      { memberId: ids[2], status: "UNEXCUSED", reasonAccepted: true, guest: false },
    ]);
    const again = await closeRollCall(services, secretary, meeting.id);
    expect([again.resent, again.minutes.revision, again.minutes.present]).toEqual([true, 1, 2]);
    expect(await alertsOf(cell.id)).toContain(`r4-unexcused:${ids[2]}`);
    const closed = await db.meeting.findUniqueOrThrow({ where: { id: meeting.id } });
    expect(closed.rollCallClosedAt!.getTime()).toBe(clock.now().getTime() - 23 * 3_600_000);

    clock.advance(2 * 3_600_000);
    expect(await userError(markMember(services, secretary, meeting.id, ids[2]!, "excused"))).toBe(
      "error-rollcall-correction-closed",
    );
    expect(await userError(rejectReason(services, secretary, meeting.id, ids[2]!))).toBe(
      "error-rollcall-correction-closed",
    );
    expect(await statusOf(meeting.id, ids[2]!)).toBe("UNEXCUSED");
    expect((await rosterView(services, meeting.id)).editable).toBe(false);
  });
});

function slugOf(name: string) {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-");
}
