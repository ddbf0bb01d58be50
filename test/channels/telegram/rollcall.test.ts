import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/clock.ts";
import { shortId } from "../../../src/services/callback-data.ts";
import { createBotStack } from "../../support/bot.ts";
import { seedCell, waitUntil } from "../../support/stack.ts";

// Sunday 6 December 2026, 19:00 local; each test's meeting starts at 19:30.
const clock = new ManualClock(new Date("2026-12-06T12:00:00Z"));
const s = await createBotStack({ clock });
s.startDeliveryWorker();

/** A member's roster button: it sets the mark it carries (`rc:s:<meeting>:<member>:<mark>`). */
const markData = (meetingId: string, memberId: string, mark = "p") =>
  `rc:s:${shortId(meetingId)}:${shortId(memberId)}:${mark}:0a`;
const memberButtonData = (meetingId: string, memberId: string) =>
  `rc:s:${shortId(meetingId)}:${shortId(memberId)}:`;

async function cellWithMeeting(size: number, answers: Record<number, string | true> = {}) {
  const seeded = await seedCell(s, { size });
  const now = clock.now().getTime();
  const meeting = await s.db.meeting.create({
    data: {
      unitId: seeded.cell.id,
      startsAt: new Date(now + 30 * 60_000),
      plannedEndAt: new Date(now + 120 * 60_000),
      place: "Nhà văn hóa khu phố",
    },
  });
  for (const [index, value] of Object.entries(answers)) {
    await s.db.answer.create({
      data: {
        meetingId: meeting.id,
        memberId: seeded.members[Number(index)]!.id,
        kind: value === true ? "ATTENDING" : "ABSENT",
        reason: value === true ? null : value,
        answeredAt: clock.now(),
      },
    });
  }
  return { ...seeded, meeting, secretary: seeded.members[0]!, deputy: seeded.members[1]! };
}

/** Presses a button found by its callback data; returns the toast or alert text. */
async function pressData(userId: number, messageId: number, data: string) {
  return (await s.botApi.press(userId, messageId, { data })).answer?.text;
}

/** The button whose data is `data` or, for a member's button, starts with it. */
const buttonOf = (userId: number, messageId: number, data: string) =>
  s.botApi
    .message(userId, messageId)!
    .buttons.flat()
    .find((b) => (data.endsWith(":") ? b.data?.startsWith(data) : b.data === data));

/** Presses a member's roster button as it is drawn now. */
async function pressMember(userId: number, messageId: number, meetingId: string, memberId: string) {
  const button = buttonOf(userId, messageId, memberButtonData(meetingId, memberId))!;
  return pressData(userId, messageId, button.data!);
}

