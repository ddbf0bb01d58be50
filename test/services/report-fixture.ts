// One month of two grassroots organisations for the report tests (service, CLI, Telegram).
import type { Db } from "../../src/db/client.ts";
import { type Stack, seedCell } from "../support/stack.ts";

/** A local time in Asia/Ho_Chi_Minh. */
export const at = (local: string) => new Date(`${local}+07:00`);

type Seeded = Awaited<ReturnType<typeof seedCell>>;

async function heldMeeting(
  db: Db,
  unitId: string,
  startsLocal: string,
  marks: { memberId: string; status: "PRESENT" | "EXCUSED" | "UNEXCUSED"; guest?: boolean }[],
  minutes = 100,
) {
  const startsAt = at(startsLocal);
  const meeting = await db.meeting.create({
    data: {
      unitId,
      startsAt,
      plannedEndAt: new Date(startsAt.getTime() + 90 * 60_000),
      status: "HELD",
      rollCallOpenedAt: startsAt,
      rollCallClosedAt: new Date(startsAt.getTime() + minutes * 60_000),
    },
  });
  await db.attendance.createMany({
    data: marks.map((m) => ({
      meetingId: meeting.id,
      memberId: m.memberId,
      status: m.status,
      guest: m.guest ?? false,
      reason: m.status === "EXCUSED" ? "Đi công tác" : null,
      markedAt: startsAt,
    })),
  });
  return meeting;
}

/**
 * `month` (e.g. "2026-11") and the two months before it:
 *
 * - "Chi bộ Khu phố 3" (20 members, one exempt), in "Đảng bộ phường Bắc Sơn": on day 3 a held
 *   meeting of 75 minutes with 16 of 19 present (R3 fails: 17 needed), X absent with a reason for
 *   the third time in a row (R5 warning), Y absent without one for the second month (R4, R8
 *   warning), the exempt member and the committee member present, 3 reminded members who never
 *   answered; a meeting on day 20 whose roll call was opened and never closed (last to report);
 *   a cancelled one on day 10.
 * - "Chi bộ Cơ quan phường Bắc Sơn", in the same organisation, with no meeting (R2).
 * - "Chi bộ Trường Tiểu học Lam Sơn" (6 members), in another organisation: all present on day 12.
 */
export async function seedReportMonth(stack: Stack, month: string) {
  const { db } = stack;
  const [year, m] = month.split("-").map(Number) as [number, number];
  const monthAgo = (k: number) => new Date(Date.UTC(year, m - 1 - k, 1)).toISOString().slice(0, 7);

  const ward: Seeded = await seedCell(stack, { size: 20 });
  await db.unit.update({ where: { id: ward.parent.id }, data: { name: "Đảng bộ phường Bắc Sơn" } });
  const cell = await db.unit.update({
    where: { id: ward.cell.id },
    data: { name: "Chi bộ Khu phố 3" },
  });
  const members = ward.members;
  const [secretary, deputy] = members;
  const x = members[5]!;
  const y = members[6]!;
  const z = members[18]!;
  const exempt = members[19]!;
  await db.statusPeriod.create({
    data: { memberId: exempt.id, kind: "EXEMPT", fromDate: new Date(`${year - 1}-01-01`) },
  });
  const eligible = members.slice(0, 19);
  const present = (except: string[]) =>
    eligible
      .filter((p) => !except.includes(p.id))
      .map((p) => ({ memberId: p.id, status: "PRESENT" as const }));

  // Two earlier months: X excused both times (R5), Y unexcused in the second (R8).
  await heldMeeting(db, cell.id, `${monthAgo(2)}-03T19:30:00`, [
    ...present([x.id]),
    { memberId: x.id, status: "EXCUSED" },
  ]);
  await heldMeeting(db, cell.id, `${monthAgo(1)}-03T19:30:00`, [
    ...present([x.id, y.id]),
    { memberId: x.id, status: "EXCUSED" },
    { memberId: y.id, status: "UNEXCUSED" },
  ]);
  const main = await heldMeeting(
    db,
    cell.id,
    `${month}-03T19:30:00`,
    [
      ...present([x.id, y.id, z.id]),
      { memberId: x.id, status: "EXCUSED" },
      { memberId: z.id, status: "EXCUSED" },
      { memberId: y.id, status: "UNEXCUSED" },
      { memberId: exempt.id, status: "PRESENT" },
      { memberId: ward.committee.id, status: "PRESENT", guest: true },
    ],
    75,
  );
  // Reminders delivered to every eligible member and the committee member; 3 never answered.
  const silent = [members[16]!, members[17]!, z];
  await db.delivery.createMany({
    data: [...eligible, ward.committee].map((p) => ({
      idempotencyKey: `rem_${main.id}_d1_${p.id}`,
      platform: "TELEGRAM" as const,
      chatId: String(p.telegramId),
      kind: "reminder",
      payload: { role: p.id === ward.committee.id ? "guest" : "member" },
      dueAt: at(`${month}-02T19:30:00`),
      status: "SENT" as const,
      sentAt: at(`${month}-02T19:30:00`),
      memberId: p.id,
      meetingId: main.id,
    })),
  });
  await db.answer.createMany({
    data: eligible
      .filter((p) => !silent.includes(p))
      .map((p) => ({
        meetingId: main.id,
        memberId: p.id,
        kind: p.id === x.id ? ("ABSENT" as const) : ("ATTENDING" as const),
        reason: p.id === x.id ? "Đi công tác" : null,
        answeredAt: at(`${month}-02T20:00:00`),
      })),
  });
  const open = await db.meeting.create({
    data: {
      unitId: cell.id,
      startsAt: at(`${month}-20T19:30:00`),
      plannedEndAt: at(`${month}-20T21:00:00`),
      rollCallOpenedAt: at(`${month}-20T19:35:00`),
    },
  });
  await db.meeting.create({
    data: {
      unitId: cell.id,
      startsAt: at(`${month}-10T19:30:00`),
      plannedEndAt: at(`${month}-10T21:00:00`),
      status: "CANCELLED",
    },
  });

  const idle = await db.unit.create({
    data: {
      code: `${cell.code}-CQ`,
      name: "Chi bộ Cơ quan phường Bắc Sơn",
      kind: "CELL",
      cellKind: "OTHER",
      parentId: ward.parent.id,
      // Known to the bot since before the month: not meeting in it is R2.
      createdAt: new Date(`${monthAgo(3)}-01T00:00:00Z`),
    },
  });

  const school: Seeded = await seedCell(stack, { size: 6, kind: "OTHER" });
  await db.unit.update({
    where: { id: school.parent.id },
    data: { name: "Đảng bộ khối Giáo dục" },
  });
  await db.unit.update({
    where: { id: school.cell.id },
    data: { name: "Chi bộ Trường Tiểu học Lam Sơn" },
  });
  await heldMeeting(
    db,
    school.cell.id,
    `${month}-12T16:30:00`,
    school.members.map((p) => ({ memberId: p.id, status: "PRESENT" as const })),
  );

  return {
    ward,
    cell,
    idle,
    school,
    main,
    open,
    secretary: secretary!,
    deputy: deputy!,
    plain: members[10]!,
    x,
    y,
    z,
    exempt,
    silent,
  };
}
