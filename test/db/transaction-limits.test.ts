// Issue 18 item 4: no update may fail for lack of a connection. With Prisma's own limits (2 s to
// get a connection) a press queued behind a busy pool failed with "Unable to start a transaction
// in the given time"; the client's defaults wait for the pool instead.
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client.ts";
import { freshDatabase } from "../support/db.ts";

const { url } = await freshDatabase();

describe("interactive transactions", () => {
  it("a transaction queued 3 s behind a pool of one still runs", async () => {
    const db = createDb(url, 1);
    try {
      const busy = db.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT 1`;
        await sleep(3_000);
      });
      await sleep(100);
      const queued = db.$transaction(async (tx) => tx.member.count());
      await expect(queued).resolves.toBe(0);
      await busy;
    } finally {
      await db.$disconnect();
    }
  });
});
