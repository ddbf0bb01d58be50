import { InlineKeyboard } from "grammy";
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/clock.ts";
import { toLocalIso } from "../../../src/domain/schedule.ts";
import { recordAnswer } from "../../../src/services/answers.ts";
import { shortId } from "../../../src/services/callback-data.ts";
import { parseLocalDate, parseLocalTime } from "../../../src/services/meeting-input.ts";
import { syncReminders } from "../../../src/services/planner.ts";
import { createBotStack } from "../../support/bot.ts";
import { seedCell, waitUntil } from "../../support/stack.ts";

// Tuesday 1 December 2026, 10:00 local. Meetings are on Thursday 10 December, 19:30 local.
const clock = new ManualClock(new Date("2026-12-01T03:00:00Z"));
const s = await createBotStack({ clock });
s.startDeliveryWorker();
const { db, botApi } = s;
const MEETING_AT = new Date("2026-12-10T12:30:00Z");
const NOT_ALLOWED = "không có quyền";

async function cellWithMeeting(size = 6) {
  const seeded = await seedCell(s, { size });
  const meeting = await db.meeting.create({
    data: {
      unitId: seeded.cell.id,
      startsAt: MEETING_AT,
      plannedEndAt: new Date(MEETING_AT.getTime() + 90 * 60_000),
      place: "Nhà văn hóa khu phố",
    },
  });
  const secretary = seeded.members[0]!;
  const deputy = seeded.members[1]!;
  return { ...seeded, meeting, secretary, deputy };
}

async function unlinkedMember(cellId: string, fullName: string) {
  return db.member.create({
    data: { code: `x-${fullName}-${cellId}`, fullName, cellId, joinedOn: new Date("2020-01-01") },
  });
}

async function answer(telegramId: number, memberId: string, meetingId: string, reason?: string) {
  await recordAnswer(s.services, await s.actorOf(telegramId), {
    meetingId,
    memberId,
    kind: reason ? "ABSENT" : "ATTENDING",
    reason,
  });
}

/** Everything a refused command or press must leave as it was. */
async function snapshot(cellId: string) {
  const meetings = await db.meeting.findMany({ where: { unitId: cellId }, orderBy: { id: "asc" } });
  const ids = meetings.map((m) => m.id);
  const [answers, deliveries, invites, audits, identities] = await Promise.all([
    db.answer.findMany({ where: { meetingId: { in: ids } }, orderBy: { id: "asc" } }),
    db.delivery.findMany({ where: { meetingId: { in: ids } }, orderBy: { id: "asc" } }),
    db.inviteCode.findMany({ where: { member: { cellId } }, orderBy: { id: "asc" } }),
    db.auditLog.count(),
    db.chatIdentity.count(),
  ]);
  return JSON.stringify({ meetings, answers, deliveries, invites, audits, identities });
}

const lastText = (userId: number) => s.lastBotMessage(userId).text;

/** Presses a button on the latest bot message that has it (error replies come after prompts). */
async function pressLatest(userId: number, label: string) {
  const message = botApi
    .messagesSentTo(userId)
    .findLast((m) => m.buttons.flat().some((b) => b.label === label))!;
  return s.press(userId, message.messageId, label);
}

describe("reading what the secretary types", () => {
  it.each([
    ["10/12/2026", "2026-12-10"],
    ["1/2/2027", "2027-02-01"],
    ["29/02/2028", "2028-02-29"],
    ["31/02/2027", null],
    ["29/02/2027", null],
    ["32/01/2027", null],
    ["10/13/2026", null],
    ["ngày mai", null],
  ])("date %s → %s", (text, day) => {
    expect(parseLocalDate(text)).toBe(day);
  });

  it.each([
    ["19:30", "19:30"],
    ["7:05", "07:05"],
    ["19h30", "19:30"],
    ["00:00", "00:00"],
    ["23:59", "23:59"],
    ["25:00", null],
    ["24:00", null],
    ["19:60", null],
    ["1930", null],
  ])("time %s → %s", (text, time) => {
    expect(parseLocalTime(text)).toBe(time);
  });
});