describe("the roster", () => {
  it("/diemdanh shows one message with a button per member and guest; presses edit it in place", async () => {
    const { meeting, members, committee, secretary, deputy, cell } = await cellWithMeeting(4, {
      2: true,
      3: "Ốm đau",
    });
    const replies = await s.say(secretary.telegramId, "/diemdanh");
    expect(replies).toHaveLength(1);
    const roster = replies[0]!;
    expect(roster.text).toContain(`Điểm danh — ${cell.name}`);
    expect(roster.text).toContain("🟡 Đảng viên");
    expect(roster.text).toContain(": Ốm đau");
    for (const m of members) {
      expect(
        roster.buttons.flat().filter((b) => b.data?.startsWith(memberButtonData(meeting.id, m.id))),
      ).toHaveLength(1);
    }
    expect(
      buttonOf(secretary.telegramId, roster.messageId, memberButtonData(meeting.id, committee.id))!
        .label,
    ).toBe(`👤 ⬜ ${committee.fullName}`);
    // Who said they would come is shown (🙋), not marked present: the button sets «present».
    expect(
      buttonOf(secretary.telegramId, roster.messageId, markData(meeting.id, members[2]!.id, "p")),
    ).toMatchObject({ label: `⬜ 🙋 ${members[2]!.fullName}` });
    expect(roster.text).toContain("Có mặt: 0/4");
    expect(roster.text).toContain("🙋 Đã xác nhận sẽ tham dự, chưa điểm danh: 1");
    expect(roster.buttons.flat().at(-1)!.label).toBe("🔒 Chốt điểm danh");

    const count = s.botApi.chat(secretary.telegramId).length;
    const toast = await pressMember(
      secretary.telegramId,
      roster.messageId,
      meeting.id,
      members[0]!.id,
    );
    expect(toast).toBe(`${members[0]!.fullName}: có mặt`);
    expect(
      buttonOf(
        secretary.telegramId,
        roster.messageId,
        memberButtonData(meeting.id, members[0]!.id),
      )!.label,
    ).toBe(`✅ ${members[0]!.fullName}`);

    // The deputy marks on their own roster; the secretary's next press shows it too (from the database).
    const deputyRoster = (await s.say(deputy.telegramId, "/rollcall"))[0]!;
    await pressMember(deputy.telegramId, deputyRoster.messageId, meeting.id, members[1]!.id);
    await pressMember(secretary.telegramId, roster.messageId, meeting.id, committee.id);
    // The secretary sees the one who confirmed in the room: one press for all who confirmed.
    expect(
      await s.press(
        secretary.telegramId,
        roster.messageId,
        "✅ Có mặt tất cả người đã xác nhận (1)",
      ),
    ).toContain("Đã ghi có mặt 1 đồng chí");
    const after = s.botApi.message(secretary.telegramId, roster.messageId)!;
    expect(after.edited).toBe(true);
    expect(after.buttons.flat().map((b) => b.label)).toEqual(
      expect.arrayContaining([
        `✅ ${members[1]!.fullName}`,
        `✅ ${members[2]!.fullName}`,
        `👤 ✅ ${committee.fullName}`,
      ]),
    );
    expect(after.text).toContain("Có mặt: 3/4");

    // R4: the reason is judged not valid, on the same message.
    const reject = `rc:r:${shortId(meeting.id)}:${shortId(members[3]!.id)}:0a`;
    expect(await pressData(secretary.telegramId, roster.messageId, reject)).toContain(
      "không chính đáng",
    );
    expect(
      buttonOf(
        secretary.telegramId,
        roster.messageId,
        memberButtonData(meeting.id, members[3]!.id),
      )!.label,
    ).toBe(`⛔ ${members[3]!.fullName}`);
    expect(s.botApi.chat(secretary.telegramId)).toHaveLength(count);
  });

  it("a plain member's /diemdanh is refused", async () => {
    const { members } = await cellWithMeeting(3);
    const reply = await s.say(members[2]!.telegramId, "/diemdanh");
    expect(reply.at(-1)!.text).toContain("Chỉ bí thư hoặc phó bí thư");
    expect(
      await s.db.meeting.count({
        where: { rollCallOpenedAt: { not: null }, unitId: members[2]!.cellId! },
      }),
    ).toBe(0);
  });

  it("a forged or stale callback is refused and changes nothing", async () => {
    const { meeting, secretary } = await cellWithMeeting(3, { 1: true });
    const other = await cellWithMeeting(2);
    const roster = (await s.say(secretary.telegramId, "/diemdanh"))[0]!;
    // A message carrying buttons a client could forge, delivered like any bot message.
    const forged = await s.api.sendMessage(secretary.telegramId, "…", {
      reply_markup: {
        inline_keyboard: [
          [{ text: "a", callback_data: `rc:s:${"A".repeat(22)}:${"A".repeat(22)}:p:0a` }],
          [{ text: "b", callback_data: markData(meeting.id, randomUUID()) }],
          [{ text: "c", callback_data: markData(other.meeting.id, other.members[1]!.id) }],
          [{ text: "d", callback_data: `rc:k:${shortId(other.meeting.id)}:0a` }],
          [{ text: "e", callback_data: "rc:m:short" }],
        ],
      },
    });
    const answers = [];
    for (const label of ["a", "b", "c", "d", "e"]) {
      answers.push(await s.press(secretary.telegramId, forged.message_id, label));
    }
    expect(answers).toEqual([
      "Không tìm thấy cuộc họp này.",
      "Đồng chí này không có trong danh sách điểm danh của cuộc họp.",
      "Đồng chí không có quyền thực hiện thao tác này.",
      "Đồng chí không có quyền thực hiện thao tác này.",
      "Nút này không còn hiệu lực. Vui lòng dùng tin nhắn mới nhất.",
    ]);
    expect(
      await s.db.attendance.count({ where: { meetingId: { in: [meeting.id, other.meeting.id] } } }),
    ).toBe(0);
    expect((await s.db.meeting.findUniqueOrThrow({ where: { id: other.meeting.id } })).status).toBe(
      "PLANNED",
    );
    expect(s.botApi.message(secretary.telegramId, roster.messageId)!.edited).toBe(false);
  });
});

