import { describe, expect, it } from "vitest";
import { ZaloApiError, ZaloClient } from "../../../src/channels/zalo/client.ts";
import { classifyZaloError } from "../../../src/channels/zalo/messenger.ts";
import { normalizeCommand, splitText } from "../../../src/channels/zalo/text.ts";
import { parseZaloUpdate } from "../../../src/channels/zalo/update-shape.ts";
import { ManualClock } from "../../../src/clock.ts";
import { actorFor } from "../../../src/services/actors.ts";
import { createInvite } from "../../../src/services/invites.ts";
import { seedCell } from "../../support/stack.ts";
import { createZaloStack, ZALO_SECRET } from "./zalo-stack.ts";

const clock = new ManualClock(new Date("2026-11-20T03:00:00Z"));
const s = await createZaloStack({ clock });

async function meetingIn(cellId: string, hours: number) {
  return s.db.meeting.create({
    data: {
      unitId: cellId,
      startsAt: new Date(clock.now().getTime() + hours * 3_600_000),
      plannedEndAt: new Date(clock.now().getTime() + (hours + 2) * 3_600_000),
    },
  });
}

describe("text helpers", () => {
  it.each([
    ["/diemdanh", "diemdanh"],
    ["điểm danh", "diem danh"],
    ["Diem  Danh", "diem danh"],
    ["/Chốt", "chot"],
    ["ĐIỂM DANH", "diem danh"],
  ])("commands with or without slash and diacritics: %s", (input, expected) => {
    expect(normalizeCommand(input)).toBe(expected);
  });

  it("splits messages over 2,000 characters on line boundaries", () => {
    const line = "x".repeat(150);
    const text = Array.from({ length: 30 }, (_, i) => `${i} ${line}`).join("\n");
    const parts = splitText(text);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(2000);
    expect(parts.join("\n")).toBe(text);
    expect(parts[1]!.startsWith(String(parts[0]!.split("\n").length))).toBe(true);
  });
});

describe("the client against the fake Zalo Bot API", () => {
  it("getMe works; a wrong token is refused", async () => {
    expect((await s.client.getMe()).id).toBe("bot-local");
    const bad = new ZaloClient("wrong-token-000", { apiRoot: s.zaloApi.apiRoot });
    await expect(bad.getMe()).rejects.toBeInstanceOf(ZaloApiError);
  });

  it("polling: getUpdates returns one update at a time and null on 408", async () => {
    await s.client.deleteWebhook();
    s.zaloApi.addUser({ id: "poll-user", name: "Người thử" });
    await s.zaloApi.sendText("poll-user", "a");
    await s.zaloApi.sendText("poll-user", "b");
    const textOf = async () => {
      const parsed = parseZaloUpdate(await s.client.getUpdates(1));
      return parsed.ok ? parsed.update.message.text : parsed.problems;
    };
    expect(await textOf()).toBe("a");
    expect(await textOf()).toBe("b");
    expect(await s.client.getUpdates(1)).toBeNull();
    await s.client.setWebhook(s.publicWebhookUrl, ZALO_SECRET);
  });

  it.each([
    [429, "rate_limited"],
    [403, "unreachable"],
    [500, "transient"],
    [502, "transient"],
    [400, "rejected"],
  ] as const)("an API error %i is a %s send failure", (code, kind) => {
    expect(classifyZaloError(new ZaloApiError("sendMessage", code, "x")).kind).toBe(kind);
  });

  it("a lost response is ambiguous, never a blind resend", async () => {
    s.zaloApi.addUser({ id: "lost", name: "Mất mạng" });
    s.zaloApi.failWith({ method: "sendMessage", errorCode: 0, description: "", drop: true });
    const failure = await s.messenger.send("lost", { text: "xin chào" }).catch((e) => e);
    expect(failure.kind).toBe("ambiguous");
  });

  it("a long message arrives in parts of at most 2,000 characters", async () => {
    s.zaloApi.addUser({ id: "long", name: "Đọc dài" });
    const text = Array.from({ length: 50 }, (_, i) => `Dòng ${i}: ${"chữ ".repeat(20)}`).join("\n");
    await s.messenger.send("long", { text });
    const sent = s.zaloApi.messagesSentTo("long");
    expect(sent.length).toBeGreaterThan(1);
    expect(sent.every((m) => m.text.length <= 2000)).toBe(true);
  });
});

