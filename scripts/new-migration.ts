// Creates prisma/migrations/<timestamp>_<name>/migration.sql offline (TOOLCHAIN.md: `migrate dev`
// needs a shadow database cleanup that fails here): diffs the schema as of the last migration,
// i.e. the committed one, against the edited prisma/schema.prisma.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:new-migration -- <name_in_snake_case>");
  process.exit(2);
}
const migrationsDir = "prisma/migrations";
const hasMigrations =
  existsSync(migrationsDir) && readdirSync(migrationsDir).some((d) => /^\d{14}_/.test(d));

let from = ["--from-empty"];
if (hasMigrations) {
  const committed = execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], {
    encoding: "utf8",
  });
  const tmp = join(mkdtempSync(join(tmpdir(), "chibo-schema-")), "schema.prisma");
  writeFileSync(tmp, committed);
  from = ["--from-schema-datamodel", tmp];
}
const env = {
  ...process.env, // diff reads no tables but connects: the always-present maintenance database is enough.
  DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
};
const sql = execFileSync(
  "npx",
  [
    "prisma",
    "migrate",
    "diff",
    ...from,
    "--to-schema-datamodel",
    "prisma/schema.prisma",
    "--script",
  ],
  { encoding: "utf8", env },
);
if (!/\b(CREATE|ALTER|DROP)\b/.test(sql)) {
  console.error("The schema has not changed since the last migration: nothing to write.");
  process.exit(1);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = join(migrationsDir, `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, "migration.sql"), sql);
if (!existsSync(join(migrationsDir, "migration_lock.toml"))) {
  writeFileSync(join(migrationsDir, "migration_lock.toml"), 'provider = "postgresql"\n');
}
console.log(`Wrote ${join(dir, "migration.sql")}`);
