import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { createDb, type Db, quoteIdent } from "../../src/db/client.ts";
import { pgConfigFromUrl } from "../../src/db/pg-config.ts";

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(pgConfigFromUrl(inject("databaseServer")));
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh, migrated database for one test file, dropped when the file is done. */
export async function freshDatabase(): Promise<{ db: Db; url: string }> {
  const name = `chibo_test_${randomBytes(6).toString("hex")}`;
  await admin((c) =>
    c.query(
      `CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(inject("templateDatabase"))}`,
    ),
  );
  const url = new URL(inject("databaseServer"));
  url.pathname = `/${name}`;
  const db = createDb(url.toString(), 5);
  afterAll(async () => {
    await db.$disconnect();
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
  });
  return { db, url: url.toString() };
}
