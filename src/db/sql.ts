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
