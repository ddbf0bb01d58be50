// Issue 18 item 3: a province runs several bots (BOT_TOKENS), one per ward, each with its own
// ~30 messages/s. A member is bound to the bot they started, hears everything from it, and each
// bot is paced on its own; paid broadcasts lift a bot's pace past the free limit.
import { Api } from "grammy";
import { describe, expect, it } from "vitest";
import { createBot } from "../../../src/channels/telegram/bot.ts";
import { TelegramMessenger } from "../../../src/channels/telegram/messenger.ts";
import { loadConfig, telegramBots } from "../../../src/config.ts";
import { toLocalIso } from "../../../src/domain/schedule.ts";
import { LocalBotApi } from "../../../src/sandbox/telegram-api/local-bot-api.ts";
import { actorFor } from "../../../src/services/actors.ts";
import { servingUnitCode } from "../../../src/services/bot-units.ts";
import { createInvite } from "../../../src/services/invites.ts";
import {
  createStack,
  dueReminders,
  type Stack,
  seedCell,
  TEST_TOKEN,
  waitUntil,
} from "../../support/stack.ts";

const WARD_TOKEN = "234567:WARD-bot-token-for-the-local-api";
const WARD_BOT_ID = "234567";

/** What a bot sent a person; nothing when they never started it. */
const heard = (api: LocalBotApi, userId: number) =>
  api.listUsers().some((u) => u.id === userId) ? api.messagesSentTo(userId) : [];

/** A delivery worker sending through the main bot and the ward's, each its own lane. */
function mainAndWardWorker(stack: Stack, ratePerSecond: number) {
  return stack.startDeliveryWorker(ratePerSecond, {
    telegramBots: new Map([
      [WARD_BOT_ID, new TelegramMessenger(new Api(WARD_TOKEN, { apiRoot: stack.apiRoot }))],
    ]),
  });
}

/** The main bot and the ward's, each answering its own updates (the ward's API beside the main one). */
function bothBotsAnswering(stack: Stack) {
  const ward = new LocalBotApi({ token: WARD_TOKEN });
  stack.botApi.serve(ward);
  const deps = { services: stack.services, redis: stack.redis, redisPrefix: stack.prefix };
  const mainBot = createBot(TEST_TOKEN, deps, {
    botInfo: stack.botApi.botInfo,
    apiRoot: stack.apiRoot,
  });
  const wardBot = createBot(
    WARD_TOKEN,
    { ...deps, botId: WARD_BOT_ID },
    { botInfo: ward.botInfo, apiRoot: stack.apiRoot },
  );
  stack.botApi.onUpdate((update) => mainBot.handleUpdate(update));
  ward.onUpdate((update) => wardBot.handleUpdate(update));
  return ward;
}

/** The ward bot's API beside the main one, and `members` bound to it (they started it). */
async function wardFor(stack: Stack, members: { telegramId: number; fullName: string }[]) {
  const ward = new LocalBotApi({ token: WARD_TOKEN });
  stack.botApi.serve(ward);
  for (const m of members) {
    ward.addUser({ id: m.telegramId, first_name: m.fullName, started: true });
    await stack.db.chatIdentity.updateMany({
      where: { externalId: String(m.telegramId) },
      data: { botId: WARD_BOT_ID },
    });
  }
  return ward;
}

