// Shared setup for the benchmarks: a temporary migrated database, a private Redis prefix, the local
// Bot API, bulk seeding, option parsing, percentiles and a cleanup list run also on error.
import { execFile } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { promisify } from "node:util";
import type { Redis } from "ioredis";
import pg from "pg";
import { createDb, type Db, quoteIdent } from "../src/db/client.ts";
import { pgConfigFromUrl } from "../src/db/pg-config.ts";
import { type DeliveryIntent, type DueDelivery, writeIntents } from "../src/services/ledger.ts";

export const BENCH_TOKEN = "123456:BENCH-token-for-the-local-bot-api";
export const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
export const DATABASE_SERVER =
  process.env.TEST_DATABASE_SERVER ?? "postgresql://postgres@127.0.0.1:5432/postgres";

const run = promisify(execFile);

// ── Options ─────────────────────────────────────────────────────────────────

export type OptionSpec = Record<string, { default: number | string | undefined; help: string }>;

/** `--name N` or `--name=N`; numbers stay numbers. Unknown options are an error with the usage. */
export function parseOptions<S extends OptionSpec>(
  argv: string[],
  spec: S,
): { [K in keyof S]: S[K]["default"] } {
  const out: Record<string, number | string | undefined> = {};
  for (const [name, option] of Object.entries(spec)) out[name] = option.default;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    const name = match?.[1];
    if (!match || name === undefined || !(name in spec)) {
      throw new UsageError(`unknown option "${arg}"\n${usage(spec)}`);
    }
    const raw = match[2] ?? argv[++i];
    if (raw === undefined) throw new UsageError(`--${name} needs a value\n${usage(spec)}`);
    const expected = spec[name]!.default;
    if (typeof expected === "string") {
      out[name] = raw;
    } else {
      const value = Number(raw.replaceAll("_", ""));
      if (!Number.isFinite(value) || value < 0) {
        throw new UsageError(`--${name} needs a number ≥ 0, got "${raw}"`);
      }
      out[name] = value;
    }
  }
  return out as { [K in keyof S]: S[K]["default"] };
}

export function usage(spec: OptionSpec): string {
  return Object.entries(spec)
    .map(([name, o]) => {
      const fallback = o.default === undefined ? "" : ` (default ${o.default})`;
      return `  --${name.padEnd(14)} ${o.help}${fallback}`;
    })
    .join("\n");
}

export class UsageError extends Error {}

// ── Cleanup ─────────────────────────────────────────────────────────────────

/** Things to undo, last registered first; run once, at the end or on error / Ctrl-C. */
export class Cleanup {
  private readonly steps: { name: string; fn: () => Promise<unknown> }[] = [];
  private done: Promise<void> | undefined;

  add(name: string, fn: () => Promise<unknown>): void {
    this.steps.push({ name, fn });
  }

  run(): Promise<void> {
    this.done ??= (async () => {
      for (const step of this.steps.reverse()) {
        try {
          await step.fn();
        } catch (error) {
          console.error(`cleanup: ${step.name} failed: ${(error as Error).message}`);
        }
      }
    })();
    return this.done;
  }
}

