import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Delivery, Platform, Prisma } from "@prisma/client";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Db } from "../db/client.ts";
import { copyField, pgSql, prismaSql, type Sql, timeOrderedUuid } from "../db/sql.ts";

type Tx = Prisma.TransactionClient | Db;

/** The intent to send one message, written in the same transaction as the change that causes it. */
export interface DeliveryIntent {
  idempotencyKey: string;
  platform: Platform;
  chatId: string;
  kind: string;
  payload: Prisma.InputJsonValue;
  dueAt: Date;
  /** A reminder's target when its send time (dueAt) was planned under the capacity. */
  targetAt?: Date | null;
  memberId?: string | null;
  meetingId?: string | null;
  alertId?: string | null;
}

export type DueDelivery = Pick<Delivery, "id" | "dueAt" | "platform" | "chatId">;

export const DUE_DELIVERY = { id: true, dueAt: true, platform: true, chatId: true } as const;

/**
 * Writes intents; an intent whose key exists already is skipped (never twice). Returns the new
 * rows. One statement per 5,000 intents (a province's planner run writes hundreds of thousands:
 * Prisma's createMany compiles every row, which cost more CPU than PostgreSQL's insert).
 */
export async function writeIntents(tx: Tx, intents: DeliveryIntent[]): Promise<DueDelivery[]> {
  return insertIntents(prismaSql(tx), intents);
}

async function insertIntents(sql: Sql, intents: DeliveryIntent[]): Promise<DueDelivery[]> {
  const out: DueDelivery[] = [];
  for (let i = 0; i < intents.length; i += 5_000) {
    const rows = intents.slice(i, i + 5_000).map((intent) => ({
      key: intent.idempotencyKey,
      platform: intent.platform,
      chatId: intent.chatId,
      kind: intent.kind,
      payload: intent.payload,
      dueAt: intent.dueAt.toISOString(),
      targetAt: intent.targetAt?.toISOString() ?? null,
      memberId: intent.memberId ?? null,
      meetingId: intent.meetingId ?? null,
      alertId: intent.alertId ?? null,
    }));
    const created = await sql<DueDelivery>(
      `INSERT INTO "Delivery" (id, "idempotencyKey", platform, "chatId", kind, payload, "dueAt",
        "targetAt", "memberId", "meetingId", "alertId", "updatedAt")
      SELECT gen_random_uuid(), r.key, r.platform::"Platform", r."chatId", r.kind, r.payload,
        r."dueAt", r."targetAt", r."memberId", r."meetingId", r."alertId", now()
      FROM jsonb_to_recordset($1::jsonb) AS r(key text, platform text,
        "chatId" text, kind text, payload jsonb, "dueAt" timestamptz, "targetAt" timestamptz,
        "memberId" uuid, "meetingId" uuid, "alertId" uuid)
      ON CONFLICT ("idempotencyKey") DO NOTHING
      RETURNING id, "dueAt", platform, "chatId"`,
      [JSON.stringify(rows)],
    );
    out.push(...created);
  }
  return out;
}

const COPY_COLUMNS = [
  "id",
  "idempotencyKey",
  "platform",
  "chatId",
  "kind",
  "payload",
  "dueAt",
  "targetAt",
  "memberId",
  "meetingId",
  "alertId",
  "updatedAt",
];

/**
 * writeIntents for bulk writers on node-postgres, inside their transaction: COPY, PostgreSQL's
 * cheapest way in (the planner's first run writes 1.5 million rows at province size). COPY cannot
 * skip a key that exists, so when one does (someone else wrote it since the caller read the
 * ledger), the attempt is undone and the statement that skips it runs instead: the same rows.
 */
