// `web` on Zalo (issue 17): a leader gets the single-use sign-in link through the ledger, a plain
// member a clear refusal and no link.
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.ts";
import { createZaloStack } from "../channels/zalo/zalo-stack.ts";
import { seedCell, waitUntil } from "../support/stack.ts";

const clock = new ManualClock(new Date("2026-11-20T03:00:00Z"));
const s = await createZaloStack({ clock, settings: { webUrl: "https://console.example" } });

describe("web on Zalo", () => {
  it("sends the secretary a sign-in link and refuses a plain member", async () => {
    const seeded = await seedCell(s, { size: 3 });
    const [secretary, , member] = seeded.members;
    await s.linkZalo("zw-secretary", secretary!.id, secretary!.telegramId);
    await s.linkZalo("zw-member", member!.id, secretary!.telegramId);
    s.startBothWorker();

    await s.say("zw-secretary", "web");
    await waitUntil(async () => s.lastText("zw-secretary").includes("/web/dang-nhap/"));
    expect(s.lastText("zw-secretary")).toMatch(
      /https:\/\/console\.example\/web\/dang-nhap\/[A-Za-z0-9_-]{43}/,
    );
    // Through the ledger: SENT is recorded once the Zalo API answered, a moment after the chat shows it.
    const notice = () =>
      s.db.delivery.findFirstOrThrow({
        where: { platform: "ZALO", chatId: "zw-secretary", kind: "notice" },
        orderBy: { createdAt: "desc" },
      });
    await waitUntil(async () => (await notice()).status !== "SENDING");
    expect((await notice()).status).toBe("SENT");

    const replies = await s.say("zw-member", "web");
    expect(replies.join("\n")).toContain("Trang quản lý dành cho bí thư");
    expect(await s.db.webSignInLink.count({ where: { memberId: member!.id } })).toBe(0);
  });
});
