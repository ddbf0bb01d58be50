// The sandbox on a fresh database with one residential cell (its secretary first), planned.
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { startSandbox } from "../../src/sandbox/start.ts";
import { runPlanner } from "../../src/services/planner.ts";
import { freshDatabase } from "./db.ts";
import { REDIS_URL } from "./stack.ts";

export const SANDBOX_CELL = "Chi bộ Khu phố 3";
export const SANDBOX_PEOPLE = ["Nguyễn Văn Bình", "Trần Thị Hoa", "Lê Văn Cường", "Phạm Thị Dung"];

/** Members DV1… (DV1 the secretary), each linked on their channels; stopped after the file. */
export interface TestSandboxOptions {
  people?: readonly string[];
  /** Telegram ids start here; Zalo ids are `zl-<index>`. */
  firstChatId?: number;
  /** The channels each member is linked on (default: Telegram only). */
  channelsOf?: (index: number) => ("TELEGRAM" | "ZALO")[];
  beforeStop?: () => Promise<unknown>;
}

export async function startTestSandbox(options: TestSandboxOptions = {}) {
  const { db, url } = await freshDatabase();
  const prefix = `t${randomBytes(5).toString("hex")}`;
  const config = loadConfig({
    DATABASE_URL: url,
    REDIS_URL,
    REDIS_PREFIX: prefix,
    SEND_RATE_PER_SEC: "1000",
    QUIET_HOURS: "off",
    LOG_LEVEL: "silent",
  });
  const sandbox = await startSandbox(config, {
    port: 0,
    prepare: async (services) => {
      const cell = await db.unit.create({
        data: {
          code: "KP3",
          name: SANDBOX_CELL,
          kind: "CELL",
          cellKind: "RESIDENTIAL",
          meetingPlace: "Nhà văn hóa khu phố 3",
        },
      });
      for (const [i, fullName] of (options.people ?? SANDBOX_PEOPLE).entries()) {
        const identities = (options.channelsOf?.(i) ?? ["TELEGRAM"]).map((platform) => {
          const chatId =
            platform === "ZALO" ? `zl-${i}` : String((options.firstChatId ?? 9000) + i);
          return { platform, externalId: chatId, chatId };
        });
        await db.member.create({
          data: {
            code: `DV${i + 1}`,
            fullName,
            cellId: cell.id,
            cellRole: i === 0 ? "SECRETARY" : "MEMBER",
            joinedOn: new Date("2015-01-01"),
            identities: { create: identities },
          },
        });
      }
      await runPlanner(services);
    },
  });
  afterAll(async () => {
    await options.beforeStop?.();
    await sandbox.stop();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });
  return { db, sandbox };
}
