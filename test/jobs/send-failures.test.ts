import { describe, expect, it } from "vitest";
import { createStack, dueReminders, seedCell, waitUntil } from "../support/stack.ts";

const stack = await createStack();
stack.startDeliveryWorker();
const { db, botApi } = stack;

async function settled(meetingId: string) {
  await waitUntil(
    async () =>
      (await db.delivery.count({
        where: { meetingId, status: { in: ["PENDING", "SENDING"] } },
      })) === 0,
    30_000,
  );
  return db.delivery.findMany({ where: { meetingId } });
}

describe("how each send failure ends in the ledger", () => {
  it("a lost response (the message may have arrived) becomes UNKNOWN and is never resent", async () => {
    const { cell, members } = await seedCell(stack, { size: 6 });
    botApi.dropResponses({ count: 2 });
    const { meeting } = await dueReminders(stack, cell.id, new Date());
    const rows = await settled(meeting.id);
    expect(rows.filter((r) => r.status === "UNKNOWN")).toHaveLength(2);
    expect(rows.filter((r) => r.status === "SENT")).toHaveLength(4);
    // The dropped sends did arrive: each member has exactly one message, none twice.
    for (const m of members) expect(botApi.messagesSentTo(m.telegramId)).toHaveLength(1);
  });

  it("a 500 from the Bot API is retried later and then sent once", async () => {
    const { cell, members } = await seedCell(stack, { size: 3 });
    botApi.failWith({ status: 500, count: 3 });
    const { meeting } = await dueReminders(stack, cell.id, new Date());
    const rows = await settled(meeting.id);
    expect(rows.every((r) => r.status === "SENT")).toBe(true);
    for (const m of members) expect(botApi.messagesSentTo(m.telegramId)).toHaveLength(1);
  });

  it("a member who blocked the bot: FAILED, marked unreachable, the others still reminded", async () => {
    const { cell, members } = await seedCell(stack, { size: 3 });
    await botApi.block(members[2]!.telegramId);
    const { meeting } = await dueReminders(stack, cell.id, new Date());
    const rows = await settled(meeting.id);
    expect(rows.find((r) => r.memberId === members[2]!.id)!.status).toBe("FAILED");
    await waitUntil(
      async () =>
        !!(await db.member.findUniqueOrThrow({ where: { id: members[2]!.id } })).unreachableAt,
    );
    expect(rows.filter((r) => r.status === "SENT")).toHaveLength(2);
  });
});
