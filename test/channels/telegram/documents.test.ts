import { describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/clock.ts";
import { deliveryJobId } from "../../../src/jobs/queues.ts";
import { meetingQuality } from "../../../src/services/quality/index.ts";
import { createBotStack } from "../../support/bot.ts";
import { seedCell, waitUntil } from "../../support/stack.ts";

// Issue 15 item 3 on Telegram: /tailieu, the delivery a day before, «Đã đọc», /tinhhinh.
const clock = new ManualClock(new Date("2026-11-30T12:30:00Z"));
const s = await createBotStack({ clock });
s.startDeliveryWorker();
const DAY = 86_400_000;

/** Delivers the due document deliveries now (their delayed jobs are promoted). */
async function deliverDue(meetingId: string) {
  // Not only PENDING: a row the worker has already claimed (SENDING) is still on its way.
  const due = await s.db.delivery.findMany({
    where: { meetingId, kind: "document", status: { not: "SENT" }, dueAt: { lte: clock.now() } },
  });
  // A job due at once is not delayed: nothing to promote.
  for (const d of due)
    await (await s.queue.getJob(deliveryJobId(d.id)))?.promote().catch(() => undefined);
  await waitUntil(async () =>
    (await s.db.delivery.findMany({ where: { id: { in: due.map((d) => d.id) } } })).every(
      (d) => d.status === "SENT",
    ),
  );
}

describe("/tailieu on Telegram", () => {
  it("a link with a title goes to the members and the committee a day before, with «Đã đọc»; /tinhhinh shows who read", async () => {
    const { cell, members, committee } = await seedCell(s, { size: 4 });
    const startsAt = new Date(clock.now().getTime() + 3 * DAY);
    const meeting = await s.db.meeting.create({
      data: {
        unitId: cell.id,
        startsAt,
        plannedEndAt: new Date(startsAt.getTime() + 2 * 3_600_000),
      },
    });
    const sec = members[0]!.telegramId;
    expect((await s.say(sec, "/tailieu"))[0]!.text).toContain("gửi đường link (https://…");
    expect((await s.say(sec, "http://sotaydangvien.vn/a"))[0]!.text).toContain(
      "phải bắt đầu bằng https://",
    );
    expect((await s.say(sec, `https://example.vn/${"a".repeat(600)}`))[0]!.text).toContain(
      "tối đa 500 ký tự",
    );
    expect((await s.say(sec, "https://sotaydangvien.dcs.vn/tai-lieu/nq-12"))[0]!.text).toContain(
      "gõ tiêu đề",
    );
    const saved = await s.say(sec, "Nghị quyết tháng 12 — tài liệu sinh hoạt");
    expect(saved[0]!.text).toBe(
      "✅ Đã ghi tài liệu «Nghị quyết tháng 12 — tài liệu sinh hoạt». Bot sẽ gửi cho 5 người (đảng viên và cấp ủy viên phụ trách) lúc 19:30 ngày 02/12/2026.",
    );
    const rows = await s.db.delivery.findMany({
      where: { meetingId: meeting.id, kind: "document" },
    });
    expect(rows).toHaveLength(5);
    expect(new Set(rows.map((r) => r.dueAt.getTime()))).toEqual(
      new Set([startsAt.getTime() - DAY]),
    );
    expect(
      await s.db.auditLog.count({ where: { entityId: meeting.id, action: "document.attach" } }),
    ).toBe(1);

    clock.set(new Date(startsAt.getTime() - DAY));
    await deliverDue(meeting.id);
    const got = s.lastBotMessage(members[2]!.telegramId);
    expect(got.text).toContain("«Nghị quyết tháng 12 — tài liệu sinh hoạt»");
    expect(got.text).toContain("https://sotaydangvien.dcs.vn/tai-lieu/nq-12");
    expect(got.buttons.flat().map((b) => b.label)).toEqual(["✅ Đã đọc"]);
    expect(s.lastBotMessage(committee.telegramId).text).toContain("Nghị quyết tháng 12");

    expect(await s.press(members[2]!.telegramId, got.messageId, "✅ Đã đọc")).toContain(
      "Đã ghi nhận đồng chí đã đọc",
    );
    expect(await s.press(members[2]!.telegramId, got.messageId, "✅ Đã đọc")).toContain("rồi");
    expect(await s.db.documentRead.count()).toBe(1);

    const overview = (await s.say(sec, "/tinhhinh")).map((m) => m.text).join("\n");
    expect(overview).toContain("📎 «Nghị quyết tháng 12 — tài liệu sinh hoạt»: đã đọc 1/5");
    expect(overview).toContain(`✅ Đã đọc: ${members[2]!.fullName}`);

    // A file, sent once the lead has passed: it goes at once, the bot resending Telegram's file.
    await s.say(sec, "/tailieu");
    await s.botApi.sendDocument(sec, {
      name: "de-cuong.pdf",
      bytes: new TextEncoder().encode("%PDF-1.4 đề cương"),
    });
    expect(s.lastBotMessage(sec).text).toContain("gõ tiêu đề");
    expect((await s.say(sec, "Đề cương sinh hoạt chuyên đề"))[0]!.text).toContain(
      "Bot gửi ngay cho 5 người",
    );
    await deliverDue(meeting.id);
    const file = s.lastBotMessage(members[3]!.telegramId);
    expect(file.file?.name).toBe("de-cuong.pdf");
    expect(file.text).toContain("Đề cương sinh hoạt chuyên đề");

    // The preparation item counts the first document's delivery, a day before: 2 points.
    await s.db.meeting.update({
      where: { id: meeting.id },
      data: {
        status: "HELD",
        rollCallOpenedAt: startsAt,
        rollCallClosedAt: new Date(startsAt.getTime() + 95 * 60_000),
      },
    });
    const quality = (await meetingQuality(s.services, meeting.id))!;
    const documents = quality.items.find((i) => i.key === "preparation-documents")!;
    expect(documents.points).toBe(2);
    expect(documents.why).toBe(
      "Tài liệu gửi lúc 19:30 02/12/2026, trước cuộc họp ít nhất 1 ngày → 2 điểm",
    );
  });

  it("a plain member cannot attach; a forged «Đã đọc» from outside the list records nothing", async () => {
    const { cell, members } = await seedCell(s, { size: 3 });
    const other = await seedCell(s, { size: 3 });
    const startsAt = new Date(clock.now().getTime() + 3 * DAY);
    await s.db.meeting.create({
      data: { unitId: cell.id, startsAt, plannedEndAt: new Date(startsAt.getTime() + 7_200_000) },
    });
    expect((await s.say(members[2]!.telegramId, "/tailieu"))[0]!.text).toContain("không có quyền");
    await s.say(members[0]!.telegramId, "/tailieu");
    await s.say(members[0]!.telegramId, "https://sotaydangvien.dcs.vn/x");
    await s.say(members[0]!.telegramId, "Tài liệu");
    const doc = await s.db.meetingDocument.findFirstOrThrow({ where: { title: "Tài liệu" } });
    const { shortId } = await import("../../../src/services/callback-data.ts");
    const forged = await s.api.sendMessage(other.members[2]!.telegramId, "…", {
      reply_markup: { inline_keyboard: [[{ text: "x", callback_data: `dr:${shortId(doc.id)}` }]] },
    });
    expect(await s.press(other.members[2]!.telegramId, forged.message_id, "x")).toContain(
      "không có quyền",
    );
    expect(await s.db.documentRead.count({ where: { documentId: doc.id } })).toBe(0);
  });
});
