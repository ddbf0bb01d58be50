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
/**
 * Where every test sandbox's virtual clock starts, whatever the real date: Wednesday
 * 2 December 2026, 09:00 in Hà Nội — the 3 December meeting's first reminder (3 days before) is
 * past, the next ones are ahead.
 */
export const SANDBOX_START = new Date("2026-12-02T02:00:00Z");

export interface TestSandboxOptions {
  people?: readonly string[];
  /** Telegram ids start here; Zalo ids are `zl-<index>`. */
  firstChatId?: number;
  /** The channels each member is linked on (default: Telegram only). */
  channelsOf?: (index: number) => ("TELEGRAM" | "ZALO")[];
  beforeStop?: () => Promise<unknown>;
  /** A committee member in charge of the cell (code UV1, Telegram id 8999), when named. */
  committee?: string;
  /**
   * Non-residential cells with nothing scheduled (so R2 alerts fall on day 25 and at month end),
   * each with a secretary on Telegram (ids 20000…).
   */
  extraCells?: number;
  /** The ward organisation the cell belongs to (the page shows it beside the cell's name). */
  organisation?: string;
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
    startAt: SANDBOX_START,
    prepare: async (services) => {
      const parent = options.organisation
        ? await db.unit.create({
            data: { code: "P1", name: options.organisation, kind: "GRASSROOTS_COMMITTEE" },
          })
        : null;
      const cell = await db.unit.create({
        data: {
          parentId: parent?.id,
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
      const extra = [];
      for (let i = 0; i < (options.extraCells ?? 0); i++) {
        const unit = await db.unit.create({
          data: {
            code: `CQ${i + 1}`,
            name: `Chi bộ Cơ quan ${i + 1}`,
            kind: "CELL",
            cellKind: "OTHER",
            createdAt: new Date("2025-01-01"), // known for long: judged on every month (R2)
          },
        });
        extra.push(unit);
        await db.member.create({
          data: {
            code: `BT${i + 1}`,
            fullName: `Bí thư Cơ quan ${i + 1}`,
            cellId: unit.id,
            cellRole: "SECRETARY",
            joinedOn: new Date("2015-01-01"),
            identities: {
              create: [
                { platform: "TELEGRAM", externalId: String(20000 + i), chatId: String(20000 + i) },
              ],
            },
          },
        });
      }
      if (options.committee) {
        await db.member.create({
          data: {
            code: "UV1",
            fullName: options.committee,
            joinedOn: new Date("2010-01-01"),
            identities: {
              create: [{ platform: "TELEGRAM", externalId: "8999", chatId: "8999" }],
            },
            assignments: { create: [{ unitId: cell.id }] },
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