// ── Database ────────────────────────────────────────────────────────────────

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(pgConfigFromUrl(DATABASE_SERVER));
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A new database `chibo_bench_<random>` migrated with the project's own script; dropped by cleanup. */
export async function temporaryDatabase(cleanup: Cleanup): Promise<{ url: string; db: Db }> {
  const name = `chibo_bench_${randomBytes(5).toString("hex")}`;
  const url = new URL(DATABASE_SERVER);
  url.pathname = `/${name}`;
  cleanup.add(`drop database ${name}`, () =>
    admin((c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`)),
  );
  try {
    await run("npx", ["tsx", "scripts/migrate.ts"], {
      env: { ...process.env, DATABASE_URL: url.toString() },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`migrating ${name} failed:\n${stdout}${stderr}`);
  }
  const db = createDb(url.toString(), 5);
  cleanup.add("disconnect the bench's database client", () => db.$disconnect());
  return { url: url.toString(), db };
}

// ── Redis ───────────────────────────────────────────────────────────────────

/** A unique key prefix for this run (BullMQ refuses ':' in prefixes' job ids, not here). */
export function benchPrefix(): string {
  return `chibo_bench_${randomBytes(5).toString("hex")}`;
}

/** Deletes every key starting with `prefix` (SCAN, never KEYS: the Redis is shared). */
export async function deleteKeys(redis: Redis, prefix: string): Promise<number> {
  let cursor = "0";
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 2000);
    cursor = next;
    if (keys.length > 0) deleted += await redis.unlink(...keys);
  } while (cursor !== "0");
  return deleted;
}

// ── Seeding ─────────────────────────────────────────────────────────────────

export interface SeededMember {
  id: string;
  telegramId: number;
  chatId: string;
}

/**
 * One cell with `size` linked members, each with their own Telegram chat (ids from 5,000,000 up),
 * written with createMany (seedCell in the tests creates one by one: too slow for 10,000).
 */
export async function seedLargeCell(
  db: Db,
  size: number,
  addUser: (user: { id: number; first_name: string; started?: boolean }) => unknown,
  options: { code?: string; firstTelegramId?: number } = {},
): Promise<{ cellId: string; members: SeededMember[] }> {
  const code = options.code ?? "BENCH";
  const parent = await db.unit.create({
    data: { code: `${code}-DB`, name: "Đảng bộ phường Bench", kind: "GRASSROOTS_COMMITTEE" },
  });
  const cell = await db.unit.create({
    data: {
      code: `${code}-CB`,
      name: "Chi bộ Khu phố Bench",
      kind: "CELL",
      cellKind: "RESIDENTIAL",
      parentId: parent.id,
      meetingTime: "19:30",
      meetingPlace: "Nhà văn hóa khu phố",
    },
  });
  const members: SeededMember[] = [];
  for (let i = 0; i < size; i++) {
    const telegramId = (options.firstTelegramId ?? 5_000_000) + i;
    members.push({ id: randomUUID(), telegramId, chatId: String(telegramId) });
  }
  for (let i = 0; i < size; i += 2000) {
    const slice = members.slice(i, i + 2000);
    await db.member.createMany({
      data: slice.map((m, j) => ({
        id: m.id,
        code: `${code}-M${i + j}`,
        fullName: `Đảng viên ${i + j}`,
        cellId: cell.id,
        cellRole: i + j === 0 ? "SECRETARY" : "MEMBER",
        joinedOn: new Date("2020-01-01"),
      })),
    });
    await db.chatIdentity.createMany({
      data: slice.map((m) => ({
        platform: "TELEGRAM" as const,
        externalId: m.chatId,
        chatId: m.chatId,
        memberId: m.id,
      })),
    });
  }
  // Linked members opened the invite link once: they have started the bot.
  for (const m of members) {
    addUser({ id: m.telegramId, first_name: `Đảng viên ${m.telegramId}`, started: true });
  }
  return { cellId: cell.id, members };
}

/** A planned meeting of the cell starting tomorrow (so its reminders are wanted). */
export async function createMeeting(db: Db, cellId: string) {
  const startsAt = new Date(Date.now() + 86_400_000);
  startsAt.setUTCMilliseconds(0);
  return db.meeting.create({
    data: { unitId: cellId, startsAt, plannedEndAt: new Date(startsAt.getTime() + 7_200_000) },
  });
}

export type DeliveryKind = "reminder" | "notice";

/**
 * Delivery rows for `members`, one each, written like the planner does (writeIntents, in chunks:
 * PostgreSQL takes at most 65,535 bind parameters per statement). `dueAt(i)` gives each row's due time.
 */
export async function writeDeliveries(
  db: Db,
  meeting: { id: string; startsAt: Date },
  members: SeededMember[],
  kind: DeliveryKind,
  dueAt: (index: number) => Date,
): Promise<DueDelivery[]> {
  const intents: DeliveryIntent[] = members.map((m, i) => ({
    idempotencyKey: `bench_${meeting.id}_${m.id}`,
    platform: "TELEGRAM",
    chatId: m.chatId,
    kind,
    payload:
      kind === "reminder"
        ? {
            role: "member",
            reminder: "h1",
            first: true,
            last: true,
            startsAt: meeting.startsAt.toISOString(),
          }
        : { text: `Thông báo thử số ${i}: họp chi bộ ngày mai lúc 19:30.` },
    dueAt: dueAt(i),
    memberId: m.id,
    meetingId: meeting.id,
  }));
  const rows: DueDelivery[] = [];
  for (let i = 0; i < intents.length; i += 2000) {
    rows.push(...(await writeIntents(db, intents.slice(i, i + 2000))));
  }
  return rows;
}

// ── Figures ─────────────────────────────────────────────────────────────────

/** Nearest-rank percentile of unsorted values (NaN when empty). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function round(value: number, digits = 0): number {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
