import { describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/clock.ts";
import { seedCell, waitUntil } from "../../support/stack.ts";
import { createZaloStack } from "./zalo-stack.ts";

// Issue 15 item 3 on Zalo: `tailieu` with a typed link and title; «1. Đã đọc»; `tinhhinh`.
const clock = new ManualClock(new Date("2026-12-01T12:30:00Z"));
const s = await createZaloStack({ clock });
s.startBothWorker();

const all = (replies: string[]) => replies.join("\n");

describe("tailieu on Zalo", () => {
  it("a link and a title, sent at once when the meeting is less than a day away; a member reads it with 1", async () => {
    const { cell, members } = await seedCell(s, { size: 4 });
    const startsAt = new Date(clock.now().getTime() + 20 * 3_600_000);
    const meeting = await s.db.meeting.create({
      data: { unitId: cell.id, startsAt, plannedEndAt: new Date(startsAt.getTime() + 7_200_000) },
    });
    const sec = `zs-${cell.code}`;
    const member = `zm-${cell.code}`;
    await s.linkZalo(sec, members[0]!.id, members[0]!.telegramId);
    await s.linkZalo(member, members[2]!.id, members[0]!.telegramId);
    // This member uses Zalo only.
    await s.db.chatIdentity.deleteMany({
      where: { memberId: members[2]!.id, platform: "TELEGRAM" },
    });

    expect(all(await s.say(sec, "tài liệu"))).toContain("gõ đường link (https://…");
    expect(all(await s.say(sec, "ftp://sotaydangvien.vn/a"))).toContain(
      "phải bắt đầu bằng https://",
    );
    expect(all(await s.say(sec, "https://sotaydangvien.dcs.vn/tai-lieu/nq-12"))).toContain(
      "gõ tiêu đề",
    );
    expect(all(await s.say(sec, "Nghị quyết tháng 12"))).toContain("Bot gửi ngay cho 5 người");
    await waitUntil(async () =>
      (await s.db.delivery.findMany({ where: { meetingId: meeting.id, kind: "document" } })).every(
        (d) => d.status === "SENT",
      ),
    );
    const received = s.lastText(member);
    expect(received).toContain("«Nghị quyết tháng 12»");
    expect(received).toContain("https://sotaydangvien.dcs.vn/tai-lieu/nq-12");
    expect(received).toContain("1. ✅ Đã đọc");

    expect(all(await s.say(member, "1"))).toContain(
      "Đã ghi nhận đồng chí đã đọc «Nghị quyết tháng 12»",
    );
    expect(await s.db.documentRead.count({ where: { memberId: members[2]!.id } })).toBe(1);

    const overview = all(await s.say(sec, "tinhhinh"));
    expect(overview).toContain("📎 «Nghị quyết tháng 12»: đã đọc 1/5");
    expect(overview).toContain(`✅ Đã đọc: ${members[2]!.fullName}`);
    expect(overview).toContain("⏳ Chưa đọc:");
  });

  it("1 cancels; a plain member is refused", async () => {
    const { cell, members } = await seedCell(s, { size: 3 });
    const startsAt = new Date(clock.now().getTime() + 3 * 86_400_000);
    await s.db.meeting.create({
      data: { unitId: cell.id, startsAt, plannedEndAt: new Date(startsAt.getTime() + 7_200_000) },
    });
    const sec = `zs-${cell.code}`;
    const member = `zm-${cell.code}`;
    await s.linkZalo(sec, members[0]!.id, members[0]!.telegramId);
    await s.linkZalo(member, members[2]!.id, members[0]!.telegramId);
    await s.say(sec, "tailieu");
    expect(all(await s.say(sec, "1"))).toContain("Đã hủy");
    expect(all(await s.say(member, "tailieu"))).toContain("không có quyền");
    expect(await s.db.meetingDocument.count()).toBe(1);
  });
});
