import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.ts";
import { startSandbox } from "../../../src/sandbox.ts";
import { runPlanner } from "../../../src/services/planner.ts";
import { freshDatabase } from "../../support/db.ts";
import { REDIS_URL } from "../../support/stack.ts";

const { db, url: databaseUrl } = await freshDatabase();
const prefix = `t${randomBytes(5).toString("hex")}`;
const config = loadConfig({
  DATABASE_URL: databaseUrl,
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
      data: { code: "KP9", name: "Chi bộ Khu phố 9", kind: "CELL", cellKind: "RESIDENTIAL" },
    });
    const people = ["Nguyễn Văn Bình", "Trần Thị Hoa", "Lê Văn Cường"];
    for (const [i, fullName] of people.entries()) {
      const telegram = { platform: "TELEGRAM" as const, externalId: `${9100 + i}` };
      const zalo = { platform: "ZALO" as const, externalId: `zl-${i}` };
      // DV1 on Telegram only, DV2 on Zalo only, DV3 on both.
      const identities = i === 0 ? [telegram] : i === 1 ? [zalo] : [telegram, zalo];
      await db.member.create({
        data: {
          code: `DV${i + 1}`,
          fullName,
          cellId: cell.id,
          cellRole: i === 0 ? "SECRETARY" : "MEMBER",
          joinedOn: new Date("2015-01-01"),
          identities: { create: identities.map((x) => ({ ...x, chatId: x.externalId })) },
        },
      });
    }
    await runPlanner(services);
  },
});
afterAll(async () => {
  await sandbox.stop();
  const redis = new (await import("ioredis")).Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

const api = (path: string, init?: RequestInit) =>
  fetch(`${sandbox.url}/api/sandbox${path}`, {
    ...init,
    headers: { "content-type": "application/json" },
  });

describe("Zalo personas in the sandbox", () => {
  it('persona objects carry "channel"; a member on both channels is two personas', async () => {
    const personas = (await (await api("/personas")).json()) as { id: string; channel: string }[];
    expect(personas.map((p) => [p.id, p.channel])).toEqual([
      ["DV1", "telegram"],
      ["DV2", "zalo"],
      ["DV3", "telegram"],
      ["DV3-zalo", "zalo"],
    ]);
  });

  it("a Zalo persona sends text and reads its chat through the same endpoints", async () => {
    const sent = await api("/personas/DV2/send", {
      method: "POST",
      body: JSON.stringify({ text: "Lịch" }),
    });
    const { messages } = (await sent.json()) as { messages: { from: string; text: string }[] };
    expect(messages.at(-1)?.text).toContain("Trả lời 1 để tham dự, 2 nếu vắng");
    await api("/personas/DV2/send", { method: "POST", body: JSON.stringify({ text: "1" }) });
    const chat = (await (await api("/personas/DV2/chat")).json()) as { text: string }[];
    expect(chat.at(-1)?.text).toContain("tham dự");
    const press = await api("/personas/DV2/press", {
      method: "POST",
      body: JSON.stringify({ messageId: 1, button: "x" }),
    });
    expect(press.status).toBe(400);
  });
});
