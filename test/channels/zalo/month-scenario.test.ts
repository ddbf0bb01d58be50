import { describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/clock.ts";
import { actorFor } from "../../../src/services/actors.ts";
import { recordAnswer } from "../../../src/services/answers.ts";
import { runPlanner } from "../../../src/services/planner.ts";
import { seedCell, waitUntil } from "../../support/stack.ts";
import { createZaloStack } from "./zalo-stack.ts";

// 30 November 2026, 19:30 local: the 3-day reminder of the 3 December meeting is due.
const clock = new ManualClock(new Date("2026-11-30T12:30:00Z"));
const s = await createZaloStack({ clock, env: { QUIET_HOURS: "21:30-06:30" } });
s.startBothWorker();

const zaloId = (i: number) => `zalo-${i}`;
const zaloTexts = (i: number) => s.zaloApi.messagesSentTo(zaloId(i)).map((m) => m.text);
const telegramTexts = (id: number) => s.botApi.messagesSentTo(id).map((m) => m.text);

describe("a whole month on Zalo, in text", () => {
  it("reminders → 9 attend, 2 excused, 1 silent → alert → roll call codes, close, correction", async () => {
    const { cell, members, committee } = await seedCell(s, { size: 12 });
    const [secretary, deputy] = members;
    // Members 0–9 also link Zalo; 10 and 11 stay on Telegram only.
    await s.db.chatIdentity.updateMany({ data: { lastUsedAt: new Date("2026-01-01T00:00:00Z") } });
    for (let i = 0; i < 10; i++) {
      const welcome = await s.linkZalo(zaloId(i), members[i]!.id, secretary!.telegramId);
      expect(welcome.at(-1)).toContain("Tài khoản Zalo đã được liên kết");
    }

    await runPlanner(s.services, { unitIds: [cell.id] });
    const meeting = await s.db.meeting.findFirstOrThrow({
      where: { unitId: cell.id, plannerKey: "regular-2026-12" },
    });
    const isReminder = (t: string) => t.includes("Trả lời 1 để tham dự, 2 nếu vắng");
    await waitUntil(async () =>
      members.slice(0, 10).every((_, i) => zaloTexts(i).some(isReminder)),
    );
    await waitUntil(async () =>
      [10, 11].every((i) => telegramTexts(members[i]!.telegramId).length === 1),
    );
    // R: a reminder goes to the identity used last, never to both. (The Telegram chat is only
    // told that a Zalo account was linked, issue 12 item 11.)
    const notLinkNotice = (t: string) => !t.includes("một tài khoản Zalo đã được liên kết");
    for (let i = 0; i < 10; i++)
      expect(telegramTexts(members[i]!.telegramId).filter(notLinkNotice)).toHaveLength(0);

    // Nine answer "1"; one answers "2" with a preset reason; one declines on Telegram; one is silent.
    for (let i = 0; i < 9; i++) {
      expect((await s.say(zaloId(i), "1")).at(-1)).toContain("Đã ghi nhận đồng chí sẽ tham dự");
    }
    expect((await s.say(zaloId(9), "2")).at(-1)).toContain("1. Ốm đau");
    expect((await s.say(zaloId(9), "1")).at(-1)).toContain("«Ốm đau»");
    expect((await s.say(zaloId(9), "1")).at(-1)).toContain("Đã ghi nhận: đồng chí vắng");
    const tenth = (await actorFor(s.db, "TELEGRAM", String(members[10]!.telegramId)))!;
    await recordAnswer(s.services, tenth, {
      meetingId: meeting.id,
      memberId: tenth.memberId,
      kind: "ABSENT",
      reason: "Đi công tác",
    });

    // 12 eligible need 11; with 2 declined only 10 can come: the leaders are alerted on Zalo.
    const isRiskAlert = (t: string) => t.includes("Nguy cơ không đạt tỷ lệ");
    await waitUntil(async () => [0, 1].every((i) => zaloTexts(i).some(isRiskAlert)));
    await waitUntil(async () => telegramTexts(committee.telegramId).some(isRiskAlert));
    for (let i = 2; i < 10; i++) expect(zaloTexts(i).some(isRiskAlert)).toBe(false);

    // The meeting: the numbered roster; a Vắng is prefilled, a Tham dự is not presence.
    clock.set(new Date("2026-12-03T12:40:00Z"));
    const roster = (await s.say(zaloId(0), "điểm danh")).at(-1)!;
    expect(roster).toContain("Có mặt: 0/12");
    expect(roster).toContain("Vắng có lý do: 2");
    expect(roster).toContain("Chưa điểm danh: 10");
    expect(roster).toContain("🙋 Đã xác nhận sẽ tham dự, chưa điểm danh: 9");
    const silent = members[11]!;
    const numberOf = (text: string, name: string) =>
      new RegExp(`(\\d+)\\. \\S+ ${name}`).exec(text)?.[1];
    const late = members[5]!;

    // The secretary looks at the room: everyone who confirmed is here. One short line back.
    const confirmed = (await s.say(zaloId(0), "xác nhận")).at(-1)!;
    expect(confirmed).toContain("Đã ghi có mặt 9 đồng chí");
    expect(confirmed).toContain("Có mặt 9/12. Còn 1 đồng chí chưa điểm danh: số");

    // Codes: "n k" marks unexcused, "n c" present again; each answered in one line.
    const afterK = (await s.say(zaloId(0), `${numberOf(roster, late.fullName)} k`)).at(-1)!;
    expect(afterK).toContain(`${late.fullName}: vắng không lý do`);
    expect(afterK).toContain("Có mặt 8/12");
    const afterC = (await s.say(zaloId(0), `${numberOf(roster, late.fullName)}c`)).at(-1)!;
    expect(afterC).toContain("Có mặt 9/12");
    expect((await s.say(zaloId(0), "99 c")).at(-1)).toContain("Số 99 không có");
    expect((await s.say(zaloId(0), "3 x")).at(-1)).toContain("Không hiểu mã điểm danh");

    // "n t": the secretary finds a reason not valid (R4, counted unexcused); "n v" accepts it again.
    const excused = members[9]!;
    const afterT = (await s.say(zaloId(0), `${numberOf(roster, excused.fullName)} t`)).at(-1)!;
    expect(afterT).toContain(`${excused.fullName}: lý do không chính đáng`);
    const list = (await s.say(zaloId(0), "ds")).at(-1)!; // the whole roster on request
    expect(list).toContain(`⛔ ${excused.fullName}: Ốm đau`);
    expect(list).toContain("Vắng không lý do: 1");
    const present = `${numberOf(roster, late.fullName)} t`;
    expect((await s.say(zaloId(0), present)).at(-1)).toContain("Chỉ đánh giá được lý do");
    const afterV = (await s.say(zaloId(0), `${numberOf(roster, excused.fullName)} v`)).at(-1)!;
    expect(afterV).toContain(`${excused.fullName}: vắng có lý do`);
    expect((await s.say(zaloId(0), "danh sách")).at(-1)).toContain("Vắng có lý do: 2");

    // Close: asked first (one unmarked), "1" confirms; the silent member becomes unexcused.
    expect((await s.say(zaloId(0), "chốt")).at(-1)).toContain("Còn 1 đồng chí chưa điểm danh");
    const closed = await s.say(zaloId(0), "1");
    expect(closed.join("\n")).toContain("BIÊN BẢN ĐIỂM DANH");
    // Zalo sends text only: the closer is told plainly where the Word file is.
    expect(closed.join("\n")).toContain(
      "Biên bản sinh hoạt dạng tệp Word (.docx) không gửi được qua Zalo",
    );
    const attendance = await s.db.attendance.findMany({
      where: { meetingId: meeting.id, guest: false },
    });
    expect(attendance.filter((a) => a.status === "PRESENT")).toHaveLength(9);
    expect(attendance.filter((a) => a.status === "EXCUSED")).toHaveLength(2);
    expect(attendance.find((a) => a.memberId === silent.id)!.status).toBe("UNEXCUSED");

    // The deputy gets the minutes on Zalo through the ledger (the CSV only on Telegram).
    const minutes = () => zaloTexts(1).find((t) => t.includes("BIÊN BẢN ĐIỂM DANH"));
    await waitUntil(async () => minutes() !== undefined);
    expect(minutes()).toContain("Có mặt: 9/12 — tỷ lệ 75");
    await waitUntil(async () =>
      telegramTexts(committee.telegramId).some((t) => t.includes("BIÊN BẢN ĐIỂM DANH")),
    );
    // The deputy on Zalo is told plainly that the Word file cannot come there.
    await waitUntil(async () =>
      zaloTexts(1).some((t) => t.includes("(.docx) không gửi được qua Zalo")),
    );
    // The committee member, on Telegram, gets the Word file too.
    await waitUntil(async () =>
      s.botApi
        .messagesSentTo(committee.telegramId)
        .some((m) => m.file?.name.endsWith(".docx") ?? false),
    );
    for (let i = 2; i < 10; i++)
      expect(zaloTexts(i).some((t) => t.includes("BIÊN BẢN"))).toBe(false);

    // One correction within 24 h: the silent member had come late. Audited.
    clock.set(new Date("2026-12-03T16:00:00Z"));
    const again = (await s.say(zaloId(0), "/diemdanh")).at(-1)!;
    const corrected = (await s.say(zaloId(0), `${numberOf(again, silent.fullName)} c`)).at(-1)!;
    expect(corrected).toContain("Đã sửa (có ghi nhật ký)");
    const row = await s.db.attendance.findFirstOrThrow({
      where: { meetingId: meeting.id, memberId: silent.id },
    });
    expect(row.status).toBe("PRESENT");
    const audit = await s.db.auditLog.findMany();
    expect(audit.filter((a) => a.action === "answer.record")).toHaveLength(11);
    expect(audit.some((a) => a.action === "rollcall.correction")).toBe(true);
    expect(deputy).toBeDefined();
  }, 90_000);
});
