import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type Conversation,
  type ConversationFlavor,
  conversations,
  createConversation,
} from "@grammyjs/conversations";
import {
  Bot,
  type Context,
  GrammyError,
  HttpError,
  InlineKeyboard,
  InputFile,
  webhookCallback,
} from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  LocalBotApi,
  UserActionError,
  WebhookDeliveryError,
} from "../../../src/sandbox/telegram-api/local-bot-api.ts";

const LAN = 1001; // a member of the cell
const MINH = 1002; // the secretary
const CELL_GROUP = -100_200;

let clock: Date;
let api: LocalBotApi;
let apiRoot: string;
let bot: Bot;

beforeEach(async () => {
  clock = new Date("2026-12-01T08:00:00Z");
  api = new LocalBotApi({ now: () => clock });
  ({ apiRoot } = await api.start());
  // Both have chatted with the bot before (pressed Start): the bot may write to them first.
  api.addUser({
    id: LAN,
    first_name: "Lan",
    last_name: "Nguyễn",
    language_code: "vi",
    started: true,
  });
  api.addUser({ id: MINH, first_name: "Minh", username: "minh_bt", started: true });
  api.addGroup({ id: CELL_GROUP, title: "Chi bộ khu phố 3", members: [LAN, MINH] });
  bot = new Bot(api.token, { botInfo: api.botInfo, client: { apiRoot } });
});

afterEach(async () => {
  await api.stop();
});

const attendanceKeyboard = () => new InlineKeyboard().text("Có", "att:yes").text("Vắng", "att:no");

/** Wires the user side straight into grammY, as most bot tests do. */
const deliverTo = (target: Bot<Context> | Bot<ConversationFlavor<Context>>): void =>
  api.onUpdate((update) => target.handleUpdate(update));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("what the member sees", () => {
  it("a message with an inline keyboard appears in the member's chat", async () => {
    await bot.api.sendMessage(LAN, "Họp chi bộ 05/12: đồng chí dự họp không?", {
      reply_markup: attendanceKeyboard(),
    });
    expect(api.chat(LAN)).toMatchObject([
      {
        messageId: 1,
        from: "bot",
        text: "Họp chi bộ 05/12: đồng chí dự họp không?",
        buttons: [
          [
            { label: "Có", data: "att:yes" },
            { label: "Vắng", data: "att:no" },
          ],
        ],
        edited: false,
        date: clock,
      },
    ]);
  });

  it("HTML is shown as plain text with the source kept", async () => {
    await bot.api.sendMessage(LAN, "<b>Họp chi bộ</b> &amp; sinh hoạt chuyên đề", {
      parse_mode: "HTML",
    });
    expect(api.chat(LAN)[0]).toMatchObject({
      text: "Họp chi bộ & sinh hoạt chuyên đề",
      html: "<b>Họp chi bộ</b> &amp; sinh hoạt chuyên đề",
      entities: [{ type: "bold", offset: 0, length: 10 }],
    });
  });

  it("bot and member messages share one numbering per chat", async () => {
    await bot.api.sendMessage(LAN, "Xin chào");
    await api.sendText(LAN, "Chào bot");
    await bot.api.sendMessage(LAN, "Bạn cần gì?");
    expect(api.chat(LAN).map((m) => [m.messageId, m.from])).toEqual([
      [1, "bot"],
      [2, "user"],
      [3, "bot"],
    ]);
  });

  it("a deleted message leaves the chat", async () => {
    const sent = await bot.api.sendMessage(LAN, "Tin nhầm");
    await bot.api.deleteMessage(LAN, sent.message_id);
    expect(api.chat(LAN)).toEqual([]);
  });

  it("a message older than 48 hours can no longer be deleted (the sandbox clock decides)", async () => {
    const sent = await bot.api.sendMessage(LAN, "Nhắc họp");
    clock = new Date(clock.getTime() + 49 * 3600_000);
    await expect(bot.api.deleteMessage(LAN, sent.message_id)).rejects.toMatchObject({
      error_code: 400,
      description: "Bad Request: message can't be deleted for everyone",
    });
  });

  it("a typed /command reaches bot.command with its argument", async () => {
    let code = "";
    bot.command("start", (ctx) => {
      code = ctx.match;
    });
    deliverTo(bot);
    await api.sendText(LAN, "/start inv-7f3k");
    expect(code).toBe("inv-7f3k");
  });

  it("in a group, a bot in privacy mode does not see ordinary chatter", async () => {
    const seen: string[] = [];
    bot.on("message:text", (ctx) => {
      seen.push(ctx.message.text);
    });
    deliverTo(bot);
    await api.sendText(LAN, "Mai mấy giờ họp?", CELL_GROUP);
    await api.sendText(LAN, "/lichhop", CELL_GROUP);
    expect(seen).toEqual(["/lichhop"]);
  });

  it("pressing a button that is not on the message is refused before reaching the bot", async () => {
    const sent = await bot.api.sendMessage(LAN, "Dự họp?", { reply_markup: attendanceKeyboard() });
    await expect(api.press(LAN, sent.message_id, { label: "Có lẽ" })).rejects.toMatchObject({
      code: "unknown_button",
    });
  });
});

