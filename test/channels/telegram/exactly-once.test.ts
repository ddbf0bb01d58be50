// Telegram delivers a webhook update again when it got no 200 in time (or the bot answered 5xx),
// with the same update_id. Each update must count once — and an update whose handler died must
// not be lost. The bot here is the real one behind the real webhook route, on a Redis of its own
// that the test stops and starts.
import type { Update } from "grammy/types";
import { Hono } from "hono";
import { afterAll, describe, expect, it } from "vitest";
import { createBot } from "../../../src/channels/telegram/bot.ts";
import { rosterKeyboard } from "../../../src/channels/telegram/keyboards/roster.ts";
import { listen } from "../../../src/server/http.ts";
import { mountWebhook, WEBHOOK_PATH } from "../../../src/server/webhook.ts";
import { actorFor } from "../../../src/services/actors.ts";
import { answerButtonData } from "../../../src/services/callback-data.ts";
import {
  closeRollCall,
  markMember,
  openRollCall,
  rosterView,
} from "../../../src/services/rollcall/index.ts";
import { startPrivateRedis } from "../../support/private-redis.ts";
import { createStack, seedCell, TEST_TOKEN, waitUntil } from "../../support/stack.ts";

const SECRET = "exactly-once-webhook-secret";
let redis = await startPrivateRedis();
afterAll(() => redis.stop()); // registered first: runs after the stack has closed its clients
const s = await createStack({ redisUrl: redis.url, settings: { updateLeaseMs: 3_000 } });
// Redis is stopped on purpose below: its clients say so on every reconnect attempt.
s.redis.on("error", () => undefined);
s.queue.on("error", () => undefined);
const bot = createBot(
  TEST_TOKEN,
  { services: s.services, redis: s.redis, redisPrefix: s.prefix },
  { botInfo: s.botApi.botInfo, apiRoot: s.apiRoot },
);
const app = new Hono();
mountWebhook(app, bot, SECRET);
const server = await listen(app, 0);
const webhook = `http://127.0.0.1:${server.port}${WEBHOOK_PATH}`;
afterAll(() => server.close());

/** Telegram's side: POST the update to the webhook with the secret, as many times as it likes. */
async function post(update: Update): Promise<number> {
  const res = await fetch(webhook, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "X-Telegram-Bot-Api-Secret-Token": SECRET,
    },
    body: JSON.stringify(update),
  });
  await res.arrayBuffer();
  return res.status;
}

// Every update a person causes goes to the webhook; the test keeps each (to deliver it again)
// and the request in flight (a press does not wait for the bot, as in real life).
const delivered: Update[] = [];
const inFlight: Promise<number>[] = [];
s.botApi.onUpdate(async (update) => {
  delivered.push(update);
  inFlight.push(post(update));
});
const lastUpdate = () => delivered.at(-1)!;

async function reminderTo(telegramId: number, meetingId: string) {
  return s.api.sendMessage(telegramId, "Nhắc họp", {
    reply_markup: {
      inline_keyboard: [
        [
          { text: "✅ Tham dự", callback_data: answerButtonData(meetingId, true) },
          { text: "❌ Vắng (có lý do)", callback_data: answerButtonData(meetingId, false) },
        ],
      ],
    },
  });
}

async function cellWithMeeting(startsInMinutes: number) {
  const seeded = await seedCell(s, { size: 4 });
  const startsAt = new Date(Date.now() + startsInMinutes * 60_000);
  const meeting = await s.db.meeting.create({
    data: {
      unitId: seeded.cell.id,
      startsAt,
      plannedEndAt: new Date(startsAt.getTime() + 90 * 60_000),
      place: "Nhà văn hóa khu phố",
    },
  });
  return { ...seeded, meeting, secretary: seeded.members[0]! };
}

const botTexts = (telegramId: number, text: string) =>
  s.botApi.messagesSentTo(telegramId).filter((m) => m.text.includes(text));

