import { describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/clock.ts";
import { seedCell, waitUntil } from "../../support/stack.ts";
import { createZaloStack } from "./zalo-stack.ts";

// Issue 16 on Zalo, in text: `madd` shows the code, `dd 123456` checks in, `bieuquyet <text>`
// opens a vote whose ballot is answered with 1 / 2, `bieuquyet` shows the tally and closes it.
// Sunday 6 December 2026, 19:00 local; the meeting starts at 19:30.
const clock = new ManualClock(new Date("2026-12-06T12:00:00Z"));
const s = await createZaloStack({ clock });
s.startBothWorker();

async function zaloCell(size: number, tag: string) {
  const seeded = await seedCell(s, { size });
  const now = clock.now().getTime();
  const meeting = await s.db.meeting.create({
    data: {
      unitId: seeded.cell.id,
      startsAt: new Date(now + 30 * 60_000),
      plannedEndAt: new Date(now + 120 * 60_000),
    },
  });
  const secretary = seeded.members[0]!;
  const zalo = seeded.members.map((_, i) => `${tag}${i}`);
  for (const [i, m] of seeded.members.entries())
    await s.linkZalo(zalo[i]!, m.id, secretary.telegramId);
  return { ...seeded, meeting, zalo };
}

const codeIn = (text: string) => /: (\d{6})\n/.exec(text)![1]!;
const attendance = (meetingId: string, memberId: string) =>
  s.db.attendance.findUnique({ where: { meetingId_memberId: { meetingId, memberId } } });

describe("self check-in on Zalo", () => {
  it("madd, dd <code>; the old code refused; another cell and after close refused; correction; the lock", async () => {
    const { meeting, members, zalo } = await zaloCell(5, "zr");
    const other = await zaloCell(2, "zo");
    expect((await s.say(zalo[0]!, "diemdanh")).join("\n")).toContain("Điểm danh");
    const code = codeIn((await s.say(zalo[0]!, "madd")).at(-1)!);

    expect((await s.say(zalo[2]!, `dd ${code}`)).at(-1)).toContain("tự điểm danh lúc 19:00");
    expect((await attendance(meeting.id, members[2]!.id))?.selfCheckedAt).toEqual(clock.now());
    expect((await s.say(zalo[3]!, `Điểm danh ${code}`)).at(-1)).toContain("có mặt");
    expect((await s.say(zalo[0]!, "tinhhinh")).join("\n")).toContain("Đã tự điểm danh: 2/5");

    // Another cell's member: the code is not theirs.
    expect((await s.say(other.zalo[1]!, `dd ${code}`)).at(-1)).toMatch(/không đúng|hết hạn/);
    expect(await attendance(meeting.id, other.members[1]!.id)).toBeNull();

    // The code turns: the old one is refused, the new one works.
    clock.advance(3 * 60_000);
    expect((await s.say(zalo[4]!, `dd ${code}`)).at(-1)).toContain("đã hết hạn");
    const fresh = codeIn((await s.say(zalo[0]!, "madd")).at(-1)!);
    expect(fresh).not.toBe(code);

    // The secretary's correction replaces a check-in: the roster shows 📲, «3 k» marks unexcused.
    const roster = (await s.say(zalo[0]!, "ds")).join("\n");
    const line = roster.split("\n").find((l) => l.includes(`📲 ${members[2]!.fullName}`))!;
    const number = Number.parseInt(line, 10);
    await s.say(zalo[0]!, `${number} k`);
    expect(await attendance(meeting.id, members[2]!.id)).toMatchObject({
      status: "UNEXCUSED",
      selfCheckedAt: null,
    });

    // Guessing: five wrong codes lock the chat, the right code then too.
    const wrong = fresh === "000000" ? "000001" : "000000";
    for (let i = 0; i < 4; i++) await s.say(zalo[1]!, `dd ${wrong}`);
    expect((await s.say(zalo[1]!, `dd ${wrong}`)).at(-1)).toContain("quá nhiều lần");
    expect((await s.say(zalo[1]!, `dd ${fresh}`)).at(-1)).toContain("quá nhiều lần");
    expect(await attendance(meeting.id, members[1]!.id)).toBeNull();

    // After close nothing more.
    await s.say(zalo[0]!, "chot");
    await s.say(zalo[0]!, "1");
    expect(
      (await s.db.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).rollCallClosedAt,
    ).not.toBeNull();
    expect((await s.say(zalo[4]!, `dd ${fresh}`)).at(-1)).toMatch(/không đúng|không còn mở/);
    expect((await attendance(meeting.id, members[4]!.id))?.status).toBe("UNEXCUSED");
  });
});

describe("voting on Zalo", () => {
  it("ballots by 1 / 2; probationary none; a change counts once; exactly half fails; after close refused and no choice kept", async () => {
    const { meeting, members, zalo } = await zaloCell(5, "zv");
    await s.db.member.update({
      where: { id: members[4]!.id },
      data: { membership: "PROBATIONARY" },
    });
    await s.say(zalo[0]!, "diemdanh");
    const code = codeIn((await s.say(zalo[0]!, "madd")).at(-1)!);
    for (const id of zalo) await s.say(id, `dd ${code}`);

    const opened = (await s.say(zalo[0]!, "bieuquyet Thông qua nghị quyết tháng 12")).join("\n");
    expect(opened).toContain("Biểu quyết: «Thông qua nghị quyết tháng 12»");
    const ballot = (id: string) =>
      s.zaloApi.messagesSentTo(id).find((m) => m.text.includes("🗳 Biểu quyết —"));
    await waitUntil(async () => [1, 2, 3].every((i) => !!ballot(zalo[i]!)));
    expect(ballot(zalo[1]!)!.text).toContain("1. Tán thành");
    expect(ballot(zalo[4]!)).toBeUndefined();

    expect((await s.say(zalo[1]!, "1")).at(-1)).toContain("Đã ghi: Tán thành");
    await s.say(zalo[1]!, "2");
    await s.say(zalo[1]!, "1");
    await s.say(zalo[2]!, "2");
    // The probationary member has no ballot: a «1» means nothing to this vote.
    await s.say(zalo[4]!, "1");

    // The tally on request; 1 approve of base 4 (members 0–3) is not more than half; close.
    const tally = (await s.say(zalo[0]!, "bieuquyet")).join("\n");
    expect(tally).toContain("Tán thành 1 · Không tán thành 1 · Không biểu quyết 2 — trên 4 phiếu");
    await s.say(zalo[3]!, "1");
    await s.say(zalo[0]!, "bieuquyet");
    const closed = (await s.say(zalo[0]!, "1")).join("\n");
    expect(closed).toContain("Kết quả: Không thông qua (2/4 tán thành");
    expect((await s.say(zalo[2]!, "1")).at(-1)).toContain("đã kết thúc");

    const vote = await s.db.vote.findFirstOrThrow({ where: { meetingId: meeting.id } });
    expect(vote).toMatchObject({
      approve: 2,
      reject: 1,
      abstain: 1,
      voters: 4,
      base: 4,
      passed: false,
    });
    const ballots = await s.db.ballot.findMany({ where: { voteId: vote.id } });
    expect(ballots.map((b) => b.choice)).toEqual([null, null, null, null]);

    // The minutes (closing the roll call) record the vote.
    await s.say(zalo[0]!, "chot");
    const minutes = (await s.say(zalo[0]!, "1")).join("\n");
    expect(minutes).toContain("Biểu quyết (1):");
    expect(minutes).toContain("Tán thành 2, không tán thành 1, không biểu quyết 1, trên 4");
  });
});
