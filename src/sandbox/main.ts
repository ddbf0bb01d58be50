// The sandbox, set up from nothing: checks the services, migrates, seeds the demo organisation
// if the database is empty, and starts bot, worker and web chat at http://127.0.0.1:3000.
import { spawnSync } from "node:child_process";
import { Redis } from "ioredis";
import pg from "pg";
import { loadConfigOrExit } from "../config.ts";
import { pgConfigFromUrl } from "../db/pg-config.ts";
import { seedDemo } from "../seed/demo.ts";
import { startSandbox } from "./start.ts";

const HOW_TO_START = `
Khởi động PostgreSQL và Redis rồi chạy lại / Start PostgreSQL and Redis, then run again:
  docker compose up -d db redis
or on Debian:
  pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379`;

const config = loadConfigOrExit({
  DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/chibo_demo",
  REDIS_PREFIX: "chibo-demo",
  LOG_LEVEL: "warn",
  // SEND_RATE_PER_SEC stays at production's 25/s: the local Bot API enforces Telegram's ~30
  // messages a second, so a day of the whole organisation's reminders takes minutes, as it would.
  ...process.env,
});

async function reachable(): Promise<string | null> {
  const client = new pg.Client(
    pgConfigFromUrl(config.DATABASE_URL, { database: "postgres", connectionTimeoutMillis: 3000 }),
  );
  try {
    await client.connect();
    await client.end();
  } catch (error) {
    return `PostgreSQL (${new URL(config.DATABASE_URL).host}): ${(error as Error).message}`;
  }
  const redis = new Redis(config.REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on("error", () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    return `Redis (${new URL(config.REDIS_URL).host}): ${(error as Error).message}`;
  } finally {
    redis.disconnect();
  }
  return null;
}

const problem = await reachable();
if (problem) {
  console.error(`Không kết nối được / Cannot reach ${problem}${HOW_TO_START}`);
  process.exit(1);
}
const migrate = spawnSync(process.execPath, ["--import", "tsx", "scripts/migrate.ts"], {
  env: { ...process.env, DATABASE_URL: config.DATABASE_URL },
  stdio: ["ignore", "ignore", "inherit"],
});
if (migrate.status !== 0) process.exit(migrate.status ?? 1);

const sandbox = await startSandbox(config, {
  port: config.PORT,
  prepare: async (services) => {
    const seeded = await seedDemo(services);
    if (seeded.seeded)
      console.log(
        `Đã tạo tổ chức mẫu / Demo organisation seeded (${seeded.report.counts.members} members).`,
      );
  },
});
console.log(`
chibo-bot sandbox: ${sandbox.url}
Mở trang, chọn một người (đảng viên, bí thư, cấp ủy viên), trò chuyện với bot và bấm "Lời nhắc tiếp theo" để tua đồng hồ.
Open the page, pick a persona, chat with the bot, and move the clock to fire reminders. Ctrl-C to stop.`);

async function stop() {
  await sandbox.stop();
  process.exit(0);
}
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
