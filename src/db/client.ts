import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import pg from "pg";
import { DEFAULT_POOL_SIZE, pgConfigFromUrl } from "./pg-config.ts";

export type Db = PrismaClient;

/**
 * Every interactive transaction's limits unless it says otherwise: Prisma's own (2 s to get a
 * connection, 5 s to finish) fail a press when a burst queues for the pool or a loaded machine
 * stalls the event loop between two statements. These only catch a stuck transaction; keeping
 * each one small is what makes it fast.
 */
export const TRANSACTION_LIMITS = { maxWait: 20_000, timeout: 30_000 } as const;

// A DATE column as Prisma reads it (midnight UTC), not node-postgres's local midnight.
const DATE_OID = 1082;
const sqlTypes: pg.CustomTypesConfig = {
  getTypeParser: (oid, format) =>
    oid === DATE_OID
      ? (value: string) => new Date(`${value}T00:00:00Z`)
      : pg.types.getTypeParser(oid, format),
};

const pools = new WeakMap<Db, pg.Pool>();

/**
 * Prisma and the hot statements in plain pg (src/db/sql.ts) share one pool: `poolSize`
 * connections; a query beyond them waits for one (no timeout), it never fails for lack of one.
 */
export function createDb(databaseUrl: string, poolSize = DEFAULT_POOL_SIZE): Db {
  const pool = new pg.Pool({ ...pgConfigFromUrl(databaseUrl, { max: poolSize }), types: sqlTypes });
  // An idle connection that breaks is dropped by the pool; the next query opens another.
  pool.on("error", () => undefined);
  const db = new PrismaClient({
    adapter: new PrismaPg(pool, { disposeExternalPool: true }),
    transactionOptions: TRANSACTION_LIMITS,
  });
  pools.set(db, pool);
  return db;
}

/**
 * The node-postgres pool under a client made by createDb (the same connections, ended by
 * `$disconnect`), for the hot and bulk paths where Prisma's runtime and query compiler cost more
 * CPU than PostgreSQL's work. Results come as node-postgres parses them (DATE as midnight UTC, as
 * Prisma does).
 */
export function pgPool(db: Db): pg.Pool {
  const pool = pools.get(db);
  if (!pool) throw new Error("pgPool: this database client was not made by createDb");
  return pool;
}

/** Creates the database named in the URL when it does not exist yet (first run, fresh clone). */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const name = new URL(databaseUrl).pathname.slice(1);
  const admin = new pg.Client(pgConfigFromUrl(databaseUrl, { database: "postgres" }));
  await admin.connect();
  try {
    const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount) return false;
    await admin.query(`CREATE DATABASE ${quoteIdent(name)}`);
    return true;
  } finally {
    await admin.end();
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