describe("/tinhhinh", () => {
  it("counts and names who comes, who declined (with the reason) and who is silent, and warns of R3", async () => {
    const { members, meeting, secretary } = await cellWithMeeting(7);
    await answer(secretary.telegramId, secretary.id, meeting.id);
    await answer(members[2]!.telegramId, members[2]!.id, meeting.id);
    await answer(members[3]!.telegramId, members[3]!.id, meeting.id, "Ốm đau");
    await answer(members[4]!.telegramId, members[4]!.id, meeting.id, "Đi công tác");

    const text = (await s.say(secretary.telegramId, "/tinhhinh")).map((m) => m.text).join("\n");

    expect(text).toContain("Thứ Năm, ngày 10/12/2026, lúc 19:30");
    expect(text).toContain(`Tham dự (2): ${secretary.fullName}, ${members[2]!.fullName}`);
    expect(text).toContain("Vắng có lý do (2)");
    expect(text).toContain(`${members[3]!.fullName}: Ốm đau`);
    expect(text).toContain(`${members[4]!.fullName}: Đi công tác`);
    expect(text).toContain(
      `Chưa trả lời (3): ${members[1]!.fullName}, ${members[5]!.fullName}, ${members[6]!.fullName}`,
    );
    // R3: 7 eligible → at least 6 present; 2 declined leave at most 5.
    expect(text).toContain(
      "Dự kiến: 2/7 đồng chí xác nhận tham dự; cần ít nhất 6 người dự (trên 85%), cần thêm 4 người xác nhận",
    );
    expect(text).toContain("CÓ NGUY CƠ KHÔNG ĐẠT TỶ LỆ");
  });

  it("no warning while the minimum is still reachable", async () => {
    const { members, meeting, secretary } = await cellWithMeeting(7);
    await answer(members[3]!.telegramId, members[3]!.id, meeting.id, "Ốm đau");
    const text = (await s.say(secretary.telegramId, "/tinhhinh")).map((m) => m.text).join("\n");
    expect(text).toContain("Dự kiến: 0/7");
    expect(text).toContain("cần thêm 6 người xác nhận");
    expect(text).not.toContain("NGUY CƠ");
  });
});

describe("/nhacnho", () => {
  it("nudges exactly the silent linked members, names the unlinked to phone, and at most once in 6 hours", async () => {
    const { cell, members, meeting, secretary, deputy } = await cellWithMeeting(6);
    const unlinked = await unlinkedMember(cell.id, "Nguyễn Văn Chưa Liên Kết");
    await answer(members[2]!.telegramId, members[2]!.id, meeting.id);
    await answer(members[3]!.telegramId, members[3]!.id, meeting.id, "Ốm đau");
    const silent = [deputy, members[4]!, members[5]!];
    const quiet = [secretary, members[2]!, members[3]!];
    const before = new Map(
      quiet.map((m) => [m.telegramId, botApi.messagesSentTo(m.telegramId).length]),
    );

    const reply = (await s.say(secretary.telegramId, "/nhacnho")).at(-1)!.text;
    expect(reply).toContain("đến 3 đồng chí chưa trả lời");
    expect(reply).toContain(`gọi điện trực tiếp: ${unlinked.fullName}`);

    await waitUntil(
      async () =>
        (await db.delivery.count({
          where: { meetingId: meeting.id, kind: "nudge", status: "SENT" },
        })) === 3,
    );
    for (const m of silent) {
      const got = botApi.messagesSentTo(m.telegramId);
      expect(got).toHaveLength(1);
      expect(got[0]!.text).toContain("10/12/2026");
      expect(got[0]!.buttons.flat().map((b) => b.label)).toContain("✅ Tham dự");
    }
    // The secretary got only the reply; the members who answered got nothing.
    for (const m of quiet) {
      expect(botApi.messagesSentTo(m.telegramId).length - before.get(m.telegramId)!).toBe(
        m === secretary ? 1 : 0,
      );
    }

    // A second nudge within 6 hours is refused and says when it is allowed.
    const again = (await s.say(deputy.telegramId, "/nhacnho")).at(-1)!.text;
    expect(again).toContain("có thể nhắc lại từ 16:00 ngày 01/12/2026");
    expect(await db.delivery.count({ where: { meetingId: meeting.id, kind: "nudge" } })).toBe(3);

    // Member 4 answers from the nudge itself; 6 hours later only the two still silent are nudged.
    const nudge = botApi.messagesSentTo(members[4]!.telegramId)[0]!;
    await s.press(members[4]!.telegramId, nudge.messageId, "✅ Tham dự");
    clock.advance(6 * 3_600_000);
    const later = (await s.say(secretary.telegramId, "/nhacnho")).at(-1)!.text;
    expect(later).toContain("đến 2 đồng chí chưa trả lời");
    await waitUntil(
      async () =>
        (await db.delivery.count({
          where: { meetingId: meeting.id, kind: "nudge", status: "SENT" },
        })) === 5,
    );
    expect(botApi.messagesSentTo(deputy.telegramId)).toHaveLength(3); // 2 nudges + the refusal
    expect(botApi.messagesSentTo(members[5]!.telegramId)).toHaveLength(2);
  });
});

