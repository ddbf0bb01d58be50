import type { Delivery, Platform, Prisma } from "@prisma/client";
import { type Db, sqlPool } from "../db/client.ts";
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
    const created = await tx.$queryRaw<
      { id: string; dueAt: Date; platform: Platform; chatId: string }[]
    >`
      INSERT INTO "Delivery" (id, "idempotencyKey", platform, "chatId", kind, payload, "dueAt",
        "targetAt", "memberId", "meetingId", "alertId", "updatedAt")
      SELECT gen_random_uuid(), r.key, r.platform::"Platform", r."chatId", r.kind, r.payload,
        r."dueAt", r."targetAt", r."memberId", r."meetingId", r."alertId", now()
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(key text, platform text,
        "chatId" text, kind text, payload jsonb, "dueAt" timestamptz, "targetAt" timestamptz,
        "memberId" uuid, "meetingId" uuid, "alertId" uuid)
      ON CONFLICT ("idempotencyKey") DO NOTHING
      RETURNING id, "dueAt", platform, "chatId"`;
    out.push(...created);
  }
  return out;
}

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
  const { rows } = await sqlPool(db).query<ClaimedDelivery>(CLAIM, [ids, now]);
  for (const row of rows) if (row.reminderCheck === null) delete row.reminderCheck;
  return rows;
}

/**
 * Undoes a claim whose answer was lost (the connection broke: it may have committed). Nothing was
 * sent; the claim's time tells this caller's claim from anyone else's.
 */
export async function unclaim(db: Db, ids: string[], claimedAt: Date): Promise<void> {
  await sqlPool(db).query(
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
  await sqlPool(db).query(MARK_SENT, [
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
  await sqlPool(db).query(
    `UPDATE "Delivery" SET status = 'PENDING', error = COALESCE($2, error),
      attempts = attempts - $3, "updatedAt" = now() WHERE id = $1::uuid`,
    [id, error, countAttempt ? 0 : 1],
  );
}

/** Back to PENDING with a later send time (out of quiet hours); not an attempt. */
export async function defer(db: Db, id: string, until: Date, why: string) {
  await sqlPool(db).query(
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
  await sqlPool(db).query(
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