describe("closing", () => {
  it("Chốt điểm danh sends the minutes and CSV; alerts reach exactly the secretary, deputy and committee member", async () => {
    const { meeting, members, committee, secretary, deputy, cell } = await cellWithMeeting(4, {
      0: true,
      1: true,
      2: true,
    });
    const roster = (await s.say(secretary.telegramId, "/diemdanh"))[0]!;
    const before = s.botApi.chat(secretary.telegramId).length;
    await s.press(secretary.telegramId, roster.messageId, "✅ Có mặt tất cả người đã xác nhận (3)");

    await s.press(secretary.telegramId, roster.messageId, "🔒 Chốt điểm danh");
    const confirm = s.botApi.message(secretary.telegramId, roster.messageId)!;
    expect(confirm.text).toContain(`Còn 1 đồng chí chưa điểm danh: ${members[3]!.fullName}`);
    expect(await s.press(secretary.telegramId, roster.messageId, "✅ Xác nhận chốt")).toContain(
      "Đã chốt",
    );

    // The minutes come as the direct reply (alerts reach the secretary through the ledger).
    const replies = s.botApi.chat(secretary.telegramId).slice(before);
    const summary = replies.find((m) => m.text.includes("BIÊN BẢN ĐIỂM DANH"));
    const file = replies.find((m) => m.file);
    expect(replies.filter((m) => m === summary || m === file)).toEqual([summary, file]);
    expect(summary!.text).toContain("BIÊN BẢN ĐIỂM DANH");
    expect(summary!.text).toContain("Có mặt: 3/4 — tỷ lệ 75%");
    expect(summary!.text).toContain(`• ${members[3]!.fullName}`);
    const csvName = `bien-ban-chi-bo-khu-pho-${cell.code.slice(2)}-2026-12-06.csv`;
    expect(file!.file!.name).toBe(csvName);
    const bytes = Buffer.from(file!.file!.bytes);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8")).toContain(
      `${members[3]!.fullName},Đảng viên chính thức,Vắng không lý do`,
    );
    const closedRoster = s.botApi.message(secretary.telegramId, roster.messageId)!;
    expect(closedRoster.text).toContain("🔒 Đã chốt lúc 19:00 ngày 06/12/2026");
    expect(closedRoster.buttons.flat().at(-1)!.label).toBe("📤 Gửi lại biên bản");

    // Through the ledger: minutes to the deputy and committee member, alerts to all three leaders.
    await waitUntil(async () => {
      const rows = await s.db.delivery.findMany({ where: { meetingId: meeting.id } });
      return rows.length === 13 && rows.every((d) => d.status === "SENT");
    });
    // The minutes as a Word file (issue 15): to the secretary who closed, the deputy and the
    // committee member, through the ledger.
    const docxName = `bien-ban-sinh-hoat-chi-bo-khu-pho-${cell.code.slice(2)}-2026-12-06.docx`;
    for (const person of [secretary, deputy, committee]) {
      const docs = s.botApi
        .messagesSentTo(person.telegramId)
        .filter((m) => m.file?.name.endsWith(".docx"));
      expect(docs.map((m) => m.file!.name)).toEqual([docxName]);
      expect(docs[0]!.text).toBe(
        `📄 Biên bản sinh hoạt chi bộ (tệp Word) — ${cell.name}, ngày 06/12/2026`,
      );
      // A .docx is a zip (its text is read back through LibreOffice in test/services/minutes.test.ts).
      const bytes = Buffer.from(docs[0]!.file!.bytes);
      expect(bytes.subarray(0, 2).toString()).toBe("PK");
    }
    const alerts = await s.db.delivery.findMany({
      where: { meetingId: meeting.id, kind: "alert" },
    });
    expect(new Set(alerts.map((d) => d.memberId))).toEqual(
      new Set([secretary.id, deputy.id, committee.id]),
    );
    for (const person of [deputy, committee]) {
      const seen = s.botApi.messagesSentTo(person.telegramId);
      expect(seen.some((m) => m.text.includes("BIÊN BẢN ĐIỂM DANH"))).toBe(true);
      expect(seen.filter((m) => m.file?.name.endsWith(".csv")).map((m) => m.file!.name)).toEqual([
        csvName,
      ]);
      expect(
        seen.some((m) => m.text.includes(`đồng chí ${members[3]!.fullName} vắng không lý do`)),
      ).toBe(true);
      expect(seen.some((m) => m.text.includes("Không đạt tỷ lệ dự họp"))).toBe(true);
    }
    expect(s.botApi.messagesSentTo(members[2]!.telegramId)).toEqual([]);
    expect(s.botApi.messagesSentTo(members[3]!.telegramId)).toEqual([]);

    // «Send again» without a correction: the closer gets the Word file again, nobody else does.
    await s.press(secretary.telegramId, roster.messageId, "📤 Gửi lại biên bản");
    const docx = (id: number) =>
      s.botApi.messagesSentTo(id).filter((m) => m.file?.name.endsWith(".docx")).length;
    await waitUntil(async () => docx(secretary.telegramId) === 2);
    await waitUntil(async () =>
      (await s.db.delivery.findMany({ where: { meetingId: meeting.id } })).every(
        (d) => d.status === "SENT",
      ),
    );
    expect([docx(deputy.telegramId), docx(committee.telegramId)]).toEqual([1, 1]);
  });
});

describe("after the correction period (runs last: the clock only moves forward)", () => {
  it("a press on the roster 25 hours after closing is answered and changes nothing", async () => {
    const { meeting, members, secretary } = await cellWithMeeting(2, { 0: true, 1: true });
    const roster = (await s.say(secretary.telegramId, "/diemdanh"))[0]!;
    await s.press(secretary.telegramId, roster.messageId, "✅ Có mặt tất cả người đã xác nhận (2)");
    await s.press(secretary.telegramId, roster.messageId, "🔒 Chốt điểm danh");
    await s.press(secretary.telegramId, roster.messageId, "✅ Xác nhận chốt"); // before 19:30
    clock.advance(25 * 3_600_000);
    expect(
      await pressMember(secretary.telegramId, roster.messageId, meeting.id, members[1]!.id),
    ).toContain("Đã quá 24 giờ");
    const row = await s.db.attendance.findUniqueOrThrow({
      where: { meetingId_memberId: { meetingId: meeting.id, memberId: members[1]!.id } },
    });
    expect(row.status).toBe("PRESENT");
    expect((await s.say(secretary.telegramId, "/diemdanh")).at(-1)!.text).toContain(
      "Hiện không có cuộc họp nào để điểm danh",
    );
  });
});