describe("buttons and callback queries", () => {
  it("a press reaches the handler, which edits the message in place and answers", async () => {
    bot.callbackQuery("att:yes", async (ctx) => {
      await ctx.editMessageText("Đã ghi: đồng chí Lan dự họp");
      await ctx.answerCallbackQuery({ text: "Cảm ơn đồng chí" });
    });
    deliverTo(bot);
    const sent = await bot.api.sendMessage(LAN, "Dự họp?", { reply_markup: attendanceKeyboard() });
    const press = await api.press(LAN, sent.message_id, { label: "Có" });
    expect({ chat: api.chat(LAN), toast: press.answer?.text }).toMatchObject({
      // Telegram drops the keyboard when editMessageText comes without reply_markup.
      chat: [
        {
          messageId: sent.message_id,
          text: "Đã ghi: đồng chí Lan dự họp",
          edited: true,
          buttons: [],
        },
      ],
      toast: "Cảm ơn đồng chí",
    });
  });

  it("answering the same press twice is refused as too old", async () => {
    let second: unknown;
    bot.callbackQuery("att:no", async (ctx) => {
      await ctx.answerCallbackQuery();
      second = await ctx.answerCallbackQuery().catch((error: unknown) => error);
    });
    deliverTo(bot);
    const sent = await bot.api.sendMessage(LAN, "Dự họp?", { reply_markup: attendanceKeyboard() });
    await api.press(LAN, sent.message_id, { data: "att:no" });
    expect(second).toMatchObject({
      error_code: 400,
      description:
        "Bad Request: query is too old and response timeout expired or query ID is invalid",
    });
  });

  it("an edit that changes nothing is refused as not modified", async () => {
    const sent = await bot.api.sendMessage(LAN, "Danh sách dự họp", {
      reply_markup: attendanceKeyboard(),
    });
    await expect(
      bot.api.editMessageReplyMarkup(LAN, sent.message_id, { reply_markup: attendanceKeyboard() }),
    ).rejects.toMatchObject({
      error_code: 400,
      description: expect.stringMatching(/^Bad Request: message is not modified/),
    });
  });
});

describe("conversations over HTTP", () => {
  type MyContext = ConversationFlavor<Context>;

  it("a conversation asks for a reason and records the reply", async () => {
    const convBot = new Bot<MyContext>(api.token, { botInfo: api.botInfo, client: { apiRoot } });
    const recorded: string[] = [];
    async function absenceReason(conversation: Conversation<MyContext, Context>, ctx: Context) {
      await ctx.reply("Lý do vắng mặt của đồng chí?");
      const answer = await conversation.waitFor("message:text");
      await conversation.external(() => recorded.push(answer.message.text));
      await answer.reply("Đã ghi lý do, cảm ơn đồng chí.");
    }
    convBot.use(conversations());
    convBot.use(createConversation(absenceReason, "absenceReason"));
    convBot.command("vang", (ctx) => ctx.conversation.enter("absenceReason"));
    deliverTo(convBot);

    await api.sendText(LAN, "/vang");
    await api.sendText(LAN, "Đi công tác Đà Nẵng");

    expect({ recorded, bot: api.messagesSentTo(LAN).map((m) => m.text) }).toEqual({
      recorded: ["Đi công tác Đà Nẵng"],
      bot: ["Lý do vắng mặt của đồng chí?", "Đã ghi lý do, cảm ơn đồng chí."],
    });
  });
});