describe("the webhook", () => {
  it("a forged secret header is 401 and nothing is processed", async () => {
    s.zaloApi.addUser({ id: "forger", name: "Giả mạo" });
    const body = {
      event_name: "message.text.received",
      message: {
        message_id: "forged-1",
        from: { id: "forger", name: "Giả mạo" },
        chat: { id: "forger", chat_type: "PRIVATE" },
        date: Date.now(),
        text: "trogiup",
      },
    };
    const forged: Record<string, string>[] = [{ "X-Bot-Api-Secret-Token": "wrong-secret-123" }, {}];
    for (const headers of forged) {
      const res = await fetch(s.webhookUrl, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(401);
    }
    expect(s.zaloApi.messagesSentTo("forger")).toHaveLength(0);
    expect(
      await s.db.processedUpdate.count({ where: { updateId: { endsWith: "forged-1" } } }),
    ).toBe(0);
  });

  it("the same webhook delivered twice is processed once", async () => {
    s.zaloApi.addUser({ id: "twice", name: "Hai lần" });
    const update = await s.zaloApi.sendText("twice", "xin chao");
    expect(s.zaloApi.messagesSentTo("twice")).toHaveLength(1);
    expect(await s.zaloApi.deliver(update)).toBe(200);
    expect(s.zaloApi.messagesSentTo("twice")).toHaveLength(1);
  });

  it.each([
    ["an image", (id: string) => s.zaloApi.sendImage(id)],
    ["a sticker", (id: string) => s.zaloApi.sendSticker(id)],
  ])("%s gets a polite 'text only'", async (_name, send) => {
    const id = `media-${_name.length}`;
    s.zaloApi.addUser({ id, name: "Ảnh" });
    await send(id);
    expect(s.lastText(id)).toContain("chỉ hỗ trợ tin nhắn chữ");
  });
});

describe("linking and answering with numbers", async () => {
  const { cell, members } = await seedCell(s, { size: 4 });
  const [secretary, a, b] = members;

  it("links with the invite code as text, or '/start CODE'; wrong codes count towards the lock", async () => {
    const welcome = await s.linkZalo("za", a!.id, secretary!.telegramId);
    expect(welcome.at(-1)).toContain(a!.fullName);
    expect((await actorFor(s.db, "ZALO", "za"))?.memberId).toBe(a!.id);

    const actor = (await actorFor(s.db, "TELEGRAM", String(secretary!.telegramId)))!;
    const { code } = await createInvite(s.services, actor, b!.id);
    s.zaloApi.addUser({ id: "zb", name: b!.fullName });
    expect((await s.say("zb", "WRQNGCQDE2")).at(-1)).toContain("còn 4 lần thử");
    expect((await s.say("zb", `/start ${code}`)).at(-1)).toContain(b!.fullName);
  });

  it("a reminder's buttons become '1 to attend, 2 if absent'; '1' records the answer", async () => {
    const meeting = await meetingIn(cell.id, 48);
    await s.say("za", "lich");
    expect(s.lastText("za")).toContain("Trả lời 1 để tham dự, 2 nếu vắng");
    expect((await s.say("za", "1")).at(-1)).toContain("Đã ghi nhận đồng chí sẽ tham dự");
    const answer = await s.db.answer.findFirstOrThrow({
      where: { meetingId: meeting.id, memberId: a!.id },
    });
    expect(answer.kind).toBe("ATTENDING");
  });

  it("'2' asks for a reason: a preset by number, or typed text, then confirmed by number", async () => {
    await s.say("zb", "Lịch");
    const ask = (await s.say("zb", "2")).at(-1)!;
    expect(ask).toContain("1. Ốm đau");
    const confirm = (await s.say("zb", "Con ốm phải đưa đi viện")).at(-1)!;
    expect(confirm).toContain("«Con ốm phải đưa đi viện»");
    expect((await s.say("zb", "1")).at(-1)).toContain("Đã ghi nhận: đồng chí vắng");
    const answer = await s.db.answer.findFirstOrThrow({ where: { memberId: b!.id } });
    expect(answer).toMatchObject({ kind: "ABSENT", reason: "Con ốm phải đưa đi viện" });
  });

  it("a reason question left alone for more than 30 minutes is gone: later text is not the reason", async () => {
    const { members: cellMembers } = await seedCell(s, { size: 3 });
    await s.linkZalo("zwalk", cellMembers[2]!.id, cellMembers[0]!.telegramId);
    const later = await meetingIn(cellMembers[2]!.cellId!, 72);
    await s.say("zwalk", "lich");
    expect((await s.say("zwalk", "2")).at(-1)).toContain("1. Ốm đau");
    clock.advance(31 * 60_000);
    const replies = await s.say("zwalk", "Cảm ơn nhé");
    expect(replies.at(-1)).not.toContain("«Cảm ơn nhé»");
    expect(await s.db.answer.count({ where: { meetingId: later.id } })).toBe(0);
  });

  it("a wrong number says so and asks the same question again", async () => {
    await s.say("za", "/lich");
    const replies = await s.say("za", "7");
    expect(replies[0]).toContain("Số 7 không có trong các lựa chọn");
    expect(replies.at(-1)).toContain("Trả lời 1 để tham dự, 2 nếu vắng");
  });

  it("a stale number gets 'câu hỏi này đã hết hạn' and the current question again", async () => {
    await s.say("za", "lich"); // asks about the meeting in 48 h
    const next = await meetingIn(cell.id, 24 * 30);
    clock.advance(49 * 3_600_000); // the first meeting has begun
    const replies = await s.say("za", "2");
    expect(replies.at(-1)).toMatch(/Câu hỏi này đã hết hạn/i);
    expect(replies.at(-1)).toContain("Trả lời 1 để tham dự, 2 nếu vắng");
    await s.say("za", "1");
    const answer = await s.db.answer.findFirst({ where: { meetingId: next.id, memberId: a!.id } });
    expect(answer?.kind).toBe("ATTENDING");
  });

  it("a number with no question pending is 'expired' too; unlinked chats are told how to link", async () => {
    // zb's absence was confirmed: no numbered question is pending in that chat.
    expect((await s.say("zb", "2")).at(-1)).toMatch(/Câu hỏi này đã hết hạn/i);
    s.zaloApi.addUser({ id: "nobody", name: "Chưa liên kết" });
    expect((await s.say("nobody", "xin chào")).at(-1)).toContain("chưa được liên kết");
  });
});
