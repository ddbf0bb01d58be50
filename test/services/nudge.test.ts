import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.ts";
import { actorFor } from "../../src/services/actors.ts";
import { recordAnswer } from "../../src/services/answers.ts";
import { createPreparer } from "../../src/services/deliveries.ts";
import type { OutgoingMessage } from "../../src/services/messenger.ts";
import { NUDGE_INTERVAL_MS, nudgeSilent } from "../../src/services/nudge.ts";
import { createStack, seedCell } from "../support/stack.ts";

// Tuesday 1 December 2026, 10:00 local; the meeting is on Thursday 10 December, 19:30.
const clock = new ManualClock(new Date("2026-12-01T03:00:00Z"));
const stack = await createStack({ clock });
const { db, services } = stack;
const preparer = createPreparer({ db, t: services.t, settings: services.settings });
const prepare = async (delivery: Parameters<typeof preparer>[0]) =>
  (await preparer(delivery, services.clock.now())) as OutgoingMessage | null;

async function cellWithMeeting(size = 6) {
  const seeded = await seedCell(stack, { size });
  const meeting = await db.meeting.create({
    data: {
      unitId: seeded.cell.id,
      startsAt: new Date("2026-12-10T12:30:00Z"),
      plannedEndAt: new Date("2026-12-10T14:00:00Z"),
      place: "Nhà văn hóa khu phố",
    },
  });
  const actor = async (i: number) =>
    (await actorFor(db, "TELEGRAM", String(seeded.members[i]!.telegramId)))!;
  return { ...seeded, meeting, actor };
}

const nudgesOf = (meetingId: string) =>
  db.delivery.findMany({ where: { meetingId, kind: "nudge" }, orderBy: { createdAt: "asc" } });

