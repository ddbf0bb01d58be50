import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";
import { DEFAULT_DATABASE_URL, pgConfigFromUrl } from "./src/db/pg-config.ts";

export default defineConfig({
  schema: "prisma/schema.prisma",
  experimental: { adapter: true },
  engine: "js",
  // Host, port, user… split out: with a connectionString the shadow database is not separated.
  // Always an adapter, even for `generate` without DATABASE_URL: otherwise Prisma downloads an engine.
  adapter: async () =>
    new PrismaPg(
      // a short idle timeout: the CLI would otherwise wait 10 s for idle connections to close.
      pgConfigFromUrl(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL, { idleTimeoutMillis: 50 }),
    ),
});