export async function copyIntents(
  client: pg.ClientBase,
  intents: DeliveryIntent[],
): Promise<DueDelivery[]> {
  if (intents.length === 0) return [];
  await client.query("SAVEPOINT copy_intents");
  // What now() would have written: the transaction's start.
  const { rows } = await client.query<{ now: Date }>("SELECT now()");
  const updatedAt = rows[0]!.now;
  const ids = intents.map(() => timeOrderedUuid());
  // Many rows share a payload object and a send second: each is written out once.
  const payloads = new Map<unknown, string>();
  const payloadText = (payload: unknown) => {
    const known = payloads.get(payload);
    if (known !== undefined) return known;
    const text = copyField(JSON.stringify(payload));
    payloads.set(payload, text);
    return text;
  };
  const instants = new Map<number, string>();
  const instant = (date: Date | null | undefined) => {
    if (!date) return "\\N";
    const known = instants.get(date.getTime());
    if (known !== undefined) return known;
    const text = date.toISOString();
    instants.set(date.getTime(), text);
    return text;
  };
  const stamp = updatedAt.toISOString();
  // Small chunks: a chunk past V8's large-object size makes every one a costly allocation.
  function* lines() {
    for (let i = 0; i < intents.length; i += COPY_CHUNK) {
      const chunk: string[] = [];
      for (let j = i; j < Math.min(i + COPY_CHUNK, intents.length); j++) {
        const r = intents[j]!;
        // Ids, platforms and instants never hold a character COPY escapes.
        chunk.push(
          `${ids[j]}\t${copyField(r.idempotencyKey)}\t${r.platform}\t${copyField(r.chatId)}\t${copyField(r.kind)}\t${payloadText(r.payload)}\t${instant(r.dueAt)}\t${instant(r.targetAt)}\t${copyField(r.memberId)}\t${copyField(r.meetingId)}\t${copyField(r.alertId)}\t${stamp}\n`,
        );
      }
      yield chunk.join("");
    }
  }
  try {
    const columns = COPY_COLUMNS.map((c) => `"${c}"`).join(", ");
    await pipeline(
      Readable.from(lines()),
      client.query(copyFrom(`COPY "Delivery" (${columns}) FROM STDIN`)),
    );
  } catch (error) {
    if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
    await client.query("ROLLBACK TO SAVEPOINT copy_intents");
    return insertIntents(pgSql(client), intents);
  }
  await client.query("RELEASE SAVEPOINT copy_intents");
  return intents.map((intent, i) => ({
    id: ids[i]!,
    dueAt: intent.dueAt,
    platform: intent.platform,
    chatId: intent.chatId,
  }));
}

const UNIQUE_VIOLATION = "23505";
/** COPY lines per chunk written (about 70 kB). */
const COPY_CHUNK = 200;

/** A claimed delivery and the Telegram bot its chat is bound to (null: the main bot). */
export type ClaimedDelivery = Delivery & { botId: string | null };

/** PENDING → SENDING, only for the one caller that wins; null when someone else had it or it is done. */
export async function claim(db: Db, id: string, now: Date): Promise<ClaimedDelivery | null> {
  // The bot is read when sending, so a member who moved to another bot hears from that one.
  const rows = await db.$queryRaw<ClaimedDelivery[]>`
    UPDATE "Delivery" d SET status = 'SENDING', attempts = attempts + 1, "updatedAt" = ${now}
    WHERE id = ${id}::uuid AND status = 'PENDING'
    RETURNING d.*, CASE WHEN d.platform = 'TELEGRAM' THEN (SELECT i."botId" FROM "ChatIdentity" i
      WHERE i.platform = 'TELEGRAM' AND i."externalId" = d."chatId") END AS "botId"`;
  return rows[0] ?? null;
}

// Raw SQL on the hot path: Prisma's query compiler costs more CPU than the query itself.
export async function markSent(db: Db, id: string, platformMessageId: string, now: Date) {
  await db.$executeRaw`
    UPDATE "Delivery" SET status = 'SENT', "platformMessageId" = ${platformMessageId},
      "sentAt" = ${now}, error = NULL, "updatedAt" = ${now}
    WHERE id = ${id}::uuid`;
}

/** Back to PENDING after a failure that sent nothing (429, 5xx); a 429 does not count as an attempt. */
export async function release(db: Db, id: string, error: string, countAttempt: boolean) {
  await db.delivery.update({
    where: { id },
    data: { status: "PENDING", error, ...(countAttempt ? {} : { attempts: { decrement: 1 } }) },
  });
}

/** Back to PENDING with a later send time (out of quiet hours); not an attempt. */
export async function defer(db: Db, id: string, until: Date, why: string) {
  await db.$executeRaw`
    UPDATE "Delivery" SET status = 'PENDING', "dueAt" = ${until}, attempts = attempts - 1,
      error = ${`deferred: ${why}`}, "updatedAt" = now()
    WHERE id = ${id}::uuid AND status = 'SENDING'`;
}

export async function finish(
  db: Db,
  id: string,
  status: "FAILED" | "UNKNOWN" | "CANCELLED",
  error: string,
) {
  await db.delivery.update({ where: { id }, data: { status, error } });
}

/** Cancels what has not started yet; returns the ids so their queued jobs can be removed. */
export async function cancelPending(
  tx: Tx,
  where: Prisma.DeliveryWhereInput,
  reason: string,
): Promise<string[]> {
  const rows = await tx.delivery.findMany({
    where: { ...where, status: "PENDING" },
    select: { id: true },
  });
  if (rows.length === 0) return [];
  await tx.delivery.updateMany({
    where: { id: { in: rows.map((r) => r.id) }, status: "PENDING" },
    data: { status: "CANCELLED", error: reason },
  });
  return rows.map((r) => r.id);
}