describe("BOT_TOKENS", () => {
  it("is read as the main bot and one bot per token, each with its units", () => {
    const config = loadConfig({
      BOT_TOKEN: TEST_TOKEN,
      BOT_TOKENS: `DB0001=${WARD_TOKEN},DB0002=${WARD_TOKEN},DB0003=345678:THIRD-bot-token-for-tests`,
    });
    expect(telegramBots(config).map((b) => [b.botId, b.main, b.unitCodes])).toEqual([
      ["123456", true, []],
      [WARD_BOT_ID, false, ["DB0001", "DB0002"]],
      ["345678", false, ["DB0003"]],
    ]);
  });

  it.each([
    [{ BOT_TOKENS: `DB0001=${WARD_TOKEN}` }, /BOT_TOKEN: required with BOT_TOKENS/],
    [{ BOT_TOKEN: TEST_TOKEN, BOT_TOKENS: "DB0001" }, /BOT_TOKENS: like "DB0001=123456/],
    [
      { BOT_TOKEN: TEST_TOKEN, BOT_TOKENS: `DB0001=${TEST_TOKEN}` },
      /BOT_TOKENS: unit DB0001: that is BOT_TOKEN/,
    ],
    [
      {
        BOT_TOKEN: TEST_TOKEN,
        BOT_TOKENS: `DB0001=${WARD_TOKEN},DB0001=345678:THIRD-bot-token-for-tests`,
      },
      /unit DB0001 is given two bots/,
    ],
  ])("refuses a bad setting by name: %o", (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe("several bots", () => {
  it("a member linked through the ward's bot is reminded by it; the others by the main bot", async () => {
    const stack = await createStack();
    const ward = new LocalBotApi({
      token: WARD_TOKEN,
      botInfo: { first_name: "Chi bộ phường 1", username: "chibo_phuong1_bot" },
    });
    stack.botApi.serve(ward);
    const wardBot = createBot(
      WARD_TOKEN,
      {
        services: stack.services,
        redis: stack.redis,
        redisPrefix: stack.prefix,
        botId: WARD_BOT_ID,
      },
      { botInfo: ward.botInfo, apiRoot: stack.apiRoot },
    );
    ward.onUpdate((update) => wardBot.handleUpdate(update));

    const { cell, parent, members } = await seedCell(stack, { size: 3 });
    expect(await servingUnitCode(stack.db, cell.id, [parent.code])).toBe(parent.code);
    expect(await servingUnitCode(stack.db, cell.id, ["ELSEWHERE"])).toBeNull();
    const newcomer = await stack.db.member.create({
      data: {
        code: "M-NEW",
        fullName: "Lê Thị Mới",
        cellId: cell.id,
        joinedOn: new Date("2020-01-01"),
      },
    });
    const secretary = (await actorFor(stack.db, "TELEGRAM", String(members[0]!.telegramId)))!;
    const { code } = await createInvite(stack.services, secretary, newcomer.id);
    ward.addUser({ id: 77_001, first_name: "Mới" });
    await ward.sendText(77_001, `/start ${code}`);
    const identity = await stack.db.chatIdentity.findFirstOrThrow({
      where: { memberId: newcomer.id },
    });
    expect(identity.botId).toBe(WARD_BOT_ID);

    const worker = mainAndWardWorker(stack, 100);
    try {
      const { rows } = await dueReminders(stack, cell.id, new Date());
      await waitUntil(async () =>
        (await stack.db.delivery.findMany({ where: { id: { in: rows.map((r) => r.id) } } })).every(
          (d) => d.status === "SENT",
        ),
      );
      // The newcomer hears from the ward's bot only; the others (linked before) from the main bot.
      expect(heard(ward, 77_001).some((m) => m.text?.includes(cell.name))).toBe(true);
      // The main bot was never started by them: it has no chat with them at all.
      expect(() => stack.botApi.messagesSentTo(77_001)).toThrow(/unknown chat/);
      for (const m of members) {
        expect(heard(stack.botApi, m.telegramId).length).toBe(1);
        expect(heard(ward, m.telegramId)).toEqual([]);
      }
    } finally {
      await worker.close(true);
    }
  });

  it("a member who writes to another of the deployment's bots is bound to that one from then on", async () => {
    const stack = await createStack();
    const ward = bothBotsAnswering(stack);
    const { members } = await seedCell(stack, { size: 2 });
    const member = members[1]!;
    const boundTo = async () =>
      (
        await stack.db.chatIdentity.findFirstOrThrow({
          where: { externalId: String(member.telegramId) },
        })
      ).botId;
    expect(await boundTo()).toBeNull();
    ward.addUser({ id: member.telegramId, first_name: member.fullName });
    await ward.sendText(member.telegramId, "/start");
    expect(await boundTo()).toBe(WARD_BOT_ID);
    await stack.botApi.sendText(member.telegramId, "/start");
    expect(await boundTo()).toBeNull();
  });

  it("a dialog with one bot is that bot's: text to another bot meanwhile is not read as its answer", async () => {
    const stack = await createStack();
    const ward = bothBotsAnswering(stack);
    const { cell, members } = await seedCell(stack, { size: 3 });
    const now = stack.services.clock.now().getTime();
    await stack.db.meeting.create({
      data: {
        unitId: cell.id,
        startsAt: new Date(now + 7 * 86_400_000),
        plannedEndAt: new Date(now + 7 * 86_400_000 + 5_400_000),
      },
    });
    const secretary = members[0]!;
    ward.addUser({ id: secretary.telegramId, first_name: secretary.fullName, started: true });
    const last = (api: LocalBotApi) => api.messagesSentTo(secretary.telegramId).at(-1)!;
    // A day after the meeting, as the secretary types it (dd/mm/yyyy, Hà Nội).
    const [y, m, d] = toLocalIso(new Date(now + 8 * 86_400_000))
      .slice(0, 10)
      .split("-");
    const newDate = `${d}/${m}/${y}`;

    // With the ward's bot: /lichhop, then "move it" — the editor waits for the new date.
    await ward.sendText(secretary.telegramId, "/lichhop");
    const menu = last(ward);
    const move = menu.buttons.flat().find((b) => b.label.startsWith("✏️"))!;
    await ward.press(secretary.telegramId, menu.messageId, { label: move.label });
    expect(last(ward).text).toContain("Ngày họp hiện tại");
    // A date typed to the main bot meanwhile is not the ward editor's answer.
    await stack.botApi.sendText(secretary.telegramId, newDate);
    expect(last(stack.botApi).text).not.toContain("HH:mm");
    // The ward's editor still waits for its date, and takes it.
    await ward.sendText(secretary.telegramId, newDate);
    expect(last(ward).text).toContain("HH:mm");
  });

  it("each bot keeps its own cap: two bots at 4/s each send 40 reminders with no 429, side by side", async () => {
    const stack = await createStack();
    const main = await seedCell(stack, { size: 20 });
    const other = await seedCell(stack, { size: 20 });
    // The second cell's members started the ward's bot.
    const ward = await wardFor(stack, other.members);
    // Telegram's ~30/s against the worker's 25/s, scaled down: 5/s per bot against 4/s.
    for (const api of [stack.botApi, ward]) api.enforceRateLimit({ perSecond: 5 });
    const worker = mainAndWardWorker(stack, 4);
    try {
      const due = new Date();
      const a = await dueReminders(stack, main.cell.id, due);
      const b = await dueReminders(stack, other.cell.id, due);
      const ids = [...a.rows, ...b.rows].map((r) => r.id);
      await waitUntil(
        async () =>
          (await stack.db.delivery.count({ where: { id: { in: ids }, status: "SENT" } })) === 40,
        30_000,
      );
      const failed = (api: LocalBotApi) => api.calls.filter((c) => !c.ok).length;
      expect([failed(stack.botApi), failed(ward)]).toEqual([0, 0]);
      for (const api of [stack.botApi, ward]) expect(api.peakSendRate()).toBeLessThanOrEqual(5);
      // Side by side: together they sent more in one second than either bot may alone.
      const both = [...stack.botApi.sendTimes(), ...ward.sendTimes()].sort((x, y) => x - y);
      const peak = Math.max(...both.map((t) => both.filter((u) => u >= t && u < t + 1000).length));
      expect(peak).toBeGreaterThan(5);
    } finally {
      await worker.close(true);
    }
  }, 60_000);

  it("a 429 on one bot holds back only that bot: the other's reminders go out meanwhile", async () => {
    const stack = await createStack();
    const main = await seedCell(stack, { size: 20 });
    const other = await seedCell(stack, { size: 20 });
    const ward = await wardFor(stack, [...other.members, other.committee]);
    // The main bot is told to wait 5 s (Telegram's flood control), for every send in those 5 s.
    stack.botApi.failWith({ status: 429, retryAfter: 5, forMs: 5_000 });
    const worker = mainAndWardWorker(stack, 25);
    try {
      const started = Date.now();
      const due = new Date();
      const a = await dueReminders(stack, main.cell.id, due);
      const b = await dueReminders(stack, other.cell.id, due);
      const sent = (rows: { id: string }[]) =>
        stack.db.delivery.count({ where: { id: { in: rows.map((r) => r.id) }, status: "SENT" } });
      await waitUntil(async () => (await sent(b.rows)) === b.rows.length, 20_000);
      // The ward's bot was not paused with the main one: its cell heard well before the 5 s passed.
      expect(Date.now() - started).toBeLessThan(4_000);
      await waitUntil(async () => (await sent(a.rows)) === a.rows.length, 30_000);
      expect(Date.now() - started).toBeGreaterThanOrEqual(5_000);
      for (const m of main.members)
        expect(stack.botApi.messagesSentTo(m.telegramId)).toHaveLength(1);
      for (const m of other.members) expect(ward.messagesSentTo(m.telegramId)).toHaveLength(1);
      const rows = await stack.db.delivery.findMany({
        where: { id: { in: [...a.rows, ...b.rows].map((r) => r.id) } },
      });
      expect(rows.every((d) => d.attempts === 1)).toBe(true);
      // Told to wait, the main bot waited: one 429 per send in flight, not a storm of them.
      expect(stack.botApi.calls.filter((c) => c.status === 429).length).toBeLessThanOrEqual(25);
    } finally {
      await worker.close(true);
    }
  }, 60_000);

  it("a paid broadcast goes past the free per-second limit and is counted", async () => {
    const stack = await createStack();
    stack.botApi.enforceRateLimit({ perSecond: 2, paidPerSecond: 50 });
    const { members } = await seedCell(stack, { size: 10 });
    const free = new TelegramMessenger(new Api(TEST_TOKEN, { apiRoot: stack.apiRoot }));
    const paid = new TelegramMessenger(new Api(TEST_TOKEN, { apiRoot: stack.apiRoot }), {
      paidBroadcast: true,
    });
    const sends = members.map((m) => paid.send(String(m.telegramId), { text: "Nhắc họp" }));
    expect((await Promise.allSettled(sends)).every((s) => s.status === "fulfilled")).toBe(true);
    expect(stack.botApi.paidMessages).toBe(10);
    // Without the flag, the third message in the same second meets the free limit.
    const unpaid = await Promise.allSettled(
      members.slice(0, 3).map((m) => free.send(String(m.telegramId), { text: "Nhắc họp" })),
    );
    expect(unpaid.filter((s) => s.status === "rejected").length).toBeGreaterThan(0);
  });
});
