import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Delivery, Platform, Prisma } from "@prisma/client";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { type Db, pgPool } from "../db/client.ts";
import { copyField, pgSql, prismaSql, type Sql, timeOrderedUuid } from "../db/sql.ts";
import { type ReminderCheckJson, reminderCheckSql } from "./reminder-check.ts";

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

/**
 * A claimed delivery and the Telegram bot its chat is bound to (null: the main bot); a reminder's
 * or nudge's re-check comes with it (reminders.ts), read in the same statement.
 */
export type ClaimedDelivery = Delivery & {
  botId: string | null;
  reminderCheck?: ReminderCheckJson | null;
};

// Plain node-postgres on the hot path (claim, marks): Prisma's runtime and query compiler cost
// more CPU than these statements, and every $queryRaw still passes through them.
const CLAIM = `
  WITH c AS (
    UPDATE "Delivery" d SET status = 'SENDING', attempts = attempts + 1, "updatedAt" = $2
    WHERE id = ANY($1::uuid[]) AND status = 'PENDING'
    RETURNING d.*)
  SELECT c.*,
    CASE WHEN c.platform = 'TELEGRAM' THEN (SELECT i."botId" FROM "ChatIdentity" i
      WHERE i.platform = 'TELEGRAM' AND i."externalId" = c."chatId") END AS "botId",
    CASE WHEN c.kind IN ('reminder', 'nudge') THEN ${reminderCheckSql("c")} END AS "reminderCheck"
  FROM c`;

/**
 * PENDING → SENDING for the rows this caller wins (the others: someone else has them, or they
 * are done). The bot is read when sending, so a member who moved to another bot hears from it.
 */
export async function claim(db: Db, ids: string[], now: Date): Promise<ClaimedDelivery[]> {
  const { rows } = await pgPool(db).query<ClaimedDelivery>(CLAIM, [ids, now]);
  for (const row of rows) if (row.reminderCheck === null) delete row.reminderCheck;
  return rows;
}

/**
 * Undoes a claim whose answer was lost (the connection broke: it may have committed). Nothing was
 * sent; the claim's time tells this caller's claim from anyone else's.
 */
export async function unclaim(db: Db, ids: string[], claimedAt: Date): Promise<void> {
  await pgPool(db).query(
    `UPDATE "Delivery" SET status = 'PENDING', attempts = attempts - 1
    WHERE id = ANY($1::uuid[]) AND status = 'SENDING' AND "updatedAt" = $2`,
    [ids, claimedAt],
  );
}

const MARK_SENT = `
  UPDATE "Delivery" d SET status = 'SENT', "platformMessageId" = v.mid, "sentAt" = v.at,
    error = NULL, "updatedAt" = v.at
  FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS v(id, mid, at)
  WHERE d.id = v.id`;

export interface SentMark {
  id: string;
  platformMessageId: string;
  sentAt: Date;
}

/** Records sends in one statement, whatever their number. */
export async function markSent(db: Db, marks: SentMark[]): Promise<void> {
  await pgPool(db).query(MARK_SENT, [
    marks.map((m) => m.id),
    marks.map((m) => m.platformMessageId),
    marks.map((m) => m.sentAt),
  ]);
}

/**
 * Group commit of SENT marks: one statement in flight at a time, and the marks that arrive
 * meanwhile go together in the next one (at most `max`). Each caller's promise settles when its
 * own mark is committed (or the statement failed), so a send's job still ends only once recorded.
 */
export class SentMarks {
  private queued: { mark: SentMark; done: (error?: unknown) => void }[] = [];
  private flushing = false;

  constructor(
    private readonly db: Db,
    private readonly max = 200,
  ) {}

  mark(mark: SentMark): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queued.push({ mark, done: (error) => (error ? reject(error) : resolve()) });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.queued.length > 0) {
      const batch = this.queued.splice(0, this.max);
      try {
        await markSent(
          this.db,
          batch.map((b) => b.mark),
        );
        for (const b of batch) b.done();
      } catch (error) {
        for (const b of batch) b.done(error ?? new Error("mark sent failed"));
      }
    }
    this.flushing = false;
  }
}

/** Back to PENDING after a failure that sent nothing (429, 5xx); a 429 does not count as an attempt. */
export async function release(db: Db, id: string, error: string | null, countAttempt: boolean) {
  await pgPool(db).query(
    `UPDATE "Delivery" SET status = 'PENDING', error = COALESCE($2, error),
      attempts = attempts - $3, "updatedAt" = now() WHERE id = $1::uuid`,
    [id, error, countAttempt ? 0 : 1],
  );
}

/** Back to PENDING with a later send time (out of quiet hours); not an attempt. */
export async function defer(db: Db, id: string, until: Date, why: string) {
  await pgPool(db).query(
    `UPDATE "Delivery" SET status = 'PENDING', "dueAt" = $2, attempts = attempts - 1,
      error = $3, "updatedAt" = now()
    WHERE id = $1::uuid AND status = 'SENDING'`,
    [id, until, `deferred: ${why}`],
  );
}

/** A final state; `onlyIfSending` leaves alone a row someone else settled meanwhile. */
export async function finish(
  db: Db,
  id: string,
  status: "FAILED" | "UNKNOWN" | "CANCELLED",
  error: string,
  options: { onlyIfSending?: boolean } = {},
) {
  await pgPool(db).query(
    `UPDATE "Delivery" SET status = $2::"DeliveryStatus", error = $3, "updatedAt" = now()
    WHERE id = $1::uuid${options.onlyIfSending ? ` AND status = 'SENDING'` : ""}`,
    [id, status, error],
  );
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
