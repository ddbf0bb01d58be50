// The real bot over HTTP against the local Bot API, updates handled in-process and awaited.
import { createBot } from "../../src/channels/telegram/bot.ts";
import { actorFor } from "../../src/services/actors.ts";
import { createInvite } from "../../src/services/invites.ts";
import { createStack, type StackOptions, TEST_TOKEN } from "./stack.ts";

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

  return { ...stack, bot, say, press, lastBotMessage, actorOf, link };
}
