// Migrates one template database per test run with the project's own migrate script; each test
// file then clones it (CREATE DATABASE … TEMPLATE), which takes milliseconds and shares nothing.
import { execFileSync } from "node:child_process";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { quoteIdent } from "../../src/db/client.ts";
import { pgConfigFromUrl } from "../../src/db/pg-config.ts";

const serverUrl =
  process.env.TEST_DATABASE_SERVER ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export default async function setup(project: TestProject) {
  const template = `chibo_tpl_${process.pid}_${Date.now().toString(36)}`;
  const url = new URL(serverUrl);
  url.pathname = `/${template}`;
  execFileSync("npx", ["tsx", "scripts/migrate.ts"], {
    env: { ...process.env, DATABASE_URL: url.toString() },
    stdio: ["ignore", "ignore", "inherit"],
  });
  project.provide("templateDatabase", template);
  project.provide("databaseServer", serverUrl);
  return async () => {
    const admin = new pg.Client(pgConfigFromUrl(serverUrl));
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(template)} WITH (FORCE)`);
    await admin.end();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
    databaseServer: string;
  }
}
