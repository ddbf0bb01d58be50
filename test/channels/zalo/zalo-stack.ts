// The Zalo bot over HTTP: the local fake Zalo Bot API, the real webhook endpoint (Hono), the
// real services, Postgres and Redis; a delivery worker with both messengers.
import { Hono } from "hono";
import { afterAll } from "vitest";
import { ZaloBot } from "../../../src/channels/zalo/bot.ts";
import { ZaloClient, zaloBotId } from "../../../src/channels/zalo/client.ts";
import { ZaloMessenger } from "../../../src/channels/zalo/messenger.ts";
import { mountZaloWebhook, ZALO_WEBHOOK_PATH } from "../../../src/channels/zalo/webhook.ts";
import { LocalZaloApi } from "../../../src/sandbox/zalo-api/local-zalo-api.ts";
import { listen } from "../../../src/server/http.ts";
import { actorFor } from "../../../src/services/actors.ts";
import { createInvite } from "../../../src/services/invites.ts";
import { createStack, type StackOptions } from "../../support/stack.ts";

export const ZALO_TOKEN = "zalo-test-token-1234";
export const ZALO_SECRET = "zalo-webhook-secret-for-tests";

export async function createZaloStack(options: StackOptions = {}) {
  const stack = await createStack(options);
  const zaloApi = new LocalZaloApi({ token: ZALO_TOKEN, now: () => stack.services.clock.now() });
  const { apiRoot } = await zaloApi.start();
  const client = new ZaloClient(ZALO_TOKEN, { apiRoot });
  const messenger = new ZaloMessenger(client, stack.db, stack.services.t, stack.services.clock);
  const bot = new ZaloBot({
    services: stack.services,
    botId: zaloBotId(ZALO_TOKEN),
    messenger,
  });
  const app = new Hono();
  mountZaloWebhook(app, bot, ZALO_SECRET);
  const server = await listen(app, 0);
  const webhookUrl = `http://127.0.0.1:${server.port}${ZALO_WEBHOOK_PATH}`;
  // Zalo calls https webhooks only: the public address stands for the proxy in front of the bot.
  const publicWebhookUrl = zaloApi.exposeWebhook(webhookUrl);
  await client.setWebhook(publicWebhookUrl, ZALO_SECRET);
  afterAll(async () => {
    await server.close();
    await zaloApi.stop();
  });

  function startBothWorker() {
    return stack.startDeliveryWorker(1000, {
      messengers: { ZALO: messenger },
      perChatIntervalMs: 1,
    });
  }

  /** Types text as this Zalo user; returns the bot's messages sent in reply. */
  async function say(userId: string, text: string) {
    const before = zaloApi.chat(userId).length;
    await zaloApi.sendText(userId, text);
    return zaloApi
      .chat(userId)
      .slice(before)
      .filter((m) => m.from === "bot")
      .map((m) => m.text);
  }

  const lastText = (userId: string) => zaloApi.messagesSentTo(userId).at(-1)?.text ?? "";

  /** Links a Zalo user the way a person does: the secretary's invite code, sent as text. */
  async function linkZalo(zaloId: string, memberId: string, secretaryTelegramId: number) {
    const secretary = (await actorFor(stack.db, "TELEGRAM", String(secretaryTelegramId)))!;
    const { code } = await createInvite(stack.services, secretary, memberId);
    const member = await stack.db.member.findUniqueOrThrow({ where: { id: memberId } });
    zaloApi.addUser({ id: zaloId, name: member.fullName });
    return say(zaloId, code);
  }

  return {
    ...stack,
    zaloApi,
    zaloApiRoot: apiRoot,
    client,
    messenger,
    bot,
    webhookUrl,
    publicWebhookUrl,
    say,
    lastText,
    linkZalo,
    startBothWorker,
  };
}
