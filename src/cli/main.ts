import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ConfigError } from "../config.ts";
import type { Command, Io } from "./io.ts";

interface CommandEntry {
  readonly usage: string;
  readonly load: () => Promise<Command>;
}

// Loaded on demand so a light command never pays for a heavy one's imports.
const commands = new Map<string, CommandEntry>([
  [
    "schedule",
    {
      usage:
        "schedule --kind residential|other [--day-rule RULE] --time HH:mm --from YYYY-MM --months N [--policy day3=all]",
      load: async () => (await import("./schedule.ts")).schedule,
    },
  ],
  [
    "rules",
    {
      usage: "rules evaluate FILE.json",
      load: async () => (await import("./rules.ts")).rules,
    },
  ],
  [
    "planner",
    {
      usage: "planner run [--months N]",
      load: async () => (await import("./planner.ts")).planner,
    },
  ],
  [
    "seed",
    {
      usage:
        "seed demo [--now ISO-8601] [--force] | seed province [--members N] [--cells N] [--now ISO-8601] [--force]",
      load: async () => (await import("./seed.ts")).seed,
    },
  ],
  [
    "import",
    {
      usage:
        "import FILE.xlsx|FILE.csv… [--partial] [--dry-run] [--lang vi|en] | import --template OUT.xlsx [--force]",
      load: async () => (await import("./import.ts")).importCommand,
    },
  ],
  [
    "report",
    {
      usage: "report [--month YYYY-MM] [--unit CODE] [--format table|csv|xlsx|json] [--out FILE]",
      load: async () => (await import("./report.ts")).report,
    },
  ],
  [
    "minutes",
    {
      usage: "minutes --meeting ID --out FILE.docx [--chair NAME] [--taker NAME]",
      load: async () => (await import("./minutes.ts")).minutes,
    },
  ],
  [
    "admin",
    {
      usage: "admin grant MEMBER-CODE",
      load: async () => (await import("./admin.ts")).admin,
    },
  ],
]);

/** The database is missing or unreachable (Prisma wraps these in a long multi-line message). */
const DATABASE_PROBLEM =
  /Database `[^`]+` does not exist on the database server|Can't reach database server[^\n]*|ECONNREFUSED[^\n]*/;
/** The same said by node-postgres (the report's and the planner's bulk reads), in Prisma's words. */
const PG_NO_DATABASE = /database "([^"]+)" does not exist/;

export async function main(argv: string[], io: Io): Promise<number> {
  const [name = "", ...rest] = argv;
  const entry = commands.get(name);
  if (!entry) {
    const problem = name ? `unknown command "${name}"` : "no command given";
    const lines = [...commands.values()].map((c) => `  npm run cli -- ${c.usage}`);
    io.stderr.write(`${problem}; usage:\n${lines.join("\n")}\n`);
    return 2;
  }
  try {
    return await (await entry.load())(rest, io);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr.write(`${name}: ${error.message}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    const database = DATABASE_PROBLEM.exec(
      message.replace(PG_NO_DATABASE, "Database `$1` does not exist on the database server"),
    );
    if (database) {
      // Not our bug, and not the person's input: the database is missing or down.
      io.stderr.write(
        `${name}: ${database[0]}; start PostgreSQL, check DATABASE_URL and run npm run db:migrate\n`,
      );
      return 1;
    }
    // Bad input is reported by the command itself; anything reaching here is our bug.
    io.stderr.write(`${name}: internal error: ${message}\n`);
    return 1;
  }
}

// Run only as the entry point, so tests can import `main` without side effects.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2), process);
}
