import { describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/clock.ts";
import { syncReminders } from "../../../src/services/planner.ts";
import { seedCell, waitUntil } from "../../support/stack.ts";
import { createZaloStack } from "./zalo-stack.ts";

// Issue 13 items 1–3 on Zalo: typed answers confirmed by one number (or a typed «có»), reminders
// that know the answer, a past meeting's question named. Thursday 3 December 2026 19:30 local.
const clock = new ManualClock(new Date("2026-12-03T12:30:00Z"));
const s = await createZaloStack({ clock });
s.startBothWorker();

let seq = 0;
/** A cell whose members 2 and 3 use Zalo; its meeting's first reminder has reached them. */
async function zaloCell(options: { startsAt?: string; attending?: boolean } = {}) {
  const { cell, members } = await seedCell(s, { size: 4 });
  const ids = [`za-${++seq}`, `zb-${seq}`];
  await s.db.chatIdentity.updateMany({ data: { lastUsedAt: new Date("2026-01-01T00:00:00Z") } });
  await s.linkZalo(ids[0]!, members[2]!.id, members[0]!.telegramId);
  await s.linkZalo(ids[1]!, members[3]!.id, members[0]!.telegramId);
  const startsAt = new Date(options.startsAt ?? "2026-12-06T12:30:00Z");
  const meeting = await s.db.meeting.create({
    data: {
      unitId: cell.id,
      startsAt,
      plannedEndAt: new Date(startsAt.getTime() + 90 * 60_000),
      place: "Nhà văn hóa khu phố",
    },
  });
  if (options.attending) {
    await s.db.answer.create({
      data: {
        meetingId: meeting.id,
        memberId: members[2]!.id,
        kind: "ATTENDING",
        answeredAt: clock.now(),
      },
    });
  }
  await syncReminders(s.services, cell.id);
  await waitUntil(async () => ids.every((id) => s.lastText(id).includes("Nhắc lịch")));
  return { cell, members, meeting, ids };
}

const answerOf = (meetingId: string, memberId: string) =>
  s.db.answer.findUnique({ where: { meetingId_memberId: { meetingId, memberId } } });

describe("typed answers under an open reminder (Zalo)", () => {
  it("«tham du» asks «Xác nhận: … THAM DỰ …?»; a typed «có» at that step records it", async () => {
    const { members, meeting, ids } = await zaloCell();
    const [confirm] = await s.say(ids[0]!, "tham du");
    expect(confirm).toMatch(/^Xác nhận: đồng chí THAM DỰ cuộc họp .* lúc 19:30 Chủ nhật 06\/12\?/);
    expect(confirm).toContain("1. ✅ Xác nhận\n2. ↩️ Hủy");
    expect(await answerOf(meeting.id, members[2]!.id)).toBeNull();
    expect((await s.say(ids[0]!, "có")).at(-1)).toContain("Đã ghi nhận đồng chí sẽ tham dự");
    expect((await answerOf(meeting.id, members[2]!.id))?.kind).toBe("ATTENDING");
  });

  it("«Xin vắng vì con ốm»: one confirmation (here «có»), the reason recorded", async () => {
    const { members, meeting, ids } = await zaloCell();
    const [confirm] = await s.say(ids[1]!, "Xin vắng vì con ốm");
    expect(confirm).toContain("Xác nhận: đồng chí VẮNG với lý do «Con ốm»?");
    expect((await s.say(ids[1]!, "có")).at(-1)).toContain("Đã ghi nhận: đồng chí vắng");
    expect(await answerOf(meeting.id, members[3]!.id)).toMatchObject({
      kind: "ABSENT",
      reason: "Con ốm",
    });
  });

  it("«Tôi sẽ đến họp đúng giờ» then 2 cancels; «không» asks the reason", async () => {
    const { members, meeting, ids } = await zaloCell();
    await s.say(ids[0]!, "Tôi sẽ đến họp đúng giờ");
    expect((await s.say(ids[0]!, "2")).at(-1)).toContain("chưa ghi nhận gì");
    expect(await answerOf(meeting.id, members[2]!.id)).toBeNull();
    expect((await s.say(ids[0]!, "không")).at(-1)).toContain("Đồng chí vắng vì lý do gì?");
    // A preset by number, then «xác nhận» typed (also the roll call's command) confirms it.
    expect((await s.say(ids[0]!, "1")).at(-1)).toContain("«Ốm đau»");
    expect((await s.say(ids[0]!, "Xác nhận")).at(-1)).toContain("Đã ghi nhận: đồng chí vắng");
    expect((await answerOf(meeting.id, members[2]!.id))?.reason).toBe("Ốm đau");
  });

  it("«có ai đi không?» is not an answer: the question again, numbered, and 1 answers it", async () => {
    const { members, meeting, ids } = await zaloCell();
    const [again] = await s.say(ids[0]!, "có ai đi không?");
    expect(again).toContain("Tôi chưa hiểu câu trả lời này.");
    expect(again).toContain("1. ✅ Tham dự\n2. ❌ Vắng (có lý do)");
    expect(again).not.toContain("trogiup");
    expect((await s.say(ids[0]!, "1")).at(-1)).toContain("Đã ghi nhận đồng chí sẽ tham dự");
    expect((await answerOf(meeting.id, members[2]!.id))?.kind).toBe("ATTENDING");
  });

  it("a member who said Tham dự gets the confirmation-style reminder with one numbered change", async () => {
    const { ids } = await zaloCell({ startsAt: "2026-12-04T12:30:00Z", attending: true });
    const text = s.lastText(ids[0]!);
    expect(text).toContain(
      "✅ Đồng chí đã xác nhận tham dự — hẹn gặp 19:30 ngày mai tại Nhà văn hóa khu phố.",
    );
    expect(text).toContain("1. ❌ Vắng (có lý do)\n\nTrả lời 1 để đổi câu trả lời.");
    expect(text).not.toContain("đến 1");
    expect(s.lastText(ids[1]!)).toContain("Trả lời 1 để tham dự, 2 nếu vắng.");
    expect(s.lastText(ids[1]!)).not.toContain("📝");
  });
});

describe("old questions (Zalo)", () => {
  it("a number under a past meeting's reminder names it and asks about the current one", async () => {
    const { cell, members, ids } = await zaloCell();
    clock.set(new Date("2026-12-07T03:00:00Z"));
    const next = await s.db.meeting.create({
      data: {
        unitId: cell.id,
        startsAt: new Date("2027-01-03T12:30:00Z"),
        plannedEndAt: new Date("2027-01-03T14:00:00Z"),
      },
    });
    const [offer] = await s.say(ids[1]!, "2");
    expect(offer).toMatch(/^Buổi sinh hoạt ngày 06\/12 đã kết thúc\. Cuộc họp tới của chi bộ:/);
    expect(offer).toContain("🗓 Chủ nhật, ngày 03/01/2027");
    expect(offer).toContain("1. ✅ Tham dự\n2. ❌ Vắng (có lý do)");
    expect((await s.say(ids[1]!, "1")).at(-1)).toContain("Đã ghi nhận đồng chí sẽ tham dự");
    expect((await answerOf(next.id, members[3]!.id))?.kind).toBe("ATTENDING");
  });
});
