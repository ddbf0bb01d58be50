import { describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/clock.ts";
import { createInvite } from "../../../src/services/invites.ts";
import { syncReminders } from "../../../src/services/planner.ts";
import { createBotStack } from "../../support/bot.ts";
import { seedCell, waitUntil } from "../../support/stack.ts";

// Issue 12 items 10 and 11 on Telegram. 1 December 2026 10:00 local; the meeting on 10 December.
const clock = new ManualClock(new Date("2026-12-01T03:00:00Z"));
const s = await createBotStack({ clock });
s.startDeliveryWorker();

describe("re-inviting a linked member (issue 12 item 11)", () => {
  it("the new account replaces the old one: the old chat is told through the ledger, can no longer act, and the change is audited", async () => {
    const { cell, members } = await seedCell(s, { size: 3 });
    const [secretary, , member] = members;
    const meeting = await s.db.meeting.create({
      data: {
        unitId: cell.id,
        startsAt: new Date("2026-12-10T12:30:00Z"),
        plannedEndAt: new Date("2026-12-10T14:00:00Z"),
      },
    });
    await syncReminders(s.services, cell.id);
    const old = member!.telegramId;

    // The member's new phone: the secretary sends a new invite, the new account opens it.
    const fresh = 990_001;
    s.botApi.addUser({ id: fresh, first_name: member!.fullName });
    const welcome = await s.link(fresh, member!.id, secretary!.telegramId);
    expect(welcome.at(-1)!.text).toContain(`Chào đồng chí ${member!.fullName}`);

    // One account acts as the member from now on.
    expect((await s.actorOf(fresh)).memberId).toBe(member!.id);
    expect(await s.db.chatIdentity.count({ where: { memberId: member!.id } })).toBe(1);
    expect((await s.say(old, "/lich")).at(-1)!.text).toContain("chưa được liên kết");

    // The old chat is told, as every message is sent: a delivery row, then the send.
    const notice = await s.db.delivery.findFirstOrThrow({
      where: { chatId: String(old), kind: "notice" },
    });
    expect((notice.payload as { text: string }).text).toContain("không còn được liên kết");
    await waitUntil(async () =>
      s.botApi.messagesSentTo(old).some((m) => m.text.includes("không còn được liên kết")),
    );
    // Reminders still to come go to the new account, none to the old one.
    const pending = await s.db.delivery.findMany({
      where: { meetingId: meeting.id, memberId: member!.id, status: "PENDING" },
    });
    expect(pending.length).toBeGreaterThan(0);
    expect(new Set(pending.map((d) => d.chatId))).toEqual(new Set([String(fresh)]));

    const audit = await s.db.auditLog.findFirstOrThrow({
      where: { action: "identity.replace", entityId: member!.id },
    });
    expect(audit.before).toMatchObject({ platform: "TELEGRAM", externalId: String(old) });
    expect(audit.after).toMatchObject({ platform: "TELEGRAM", externalId: String(fresh) });
  });

  it("the same account using a new code stays linked and is not told it was replaced", async () => {
    const { members } = await seedCell(s, { size: 3 });
    const [secretary, , member] = members;
    await s.link(member!.telegramId, member!.id, secretary!.telegramId);
    expect((await s.actorOf(member!.telegramId)).memberId).toBe(member!.id);
    expect(
      await s.db.delivery.count({ where: { chatId: String(member!.telegramId), kind: "notice" } }),
    ).toBe(0);
  });
});

describe("/start with something that is not a code (issue 12 item 10)", () => {
  it("gets the invite help and does not count towards the lock", async () => {
    const { members } = await seedCell(s, { size: 3 });
    const user = 990_100;
    s.botApi.addUser({ id: user, first_name: "Chào" });
    for (const word of ["xinchao", "chaoban", "alo123", "thankyou", "hello", "camon"])
      expect((await s.say(user, `/start ${word}`)).at(-1)!.text, word).toContain(
        "xin bí thư chi bộ",
      );
    expect(await s.db.linkAttempt.count({ where: { externalId: String(user) } })).toBe(0);
    const { code } = await createInvite(
      s.services,
      await s.actorOf(members[0]!.telegramId),
      members[2]!.id,
    );
    expect((await s.say(user, `/start ${code}`)).at(-1)!.text).toContain("Chào đồng chí");
  });
});
