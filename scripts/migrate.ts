// `npm run db:migrate`: creates the database if needed, then applies the committed migrations.
import { spawnSync } from "node:child_process";
import { ensureDatabase } from "../src/db/client.ts";
import { DEFAULT_DATABASE_URL } from "../src/db/pg-config.ts";

const url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
try {
  if (await ensureDatabase(url)) console.log(`Created database ${new URL(url).pathname.slice(1)}`);
} catch (error) {
  console.error(`Cannot reach PostgreSQL at ${new URL(url).host}: ${(error as Error).message}`);
  process.exit(1);
}
const run = spawnSync("npx", ["prisma", "migrate", "deploy"], {
  stdio: "inherit",
  env: { ...process.env, DATABASE_URL: url },
});
process.exit(run.status ?? 1);
