// The planner's bulk path into the ledger (issue 18): COPY, and never a key twice.
import { describe, expect, it } from "vitest";
import { pgPool } from "../../src/db/client.ts";
import { copyIntents, type DeliveryIntent, writeIntents } from "../../src/services/ledger.ts";
import { freshDatabase } from "../support/db.ts";

const { db } = await freshDatabase();

const intent = (key: string, chatId: string): DeliveryIntent => ({
  idempotencyKey: key,
  platform: "TELEGRAM",
  chatId,
  kind: "reminder",
  payload: { reminder: "h2", note: 'tab\there, a "quote" and a \\ backslash' },
  dueAt: new Date("2026-12-03T10:30:00Z"),
  targetAt: new Date("2026-12-03T10:30:00Z"),
});

async function copied(intents: DeliveryIntent[]) {
  const client = await pgPool(db).connect();
  try {
    await client.query("BEGIN");
    const created = await copyIntents(client, intents);
    await client.query("COMMIT");
    return created;
  } finally {
    client.release();
  }
}

describe("copyIntents", () => {
  it("writes every intent as writeIntents would, text with tabs and backslashes intact", async () => {
    const created = await copied([intent("copy_a", "1"), intent("copy_b", "2")]);
    expect(created.map((c) => c.chatId)).toEqual(["1", "2"]);
    const rows = await db.delivery.findMany({ where: { idempotencyKey: { startsWith: "copy_" } } });
    expect(rows.map((r) => [r.idempotencyKey, r.status, r.payload, r.targetAt])).toEqual(
      expect.arrayContaining([
        ["copy_a", "PENDING", intent("copy_a", "1").payload, new Date("2026-12-03T10:30:00Z")],
        ["copy_b", "PENDING", intent("copy_b", "2").payload, new Date("2026-12-03T10:30:00Z")],
      ]),
    );
  });

  it("a key someone wrote meanwhile is skipped, the others are written, nothing twice", async () => {
    await writeIntents(db, [intent("race_a", "1")]);
    const created = await copied([intent("race_a", "1"), intent("race_b", "2")]);
    expect(created.map((c) => c.chatId)).toEqual(["2"]);
    expect(await db.delivery.count({ where: { idempotencyKey: { startsWith: "race_" } } })).toBe(2);
  });
});
