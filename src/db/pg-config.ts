import type { PoolConfig } from "pg";

export const DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/chibo";
/** Connections a process opens to PostgreSQL unless configured (`DATABASE_POOL_SIZE`). */
export const DEFAULT_POOL_SIZE = 10;

/** Splits a postgresql:// URL into the fields node-postgres and the Prisma adapter expect. */
export function pgConfigFromUrl(url: string, extra: PoolConfig = {}): PoolConfig {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username) || "postgres",
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: u.pathname.slice(1) || "postgres",
    ...extra,
  };
}
