import { describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/clock.ts";
import { actorFor } from "../../../src/services/actors.ts";
import { createInvite } from "../../../src/services/invites.ts";
import { seedCell, waitUntil } from "../../support/stack.ts";
import { createZaloStack } from "./zalo-stack.ts";

const clock = new ManualClock(new Date("2026-11-20T03:00:00Z"));
const s = await createZaloStack({ clock });
s.startBothWorker();

const HELP = "Vui lòng xin bí thư chi bộ mã mời";

describe("linking on Zalo (issue 12 items 10 and 11)", async () => {
  const { members } = await seedCell(s, { size: 3 });
  const [secretary, a] = members;

  it("greetings are not wrong codes: they get the invite help, never the lock, and the code still links", async () => {
    s.zaloApi.addUser({ id: "z-greeter", name: a!.fullName });
    for (const greeting of [
      "xinchao",
      "chaoban",
      "alo123",
      "thankyou",
      "hello2026",
      "start xinchao",
    ])
      expect((await s.say("z-greeter", greeting)).at(-1), greeting).toContain(HELP);
    expect(await s.db.linkAttempt.count({ where: { externalId: "z-greeter" } })).toBe(0);

    const invite = await createInvite(
      s.services,
      (await actorFor(s.db, "TELEGRAM", String(secretary!.telegramId)))!,
      a!.id,
    );
    expect((await s.say("z-greeter", invite.code.toLowerCase())).at(-1)).toContain(a!.fullName);
    expect((await actorFor(s.db, "ZALO", "z-greeter"))?.memberId).toBe(a!.id);
  });

  it("a code-shaped wrong code still counts towards the lock", async () => {
    s.zaloApi.addUser({ id: "z-guesser", name: "Người đoán" });
    expect((await s.say("z-guesser", "ABCD234567")).at(-1)).toContain("còn 4 lần thử");
  });

  it("a Zalo link added to a member linked on Telegram: both stay linked, the Telegram chat is told", async () => {
    const member = members[2]!;
    const invite = await createInvite(
      s.services,
      (await actorFor(s.db, "TELEGRAM", String(secretary!.telegramId)))!,
      member.id,
    );
    s.zaloApi.addUser({ id: "z-second", name: member.fullName });
    expect((await s.say("z-second", invite.code)).at(-1)).toContain(member.fullName);
    expect((await actorFor(s.db, "ZALO", "z-second"))?.memberId).toBe(member.id);
    expect((await actorFor(s.db, "TELEGRAM", String(member.telegramId)))?.memberId).toBe(member.id);
    await waitUntil(async () =>
      s.botApi
        .messagesSentTo(member.telegramId)
        .some((m) => m.text.includes("một tài khoản Zalo đã được liên kết")),
    );
  });
});
