import { describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/clock.ts";
import { seedCell } from "../../support/stack.ts";
import { createZaloStack } from "./zalo-stack.ts";

// Issue 12 item 9: what a member types on Zalo is cleaned where it enters, so the chat's question
// (kept in Postgres as JSON, where a NUL is refused) keeps working.
const clock = new ManualClock(new Date("2026-11-20T03:00:00Z"));
const s = await createZaloStack({ clock });

describe("typed text on Zalo is cleaned where it enters", async () => {
  const { cell, members } = await seedCell(s, { size: 3 });
  const [secretary, a] = members;
  const meeting = await s.db.meeting.create({
    data: {
      unitId: cell.id,
      startsAt: new Date(clock.now().getTime() + 48 * 3_600_000),
      plannedEndAt: new Date(clock.now().getTime() + 50 * 3_600_000),
    },
  });
  await s.linkZalo("z-nul", a!.id, secretary!.telegramId);

  it("a NUL and U+202E in a typed reason: confirmed and recorded without them; the dialog goes on", async () => {
    await s.say("z-nul", "lich");
    await s.say("z-nul", "2");
    const confirm = (await s.say("z-nul", "Con ốm\u0000 phải \u202Eđưa đi viện\nngay")).at(-1)!;
    expect(confirm).toContain("«Con ốm phải đưa đi viện ngay»");
    expect((await s.say("z-nul", "1")).at(-1)).toContain("Đã ghi nhận: đồng chí vắng");
    const answer = await s.db.answer.findFirstOrThrow({
      where: { meetingId: meeting.id, memberId: a!.id },
    });
    expect(answer).toMatchObject({ kind: "ABSENT", reason: "Con ốm phải đưa đi viện ngay" });

    // The chat's numbered questions still work: change the answer to "attend".
    await s.say("z-nul", "lich");
    expect((await s.say("z-nul", "1")).at(-1)).toContain("Đã ghi nhận đồng chí sẽ tham dự");
  });

  it("a message with nothing readable left gets a clear reply", async () => {
    expect((await s.say("z-nul", "\u0000\u202E")).at(-1)).toContain("không có chữ đọc được");
  });
});
