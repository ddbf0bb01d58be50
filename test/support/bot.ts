// The real bot over HTTP against the local Bot API, updates handled in-process and awaited.
import { createBot } from "../../src/channels/telegram/bot.ts";
import { actorFor } from "../../src/services/actors.ts";
import { createInvite } from "../../src/services/invites.ts";
import { syncReminders } from "../../src/services/planner.ts";
import { createStack, type StackOptions, seedCell, TEST_TOKEN, waitUntil } from "./stack.ts";

export async function createBotStack(options: StackOptions = {}) {
  const stack = await createStack(options);
  const bot = createBot(
    TEST_TOKEN,
    { services: stack.services, redis: stack.redis, redisPrefix: stack.prefix },
    { botInfo: stack.botApi.botInfo, apiRoot: stack.apiRoot },
  );
  stack.botApi.onUpdate((update) => bot.handleUpdate(update));
  const { botApi } = stack;

  /** What a person sees: the last bot message in their chat. */
  const lastBotMessage = (userId: number) =>
    botApi
      .chat(userId)
      .filter((m) => m.from === "bot")
      .at(-1)!;

  /** Types text as this person and returns the bot's messages sent in reply. */
  async function say(userId: number, text: string) {
    const before = botApi.chat(userId).length;
    await botApi.sendText(userId, text);
    return botApi
      .chat(userId)
      .slice(before)
      .filter((m) => m.from === "bot");
  }

  /** Presses a button (by its label) on a bot message; returns the toast/alert text, if any. */
  async function press(userId: number, messageId: number, label: string) {
    const result = await botApi.press(userId, messageId, { label });
    return result.answer?.text;
  }

  async function actorOf(telegramId: number) {
    return (await actorFor(stack.db, "TELEGRAM", String(telegramId)))!;
  }

  /** Links a Telegram user to a member the way a person does: the secretary's invite, then /start. */
  async function link(telegramId: number, memberId: string, secretaryTelegramId: number) {
    const { code } = await createInvite(
      stack.services,
      await actorOf(secretaryTelegramId),
      memberId,
    );
    return say(telegramId, `/start ${code}`);
  }

  /**
   * A seeded cell with a meeting whose first reminder has reached every member and the committee
   * member in charge (the delivery worker must run). `beforeReminders` writes what must be known
   * when the reminders are planned (e.g. answers).
   */
  async function remindedCell(
    options: {
      size?: number;
      startsAt?: Date;
      place?: string | null;
      beforeReminders?: (meetingId: string, members: { id: string }[]) => Promise<unknown>;
    } = {},
  ) {
    const size = options.size ?? 4;
    const startsAt = options.startsAt ?? new Date("2026-12-06T12:30:00Z");
    const seeded = await seedCell(stack, { size });
    const meeting = await stack.db.meeting.create({
      data: {
        unitId: seeded.cell.id,
        startsAt,
        plannedEndAt: new Date(startsAt.getTime() + 90 * 60_000),
        place: options.place === undefined ? "Nhà văn hóa khu phố" : options.place,
      },
    });
    await options.beforeReminders?.(meeting.id, seeded.members);
    await syncReminders(stack.services, seeded.cell.id);
    await waitUntil(
      async () =>
        (await stack.db.delivery.count({ where: { meetingId: meeting.id, status: "SENT" } })) ===
        size + 1,
    );
    return { ...seeded, meeting };
  }

  return { ...stack, bot, say, press, lastBotMessage, actorOf, link, remindedCell };
}
