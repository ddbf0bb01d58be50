// Two bot processes behind one webhook (two createBot instances, each with its own database pool,
// Redis connection and queue: nothing shared in memory) take concurrent presses on one roster.
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { createBot } from "../../../src/channels/telegram/bot.ts";
import { rosterKeyboard, rosterText } from "../../../src/channels/telegram/keyboards/roster.ts";
import { createDb } from "../../../src/db/client.ts";
import { createDeliveryQueue } from "../../../src/jobs/queues.ts";
import { queueDispatcher } from "../../../src/jobs/reconciler.ts";
import { shortId } from "../../../src/services/callback-data.ts";
import type { Services } from "../../../src/services/context.ts";
import { rosterView } from "../../../src/services/rollcall/index.ts";
import { createStack, REDIS_URL, seedCell, TEST_TOKEN } from "../../support/stack.ts";

const stack = await createStack();
const { botApi } = stack;

/** A second bot "process": its own Prisma pool, Redis connection, queue and bot instance. */
function secondProcess() {
  const db = createDb(stack.url, 5);
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queue = createDeliveryQueue({ connection: redis, prefix: stack.prefix });
  const services: Services = {
    ...stack.services,
    db,
    dispatcher: queueDispatcher(
      queue,
      stack.services.clock,
      stack.services.settings.dispatchHorizonMs,
    ),
  };
  afterAll(async () => {
    await queue.close();
    await redis.quit();
    await db.$disconnect();
  });
  return { services, redis };
}

const options = { botInfo: botApi.botInfo, apiRoot: stack.apiRoot };
const first = createBot(
  TEST_TOKEN,
  { services: stack.services, redis: stack.redis, redisPrefix: stack.prefix },
  options,
);
const other = secondProcess();
const second = createBot(
  TEST_TOKEN,
  { services: other.services, redis: other.redis, redisPrefix: stack.prefix },
  options,
);
// Network jitter between each process and Telegram: an edit sent first may arrive last.
for (const bot of [first, second]) {
  bot.api.config.use(async (prev, method, payload, signal) => {
    if (method === "editMessageText")
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 60));
    return prev(method, payload, signal);
  });
}
// The load balancer: updates alternate between the two processes.
let turn = 0;
botApi.onUpdate((update) => (turn++ % 2 === 0 ? first : second).handleUpdate(update));
stack.startDeliveryWorker();

/** A member's button as drawn on that message (it carries the mark it sets). */
const markData = (userId: number, messageId: number, meetingId: string, memberId: string) =>
  botApi
    .message(userId, messageId)!
    .buttons.flat()
    .find((b) => b.data?.startsWith(`rc:s:${shortId(meetingId)}:${shortId(memberId)}:`))!.data!;

async function cellWithMeeting(size: number) {
  const seeded = await seedCell(stack, { size });
  const meeting = await stack.db.meeting.create({
    data: {
      unitId: seeded.cell.id,
      startsAt: new Date(Date.now() + 30 * 60_000),
      plannedEndAt: new Date(Date.now() + 120 * 60_000),
      place: "Nhà văn hóa khu phố",
    },
  });
  return { ...seeded, meeting, secretary: seeded.members[0]!, deputy: seeded.members[1]! };
}

async function rosterOf(userId: number) {
  await botApi.sendText(userId, "/diemdanh");
  return botApi.messagesSentTo(userId).at(-1)!;
}

describe("two bot processes, one roster", () => {
  for (const round of [1, 2, 3, 4, 5]) {
    it(`round ${round}: concurrent presses on different members and the same member twice lose no mark; the roster ends as the database says`, async () => {
      const { meeting, members, committee, secretary, deputy } = await cellWithMeeting(10);
      const roster = await rosterOf(secretary.telegramId);
      const deputyRoster = await rosterOf(deputy.telegramId);
      const press = (userId: number, messageId: number, memberId: string) =>
        botApi.press(userId, messageId, {
          data: markData(userId, messageId, meeting.id, memberId),
        });

      // Members 1…9 and the guest once each; member 5 twice; member 2 also by the deputy.
      const presses = [
        ...members.slice(1).map((m) => press(secretary.telegramId, roster.messageId, m.id)),
        press(secretary.telegramId, roster.messageId, members[5]!.id),
        press(secretary.telegramId, roster.messageId, committee.id),
        press(deputy.telegramId, deputyRoster.messageId, members[2]!.id),
      ];
      const results = await Promise.all(presses);
      expect(results.every((r) => r.answer !== undefined)).toBe(true);

      // Every press counted; a button pressed twice (or by both leaders) sets the mark it carries
      // once: all present; nobody pressed the secretary.
      const marks = await stack.db.attendance.findMany({ where: { meetingId: meeting.id } });
      const statusOf = (memberId: string) => marks.find((a) => a.memberId === memberId)?.status;
      const expected = new Map<string, string | undefined>(
        members.map((m, i) => [m.id, i === 0 ? undefined : "PRESENT"]),
      );
      expected.set(committee.id, "PRESENT");
      for (const [memberId, status] of expected) expect(statusOf(memberId), memberId).toBe(status);
      expect(marks).toHaveLength(10);

      // The pressed message shows the final state, not the state some earlier press saw.
      const view = await rosterView(stack.services, meeting.id);
      const minRate = stack.services.settings.policy.minRate;
      const shown = botApi.message(secretary.telegramId, roster.messageId)!;
      expect(shown.text).toBe(rosterText(stack.services.t, view, minRate));
      expect(shown.buttons.flat().map((b) => b.label)).toEqual(
        rosterKeyboard(stack.services.t, view)!
          .inline_keyboard.flat()
          .map((b) => b.text),
      );
    });
  }
});