describe("/lichhop", () => {
  it("moves a meeting to another day and time: pending reminders are replaced", async () => {
    const { cell, meeting, secretary } = await cellWithMeeting(4);
    const id = secretary.telegramId;
    await syncReminders(s.services, cell.id);
    const old = await db.delivery.findMany({
      where: { meetingId: meeting.id, kind: "reminder", status: "PENDING" },
    });
    expect(old.length).toBeGreaterThan(0);

    const menu = (await s.say(id, "/lichhop")).at(-1)!;
    expect(menu.text).toContain("Thứ Năm, ngày 10/12/2026, lúc 19:30");
    await s.press(id, menu.messageId, "✏️ Dời/sửa 10/12/2026 19:30");
    expect(lastText(id)).toContain("Ngày họp hiện tại: 10/12/2026");
    await s.say(id, "12/12/2026");
    expect(lastText(id)).toContain("HH:mm");
    await s.say(id, "14:00");
    await s.press(id, s.lastBotMessage(id).messageId, "Giữ nguyên: Nhà văn hóa khu phố");
    await s.say(id, "Kiểm điểm công tác tháng 12");
    const confirm = s.lastBotMessage(id);
    expect(confirm.text).toContain("Thứ Bảy, ngày 12/12/2026, lúc 14:00");
    await s.press(id, confirm.messageId, "✅ Xác nhận");
    expect(lastText(id)).toContain("Đã cập nhật cuộc họp");

    const after = await db.meeting.findUniqueOrThrow({ where: { id: meeting.id } });
    expect(after.startsAt).toEqual(new Date("2026-12-12T07:00:00Z"));
    expect(after.agenda).toBe("Kiểm điểm công tác tháng 12");
    expect(after.place).toBe("Nhà văn hóa khu phố");
    const replaced = await db.delivery.findMany({ where: { id: { in: old.map((d) => d.id) } } });
    expect(replaced.every((d) => d.status === "CANCELLED")).toBe(true);
    const pending = await db.delivery.findMany({
      where: { meetingId: meeting.id, kind: "reminder", status: "PENDING" },
    });
    expect(new Set(pending.map((d) => toLocalIso(d.dueAt)))).toEqual(
      new Set([
        "2026-12-09T13:59:55+07:00",
        "2026-12-11T13:59:55+07:00",
        "2026-12-12T11:59:55+07:00",
      ]),
    );
    const audit = await db.auditLog.findFirstOrThrow({
      where: { entityId: meeting.id, action: "meeting.move" },
    });
    expect(audit.actorId).toBe(secretary.id);
  });

  it("cancels a meeting after confirmation: no reminder stays pending", async () => {
    const { cell, meeting, deputy } = await cellWithMeeting(3);
    const id = deputy.telegramId;
    await syncReminders(s.services, cell.id);
    const menu = (await s.say(id, "/lichhop")).at(-1)!;
    await s.press(id, menu.messageId, "🗑 Hủy họp 10/12/2026");
    const confirm = s.lastBotMessage(id);
    expect(confirm.text).toContain("Xác nhận HỦY cuộc họp");
    expect((await db.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).status).toBe(
      "PLANNED",
    );
    await s.press(id, confirm.messageId, "✅ Xác nhận");
    expect(lastText(id)).toContain("Đã hủy cuộc họp ngày 10/12/2026 lúc 19:30");
    expect((await db.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).status).toBe(
      "CANCELLED",
    );
    expect(await db.delivery.count({ where: { meetingId: meeting.id, status: "PENDING" } })).toBe(
      0,
    );
  });

  it("creates a thematic meeting (R2c) whose reminders are planned at once", async () => {
    const { cell, members, secretary } = await cellWithMeeting(3);
    const id = secretary.telegramId;
    const menu = (await s.say(id, "/lichhop")).at(-1)!;
    await s.press(id, menu.messageId, "➕ Thêm cuộc họp chuyên đề");
    await s.say(id, "15/12/2026");
    await s.press(id, s.lastBotMessage(id).messageId, "Dùng: 19:30");
    await s.press(id, s.lastBotMessage(id).messageId, "Dùng: Nhà văn hóa khu phố");
    await s.say(id, "Học tập chuyên đề về xây dựng Đảng");
    const confirm = s.lastBotMessage(id);
    expect(confirm.text).toContain("sinh hoạt chuyên đề");
    expect(confirm.text).toContain("Thứ Ba, ngày 15/12/2026, lúc 19:30");
    await s.press(id, confirm.messageId, "✅ Xác nhận");
    expect(lastText(id)).toContain("Đã thêm cuộc họp sinh hoạt chuyên đề");

    const created = await db.meeting.findFirstOrThrow({
      where: { unitId: cell.id, kind: "THEMATIC" },
    });
    expect(created.startsAt).toEqual(new Date("2026-12-15T12:30:00Z"));
    expect(created.plannedEndAt).toEqual(new Date("2026-12-15T14:30:00Z"));
    expect(created.agenda).toBe("Học tập chuyên đề về xây dựng Đảng");
    expect(created.setBySecretary).toBe(true);
    const reminded = await db.delivery.findMany({
      where: { meetingId: created.id, kind: "reminder", status: "PENDING" },
      distinct: ["memberId"],
    });
    expect(reminded.map((d) => d.memberId)).toEqual(
      expect.arrayContaining(members.map((m) => m.id)),
    );
    expect(
      await db.auditLog.count({ where: { entityId: created.id, action: "meeting.create" } }),
    ).toBe(1);
  });

  it("re-asks on a date that does not exist, a past date, a date too far, and a bad time; nothing changes", async () => {
    const { cell, secretary } = await cellWithMeeting(3);
    const id = secretary.telegramId;
    const before = await snapshot(cell.id);
    const menu = (await s.say(id, "/lichhop")).at(-1)!;
    await s.press(id, menu.messageId, "➕ Thêm cuộc họp thường kỳ");
    expect((await s.say(id, "31/02/2027")).at(-1)!.text).toContain(
      "«31/02/2027» không phải là ngày hợp lệ",
    );
    expect((await s.say(id, "01/01/2020")).at(-1)!.text).toContain("Ngày 01/01/2020 đã qua");
    expect((await s.say(id, "01/01/2030")).at(-1)!.text).toContain("quá xa");
    expect((await s.say(id, "20/12/2026")).at(-1)!.text).toContain("Nhập giờ họp ngày 20/12/2026");
    expect((await s.say(id, "25:00")).at(-1)!.text).toContain("«25:00» không phải là giờ hợp lệ");
    expect((await s.say(id, "19:75")).at(-1)!.text).toContain("không phải là giờ hợp lệ");
    await pressLatest(id, "↩️ Thoát");
    expect(lastText(id)).toContain("Đã thoát");
    expect(await snapshot(cell.id)).toBe(before);
  });

  it("a time already past today is re-asked; another command leaves the editor", async () => {
    const { cell, secretary } = await cellWithMeeting(3);
    const id = secretary.telegramId;
    const before = await snapshot(cell.id);
    const menu = (await s.say(id, "/lichhop")).at(-1)!;
    await s.press(id, menu.messageId, "➕ Thêm cuộc họp thường kỳ");
    await s.say(id, "01/12/2026");
    expect((await s.say(id, "08:00")).at(-1)!.text).toContain("08:00 ngày 01/12/2026 đã qua");
    expect((await s.say(id, "/tinhhinh")).at(-1)!.text).toContain("Tình hình trả lời");
    expect((await s.say(id, "21:00")).at(-1)!.text).toContain("chưa hiểu");
    expect(await snapshot(cell.id)).toBe(before);
  });
});

