import { describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/clock.ts";
import { seedCell } from "../../support/stack.ts";
import { createZaloStack } from "./zalo-stack.ts";

const clock = new ManualClock(new Date("2026-11-20T03:00:00Z"));
const s = await createZaloStack({ clock });

const NOT_ALLOWED = "không có quyền";

/** A cell of 5 with a meeting in two days; the secretary and members 2 and 3 use Zalo. */
async function zaloCell() {
  const seeded = await seedCell(s, { size: 5 });
  const [secretary, , a, b] = seeded.members;
  const startsAt = new Date(clock.now().getTime() + 48 * 3_600_000);
  const meeting = await s.db.meeting.create({
    data: {
      unitId: seeded.cell.id,
      startsAt,
      plannedEndAt: new Date(startsAt.getTime() + 2 * 3_600_000),
    },
  });
  const ids = {
    secretary: `zs-${seeded.cell.code}`,
    a: `za-${seeded.cell.code}`,
    b: `zb-${seeded.cell.code}`,
  };
  await s.linkZalo(ids.secretary, secretary!.id, secretary!.telegramId);
  await s.linkZalo(ids.a, a!.id, secretary!.telegramId);
  await s.linkZalo(ids.b, b!.id, secretary!.telegramId);
  return { ...seeded, meeting, ids, secretary: secretary!, a: a!, b: b! };
}

const all = (replies: string[]) => replies.join("\n");

describe("tinhhinh on Zalo", () => {
  it("shows the secretary who comes, who declined and who is silent, with the projection", async () => {
    const { ids, a, b } = await zaloCell();
    await s.say(ids.a, "lich");
    await s.say(ids.a, "1");
    const zb = ids.b;
    await s.say(zb, "lich");
    await s.say(zb, "2");
    await s.say(zb, "1"); // Ốm đau
    await s.say(zb, "1"); // confirm

    const text = all(await s.say(ids.secretary, "Tình hình"));
    expect(text).toContain("Tình hình trả lời");
    expect(text).toContain(`Tham dự (1): ${a.fullName}`);
    expect(text).toContain("Vắng có lý do (1)");
    expect(text).toContain(`${b.fullName}: Ốm đau`);
    expect(text).toContain("Chưa trả lời (3)");
    expect(text).toContain("Dự kiến: 1/5");
    expect(text).toContain("nhacnho");
    expect(text).not.toContain("/traloithay");
  });

  it("a plain member is refused", async () => {
    const { ids } = await zaloCell();
    expect(all(await s.say(ids.a, "/tinhhinh"))).toContain(NOT_ALLOWED);
  });
});

describe("nhacnho on Zalo", () => {
  it("nudges the silent members once; a second nudge within 6 hours is refused", async () => {
    const { ids, meeting } = await zaloCell();
    const reply = all(await s.say(ids.secretary, "nhắc nhở"));
    expect(reply).toMatch(/đến \d+ đồng chí chưa trả lời/);
    const nudges = await s.db.delivery.count({ where: { meetingId: meeting.id, kind: "nudge" } });
    expect(nudges).toBeGreaterThan(0);
    expect(all(await s.say(ids.secretary, "nhacnho"))).toContain("có thể nhắc lại từ");
    expect(await s.db.delivery.count({ where: { meetingId: meeting.id, kind: "nudge" } })).toBe(
      nudges,
    );
  });

  it("a plain member is refused and nobody is nudged", async () => {
    const { ids, meeting } = await zaloCell();
    expect(all(await s.say(ids.a, "nhacnho"))).toContain(NOT_ALLOWED);
    expect(await s.db.delivery.count({ where: { meetingId: meeting.id, kind: "nudge" } })).toBe(0);
    expect((await s.db.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).lastNudgeAt).toBe(
      null,
    );
  });
});

describe("donvi on Zalo", () => {
  it("shows a committee member this month in the cells in their charge", async () => {
    const { cell, committee } = await zaloCell();
    const zaloId = `zc-${cell.code}`;
    await s.db.chatIdentity.create({
      data: { platform: "ZALO", externalId: zaloId, chatId: zaloId, memberId: committee.id },
    });
    s.zaloApi.addUser({ id: zaloId, name: committee.fullName });
    const text = all(await s.say(zaloId, "Đơn vị"));
    expect(text).toContain("11/2026");
    expect(text).toContain(cell.name);
  });

  it("a plain member is refused", async () => {
    const { ids } = await zaloCell();
    expect(all(await s.say(ids.a, "donvi"))).toContain(NOT_ALLOWED);
  });
});

describe("baocao on Zalo", () => {
  it("gives the secretary the month's report of the cell in text; bad and future months are explained", async () => {
    const { ids, cell } = await zaloCell();
    const text = all(await s.say(ids.secretary, "Báo cáo tháng 11/2026"));
    expect(text).toContain("Báo cáo sinh hoạt chi bộ tháng 11/2026");
    expect(text).toContain(cell.name);
    expect(text).toContain("tháng chưa kết thúc");
    expect(text).not.toContain("Excel");
    expect(all(await s.say(ids.secretary, "baocao 13/2026"))).toContain("Tháng không hợp lệ");
    expect(all(await s.say(ids.secretary, "/baocao 12/2026"))).toContain("Tháng 12/2026 chưa đến");
    expect(all(await s.say(ids.secretary, "báo cáo tháng 12/2026"))).toMatch(
      /^Tháng 12\/2026 chưa đến/,
    );
    // Last month by default: October, before this cell had any meeting.
    expect(all(await s.say(ids.secretary, "bao cao"))).toContain("tháng 10/2026");
  });

  it("a plain member is refused", async () => {
    const { ids } = await zaloCell();
    expect(all(await s.say(ids.a, "baocao"))).toContain("Chỉ bí thư, phó bí thư chi bộ");
  });

  it("bienban: the Word file cannot come on Zalo, said plainly; a plain member is refused", async () => {
    const { ids } = await zaloCell();
    expect(all(await s.say(ids.secretary, "biên bản"))).toContain(
      "Biên bản sinh hoạt dạng tệp Word (.docx) không gửi được qua Zalo: Zalo Bot chỉ gửi được tin nhắn chữ",
    );
    expect(all(await s.say(ids.a, "bienban"))).toContain("Chỉ bí thư, phó bí thư chi bộ");
  });
});

describe("moi on Zalo", () => {
  it("numbers the members; a number or 'moi N' makes a fresh code the member links with as text", async () => {
    const { ids, members } = await zaloCell();
    const list = all(await s.say(ids.secretary, "moi"));
    expect(list).toContain("Liên kết tài khoản");
    expect(list).toContain("5/5 đồng chí đã liên kết");
    // seedCell links every member on Telegram; an unlinked one is shown as such.
    const newcomer = await s.db.member.create({
      data: {
        code: `NEW-${ids.a}`,
        fullName: "Nguyễn Văn Mới",
        cellId: members[0]!.cellId,
        joinedOn: new Date("2024-01-01"),
      },
    });
    const fresh = all(await s.say(ids.secretary, "moi"));
    const line = fresh.split("\n").find((l) => l.includes(newcomer.fullName))!;
    expect(line).toContain("chưa liên kết");
    const number = Number(/^(\d+)\./.exec(line)![1]);

    const reply = all(await s.say(ids.secretary, String(number)));
    expect(reply).toContain(`Mã mời cho đồng chí ${newcomer.fullName}`);
    const again = all(await s.say(ids.secretary, `moi ${number}`));
    const code = /: ([A-Za-z0-9]{6,32})\n/.exec(again)![1]!;
    expect(code).not.toBe(/: ([A-Za-z0-9]{6,32})\n/.exec(reply)![1]);
    // The first code has lapsed; the member links with the second, sent as text.
    s.zaloApi.addUser({ id: `zn-${ids.a}`, name: newcomer.fullName });
    expect(all(await s.say(`zn-${ids.a}`, code))).toContain(newcomer.fullName);
    const identity = await s.db.chatIdentity.findFirstOrThrow({
      where: { platform: "ZALO", memberId: newcomer.id },
    });
    expect(identity.externalId).toBe(`zn-${ids.a}`);
  });

  it("a plain member is refused and no code is made", async () => {
    const { ids, members } = await zaloCell();
    const before = await s.db.inviteCode.count({ where: { memberId: members[4]!.id } });
    expect(all(await s.say(ids.a, "moi"))).toContain(NOT_ALLOWED);
    expect(all(await s.say(ids.a, "moi 1"))).toContain(NOT_ALLOWED);
    expect(await s.db.inviteCode.count({ where: { memberId: members[4]!.id } })).toBe(before);
  });
});

describe("traloithay on Zalo", () => {
  /** The number of a member's line in the last numbered list. */
  const numberOf = (text: string, name: string) =>
    Number(/^(\d+)\./.exec(text.split("\n").find((l) => l.includes(name))!)![1]);

  it("numbered members → 1 attends / 2 absent → a preset or typed reason, recorded for them", async () => {
    const { ids, meeting, members, a } = await zaloCell();
    const [, , , c, d] = members;
    await s.say(ids.a, "lich");
    await s.say(ids.a, "1");

    const list = all(await s.say(ids.secretary, "Trả lời thay"));
    expect(list).toContain("Trả lời thay cho đảng viên");
    expect(list).toContain(`✅ ${a.fullName}`);
    expect(list).toContain(`⏳ ${c!.fullName}`);

    // c attends.
    expect(all(await s.say(ids.secretary, String(numberOf(list, c!.fullName))))).toContain(
      `Trả lời thay cho đồng chí ${c!.fullName}`,
    );
    expect(all(await s.say(ids.secretary, "1"))).toContain(`đồng chí ${c!.fullName} tham dự`);

    // d is absent for a preset reason.
    await s.say(ids.secretary, "traloithay");
    const again = s.lastText(ids.secretary);
    expect(again).toContain(`✅ ${c!.fullName}`);
    await s.say(ids.secretary, String(numberOf(again, d!.fullName)));
    const ask = all(await s.say(ids.secretary, "2"));
    expect(ask).toContain("1. Ốm đau");
    expect(all(await s.say(ids.secretary, "2"))).toContain(`đồng chí ${d!.fullName} vắng`);

    // a changes to absent with a typed reason.
    await s.say(ids.secretary, "traloithay");
    await s.say(ids.secretary, String(numberOf(s.lastText(ids.secretary), a.fullName)));
    await s.say(ids.secretary, "2");
    expect(all(await s.say(ids.secretary, "Đi viện thăm mẹ"))).toContain("«Đi viện thăm mẹ»");

    const answers = await s.db.answer.findMany({ where: { meetingId: meeting.id } });
    const of = (id: string) => answers.find((x) => x.memberId === id);
    expect(of(c!.id)?.kind).toBe("ATTENDING");
    expect(of(d!.id)).toMatchObject({ kind: "ABSENT", reason: "Đi công tác" });
    expect(of(a.id)).toMatchObject({ kind: "ABSENT", reason: "Đi viện thăm mẹ" });
    // The context is cleared: a later text is not taken as a reason.
    expect(all(await s.say(ids.secretary, "xin chào"))).toContain("chưa hiểu");
  });

  it("a plain member is refused and nothing is recorded", async () => {
    const { ids, meeting } = await zaloCell();
    expect(all(await s.say(ids.a, "traloithay"))).toContain(NOT_ALLOWED);
    expect(await s.db.answer.count({ where: { meetingId: meeting.id } })).toBe(0);
  });
});

describe("help on Zalo", () => {
  it("lists tinhhinh and nhacnho for a secretary", async () => {
    const { ids } = await zaloCell();
    const help = all(await s.say(ids.secretary, "trogiup"));
    expect(help).toContain("tinhhinh —");
    expect(help).toContain("nhacnho —");
  });
});