describe("documents", () => {
  it("a CSV sent with sendDocument keeps its file name and bytes", async () => {
    const csv = "họ tên,có mặt\nNguyễn Lan,1\nTrần Minh,0\n";
    await bot.api.sendDocument(LAN, new InputFile(Buffer.from(csv), "điểm-danh-12-2026.csv"), {
      caption: "Biên bản điểm danh",
    });
    const [entry] = api.chat(LAN);
    expect({
      name: entry?.file?.name,
      mimeType: entry?.file?.mimeType,
      content: Buffer.from(entry?.file?.bytes ?? []).toString("utf8"),
      caption: entry?.text,
    }).toEqual({
      name: "điểm-danh-12-2026.csv",
      mimeType: "text/csv",
      content: csv,
      caption: "Biên bản điểm danh",
    });
  });
});

describe("validation, as Telegram answers it", () => {
  // 21 letters of 3 bytes + "x:" = 65 bytes in 23 characters: short in letters, too long in bytes.
  const vietnameseData = `x:${"ữ".repeat(21)}`;

  it.each([
    {
      rule: "text longer than 4096 characters",
      send: () => bot.api.sendMessage(LAN, "a".repeat(4097)),
      code: 400,
      description: "Bad Request: message is too long",
    },
    {
      rule: "text that is only whitespace",
      send: () => bot.api.sendMessage(LAN, "  \n "),
      code: 400,
      description: "Bad Request: message text is empty",
    },
    {
      rule: "callback_data of 65 bytes in Vietnamese letters",
      send: () =>
        bot.api.sendMessage(LAN, "Chọn", {
          reply_markup: new InlineKeyboard().text("Lý do", vietnameseData),
        }),
      code: 400,
      description: "Bad Request: BUTTON_DATA_INVALID",
    },
    {
      rule: "a chat the bot has never seen",
      send: () => bot.api.sendMessage(424242, "Xin chào"),
      code: 400,
      description: "Bad Request: chat not found",
    },
    {
      rule: "editing a message that does not exist",
      send: () => bot.api.editMessageText(LAN, 99, "Sửa"),
      code: 400,
      description: "Bad Request: message to edit not found",
    },
    {
      rule: "unescaped < in HTML",
      send: () => bot.api.sendMessage(LAN, "Điểm < 5", { parse_mode: "HTML" }),
      code: 400,
      description: 'Bad Request: can\'t parse entities: Unsupported start tag "" at byte offset 8',
    },
  ])("refuses $rule", async ({ send, code, description }) => {
    const error = await send().catch((e: unknown) => e);
    expect(
      error instanceof GrammyError && { code: error.error_code, description: error.description },
    ).toEqual({
      code,
      description,
    });
  });

  it("the callback_data case really is 65 bytes but fewer than 64 characters", () => {
    expect([Buffer.byteLength(vietnameseData), vietnameseData.length]).toEqual([65, 23]);
  });

  it.each([
    { rule: "4096 characters", text: "a".repeat(4096), data: "ok" },
    { rule: "64-byte callback_data", text: "Chọn", data: `${"ữ".repeat(21)}x` },
  ])("accepts exactly the limit: $rule", async ({ text, data }) => {
    await bot.api.sendMessage(LAN, text, { reply_markup: new InlineKeyboard().text("Nút", data) });
    expect(api.messagesSentTo(LAN)).toHaveLength(1);
  });

  it("a member who blocked the bot cannot be written to (403)", async () => {
    await api.block(LAN);
    await expect(bot.api.sendMessage(LAN, "Nhắc họp")).rejects.toMatchObject({
      error_code: 403,
      description: "Forbidden: bot was blocked by the user",
    });
  });

  it("the bot cannot write first to someone who never pressed Start (403)", async () => {
    api.addUser({ id: 1004, first_name: "Hoa", started: false });
    await expect(bot.api.sendMessage(1004, "Mời đồng chí tham gia")).rejects.toMatchObject({
      error_code: 403,
      description: "Forbidden: bot can't initiate conversation with a user",
    });
  });

  it("blocking the bot tells it through my_chat_member", async () => {
    let status = "";
    bot.on("my_chat_member", (ctx) => {
      status = ctx.myChatMember.new_chat_member.status;
    });
    deliverTo(bot);
    await api.block(LAN);
    expect(status).toBe("kicked");
  });

  it("a wrong token is refused with 401", async () => {
    const stranger = new Bot("123:not-our-token", { botInfo: api.botInfo, client: { apiRoot } });
    await expect(stranger.api.getMe()).rejects.toMatchObject({
      error_code: 401,
      description: "Unauthorized",
    });
  });

  it("a method the server does not know answers 404 Not Found", async () => {
    await expect(bot.api.sendSticker(LAN, "CAACAgIAAxkBAAE")).rejects.toMatchObject({
      error_code: 404,
      description: "Not Found",
    });
  });

  it("a form-encoded call works like a JSON one", async () => {
    const body = new URLSearchParams({
      chat_id: String(LAN),
      text: "Gửi bằng form",
      reply_markup: JSON.stringify({ inline_keyboard: [[{ text: "OK", callback_data: "ok" }]] }),
    });
    const response = await fetch(`${apiRoot}/bot${api.token}/sendMessage`, {
      method: "POST",
      body,
    });
    expect({ status: response.status, buttons: api.chat(LAN)[0]?.buttons }).toEqual({
      status: 200,
      buttons: [[{ label: "OK", data: "ok" }]],
    });
  });
});