describe("/moi", () => {
  it("lists who is linked and makes a working deep link for a member who is not", async () => {
    const { cell, secretary } = await cellWithMeeting(3);
    const id = secretary.telegramId;
    const newcomer = await unlinkedMember(cell.id, "Trần Văn Mới");
    const list = (await s.say(id, "/moi")).at(-1)!;
    expect(list.text).toContain("3/4 đồng chí đã liên kết");
    expect(list.text).toContain("⬜ Trần Văn Mới — chưa liên kết");
    expect(list.text).toContain(`✅ ${secretary.fullName}`);

    expect(await s.press(id, list.messageId, "🔑 Trần Văn Mới")).toContain("Đã tạo mã mời mới");
    const invite = botApi
      .messagesSentTo(id)
      .find((m) => m.text.includes("Mã mời cho đồng chí Trần Văn Mới"))!;
    const link = /https:\/\/t\.me\/chibo_test_bot\?start=([A-Z0-9]+)/.exec(invite.text);
    expect(link).not.toBeNull();
    expect(botApi.message(id, list.messageId)!.text).toContain("⏳ Trần Văn Mới — đã có mã mời");
    expect(
      await db.auditLog.count({ where: { entityId: newcomer.id, action: "invite.create" } }),
    ).toBe(1);

    // The member opens the link: Telegram sends /start <code>.
    botApi.addUser({ id: 770_001, first_name: "Mới" });
    const greeting = (await s.say(770_001, `/start ${link![1]}`)).at(-1)!.text;
    expect(greeting).toContain("Chào đồng chí Trần Văn Mới");
    expect((await s.actorOf(770_001)).memberId).toBe(newcomer.id);
    expect((await s.say(id, "/moi")).at(-1)!.text).toContain("4/4 đồng chí đã liên kết");
  });

  it("a new code makes the older unused one useless", async () => {
    const { cell, secretary } = await cellWithMeeting(2);
    const id = secretary.telegramId;
    await unlinkedMember(cell.id, "Phạm Thị Hai Mã");
    const list = (await s.say(id, "/moi")).at(-1)!;
    await s.press(id, list.messageId, "🔑 Phạm Thị Hai Mã");
    await s.press(id, list.messageId, "🔑 Phạm Thị Hai Mã");
    const codes = botApi
      .messagesSentTo(id)
      .filter((m) => m.text.includes("Mã mời cho đồng chí Phạm Thị Hai Mã"))
      .map((m) => /start=([A-Z0-9]+)/.exec(m.text)![1]!);
    expect(codes).toHaveLength(2);
    botApi.addUser({ id: 770_002, first_name: "Cũ" });
    expect((await s.say(770_002, `/start ${codes[0]}`)).at(-1)!.text).toContain(
      "Mã mời không đúng hoặc đã hết hạn",
    );
    expect((await s.say(770_002, `/start ${codes[1]}`)).at(-1)!.text).toContain(
      "Chào đồng chí Phạm Thị Hai Mã",
    );
  });
});

