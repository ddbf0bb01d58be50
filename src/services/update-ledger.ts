import type { Platform } from "@prisma/client";
import type { Db } from "../db/client.ts";
import { execute, query, type Statement, sql } from "../db/sql.ts";

/**
 * Exactly once per incoming update (Telegram redelivers a webhook update it got no 200 for; Zalo
 * retries too): the update is claimed in PostgreSQL before its handler runs and marked DONE after,
 * so a redelivery of a handled update is acknowledged and skipped. The claim is a lease renewed
 * while the handler runs: if the process dies, the lease runs out and the next delivery of the
 * same update is handled again — nothing lost, nothing twice.
 */
export interface UpdateKey {
  platform: Platform;
  /** The bot's own id on the platform. */
  bot: string;
  updateId: string;
}

/** A row as row_to_json gives it. */
export type JsonRow = Record<string, unknown>;

/** `handled`: ran now; `duplicate`: done before; `busy`: being handled right now elsewhere. */
export type LedgerOutcome<T> =
  | { status: "handled"; result: T }
  | { status: "duplicate" }
  | { status: "busy" };

export interface UpdateLedgerOptions {
  /** How long a claim holds without renewal (a dead process gives the update up after this). */
  leaseMs?: number;
  /**
   * A delivery of an update another process is handling waits this long for it to finish (then
   * it is a duplicate) or for its lease to run out (then it is handled here); else `busy`.
   */
  waitMs?: number;
  /**
   * A read that comes with the claim, in the same statement (one round trip): `ctes` join its
   * WITH clause, `select` (at most one row) is handed to the handler as JSON, null without a row.
   */
  alsoRead?: { ctes?: Statement; select: Statement };
}

/** A delivery of an update that another process went on handling for too long. */
export class UpdateInProgress extends Error {
  constructor(readonly updateId: string) {
    super(`update ${updateId} is still being handled elsewhere`);
  }
}

const DEFAULT_LEASE_MS = 60_000;
/** Telegram gives up redelivering after about a day; a week of rows is plenty. */
export const PROCESSED_UPDATE_RETENTION_MS = 7 * 86_400_000;

/**
 * Claims the update: a new one, or one whose earlier claim's lease ran out. The database's own
 * clock decides, so every bot process agrees whatever its local time (or the sandbox's).
 */
async function claim(
  db: Db,
  key: UpdateKey,
  leaseMs: number,
  alsoRead: UpdateLedgerOptions["alsoRead"],
): Promise<{ claimed: "claimed" | "done" | "busy"; read: JsonRow | null }> {
  const ctes = alsoRead?.ctes ? sql`, ${alsoRead.ctes}` : sql``;
  const read = alsoRead
    ? sql`(SELECT row_to_json(x) FROM (${alsoRead.select}) x LIMIT 1)`
    : sql`NULL::json`;
  const rows = await query<{ status: string; mine: boolean; read: JsonRow | null }>(
    db,
    sql`
    WITH claimed AS (
      INSERT INTO "ProcessedUpdate" (platform, bot, "updateId", "claimedAt", "leaseUntil")
      VALUES (${key.platform}::"Platform", ${key.bot}, ${key.updateId}, now(),
        now() + ${leaseMs}::float8 * interval '1 millisecond')
      ON CONFLICT (platform, bot, "updateId") DO UPDATE
        SET attempts = "ProcessedUpdate".attempts + 1, "claimedAt" = now(),
          "leaseUntil" = EXCLUDED."leaseUntil"
        WHERE "ProcessedUpdate".status = 'CLAIMED' AND "ProcessedUpdate"."leaseUntil" < now()
      RETURNING status::text
    )${ctes}
    SELECT c.status, c.mine, ${read} AS read FROM (
      SELECT status, true AS mine FROM claimed
      UNION ALL
      SELECT status::text, false FROM "ProcessedUpdate"
        WHERE platform = ${key.platform}::"Platform" AND bot = ${key.bot}
          AND "updateId" = ${key.updateId} AND NOT EXISTS (SELECT 1 FROM claimed)
    ) c`,
  );
  const row = rows[0];
  // No row at all: another process inserted it after this statement's snapshot was taken.
  if (!row) return { claimed: "busy", read: null };
  if (row.mine) return { claimed: "claimed", read: row.read };
  return { claimed: row.status === "DONE" ? "done" : "busy", read: null };
}

async function renew(db: Db, key: UpdateKey, leaseMs: number) {
  await execute(
    db,
    sql`
    UPDATE "ProcessedUpdate" SET "leaseUntil" = now() + ${leaseMs}::float8 * interval '1 millisecond'
    WHERE platform = ${key.platform}::"Platform" AND bot = ${key.bot}
      AND "updateId" = ${key.updateId} AND status = 'CLAIMED'`,
  );
}

async function complete(db: Db, key: UpdateKey) {
  await execute(
    db,
    sql`
    UPDATE "ProcessedUpdate" SET status = 'DONE', "completedAt" = now()
    WHERE platform = ${key.platform}::"Platform" AND bot = ${key.bot}
      AND "updateId" = ${key.updateId}`,
  );
}

/**
 * Runs `handle` once for the update. A handler that throws has still been handled (the person was
 * told something went wrong): it is marked DONE too and the error goes on to the caller.
 */
export async function onceForUpdate<T>(
  db: Db,
  key: UpdateKey,
  handle: (read: JsonRow | null) => Promise<T>,
  options: UpdateLedgerOptions = {},
): Promise<LedgerOutcome<T>> {
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const waitUntil = Date.now() + (options.waitMs ?? 2 * leaseMs);
  let { claimed, read } = await claim(db, key, leaseMs, options.alsoRead);
  while (claimed === "busy" && Date.now() < waitUntil) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    ({ claimed, read } = await claim(db, key, leaseMs, options.alsoRead));
  }
  if (claimed === "done") return { status: "duplicate" };
  if (claimed === "busy") return { status: "busy" };
  const renewal = setInterval(() => {
    renew(db, key, leaseMs).catch(() => undefined);
  }, leaseMs / 3);
  let result: T;
  try {
    result = await handle(read);
  } catch (error) {
    clearInterval(renewal);
    await complete(db, key).catch(() => undefined);
    throw error;
  }
  try {
    // Handled: it must not run again, so a database blip here is waited out (within the lease).
    await retryFor(leaseMs, () => complete(db, key));
  } finally {
    clearInterval(renewal);
  }
  return { status: "handled", result };
}

async function retryFor(ms: number, task: () => Promise<void>) {
  const deadline = Date.now() + ms;
  for (let pause = 200; ; pause = Math.min(pause * 2, 5_000)) {
    try {
      return await task();
    } catch (error) {
      if (Date.now() + pause >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

/** Forgets updates older than the retention (maintenance; the database's clock, as the claims). */
export async function pruneProcessedUpdates(db: Db): Promise<number> {
  return db.$executeRaw`
    DELETE FROM "ProcessedUpdate"
    WHERE "claimedAt" < now() - ${PROCESSED_UPDATE_RETENTION_MS} * interval '1 millisecond'`;
}