describe("each update exactly once", () => {
  it("a Vắng press delivered twice asks for the reason once", async () => {
    const { meeting, members } = await cellWithMeeting(24 * 60);
    const member = members[2]!;
    const reminder = await reminderTo(member.telegramId, meeting.id);
    await s.botApi.press(member.telegramId, reminder.message_id, { label: "❌ Vắng (có lý do)" });
    expect(await inFlight.at(-1)).toBe(200);
    const asked = botTexts(member.telegramId, "lý do").length;
    expect(asked).toBe(1);

    // Telegram's redelivery of the same update_id: acknowledged, not handled again.
    expect(await post(lastUpdate())).toBe(200);
    expect(botTexts(member.telegramId, "lý do")).toHaveLength(asked);
    const row = await s.db.processedUpdate.findFirstOrThrow({
      where: { updateId: String(lastUpdate().update_id) },
    });
    expect(row).toMatchObject({ platform: "TELEGRAM", status: "DONE", attempts: 1 });
  });

  it("Redis down: a correction press and its redelivery are applied once, when Redis is back", async () => {
    const { meeting, members, secretary } = await cellWithMeeting(-10);
    const actor = (await actorFor(s.db, "TELEGRAM", String(secretary.telegramId)))!;
    await openRollCall(s.services, actor);
    for (const m of members) await markMember(s.services, actor, meeting.id, m.id, "present");
    await closeRollCall(s.services, actor, meeting.id);
    const view = await rosterView(s.services, meeting.id);
    const roster = await s.api.sendMessage(secretary.telegramId, "Điểm danh", {
      reply_markup: rosterKeyboard(s.services.t, view)!,
    });
    const target = members[2]!;
    const button = s.botApi
      .message(secretary.telegramId, roster.message_id)!
      .buttons.flat()
      .find((b) => b.label.endsWith(target.fullName))!;

    await redis.stop();
    await s.botApi.press(secretary.telegramId, roster.message_id, { data: button.data! });
    const first = inFlight.at(-1)!;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    // Telegram got no answer: it delivers the same update again while the first still waits.
    const again = post(lastUpdate());
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    redis = await startPrivateRedis(redis.port);

    expect(await first).toBe(200);
    expect([200, 503]).toContain(await again);
    expect(await post(lastUpdate())).toBe(200); // and once more, later
    const mark = await s.db.attendance.findUniqueOrThrow({
      where: { meetingId_memberId: { meetingId: meeting.id, memberId: target.id } },
    });
    expect(mark.status).toBe("EXCUSED");
    expect(
      await s.db.auditLog.count({ where: { action: "rollcall.correction", entityId: meeting.id } }),
    ).toBe(1);
  });

  it("an update whose handler died (its claim's lease ran out) is handled when delivered again", async () => {
    const { meeting, members } = await cellWithMeeting(24 * 60);
    const member = members[3]!;
    const reminder = await reminderTo(member.telegramId, meeting.id);
    // The update arrives, but this time the bot process dies right after claiming it…
    s.botApi.onUpdate(async (update) => {
      delivered.push(update);
    });
    await s.botApi.press(member.telegramId, reminder.message_id, { label: "✅ Tham dự" });
    const update = lastUpdate();
    await s.db.processedUpdate.create({
      data: {
        platform: "TELEGRAM",
        bot: String(s.botApi.botInfo.id),
        updateId: String(update.update_id),
        claimedAt: new Date(),
        leaseUntil: new Date(Date.now() + 1_000),
      },
    });
    // …so Telegram gets no answer and delivers it again: handled once the dead claim expires.
    expect(await post(update)).toBe(200);
    await waitUntil(
      async () => (await s.db.answer.count({ where: { meetingId: meeting.id } })) === 1,
    );
    const answer = await s.db.answer.findFirstOrThrow({ where: { meetingId: meeting.id } });
    expect(answer).toMatchObject({ memberId: member.id, kind: "ATTENDING" });
    const row = await s.db.processedUpdate.findFirstOrThrow({
      where: { updateId: String(update.update_id) },
    });
    expect(row).toMatchObject({ status: "DONE", attempts: 2 });
  });
});
