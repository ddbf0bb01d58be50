import { randomUUID } from "node:crypto";
import type { Prisma } from "@prisma/client";
import type pg from "pg";
import type { Db } from "./client.ts";

/**
 * One raw statement with positional parameters ($1, $2…), run by Prisma (a client or an
 * interactive transaction) or by node-postgres (the planner's batches: no query compiler, no
 * per-value conversion, and several statements at once on the pool). The same SQL text for both.
 */
export type Sql = <T>(text: string, values?: unknown[]) => Promise<T[]>;

export const prismaSql =
  (tx: Prisma.TransactionClient | Db): Sql =>
  <T>(text: string, values: unknown[] = []) =>
    tx.$queryRawUnsafe<T[]>(text, ...values);

export const pgSql =
  (client: pg.Pool | pg.ClientBase): Sql =>
  async <T>(text: string, values: unknown[] = []) =>
    (await client.query(text, values)).rows as T[];

const SPECIAL = /[\\\t\n\r]/;

/** A value in COPY's text format: \N for NULL, backslash escapes for tab, newline and backslash. */
export function copyField(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  const text = value instanceof Date ? value.toISOString() : String(value);
  if (!SPECIAL.test(text)) return text;
  return text.replace(
    /[\\\t\n\r]/g,
    (c) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c]!,
  );
}

/**
 * A UUID version 7 (RFC 9562): the first 48 bits are the time in milliseconds, the rest random.
 * Rows keyed by such ids are added at the right edge of their indexes instead of at random
 * pages, which is what keeps a bulk insert into large indexes cheap.
 */
export function timeOrderedUuid(now = Date.now()): string {
  if (now !== lastMs) {
    const time = now.toString(16).padStart(12, "0");
    lastMs = now;
    lastPrefix = `${time.slice(0, 8)}-${time.slice(8, 12)}-7`;
  }
  return `${lastPrefix}${randomUUID().slice(15)}`;
}

let lastMs = -1;
let lastPrefix = "";