describe("/traloithay", () => {
  it("records Tham dự for a member without a phone, and Vắng with a preset or a typed reason", async () => {
    const { cell, members, meeting, secretary } = await cellWithMeeting(4);
    const noPhone = await unlinkedMember(cell.id, "Lê Thị Không Điện Thoại");
    const id = secretary.telegramId;
    const list = (await s.say(id, "/traloithay")).at(-1)!;
    expect(list.text).toContain("ngày 10/12/2026");

    await s.press(id, list.messageId, "⏳ Lê Thị Không Điện Thoại");
    expect(botApi.message(id, list.messageId)!.text).toContain("Hiện tại: chưa trả lời");
    expect(await s.press(id, list.messageId, "✅ Tham dự")).toContain(
      "Đã ghi nhận thay: đồng chí Lê Thị Không Điện Thoại tham dự",
    );
    const attending = await db.answer.findUniqueOrThrow({
      where: { meetingId_memberId: { meetingId: meeting.id, memberId: noPhone.id } },
    });
    expect([attending.kind, attending.answeredById]).toEqual(["ATTENDING", secretary.id]);
    expect(
      await db.auditLog.count({ where: { entityId: attending.id, action: "answer.on-behalf" } }),
    ).toBe(1);

    // Back to the list: the member now shows as attending.
    await s.press(id, list.messageId, "↩️ Danh sách");
    const labels = botApi
      .message(id, list.messageId)!
      .buttons.flat()
      .map((b) => b.label);
    expect(labels).toContain("✅ Lê Thị Không Điện Thoại");

    await s.press(id, list.messageId, `⏳ ${members[2]!.fullName}`);
    await s.press(id, list.messageId, "❌ Vắng (có lý do)");
    expect(lastText(id)).toContain(`Đồng chí ${members[2]!.fullName} vắng vì lý do gì`);
    await s.press(id, s.lastBotMessage(id).messageId, "Việc gia đình");
    expect(lastText(id)).toContain("vắng, lý do «Việc gia đình»");

    const back = s.lastBotMessage(id);
    await s.press(id, back.messageId, "↩️ Danh sách");
    await s.press(id, back.messageId, `⏳ ${members[3]!.fullName}`);
    await s.press(id, back.messageId, "❌ Vắng (có lý do)");
    await s.press(id, s.lastBotMessage(id).messageId, "Lý do khác (tự nhập)");
    await s.say(id, "Đi viện thăm người nhà");
    expect(lastText(id)).toContain("«Đi viện thăm người nhà»");

    const absent = await db.answer.findMany({
      where: { meetingId: meeting.id, memberId: { in: [members[2]!.id, members[3]!.id] } },
      orderBy: { answeredAt: "asc" },
    });
    expect(absent.map((a) => [a.kind, a.reason, a.answeredById])).toEqual([
      ["ABSENT", "Việc gia đình", secretary.id],
      ["ABSENT", "Đi viện thăm người nhà", secretary.id],
    ]);
  });
});

