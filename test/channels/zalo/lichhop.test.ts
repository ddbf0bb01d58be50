import { describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/clock.ts";
import { seedCell } from "../../support/stack.ts";
import { createZaloStack } from "./zalo-stack.ts";

// Friday 20 November 2026, 10:00 local.
const clock = new ManualClock(new Date("2026-11-20T03:00:00Z"));
const s = await createZaloStack({ clock });

/** A cell of 4 with a meeting on Sunday 22/11 at 10:00; the secretary and member 2 use Zalo. */
async function zaloCell() {
  const seeded = await seedCell(s, { size: 4 });
  const [secretary, , member] = seeded.members;
  const startsAt = new Date("2026-11-22T03:00:00Z");
  const meeting = await s.db.meeting.create({
    data: {
      unitId: seeded.cell.id,
      startsAt,
      plannedEndAt: new Date(startsAt.getTime() + 2 * 3_600_000),
      place: "Hội trường tổ 5",
      agenda: "Sinh hoạt thường kỳ tháng 11",
    },
  });
  const ids = { secretary: `ls-${seeded.cell.code}`, member: `lm-${seeded.cell.code}` };
  await s.linkZalo(ids.secretary, secretary!.id, secretary!.telegramId);
  await s.linkZalo(ids.member, member!.id, secretary!.telegramId);
  return { ...seeded, meeting, ids };
}

/** The bot's last reply to what the secretary types. */
const reply = async (id: string, text: string) => (await s.say(id, text)).at(-1) ?? "";

describe("lichhop on Zalo, in text", () => {
  it("moves a meeting: bad and past dates refused, «19h30» is a time, the place kept by number", async () => {
    const { ids, meeting } = await zaloCell();
    const menu = await reply(ids.secretary, "Lịch họp");
    expect(menu).toContain("Lịch họp sắp tới của Chi bộ Khu phố");
    expect(menu).toContain("1. Chủ nhật, ngày 22/11/2026, lúc 10:00");
    expect(menu).toContain("1. ✏️ Dời/sửa 22/11/2026 10:00");
    expect(menu).toContain("2. 🗑 Hủy họp 22/11/2026");

    const askDate = await reply(ids.secretary, "1");
    expect(askDate).toContain("Ngày họp hiện tại: 22/11/2026");
    expect(askDate).toContain("1. Giữ nguyên: 22/11/2026");
    expect(askDate).toContain("Gõ câu trả lời");
    expect(await reply(ids.secretary, "31/11/2026")).toContain(
      "«31/11/2026» không phải là ngày hợp lệ",
    );
    expect(await reply(ids.secretary, "19/11/2026")).toContain("Ngày 19/11/2026 đã qua");

    expect(await reply(ids.secretary, "24/11/2026")).toContain("Nhập giờ họp ngày 24/11/2026");
    // "19h" looks like a roll call code ("19 h"); here it is the answer to the question.
    expect(await reply(ids.secretary, "25h")).toContain("«25h» không phải là giờ hợp lệ");
    expect(await reply(ids.secretary, "19h30")).toContain("Nhập địa điểm họp");
    expect(await reply(ids.secretary, "1")).toContain("Nhập nội dung họp"); // keep the place
    const confirm = await reply(ids.secretary, "Kiểm điểm công tác quý IV");
    expect(confirm).toContain("Xác nhận sửa cuộc họp ngày 22/11/2026 lúc 10:00 thành:");
    expect(confirm).toContain("Thứ Ba, ngày 24/11/2026, lúc 19:30");
    expect(confirm).toContain("📍 Hội trường tổ 5");
    expect(await reply(ids.secretary, "đồng ý")).toContain("trả lời 1 để xác nhận");

    expect(await reply(ids.secretary, "1")).toContain(
      "✅ Đã cập nhật cuộc họp: Thứ Ba, ngày 24/11/2026, lúc 19:30",
    );
    const after = await s.db.meeting.findUniqueOrThrow({ where: { id: meeting.id } });
    expect(after.startsAt.toISOString()).toBe("2026-11-24T12:30:00.000Z");
    expect(after.place).toBe("Hội trường tổ 5");
    expect(after.agenda).toBe("Kiểm điểm công tác quý IV");
    // The dialogue is over: a number now answers nothing.
    expect(await reply(ids.secretary, "1")).toContain("đã hết hạn");
  });

  it("adds a thematic meeting with the cell's usual time and place", async () => {
    const { ids, cell } = await zaloCell();
    const menu = await reply(ids.secretary, "/lichhop");
    expect(menu).toContain("4. ➕ Thêm cuộc họp chuyên đề");
    expect(await reply(ids.secretary, "4")).toContain("Nhập ngày họp theo dạng dd/MM/yyyy");
    const askTime = await reply(ids.secretary, "10/12/2026");
    expect(askTime).toContain("1. Dùng: 19:30");
    expect(await reply(ids.secretary, "1")).toContain("1. Dùng: Nhà văn hóa khu phố");
    expect(await reply(ids.secretary, "Nhà văn hóa tổ 7")).toContain("1. Bỏ qua");
    const confirm = await reply(ids.secretary, "1");
    expect(confirm).toContain("Xác nhận thêm cuộc họp sinh hoạt chuyên đề");
    expect(confirm).toContain("Thứ Năm, ngày 10/12/2026, lúc 19:30");
    expect(await reply(ids.secretary, "1")).toContain("✅ Đã thêm cuộc họp sinh hoạt chuyên đề");

    const created = await s.db.meeting.findFirstOrThrow({
      where: { unitId: cell.id, kind: "THEMATIC" },
    });
    expect(created.startsAt.toISOString()).toBe("2026-12-10T12:30:00.000Z");
    expect(created.place).toBe("Nhà văn hóa tổ 7");
    expect(created.agenda).toBeNull();
  });

  it("cancels a meeting after confirmation; quitting changes nothing", async () => {
    const { ids, meeting } = await zaloCell();
    await reply(ids.secretary, "lichhop");
    expect(await reply(ids.secretary, "2")).toContain(
      "Xác nhận HỦY cuộc họp sinh hoạt thường kỳ Chủ nhật, ngày 22/11/2026",
    );
    expect(await reply(ids.secretary, "2")).toContain("Đã thoát. Lịch họp không thay đổi.");
    expect((await s.db.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).status).toBe(
      "PLANNED",
    );

    await reply(ids.secretary, "lichhop");
    await reply(ids.secretary, "2");
    expect(await reply(ids.secretary, "1")).toContain(
      "✅ Đã hủy cuộc họp ngày 22/11/2026 lúc 10:00",
    );
    expect((await s.db.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).status).toBe(
      "CANCELLED",
    );
  });

  it("a menu choice for a meeting cancelled meanwhile is stale; a member may not use lichhop", async () => {
    const { ids, meeting } = await zaloCell();
    await reply(ids.secretary, "lichhop");
    await s.db.meeting.update({ where: { id: meeting.id }, data: { status: "CANCELLED" } });
    expect(await reply(ids.secretary, "1")).toContain("Câu hỏi này đã hết hạn");
    expect(await reply(ids.member, "lichhop")).toContain("không có quyền");
  });

  it("a secretary who loses the role mid-dialogue cannot finish it", async () => {
    const { ids, meeting, members } = await zaloCell();
    await reply(ids.secretary, "lichhop");
    await reply(ids.secretary, "2");
    await s.db.member.update({ where: { id: members[0]!.id }, data: { cellRole: "MEMBER" } });
    expect(await reply(ids.secretary, "1")).toContain("không có quyền");
    expect((await s.db.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).status).toBe(
      "PLANNED",
    );
  });
});