describe("faults for reliability tests", () => {
  it("429 with retry_after during the window, then the send goes through", async () => {
    api.failWith({ status: 429, retryAfter: 2, forMs: 200, methods: ["sendMessage"] });
    const refused = await bot.api.sendMessage(LAN, "Nhắc họp").catch((e: unknown) => e);
    await sleep(250);
    await bot.api.sendMessage(LAN, "Nhắc họp");
    expect({
      refused: refused instanceof GrammyError && [
        refused.error_code,
        refused.parameters.retry_after,
      ],
      delivered: api.messagesSentTo(LAN).length,
    }).toEqual({ refused: [429, 2], delivered: 1 });
  });

  it("a fault on sending leaves other methods alone", async () => {
    api.failWith({ status: 500, forMs: 10_000 });
    await expect(bot.api.getMe()).resolves.toMatchObject({ id: api.botInfo.id });
  });

  it("500 stores nothing", async () => {
    api.failWith({ status: 500, count: 1 });
    await expect(bot.api.sendMessage(LAN, "Nhắc họp")).rejects.toMatchObject({
      error_code: 500,
      description: "Internal Server Error",
    });
    expect(api.chat(LAN)).toEqual([]);
  });

  it("a dropped response is an HttpError in grammY, yet the message reached the chat", async () => {
    api.dropResponses({ count: 1 });
    const error = await bot.api.sendMessage(LAN, "Nhắc họp").catch((e: unknown) => e);
    expect({
      httpError: error instanceof HttpError,
      chat: api.chat(LAN).map((m) => m.text),
    }).toEqual({
      httpError: true,
      chat: ["Nhắc họp"],
    });
  });

  it("the rate limit answers 429 to a second message to one chat within a second", async () => {
    api.enforceRateLimit({ perChatPerSecond: 1, perChatBurst: 1 });
    await bot.api.sendMessage(LAN, "Một");
    await expect(bot.api.sendMessage(LAN, "Hai")).rejects.toMatchObject({
      error_code: 429,
      parameters: { retry_after: 1 },
    });
  });

  it("send times let a test measure the peak rate", async () => {
    await Promise.all([1, 2, 3].map((n) => bot.api.sendMessage(LAN, `Tin ${n}`)));
    await bot.api.sendMessage(MINH, "Tin riêng");
    expect([api.peakSendRate(1000), api.peakSendRate(1000, MINH)]).toEqual([4, 1]);
  });
});

