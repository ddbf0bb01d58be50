import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.ts";
import { toLocalIso } from "../../src/domain/schedule.ts";
import { deliveryJobId } from "../../src/jobs/queues.ts";
import { cancelMeeting, moveMeeting } from "../../src/services/meetings.ts";
import { syncReminders } from "../../src/services/planner.ts";
import { createStack, seedCell, waitUntil } from "../support/stack.ts";

// 3 December 2026, 19:30 local: the 3-day reminder of a meeting on 6 December 19:30 is due now.
const clock = new ManualClock(new Date("2026-12-03T12:30:00Z"));
const stack = await createStack({ clock });
const { db, services, botApi, queue } = stack;
stack.startDeliveryWorker();

async function remindedMeeting(size: number) {
  const seeded = await seedCell(stack, { size });
  const meeting = await db.meeting.create({
    data: {
      unitId: seeded.cell.id,
      startsAt: new Date("2026-12-06T12:30:00Z"),
      plannedEndAt: new Date("2026-12-06T14:00:00Z"),
      place: "Hội trường",
    },
  });
  await syncReminders(services, seeded.cell.id);
  await waitUntil(
    async () =>
      (await db.delivery.count({ where: { meetingId: meeting.id, status: "SENT" } })) === size + 1,
  );
  return { ...seeded, meeting };
}

async function queuedRemindersOf(meetingId: string) {
  const rows = await db.delivery.findMany({
    where: { meetingId, kind: "reminder" },
    select: { id: true },
  });
  const states = await Promise.all(rows.map((r) => queue.getJobState(deliveryJobId(r.id))));
  return states.filter((s) => s === "delayed" || s === "waiting").length;
}

describe("a secretary moves or cancels a meeting", () => {
  it("moving it from 19:30 to 14:00 replaces its pending reminders and tells those already reminded", async () => {
    const { meeting, members } = await remindedMeeting(4);
    const before = await db.delivery.findMany({
      where: { meetingId: meeting.id, status: "PENDING" },
    });
    expect(new Set(before.map((d) => toLocalIso(d.dueAt)))).toEqual(
      new Set(["2026-12-05T19:29:55+07:00", "2026-12-06T17:29:55+07:00"]),
    );

    await moveMeeting(services, members[0]!.id, meeting.id, {
      startsAt: new Date("2026-12-06T07:00:00Z"),
    });

    const old = await db.delivery.findMany({ where: { id: { in: before.map((d) => d.id) } } });
    expect(old.every((d) => d.status === "CANCELLED")).toBe(true);
    const pending = await db.delivery.findMany({
      where: { meetingId: meeting.id, status: "PENDING", kind: "reminder" },
    });
    expect(new Set(pending.map((d) => toLocalIso(d.dueAt)))).toEqual(
      new Set(["2026-12-05T13:59:55+07:00", "2026-12-06T11:59:55+07:00"]),
    );
    expect(await queuedRemindersOf(meeting.id)).toBe(pending.length);
    await waitUntil(async () =>
      botApi.messagesSentTo(members[2]!.telegramId).some((m) => m.text.includes("đã thay đổi")),
    );
    const notice = botApi
      .messagesSentTo(members[2]!.telegramId)
      .find((m) => m.text.includes("đã thay đổi"))!;
    expect(notice.text).toContain("14:00");
    expect(notice.text).toContain("06/12/2026");
    const audit = await db.auditLog.findFirstOrThrow({
      where: { entityId: meeting.id, action: "meeting.move" },
    });
    expect(audit.actorId).toBe(members[0]!.id);
  });

  it("cancelling removes every pending reminder and tells only those already reminded", async () => {
    const { meeting, members, cell } = await remindedMeeting(3);
    // A member linked after the first reminder went out has reminders pending but was never told.
    const late = await db.member.create({
      data: {
        code: `late-${meeting.id}`,
        fullName: "Trần Thị Muộn",
        cellId: cell.id,
        joinedOn: new Date("2020-01-01"),
        identities: { create: { platform: "TELEGRAM", externalId: "777001", chatId: "777001" } },
      },
    });
    botApi.addUser({ id: 777001, first_name: late.fullName });
    clock.advance(60_000); // the 3-day reminder's time has passed: the late member gets the later ones only
    await syncReminders(services, cell.id);

    await cancelMeeting(services, members[1]!.id, meeting.id);

    expect(
      await db.delivery.count({
        where: { meetingId: meeting.id, kind: "reminder", status: "PENDING" },
      }),
    ).toBe(0);
    await waitUntil(
      async () =>
        (await db.delivery.count({
          where: { meetingId: meeting.id, kind: "notice", status: "SENT" },
        })) === 4,
    );
    expect(await queuedRemindersOf(meeting.id)).toBe(0);
    for (const m of members) {
      expect(botApi.messagesSentTo(m.telegramId).at(-1)!.text).toContain("đã bị hủy");
    }
    expect(botApi.messagesSentTo(777001)).toEqual([]);
  });

  it("a plain member cannot move or cancel, and nothing changes", async () => {
    const { meeting, members } = await remindedMeeting(3);
    await expect(
      moveMeeting(services, members[2]!.id, meeting.id, {
        startsAt: new Date("2026-12-07T07:00:00Z"),
      }),
    ).rejects.toMatchObject({ key: "error-not-allowed" });
    await expect(cancelMeeting(services, members[2]!.id, meeting.id)).rejects.toMatchObject({
      key: "error-not-allowed",
    });
    const after = await db.meeting.findUniqueOrThrow({ where: { id: meeting.id } });
    expect(after.startsAt).toEqual(meeting.startsAt);
    expect(after.status).toBe("PLANNED");
  });
});