describe("authorization: only the cell's secretary or deputy, checked on every command and press", () => {
  it.each(["/tinhhinh", "/nhacnho", "/lichhop", "/traloithay", "/moi"])(
    "%s by a plain member or a committee member is refused and changes nothing",
    async (command) => {
      const { cell, members, committee } = await cellWithMeeting(3);
      const before = await snapshot(cell.id);
      for (const userId of [members[2]!.telegramId, committee.telegramId]) {
        expect((await s.say(userId, command)).at(-1)!.text).toContain(NOT_ALLOWED);
        // No conversation was entered: plain text gets the usual answer.
        expect((await s.say(userId, "20/12/2026")).at(-1)!.text).toContain("chưa hiểu");
      }
      expect(await snapshot(cell.id)).toBe(before);
    },
  );

  it("another cell's secretary pressing buttons forged with this cell's ids is refused; nothing changes", async () => {
    const a = await cellWithMeeting(3);
    const b = await cellWithMeeting(3);
    const intruder = b.secretary.telegramId;
    const target = a.members[2]!;
    const ids = `${shortId(a.meeting.id)}:${shortId(target.id)}`;
    const forged = [
      `tl:p:${shortId(a.meeting.id)}:0`,
      `tl:m:${ids}`,
      `tl:y:${ids}`,
      `tl:n:${ids}`,
      `moi:c:${shortId(target.id)}:0`,
    ];
    const before = await snapshot(a.cell.id);
    const message = await s.api.sendMessage(intruder, "forged", {
      reply_markup: InlineKeyboard.from(forged.map((data) => [InlineKeyboard.text(data, data)])),
    });
    for (const data of forged) {
      const result = await botApi.press(intruder, message.message_id, { data });
      expect(result.answer?.text, data).toContain(NOT_ALLOWED);
    }

    // Inside b's own /lichhop, a's meeting cannot be chosen either.
    const menu = (await s.say(intruder, "/lichhop")).at(-1)!;
    const lh = [`lh:m:${shortId(a.meeting.id)}`, `lh:c:${shortId(a.meeting.id)}`];
    const planted = await s.api.sendMessage(intruder, "forged", {
      reply_markup: InlineKeyboard.from([lh.map((data) => InlineKeyboard.text(data, data))]),
    });
    for (const data of lh) {
      const result = await botApi.press(intruder, planted.message_id, { data });
      expect(result.answer?.text, data).toContain(NOT_ALLOWED);
    }
    await s.press(intruder, menu.messageId, "↩️ Thoát");
    expect(await snapshot(a.cell.id)).toBe(before);
  });

  it("a secretary relieved of the role mid-way is refused at the next answer or press", async () => {
    const { cell, members, secretary } = await cellWithMeeting(3);
    const id = secretary.telegramId;
    const list = (await s.say(id, "/traloithay")).at(-1)!;
    const invites = (await s.say(id, "/moi")).at(-1)!;
    const menu = (await s.say(id, "/lichhop")).at(-1)!;
    await s.press(id, menu.messageId, "➕ Thêm cuộc họp thường kỳ");
    const before = await snapshot(cell.id);

    await db.member.update({ where: { id: secretary.id }, data: { cellRole: "MEMBER" } });
    expect((await s.say(id, "20/12/2026")).at(-1)!.text).toContain(NOT_ALLOWED);
    expect(await s.press(id, list.messageId, `⏳ ${members[2]!.fullName}`)).toContain(NOT_ALLOWED);
    expect(await s.press(id, invites.messageId, `🔑 ${members[2]!.fullName}`)).toContain(
      NOT_ALLOWED,
    );
    expect(await snapshot(cell.id)).toBe(before);
  });
});
