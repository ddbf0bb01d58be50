// Plain pg for the statements every update runs (the update ledger, the actor, an answer): Prisma's
// client costs more CPU than these statements do (README, "Province scale (issue 18)").
import { randomUUID } from "node:crypto";
import type { Prisma } from "@prisma/client";
import type pg from "pg";
import type { QueryResultRow } from "pg";
import { type Db, pgPool } from "./client.ts";

/** One statement with `$1…` placeholders and their values. */
export class Statement {
  constructor(
    readonly text: string,
    readonly values: readonly unknown[],
  ) {}
}

/**
 * sql`SELECT … WHERE id = ${id}::uuid`: every value is a parameter, except a nested Statement,
 * whose text goes in (its placeholders renumbered: no `$n` in its literals) with its values.
 */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): Statement {
  let text = strings[0]!;
  const out: unknown[] = [];
  values.forEach((value, i) => {
    if (value instanceof Statement) {
      text += value.text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + out.length}`);
      out.push(...value.values);
    } else {
      out.push(value);
      text += `$${out.length}`;
    }
    text += strings[i + 1];
  });
  return new Statement(text, out);
}

// Each text is prepared once per connection (named): PostgreSQL then skips parsing and planning.
const names = new Map<string, string>();
function nameOf(text: string): string {
  const known = names.get(text);
  if (known !== undefined) return known;
  const name = `chibo_${names.size + 1}`;
  names.set(text, name);
  return name;
}

function run<T extends QueryResultRow>(db: Db, statement: Statement) {
  const { text, values } = statement;
  return pgPool(db).query<T>({ name: nameOf(text), text, values: [...values] });
}

/** Runs one statement on the pool under `db` (waiting for a free connection, however long). */
export async function query<T extends QueryResultRow>(db: Db, statement: Statement): Promise<T[]> {
  return (await run<T>(db, statement)).rows;
}

/** Runs one statement; the number of rows it changed. */
export async function execute(db: Db, statement: Statement): Promise<number> {
  return (await run(db, statement)).rowCount ?? 0;
}

// ── Bulk paths (the planner, the report): one SQL text for Prisma or node-postgres ──

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
