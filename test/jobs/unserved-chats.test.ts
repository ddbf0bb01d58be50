// A worker started without a platform's messenger names the chats it cannot serve, once at start.
import { describe, expect, it } from "vitest";
import { unservedChats } from "../../src/jobs/unserved-chats.ts";
import { createStack, seedCell } from "../support/stack.ts";

const stack = await createStack();
const { db } = stack;

describe("chats on a platform the worker has no messenger for", () => {
  it("counts the current members' chats on each such platform, not those who left", async () => {
    const { members } = await seedCell(stack, { size: 3 });
    for (const [k, member] of members.slice(1).entries()) {
      await db.chatIdentity.create({
        data: {
          memberId: member.id,
          platform: "ZALO",
          externalId: `zalo-${k}`,
          chatId: `zalo-${k}`,
        },
      });
    }
    await db.member.update({ where: { id: members[2]!.id }, data: { leftOn: new Date() } });

    const onTelegramOnly = await unservedChats(db, ["TELEGRAM"]);
    expect(onTelegramOnly.filter((u) => u.platform === "ZALO")).toEqual([
      { platform: "ZALO", chats: 1 },
    ]);
    expect(await unservedChats(db, ["TELEGRAM", "ZALO", "SANDBOX"])).toEqual([]);
    // A worker with only Zalo cannot serve the cell's Telegram chats (and the committee's).
    const telegram = (await unservedChats(db, ["ZALO"])).find((u) => u.platform === "TELEGRAM");
    expect(telegram?.chats).toBeGreaterThanOrEqual(3);
  });
});