describe("/nhacnho nudges the silent members of the next meeting", () => {
  it("only eligible members with a chat and no answer get a nudge; the unlinked are listed to phone", async () => {
    const { cell, members, meeting, actor } = await cellWithMeeting(6);
    await recordAnswer(services, await actor(2), {
      meetingId: meeting.id,
      memberId: members[2]!.id,
      kind: "ATTENDING",
    });
    await recordAnswer(services, await actor(3), {
      meetingId: meeting.id,
      memberId: members[3]!.id,
      kind: "ABSENT",
      reason: "Ốm đau",
    });
    // R6: exempt on the meeting day, so not expected and not nudged.
    await db.statusPeriod.create({
      data: { memberId: members[4]!.id, kind: "EXEMPT", fromDate: new Date("2026-01-01") },
    });
    const unlinked = await db.member.create({
      data: {
        code: `nochat-${cell.id}`,
        fullName: "Nguyễn Văn Chưa Liên Kết",
        cellId: cell.id,
        joinedOn: new Date("2020-01-01"),
      },
    });

    const result = await nudgeSilent(services, await actor(0), cell.id);

    // The secretary who nudges is not nudged; the deputy and member 5 are.
    expect(result.nudged.map((m) => m.id).sort()).toEqual([members[1]!.id, members[5]!.id].sort());
    expect(result.unreachable.map((m) => m.id)).toEqual([unlinked.id]);
    const rows = await nudgesOf(meeting.id);
    expect(rows.map((r) => r.memberId).sort()).toEqual([members[1]!.id, members[5]!.id].sort());
    const window = Math.floor(clock.now().getTime() / NUDGE_INTERVAL_MS);
    expect(rows[0]!.idempotencyKey).toBe(`nudge_${meeting.id}_${window}_${rows[0]!.memberId}`);
    expect(rows[0]!.payload).toEqual({
      role: "member",
      reminder: "nudge",
      first: false,
      last: true,
      startsAt: meeting.startsAt.toISOString(),
    });
    expect((await db.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).lastNudgeAt).toEqual(
      clock.now(),
    );
    expect(
      await db.auditLog.count({ where: { entityId: meeting.id, action: "meeting.nudge" } }),
    ).toBe(1);
  });

  it("a second nudge within 6 hours is refused with the time it is allowed again; after 6 hours it goes", async () => {
    const { cell, meeting, actor } = await cellWithMeeting(4);
    const started = clock.now();
    await nudgeSilent(services, await actor(0), cell.id);
    clock.advance(NUDGE_INTERVAL_MS - 60_000);
    await expect(nudgeSilent(services, await actor(1), cell.id)).rejects.toMatchObject({
      key: "nhacnho-too-soon",
      args: { nextDate: "01/12/2026", nextTime: "16:00" },
    });
    // The deputy and the two members, once.
    expect(await nudgesOf(meeting.id)).toHaveLength(3);
    clock.advance(60_000);
    await nudgeSilent(services, await actor(0), cell.id);
    expect(await nudgesOf(meeting.id)).toHaveLength(6);
    expect((await db.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).lastNudgeAt).toEqual(
      new Date(started.getTime() + NUDGE_INTERVAL_MS),
    );
  });

  it("two leaders pressing at the same moment nudge once", async () => {
    const { cell, meeting, actor } = await cellWithMeeting(5);
    const outcomes = await Promise.allSettled([
      nudgeSilent(services, await actor(0), cell.id),
      nudgeSilent(services, await actor(1), cell.id),
    ]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect(outcomes.find((o) => o.status === "rejected")).toMatchObject({
      reason: { key: "nhacnho-too-soon" },
    });
    // Whoever won, the other leader and the three members are nudged once each.
    expect(await nudgesOf(meeting.id)).toHaveLength(4);
  });

  it("when everyone silent is unreachable nothing is written and the 6 hours do not start", async () => {
    const { cell, members, meeting, actor } = await cellWithMeeting(3);
    await db.member.updateMany({
      where: { id: { in: [members[1]!.id, members[2]!.id] } },
      data: { unreachableAt: clock.now() },
    });
    const result = await nudgeSilent(services, await actor(0), cell.id);
    expect(result.nudged).toEqual([]);
    expect(result.unreachable).toHaveLength(2);
    expect(await nudgesOf(meeting.id)).toEqual([]);
    expect(
      (await db.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).lastNudgeAt,
    ).toBeNull();
  });

  it("a plain member may not nudge, and nothing is written", async () => {
    const { cell, meeting, actor } = await cellWithMeeting(3);
    await expect(nudgeSilent(services, await actor(2), cell.id)).rejects.toMatchObject({
      key: "error-not-allowed",
    });
    expect(await nudgesOf(meeting.id)).toEqual([]);
    expect(
      (await db.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).lastNudgeAt,
    ).toBeNull();
  });

  it("a cell without an upcoming meeting is told so", async () => {
    const seeded = await seedCell(stack, { size: 2 });
    const secretary = (await actorFor(db, "TELEGRAM", String(seeded.members[0]!.telegramId)))!;
    await expect(nudgeSilent(services, secretary, seeded.cell.id)).rejects.toMatchObject({
      key: "nhacnho-no-meeting",
    });
  });
});

describe("just before a nudge is sent", () => {
  it("a member who answered since is not nudged; a muted member still is (a nudge is a last reminder)", async () => {
    const { cell, members, meeting, actor } = await cellWithMeeting(4);
    await db.member.update({ where: { id: members[3]!.id }, data: { muted: true } });
    await nudgeSilent(services, await actor(0), cell.id);
    await recordAnswer(services, await actor(2), {
      meetingId: meeting.id,
      memberId: members[2]!.id,
      kind: "ATTENDING",
    });
    const rows = await nudgesOf(meeting.id);
    const answered = rows.find((r) => r.memberId === members[2]!.id)!;
    const muted = rows.find((r) => r.memberId === members[3]!.id)!;
    expect(await prepare(answered)).toBeNull();
    const message = await prepare(muted);
    expect(message?.text).toContain("10/12/2026");
    expect(message?.buttons?.[0]?.map((b) => b.label)).toEqual([
      "✅ Tham dự",
      "❌ Vắng (có lý do)",
    ]);
  });
});
