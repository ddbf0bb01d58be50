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
  const ids = { secretary: `zs-${seeded.cell.code}`, a: `za-${seeded.cell.code}` };
  await s.linkZalo(ids.secretary, secretary!.id, secretary!.telegramId);
  await s.linkZalo(ids.a, a!.id, secretary!.telegramId);
  await s.linkZalo(`zb-${seeded.cell.code}`, b!.id, secretary!.telegramId);
  return { ...seeded, meeting, ids, secretary: secretary!, a: a!, b: b! };
}

const all = (replies: string[]) => replies.join("\n");

describe("tinhhinh on Zalo", () => {
  it("shows the secretary who comes, who declined and who is silent, with the projection", async () => {
    const { ids, a, b, secretary } = await zaloCell();
    await s.say(ids.a, "lich");
    await s.say(ids.a, "1");
    const zb = (await s.db.chatIdentity.findFirstOrThrow({
      where: { platform: "ZALO", memberId: b.id },
    }))!.externalId;
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

describe("help on Zalo", () => {
  it("lists tinhhinh and nhacnho for a secretary", async () => {
    const { ids } = await zaloCell();
    const help = all(await s.say(ids.secretary, "trogiup"));
    expect(help).toContain("tinhhinh —");
    expect(help).toContain("nhacnho —");
  });
});