describe("webhook delivery", () => {
  let hookServer: Server | undefined;
  let hookUrl: string;

  /** The bot's own webhook endpoint, as production runs it. */
  const listen = async (secretToken: string) => {
    const handle = webhookCallback(bot, "http", { secretToken });
    const server = createServer((req, res) => {
      handle(req, res).catch(() => {
        res.statusCode = 500;
        res.end();
      });
    });
    hookServer = server;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    // Telegram calls https only: the fake's exposed address stands for the proxy in front of the bot.
    hookUrl = api.exposeWebhook(
      `http://127.0.0.1:${(server.address() as AddressInfo).port}/telegram`,
    );
  };

  afterEach(async () => {
    const server = hookServer;
    hookServer = undefined;
    if (server !== undefined) await new Promise((resolve) => server.close(resolve));
  });

  it("a press resolves only after the bot's handler has finished", async () => {
    let finished = false;
    bot.callbackQuery("att:yes", async (ctx) => {
      await sleep(100);
      await ctx.editMessageText("Đã ghi: có mặt");
      finished = true;
    });
    await listen("s3cret_token");
    await bot.api.setWebhook(hookUrl, { secret_token: "s3cret_token" });
    const sent = await bot.api.sendMessage(LAN, "Dự họp?", { reply_markup: attendanceKeyboard() });
    await api.press(LAN, sent.message_id, { label: "Có" });
    expect({ finished, text: api.chat(LAN)[0]?.text }).toEqual({
      finished: true,
      text: "Đã ghi: có mặt",
    });
  });

  it("a wrong secret is refused by grammY and the handler never runs", async () => {
    let handled = false;
    bot.on("message", () => {
      handled = true;
    });
    await listen("the_right_one");
    await bot.api.setWebhook(hookUrl, { secret_token: "a_wrong_one" });
    const error = await api.sendText(LAN, "Xin chào").catch((e: unknown) => e);
    expect({ status: error instanceof WebhookDeliveryError && error.status, handled }).toEqual({
      status: 401,
      handled: false,
    });
  });

  it("a method call returned in the webhook response is performed before the press resolves", async () => {
    const replyingBot = new Bot(api.token, {
      botInfo: api.botInfo,
      client: { apiRoot, canUseWebhookReply: (method) => method === "answerCallbackQuery" },
    });
    replyingBot.callbackQuery("att:yes", (ctx) => ctx.answerCallbackQuery({ text: "Đã ghi" }));
    bot = replyingBot;
    await listen("s3cret_token");
    await bot.api.setWebhook(hookUrl, { secret_token: "s3cret_token" });
    const sent = await bot.api.sendMessage(LAN, "Dự họp?", { reply_markup: attendanceKeyboard() });
    const press = await api.press(LAN, sent.message_id, { label: "Có" });
    expect(press.answer?.text).toBe("Đã ghi");
  });

  it("getUpdates is refused with 409 while a webhook is set", async () => {
    await bot.api.setWebhook(api.exposeWebhook("http://127.0.0.1:9/telegram"));
    await expect(bot.api.getUpdates()).rejects.toMatchObject({ error_code: 409 });
  });
});

describe("long polling", () => {
  it("bot.start() receives a message the member typed and replies", async () => {
    bot.on("message:text", (ctx) => ctx.reply(`Đã nhận: ${ctx.message.text}`));
    const started = new Promise<void>((resolve) => {
      void bot.start({ onStart: () => resolve() });
    });
    await started;
    await api.sendText(LAN, "Có mặt");
    await api.waitFor(() => api.messagesSentTo(LAN).length === 1);
    await bot.stop();
    expect(api.messagesSentTo(LAN)[0]?.text).toBe("Đã nhận: Có mặt");
  });

  it("the next getUpdates confirms a handled update, which then leaves the queue", async () => {
    let handled = false;
    bot.on("message:text", () => {
      handled = true;
    });
    await new Promise<void>((resolve) => {
      void bot.start({ onStart: () => resolve() });
    });
    const { updateId } = await api.sendText(LAN, "Có mặt");
    await api.waitUntilConfirmed(updateId, 2000);
    await bot.stop();
    expect({ handled, pending: api.pendingUpdates().length }).toEqual({
      handled: true,
      pending: 0,
    });
  });
});

describe("commands menu", () => {
  it("a chat-scoped command list wins over the default one for that member", async () => {
    await bot.api.setMyCommands([{ command: "lichhop", description: "Lịch họp" }]);
    await bot.api.setMyCommands(
      [
        { command: "lichhop", description: "Lịch họp" },
        { command: "diemdanh", description: "Điểm danh" },
      ],
      { scope: { type: "chat", chat_id: MINH } },
    );
    expect([api.commandsFor(LAN).length, api.commandsFor(MINH).length]).toEqual([1, 2]);
  });

  it("getMyCommands answers the list stored for exactly that scope", async () => {
    await bot.api.setMyCommands([{ command: "lichhop", description: "Lịch họp" }], {
      scope: { type: "all_private_chats" },
    });
    await expect(bot.api.getMyCommands()).resolves.toEqual([]);
  });
});

describe("reset", () => {
  it("forgets the people and chats", async () => {
    api.reset();
    await expect(bot.api.sendMessage(LAN, "Xin chào")).rejects.toMatchObject({
      description: "Bad Request: chat not found",
    });
  });
});

describe("user-side mistakes", () => {
  it("a person not in the group cannot write in it", async () => {
    api.addUser({ id: 1003, first_name: "Hùng" });
    await expect(api.sendText(1003, "Xin chào", CELL_GROUP)).rejects.toBeInstanceOf(
      UserActionError,
    );
  });
});
