import { describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/clock.ts";
import {
  castVote,
  showCheckinCode,
  votePasses,
  voteResults,
} from "../../../src/services/rollcall/index.ts";
import { createBotStack } from "../../support/bot.ts";
import { seedCell, waitUntil } from "../../support/stack.ts";

// Issue 16 on Telegram: self check-in with a rotating code (QR + six digits) and voting.
// Sunday 6 December 2026, 19:00 local; each test's meeting starts at 19:30.
const clock = new ManualClock(new Date("2026-12-06T12:00:00Z"));
const s = await createBotStack({ clock });
s.startDeliveryWorker();

async function cellWithMeeting(size: number) {
  const seeded = await seedCell(s, { size });
  const now = clock.now().getTime();
  const meeting = await s.db.meeting.create({
    data: {
      unitId: seeded.cell.id,
      startsAt: new Date(now + 30 * 60_000),
      plannedEndAt: new Date(now + 120 * 60_000),
    },
  });
  return { ...seeded, meeting, secretary: seeded.members[0]! };
}

/** The secretary opens the roll call and presses «📲 Mã tự điểm danh»: the QR and the digits. */
async function showCode(secretaryId: number) {
  const roster = await rosterOf(secretaryId);
  await s.press(secretaryId, roster.messageId, "📲 Mã tự điểm danh");
  const qr = s.lastBotMessage(secretaryId);
  const numeric = /nhắn cho bot: (\d{6})/.exec(qr.text ?? "")![1]!;
  return { roster, qr, numeric };
}

/** The bot's reply containing `needle` (ledger sends, e.g. alerts, may arrive in between). */
async function sayFind(userId: number, text: string, needle: string) {
  const replies = await s.say(userId, text);
  const found = replies.find((m) => m.text?.includes(needle));
  if (!found)
    throw new Error(`no reply with «${needle}»: ${replies.map((m) => m.text).join(" | ")}`);
  return found;
}
const rosterOf = (userId: number) => sayFind(userId, "/diemdanh", "📋 Điểm danh");

const attendance = (meetingId: string, memberId: string) =>
  s.db.attendance.findUnique({ where: { meetingId_memberId: { meetingId, memberId } } });

describe("self check-in", () => {
  it("the QR is a PNG with the deep link; the code rotates and the old one is refused; the roster shows 📲", async () => {
    const { meeting, members, secretary } = await cellWithMeeting(5);
    const { roster, qr, numeric } = await showCode(secretary.telegramId);
    expect(qr.file?.name).toBe("ma-tu-diem-danh.png");
    expect(qr.file?.mimeType).toBe("image/png");
    expect(Buffer.from(qr.file!.bytes).subarray(1, 4).toString()).toBe("PNG");

    // Typed digits (no camera) and the QR's deep link both check in.
    const [done] = await s.say(members[2]!.telegramId, numeric);
    expect(done!.text).toContain(
      `Đã ghi đồng chí ${members[2]!.fullName} có mặt (tự điểm danh lúc 19:00)`,
    );
    const code = await showCheckinCode(
      s.services,
      await s.actorOf(secretary.telegramId),
      meeting.id,
    );
    expect(code.numeric).toBe(numeric);
    expect(code.startParam.length).toBeLessThanOrEqual(64);
    await s.say(members[3]!.telegramId, `/start ${code.startParam}`);
    expect((await attendance(meeting.id, members[3]!.id))?.selfCheckedAt).toEqual(clock.now());

    // The roster, drawn again, shows who checked in apart from a secretary's ✅.
    await s.press(secretary.telegramId, roster.messageId, `⬜ ${members[1]!.fullName}`);
    const drawn = s.botApi.message(secretary.telegramId, roster.messageId)!;
    expect(drawn.text).toContain("📲 Đã tự điểm danh: 2");
    const labels = drawn.buttons.flat().map((b) => b.label);
    expect(labels).toContain(`📲 ${members[2]!.fullName}`);
    expect(labels).toContain(`✅ ${members[1]!.fullName}`);

    // /tinhhinh during the meeting.
    const [overview] = await s.say(secretary.telegramId, "/tinhhinh");
    expect(overview!.text).toContain("Đã tự điểm danh: 2/5");

    // Three minutes later the photo of the old code no longer works, and nothing changes.
    clock.advance(3 * 60_000);
    const [old] = await s.say(members[4]!.telegramId, numeric);
    expect(old!.text).toContain("đã hết hạn");
    const [oldLink] = await s.say(members[4]!.telegramId, `/start ${code.startParam}`);
    expect(oldLink!.text).toContain("đã hết hạn");
    expect(await attendance(meeting.id, members[4]!.id)).toBeNull();
    // The new code works.
    await s.press(secretary.telegramId, qr.messageId, "🔄 Mã hiện tại");
    const fresh = /nhắn cho bot: (\d{6})/.exec(
      s.lastBotMessage(secretary.telegramId).text ?? "",
    )![1]!;
    expect(fresh).not.toBe(numeric);
    await s.say(members[4]!.telegramId, fresh);
    expect((await attendance(meeting.id, members[4]!.id))?.status).toBe("PRESENT");
    const audits = await s.db.auditLog.count({
      where: { entityId: meeting.id, action: "rollcall.self-checkin" },
    });
    expect(audits).toBe(3);
  });

  it("another cell's member, an unlinked user and a check-in after close are refused; the secretary corrects a check-in", async () => {
    const { meeting, members, secretary } = await cellWithMeeting(4);
    const other = await cellWithMeeting(2);
    const { numeric } = await showCode(secretary.telegramId);
    const code = await showCheckinCode(
      s.services,
      await s.actorOf(secretary.telegramId),
      meeting.id,
    );

    const [foreign] = await s.say(other.members[1]!.telegramId, `/start ${code.startParam}`);
    expect(foreign!.text).toContain("buổi họp chi bộ khác");
    // Six digits of another cell's meeting are just a wrong code for this member.
    const [wrong] = await s.say(other.members[1]!.telegramId, numeric);
    expect(wrong!.text).toMatch(/không đúng|hết hạn/);
    expect(await attendance(meeting.id, other.members[1]!.id)).toBeNull();

    s.botApi.addUser({ id: 777_001, first_name: "Người lạ", started: true });
    const [stranger] = await s.say(777_001, `/start ${code.startParam}`);
    expect(stranger!.text).toContain("chưa được liên kết");

    // A check-in, then the secretary's correction: their mark replaces it.
    await s.say(members[2]!.telegramId, numeric);
    // The roster drawn anew shows the check-in; a press moves it on to «excused».
    const redrawn = await rosterOf(secretary.telegramId);
    await s.press(secretary.telegramId, redrawn.messageId, `📲 ${members[2]!.fullName}`);
    const corrected = await attendance(meeting.id, members[2]!.id);
    expect(corrected).toMatchObject({ status: "EXCUSED", selfCheckedAt: null });
    await s.say(members[3]!.telegramId, numeric);

    // Closing counts a self check-in as present; afterwards a check-in is refused.
    await s.press(secretary.telegramId, redrawn.messageId, "🔒 Chốt điểm danh");
    await s.press(secretary.telegramId, redrawn.messageId, "✅ Xác nhận chốt");
    const minutes = s.botApi.chat(secretary.telegramId).filter((m) => m.text?.includes("BIÊN BẢN"));
    expect(minutes.at(-1)!.text).toContain("Trong đó tự điểm danh bằng mã: 1");
    await sayFind(members[1]!.telegramId, `/start ${code.startParam}`, "không còn mở điểm danh");
    expect((await attendance(meeting.id, members[1]!.id))?.status).toBe("UNEXCUSED");
    expect((await attendance(meeting.id, members[3]!.id))?.status).toBe("PRESENT");
  });

  it("guessing is locked after five wrong codes, even the right code then", async () => {
    const { meeting, members, secretary } = await cellWithMeeting(3);
    const { numeric } = await showCode(secretary.telegramId);
    const guesser = members[2]!.telegramId;
    const wrongCode = numeric === "000000" ? "000001" : "000000";
    for (let i = 0; i < 4; i++) {
      const [reply] = await s.say(guesser, wrongCode);
      expect(reply!.text).toContain(`còn ${4 - i} lần thử`);
    }
    const [fifth] = await s.say(guesser, wrongCode);
    expect(fifth!.text).toContain("quá nhiều lần");
    const [right] = await s.say(guesser, numeric);
    expect(right!.text).toContain("quá nhiều lần");
    expect(await attendance(meeting.id, members[2]!.id)).toBeNull();
  });

  it("a 150-member cell: 140 check themselves in, the secretary marks the rest in a few taps", async () => {
    const { meeting, members, secretary } = await cellWithMeeting(150);
    const { numeric } = await showCode(secretary.telegramId);
    for (const m of members.slice(10)) await s.say(m.telegramId, numeric);
    const roster = await rosterOf(secretary.telegramId);
    expect(
      await s.db.attendance.count({
        where: { meetingId: meeting.id, selfCheckedAt: { not: null } },
      }),
    ).toBe(140);
    // Tap 1: only the unmarked (10 and the committee guest); taps 2–6: five present; taps 7–8: close, confirm (the rest absent).
    await s.press(secretary.telegramId, roster.messageId, "🔎 Chỉ hiện người chưa điểm danh (11)");
    for (const m of members.slice(1, 6)) {
      await s.press(secretary.telegramId, roster.messageId, `⬜ ${m.fullName}`);
    }
    const drawn = s.botApi.message(secretary.telegramId, roster.messageId)!;
    expect(drawn.text).toContain("📲 Đã tự điểm danh: 140");
    await s.press(secretary.telegramId, roster.messageId, "🔒 Chốt điểm danh");
    await s.press(secretary.telegramId, roster.messageId, "✅ Xác nhận chốt");
    const present = await s.db.attendance.count({
      where: { meetingId: meeting.id, status: "PRESENT" },
    });
    expect(present).toBe(145);
  });
});

describe("voting", () => {
  it("ballots to members present who may vote; a change counts once; the tally edits in place; exactly half does not pass; no (voter, choice) after close", async () => {
    const { meeting, members, secretary } = await cellWithMeeting(7);
    // members[5] probationary (no ballot); members[4] exempt and attending (a ballot);
    // members[6] probationary and absent. The official non-exempt base: members 0–3 = 4.
    await s.db.member.update({
      where: { id: members[5]!.id },
      data: { membership: "PROBATIONARY" },
    });
    await s.db.statusPeriod.create({
      data: { memberId: members[4]!.id, kind: "EXEMPT", fromDate: new Date("2026-01-01") },
    });
    await s.db.member.update({
      where: { id: members[6]!.id },
      data: { membership: "PROBATIONARY" },
    });
    const { numeric } = await showCode(secretary.telegramId);
    for (const m of members.slice(0, 6)) await s.say(m.telegramId, numeric);

    const tally = (
      await s.say(secretary.telegramId, "/bieuquyet Thông qua nghị quyết tháng 12")
    ).find((m) => m.text?.includes("Biểu quyết: «"));
    expect(tally!.text).toContain("Biểu quyết: «Thông qua nghị quyết tháng 12»");
    expect(tally!.text).toContain("trên 5 phiếu");
    const ballotOf = (id: number) =>
      s.botApi.chat(id).find((m) => m.from === "bot" && m.text?.includes("🗳 Biểu quyết —"));
    await waitUntil(async () => [1, 2, 3, 4].every((i) => !!ballotOf(members[i]!.telegramId)));
    expect(ballotOf(members[5]!.telegramId)).toBeUndefined();
    const deliveries = await s.db.delivery.count({
      where: { meetingId: meeting.id, idempotencyKey: { startsWith: "vote_" } },
    });
    expect(deliveries).toBe(5);

    const vote = async (i: number, label: "Tán thành" | "Không tán thành") => {
      const id = members[i]!.telegramId;
      return s.press(id, ballotOf(id)!.messageId, label);
    };
    expect(await vote(1, "Tán thành")).toContain("Đã ghi: Tán thành");
    await vote(1, "Không tán thành");
    await vote(1, "Tán thành");
    await vote(2, "Tán thành");
    await vote(3, "Không tán thành");
    const live = s.botApi.message(secretary.telegramId, tally!.messageId)!;
    expect(live.edited).toBe(true);
    expect(live.text).toContain(
      "Tán thành 2 · Không tán thành 1 · Không biểu quyết 2 — trên 5 phiếu",
    );
    // A probationary member has no ballot: refused, nothing counted.
    const vt = await s.db.vote.findFirstOrThrow({ where: { meetingId: meeting.id } });
    await expect(
      castVote(s.services, await s.actorOf(members[5]!.telegramId), vt.id, "approve"),
    ).rejects.toMatchObject({ key: "vote-not-voter" });

    // Base: official non-exempt members = 0, 1, 2, 3 → 4; 2 approve is exactly half: not passed.
    await s.press(secretary.telegramId, tally!.messageId, "🔒 Kết thúc biểu quyết");
    const result = s.botApi.message(secretary.telegramId, tally!.messageId)!;
    expect(result.text).toContain("Kết quả: Không thông qua (2/4 tán thành");
    expect(await vote(2, "Không tán thành")).toContain("đã kết thúc");

    // After close no table holds (voter, choice): the ballots keep who voted, the audit never how.
    const ballots = await s.db.ballot.findMany({ where: { voteId: vt.id } });
    expect(ballots.every((b) => b.choice === null)).toBe(true);
    expect(ballots.filter((b) => b.voted)).toHaveLength(3);
    const logs = await s.db.auditLog.findMany({ where: { entity: "Vote", entityId: vt.id } });
    expect(JSON.stringify(logs.map((l) => [l.before, l.after]))).not.toMatch(
      /APPROVE|REJECT|"choice"/,
    );
    const rows = await s.db.$queryRaw<{ table_name: string }[]>`
      SELECT table_name FROM information_schema.columns WHERE column_name = 'choice'`;
    expect(rows.map((r) => r.table_name)).toEqual(["Ballot"]);

    // A second vote passes with 3 of 4; a third is annulled with a reason.
    const second = (await s.say(secretary.telegramId, "/bieuquyet Kết nạp đồng chí A")).find((m) =>
      m.text?.includes("Biểu quyết: «"),
    );
    const ballots2 = async (i: number) => {
      const id = members[i]!.telegramId;
      await waitUntil(
        async () =>
          s.botApi.chat(id).filter((m) => m.text?.includes("🗳 Biểu quyết —")).length === 2,
      );
      const last = s.botApi
        .chat(id)
        .filter((m) => m.text?.includes("🗳 Biểu quyết —"))
        .at(-1)!;
      await s.press(id, last.messageId, "Tán thành");
    };
    for (const i of [0, 1, 4]) await ballots2(i);
    await s.press(secretary.telegramId, second!.messageId, "🔒 Kết thúc biểu quyết");
    expect(s.botApi.message(secretary.telegramId, second!.messageId)!.text).toContain(
      "Kết quả: Thông qua (3/4",
    );
    await s.say(secretary.telegramId, "/bieuquyet Biểu quyết thử");
    const annulled = (await s.say(secretary.telegramId, "/huybieuquyet Ghi sai nội dung")).find(
      (m) => m.text?.includes("Đã hủy"),
    );
    expect(annulled!.text).toContain("Đã hủy: Ghi sai nội dung");
    expect(await s.db.auditLog.count({ where: { action: "vote.annul" } })).toBeGreaterThan(0);

    const results = await voteResults(s.db, meeting.id);
    expect(results.map((r) => [r.approve, r.reject, r.abstain, r.of, r.base, r.passed])).toEqual([
      [2, 1, 2, 5, 4, false],
      [3, 0, 2, 5, 4, true],
    ]);
    // The minutes record both votes.
    const roster = await rosterOf(secretary.telegramId);
    await s.press(secretary.telegramId, roster.messageId, "🔒 Chốt điểm danh");
    await s.press(secretary.telegramId, roster.messageId, "✅ Xác nhận chốt");
    const minutes = s.botApi
      .chat(secretary.telegramId)
      .filter((m) => m.text?.includes("BIÊN BẢN"))
      .at(-1)!;
    expect(minutes.text).toContain("Biểu quyết (2):");
    expect(minutes.text).toContain("1. «Thông qua nghị quyết tháng 12»");
    expect(minutes.text).toContain("Tán thành 2, không tán thành 1, không biểu quyết 2, trên 5");
    expect(minutes.text).toContain("Kết quả: Thông qua (3/4");
  });

  it("the pass rule: more than half, exactly half is not", () => {
    expect(votePasses(2, 4)).toBe(false);
    expect(votePasses(3, 4)).toBe(true);
    expect(votePasses(3, 5)).toBe(true);
    expect(votePasses(2, 5)).toBe(false);
    expect(votePasses(0, 0)).toBe(false);
  });
});
