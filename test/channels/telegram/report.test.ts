import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { syncCommandMenu } from "../../../src/channels/telegram/commands.ts";
import { ManualClock } from "../../../src/clock.ts";
import { at, seedReportMonth } from "../../services/report-fixture.ts";
import { createBotStack } from "../../support/bot.ts";

// Thursday 10 December 2026, 10:00 local: /baocao without a month reports November.
const clock = new ManualClock(at("2026-12-10T10:00:00"));
const s = await createBotStack({ clock });
const seeded = await seedReportMonth(s, "2026-11");

const texts = (messages: { text: string }[]) => messages.map((m) => m.text).join("\n");

describe("/baocao", () => {
  it("a secretary: their own cell's month in detail, no file", async () => {
    const replies = await s.say(seeded.secretary.telegramId, "/baocao");
    expect(replies).toHaveLength(1);
    const text = replies[0]!.text;
    expect(text).toContain("📊 Báo cáo sinh hoạt chi bộ tháng 11/2026");
    expect(text).toContain("🏛 Chi bộ Khu phố 3 — Đảng bộ phường Bắc Sơn");
    expect(text).toContain("Có mặt 16/19 (84,2%) — ❌ không đạt tỷ lệ trên 85%");
    expect(text).toContain(`❌ Vắng không có lý do (1): ${seeded.y.fullName}`);
    expect(text).toContain("Chưa trả lời lời nhắc: 3/19");
    expect(text).toContain("chưa chốt điểm danh (chậm báo cáo)");
    expect(text).toContain("Xem tháng khác: /baocao MM/yyyy, ví dụ /baocao 11/2026");
    expect(text).not.toContain("Chi bộ Trường Tiểu học Lam Sơn");
    expect(replies[0]!.file).toBeUndefined();
  });

  it("a committee member: their units in short, and the Excel file with every cell", async () => {
    const replies = await s.say(seeded.ward.committee.telegramId, "/baocao 11/2026");
    expect(replies).toHaveLength(2);
    const [summary, document] = replies;
    expect(summary!.text).toContain("2 chi bộ thuộc 1 tổ chức cơ sở đảng");
    expect(summary!.text).toContain("• Chi bộ Khu phố 3: ❌ 03/11 có mặt 16/19 (84,2%)");
    expect(summary!.text).toContain("• Chi bộ Cơ quan phường Bắc Sơn: 🔴 không sinh hoạt");
    expect(summary!.text).toContain("⏰ Chậm báo cáo, chưa chốt điểm danh (1): Chi bộ Khu phố 3");
    expect(summary!.text).not.toContain("Lam Sơn");
    expect(summary!.text.length).toBeLessThanOrEqual(4096);

    expect(document!.file!.name).toBe("bao-cao-sinh-hoat-2026-11.xlsx");
    expect(document!.text).toBe("📎 Báo cáo sinh hoạt chi bộ tháng 11/2026 — 2 chi bộ (Excel)");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(document!.file!.bytes) as unknown as ArrayBuffer);
    const cells = workbook.getWorksheet("Chi bộ")!;
    expect(cells.getColumn(2).values.slice(2)).toEqual([
      "Chi bộ Khu phố 3",
      "Chi bộ Cơ quan phường Bắc Sơn",
    ]);
  });

  it("a secretary gets a held meeting's minutes as a Word file from a button under the report", async () => {
    const [report] = await s.say(seeded.secretary.telegramId, "/baocao 11/2026");
    const label = "📄 Biên bản Chi bộ Khu phố 3, 03/11/2026 (.docx)";
    expect(report!.buttons.flat().map((b) => b.label)).toEqual([label]);
    const before = s.botApi.chat(seeded.secretary.telegramId).length;
    await s.press(seeded.secretary.telegramId, report!.messageId, label);
    const [file] = s.botApi.chat(seeded.secretary.telegramId).slice(before);
    expect(file!.file!.name).toBe("bien-ban-sinh-hoat-chi-bo-khu-pho-3-2026-11-03.docx");
    expect(file!.text).toBe(
      "📄 Biên bản sinh hoạt chi bộ (tệp Word) — Chi bộ Khu phố 3, ngày 03/11/2026",
    );
    expect(Buffer.from(file!.file!.bytes).subarray(0, 2).toString()).toBe("PK");

    // The same button's data pressed by a plain member is refused on the server.
    const data = report!.buttons.flat()[0]!.data!;
    const forged = await s.api.sendMessage(seeded.plain.telegramId, "…", {
      reply_markup: { inline_keyboard: [[{ text: label, callback_data: data }]] },
    });
    expect(await s.press(seeded.plain.telegramId, forged.message_id, label)).toBe(
      "Đồng chí không có quyền thực hiện thao tác này.",
    );
    expect(s.botApi.chat(seeded.plain.telegramId).filter((m) => m.file)).toEqual([]);
  });

  it("the other organisation's committee member sees only their school cell", async () => {
    const replies = await s.say(seeded.school.committee.telegramId, "/baocao");
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toContain("🏛 Chi bộ Trường Tiểu học Lam Sơn");
    expect(replies[0]!.text).toContain("Có mặt 6/6 (100%) — đạt tỷ lệ");
    expect(replies[0]!.text).not.toContain("Khu phố 3");
  });

  it("a plain member is refused, in Vietnamese, with nothing of the report", async () => {
    const replies = await s.say(seeded.plain.telegramId, "/baocao");
    expect(texts(replies)).toBe(
      "Chỉ bí thư, phó bí thư chi bộ và cấp ủy viên phụ trách mới xem được báo cáo sinh hoạt.",
    );
  });

  it.each([
    ["/baocao 13/2026", "Tháng không hợp lệ."],
    ["/baocao tháng trước", "Tháng không hợp lệ."],
    ["/baocao 01/2027", "Tháng 01/2027 chưa đến nên chưa có số liệu."],
  ])("%s → a clear answer", async (command, answer) => {
    const replies = await s.say(seeded.secretary.telegramId, command);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toContain(answer);
  });

  it("is in the leaders' and the committee's command menus", async () => {
    const people = [seeded.secretary, seeded.ward.committee, seeded.plain];
    for (const { telegramId } of people)
      await syncCommandMenu(s.api, telegramId, await s.actorOf(telegramId), s.services.t);
    const menu = (chatId: number) => s.botApi.commandsFor(chatId);
    expect(menu(seeded.secretary.telegramId)).toContainEqual({
      command: "baocao",
      description: "Báo cáo sinh hoạt tháng",
    });
    expect(menu(seeded.ward.committee.telegramId).map((c) => c.command)).toContain("baocao");
    expect(menu(seeded.plain.telegramId).map((c) => c.command)).not.toContain("baocao");
  });
});
