// The local Bot API against what Telegram really does: each refusal with the server's own error
// text, each accepted oddity shown as Telegram shows it, and webhook delivery as the Bot API server
// performs it (per-queue order, queues in parallel, retries with back-off under the same update id).
// Sources are named in src/sandbox/limits.ts.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Bot, GrammyError, InlineKeyboard } from "grammy";
import type { Update } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TELEGRAM_LIMITS } from "../../../src/sandbox/limits.ts";
import {
  LocalBotApi,
  UserActionError,
  WebhookDeliveryError,
} from "../../../src/sandbox/telegram-api/local-bot-api.ts";

const LAN = 2001;
const MINH = 2002;
const GROUP = -100_300;

let api: LocalBotApi;
let bot: Bot;

beforeEach(async () => {
  // Telegram waits 60 s; 1.5 s here, which a loaded machine's first answer still makes.
  api = new LocalBotApi({ webhookTimeoutMs: 1_500 });
  const { apiRoot } = await api.start();
  // Both have written to the bot before: it may write to them first.
  api.addUser({ id: LAN, first_name: "Lan", started: true });
  api.addUser({ id: MINH, first_name: "Minh", started: true });
  api.addGroup({ id: GROUP, title: "Chi bộ 3", members: [LAN, MINH] });
  bot = new Bot(api.token, { botInfo: api.botInfo, client: { apiRoot } });
});

const servers: Server[] = [];
afterEach(async () => {
  await api.stop();
  await Promise.all(
    servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))),
  );
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function refusal(call: () => Promise<unknown>) {
  const error = await call().then(
    () => undefined,
    (e: unknown) => e,
  );
  return error instanceof GrammyError
    ? { code: error.error_code, description: error.description }
    : error;
}

const TOO_LONG = { code: 400, description: "Bad Request: reply markup is too long" };

describe("refusals, with Telegram's own error text", () => {
  const rows = (count: number, perRow: number, label = (i: number) => `Nút ${i}`) =>
    InlineKeyboard.from(
      Array.from({ length: Math.ceil(count / perRow) }, (_, r) =>
        Array.from({ length: Math.min(perRow, count - r * perRow) }, (_, c) =>
          InlineKeyboard.text(label(r * perRow + c), `b:${r * perRow + c}`),
        ),
      ),
    );

  it.each([
    {
      rule: "an inline keyboard of 101 buttons",
      send: () => bot.api.sendMessage(LAN, "Chọn", { reply_markup: rows(101, 1) }),
      refused: TOO_LONG,
    },
    {
      rule: "9 buttons in one row",
      send: () => bot.api.sendMessage(LAN, "Chọn", { reply_markup: rows(9, 9) }),
      refused: TOO_LONG,
    },
    {
      rule: "more than 10 kB of markup in 60 buttons",
      send: () =>
        bot.api.sendMessage(LAN, "Chọn", {
          reply_markup: rows(60, 1, (i) => `${"Nguyễn Thị Phương Thảo ".repeat(6)}${i}`),
        }),
      refused: TOO_LONG,
    },
    {
      rule: "the same keyboard limits on an edit",
      send: async () => {
        const sent = await bot.api.sendMessage(LAN, "Chọn", { reply_markup: rows(2, 2) });
        return bot.api.editMessageReplyMarkup(LAN, sent.message_id, {
          reply_markup: rows(101, 2),
        });
      },
      refused: TOO_LONG,
    },
    {
      rule: "a webhook on http://",
      send: () => bot.api.setWebhook("http://bot.example.vn/telegram"),
      refused: {
        code: 400,
        description: "Bad Request: bad webhook: An HTTPS URL must be provided for webhook",
      },
    },
    {
      rule: "a webhook on port 8080",
      send: () => bot.api.setWebhook("https://bot.example.vn:8080/telegram"),
      refused: {
        code: 400,
        description:
          "Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443",
      },
    },
    {
      rule: "MarkdownV2 with an unescaped '.'",
      send: () => bot.api.sendMessage(LAN, "Họp lúc 19.30", { parse_mode: "MarkdownV2" }),
      refused: {
        code: 400,
        description:
          "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'",
      },
    },
    {
      rule: "MarkdownV2 bold that never ends",
      send: () => bot.api.sendMessage(LAN, "Ghi chú: *quan trọng", { parse_mode: "MarkdownV2" }),
      refused: {
        code: 400,
        description:
          "Bad Request: can't parse entities: Can't find end of Bold entity at byte offset 10",
      },
    },
    {
      rule: "MarkdownV2 link whose target never ends",
      send: () =>
        bot.api.sendMessage(LAN, "[Biên bản](https://example.vn", { parse_mode: "MarkdownV2" }),
      refused: {
        code: 400,
        description: "Bad Request: can't parse entities: Can't find end of a URL at byte offset 14",
      },
    },
    {
      rule: "legacy Markdown italic that never ends",
      send: () => bot.api.sendMessage(LAN, "ten_file.csv", { parse_mode: "Markdown" }),
      refused: {
        code: 400,
        description:
          "Bad Request: can't parse entities: Can't find end of the entity starting at byte offset 3",
      },
    },
    {
      rule: "HTML with an unescaped '<'",
      send: () => bot.api.sendMessage(LAN, "Tỷ lệ < 85%", { parse_mode: "HTML" }),
      refused: {
        code: 400,
        description:
          'Bad Request: can\'t parse entities: Unsupported start tag "" at byte offset 10',
      },
    },
    {
      rule: "a message to someone who never pressed Start",
      send: () => {
        api.addUser({ id: 2099, first_name: "Hùng" });
        return bot.api.sendMessage(2099, "Nhắc họp");
      },
      refused: { code: 403, description: "Forbidden: bot can't initiate conversation with a user" },
    },
  ])("refuses $rule", async ({ send, refused }) => {
    expect(await refusal(send)).toEqual(refused);
  });

  it("accepts exactly 100 buttons, 8 in a row, under 10 kB", async () => {
    await bot.api.sendMessage(LAN, "Chọn", { reply_markup: rows(100, 8) });
    expect(api.messagesSentTo(LAN)[0]!.buttons.flat()).toHaveLength(100);
  });

  it("MarkdownV2 that parses becomes entities, the marks gone", async () => {
    await bot.api.sendMessage(
      LAN,
      "*Họp* lúc 19\\.30 _tại_ [nhà văn hóa](https://example.vn/nvh)",
      {
        parse_mode: "MarkdownV2",
      },
    );
    const message = api.messagesSentTo(LAN)[0]!;
    expect({ text: message.text, types: message.entities.map((e) => e.type) }).toEqual({
      text: "Họp lúc 19.30 tại nhà văn hóa",
      types: ["bold", "italic", "text_link"],
    });
  });
});

describe("late answers to a button press", () => {
  it("an answer more than Telegram's window after the press is refused as too old", async () => {
    api.setCallbackAnswerWindow(50);
    let refused: unknown;
    bot.callbackQuery("ok", async (ctx) => {
      await sleep(150);
      refused = await refusal(() => ctx.answerCallbackQuery({ text: "Đã ghi" }));
    });
    api.onUpdate((update) => bot.handleUpdate(update));
    const sent = await bot.api.sendMessage(LAN, "Dự họp?", {
      reply_markup: new InlineKeyboard().text("Có", "ok"),
    });
    const press = await api.press(LAN, sent.message_id, { data: "ok" });
    expect({ refused, toast: press.answer }).toEqual({
      refused: {
        code: 400,
        description:
          "Bad Request: query is too old and response timeout expired or query ID is invalid",
      },
      toast: undefined,
    });
  });

  it("within the window (15 s by default) the person sees the answer", async () => {
    bot.callbackQuery("ok", (ctx) => ctx.answerCallbackQuery({ text: "Đã ghi" }));
    api.onUpdate((update) => bot.handleUpdate(update));
    const sent = await bot.api.sendMessage(LAN, "Dự họp?", {
      reply_markup: new InlineKeyboard().text("Có", "ok"),
    });
    const press = await api.press(LAN, sent.message_id, { data: "ok" });
    expect([TELEGRAM_LIMITS.callbackAnswerWindowMs, press.answer?.text]).toEqual([
      15_000,
      "Đã ghi",
    ]);
  });
});

describe("what Telegram accepts and how it then looks", () => {
  it("a button without a label is left out, and a row of only such buttons goes", async () => {
    await bot.api.sendMessage(LAN, "Chọn", {
      reply_markup: InlineKeyboard.from([
        [InlineKeyboard.text("", "a"), InlineKeyboard.text("Có", "y")],
        [InlineKeyboard.text("", "b")],
      ]),
    });
    expect(api.messagesSentTo(LAN)[0]!.buttons).toEqual([[{ label: "Có", data: "y" }]]);
  });

  it("a button with both url and callback_data is a link: pressing it sends no callback", async () => {
    await bot.api.sendMessage(LAN, "Xem", {
      reply_markup: {
        inline_keyboard: [[{ text: "Mở", url: "https://example.vn", callback_data: "open" }]],
      },
    });
    const [button] = api.messagesSentTo(LAN)[0]!.buttons[0]!;
    const press = await api.press(LAN, 1, { label: "Mở" }).catch((e: unknown) => e);
    expect({ button, press: press instanceof UserActionError && press.code }).toEqual({
      button: { label: "Mở", url: "https://example.vn" },
      press: "not_a_callback_button",
    });
  });

  it("HTML: &nbsp; and a bare & are shown as typed, > needs no escape, &lt without ; is read", async () => {
    await bot.api.sendMessage(LAN, "Tỷ lệ &lt 85% &amp; &nbsp;vắng > 3 & hết", {
      parse_mode: "HTML",
    });
    expect(api.messagesSentTo(LAN)[0]!.text).toBe("Tỷ lệ < 85% & &nbsp;vắng > 3 & hết");
  });

  it("entities that run past the text are cut at its end, not refused", async () => {
    await bot.api.sendMessage(LAN, "Họp chi bộ", {
      entities: [
        { type: "bold", offset: 4, length: 50 },
        { type: "italic", offset: 40, length: 2 },
      ],
    });
    expect(api.messagesSentTo(LAN)[0]!.entities).toEqual([{ type: "bold", offset: 4, length: 6 }]);
  });

  it("a person who writes to the bot has started it: from then on it may write first", async () => {
    api.addUser({ id: 2098, first_name: "Thu" });
    const before = await refusal(() => bot.api.sendMessage(2098, "Nhắc họp"));
    await api.sendText(2098, "/start ABC123");
    await bot.api.sendMessage(2098, "Nhắc họp");
    expect({
      before: (before as { code: number }).code,
      after: api.messagesSentTo(2098).length,
    }).toEqual({ before: 403, after: 1 });
  });
});

describe("flood control, always on, as the Bot FAQ states it", () => {
  const outcome = async (sends: Promise<unknown>[]) => {
    const results = await Promise.allSettled(sends);
    const refused = results.flatMap((r) =>
      r.status === "rejected" && r.reason instanceof GrammyError ? [r.reason] : [],
    );
    return {
      sent: results.filter((r) => r.status === "fulfilled").length,
      refused: refused.length,
      codes: [...new Set(refused.map((e) => e.error_code))],
      retryAfter: refused.every((e) => (e.parameters.retry_after ?? 0) >= 1),
    };
  };

  it("one chat: a burst of 20 goes through, then 429 with retry_after", async () => {
    const result = await outcome(
      Array.from({ length: 25 }, (_, i) => bot.api.sendMessage(LAN, `Tin ${i}`)),
    );
    expect(result.sent).toBeGreaterThanOrEqual(TELEGRAM_LIMITS.flood.perChatBurst);
    expect({ ...result, sent: undefined }).toEqual({
      sent: undefined,
      refused: 25 - result.sent,
      codes: [429],
      retryAfter: true,
    });
    expect(result.refused).toBeGreaterThan(0);
  });

  it("one group: 20 messages a minute, then 429 with a retry_after of seconds", async () => {
    const result = await outcome(
      Array.from({ length: 24 }, (_, i) => bot.api.sendMessage(GROUP, `Tin ${i}`)),
    );
    expect({ sent: result.sent, codes: result.codes, retryAfter: result.retryAfter }).toEqual({
      sent: 20,
      codes: [429],
      retryAfter: true,
    });
  });

  it("all chats: about 30 messages a second, then 429", async () => {
    const people = Array.from({ length: 90 }, (_, i) => 3000 + i);
    for (const id of people) api.addUser({ id, first_name: `Người ${id}`, started: true });
    const result = await outcome(people.map((id) => bot.api.sendMessage(id, "Nhắc họp")));
    expect(result.codes).toEqual([429]);
    expect(result.sent).toBeGreaterThanOrEqual(TELEGRAM_LIMITS.flood.perSecond);
    expect(result.sent).toBeLessThan(90);
  });

  it("edits and answers are not counted (Telegram publishes limits for messages only)", async () => {
    const sent = await bot.api.sendMessage(LAN, "Bảng", {
      reply_markup: new InlineKeyboard().text("0", "n"),
    });
    for (let i = 1; i <= 30; i++) {
      await bot.api.editMessageText(LAN, sent.message_id, `Bảng ${i}`);
    }
    expect(api.message(LAN, sent.message_id)?.text).toBe("Bảng 30");
  });
});

// ── Webhook delivery ─────────────────────────────────────────────────────────

type Handler = (update: Update, res: ServerResponse) => Promise<void> | void;

/** A bare webhook endpoint: the test decides each answer. */
async function webhook(handle: Handler): Promise<string> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const update = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Update;
      void Promise.resolve(handle(update, res)).catch(() => {
        res.statusCode = 500;
        res.end();
      });
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
}

const ok = (res: ServerResponse) => {
  res.statusCode = 200;
  res.end();
};
const textOf = (update: Update) => update.message?.text ?? "";

describe("webhook delivery, as Telegram performs it", () => {
  it("a 500 is retried with the same update_id until the bot answers 200", async () => {
    const seen: number[] = [];
    const url = await webhook((update, res) => {
      seen.push(update.update_id);
      res.statusCode = seen.length === 1 ? 500 : 200;
      res.end();
    });
    await bot.api.setWebhook(api.exposeWebhook(url));
    const first = await api.sendText(LAN, "Có mặt").catch((e: unknown) => e);
    await api.waitUntilConfirmed(1, 5_000);
    expect({
      firstAttempt: first instanceof WebhookDeliveryError && first.status,
      seen,
      statuses: api.webhookAttempts().map((a) => a.status),
    }).toEqual({ firstAttempt: 500, seen: [1, 1], statuses: [500, 200] });
  });

  it("later retries back off: the third attempt comes at least 2 s after the second", async () => {
    let calls = 0;
    const url = await webhook((_update, res) => {
      calls++;
      res.statusCode = calls <= 2 ? 503 : 200;
      res.end();
    });
    await bot.api.setWebhook(api.exposeWebhook(url));
    await api.sendText(LAN, "Có mặt").catch(() => undefined);
    await api.waitUntilConfirmed(1, 10_000);
    const [, second, third] = api.webhookAttempts().map((a) => a.at);
    expect(third! - second!).toBeGreaterThanOrEqual(1_900);
  });

  it("a bot that does not answer in time, or cannot be reached, gets the update again", async () => {
    let calls = 0;
    const url = await webhook(async (_update, res) => {
      calls++;
      if (calls === 1) await sleep(3_000); // past the 1.5 s this test gives Telegram's patience
      ok(res);
    });
    const unreachable = api.exposeWebhook("http://127.0.0.1:9/hook");
    await bot.api.setWebhook(unreachable);
    await api.sendText(MINH, "Xin chào").catch(() => undefined);
    await bot.api.setWebhook(api.exposeWebhook(url));
    await api.sendText(LAN, "Có mặt").catch(() => undefined);
    await api.waitUntilConfirmed(1, 10_000);
    await api.waitUntilConfirmed(2, 10_000);
    expect(api.webhookAttempts().map((a) => [a.updateId, a.status])).toEqual(
      expect.arrayContaining([
        [1, 0],
        [2, 0],
        [2, 200],
      ]),
    );
  });

  it("one chat's next update waits until the previous one was answered", async () => {
    const log: string[] = [];
    const url = await webhook(async (update, res) => {
      log.push(`start ${textOf(update)}`);
      await sleep(150);
      log.push(`end ${textOf(update)}`);
      ok(res);
    });
    await bot.api.setWebhook(api.exposeWebhook(url));
    await Promise.all([api.sendText(LAN, "một"), api.sendText(LAN, "hai")]);
    expect(log).toEqual(["start một", "end một", "start hai", "end hai"]);
  });

  it("updates of different chats arrive concurrently", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const url = await webhook(async (update, res) => {
      // Lan's update is held until Minh's arrives: only possible if both are in flight at once.
      if (update.message?.chat.id === LAN) await gate;
      else release();
      ok(res);
    });
    await bot.api.setWebhook(api.exposeWebhook(url));
    const both = Promise.all([api.sendText(LAN, "một"), api.sendText(MINH, "hai")]);
    await expect(both).resolves.toHaveLength(2);
  });

  it("a chat whose update keeps failing holds only its own queue", async () => {
    let lanCalls = 0;
    const url = await webhook((update, res) => {
      if (update.message?.chat.id === LAN && textOf(update) === "một" && ++lanCalls <= 2) {
        res.statusCode = 500;
        return void res.end();
      }
      ok(res);
    });
    await bot.api.setWebhook(api.exposeWebhook(url));
    const lanFirst = api.sendText(LAN, "một").catch(() => "failed once");
    const lanSecond = api.sendText(LAN, "hai");
    const minh = await api.sendText(MINH, "ba");
    const waitingBehind = api.pendingUpdates().map((u) => textOf(u));
    await lanSecond;
    expect({ minh: minh.delivered, waitingBehind, first: await lanFirst }).toEqual({
      minh: true,
      waitingBehind: ["một", "hai"],
      first: "failed once",
    });
  });

  it("allowed_updates is honoured: a press is not delivered to a bot that asked for messages only", async () => {
    const types: string[] = [];
    const url = await webhook((update, res) => {
      types.push(Object.keys(update).filter((k) => k !== "update_id")[0]!);
      ok(res);
    });
    await bot.api.setWebhook(api.exposeWebhook(url), { allowed_updates: ["message"] });
    const sent = await bot.api.sendMessage(LAN, "Dự họp?", {
      reply_markup: new InlineKeyboard().text("Có", "y"),
    });
    await api.press(LAN, sent.message_id, { data: "y" });
    await api.sendText(LAN, "Có mặt");
    expect(types).toEqual(["message"]);
  });
});

describe("getUpdates, as Telegram defines it", () => {
  it("offset confirms what came before; a negative offset keeps only the last updates", async () => {
    for (const text of ["một", "hai", "ba", "bốn"]) await api.sendText(LAN, text);
    const all = await bot.api.getUpdates({ limit: 2 });
    const afterFirst = await bot.api.getUpdates({ offset: all[0]!.update_id + 1 });
    const lastOne = await bot.api.getUpdates({ offset: -1 });
    expect({
      limited: all.map(textOf),
      afterFirst: afterFirst.map(textOf),
      lastOne: lastOne.map(textOf),
      left: api.pendingUpdates().map(textOf),
    }).toEqual({
      limited: ["một", "hai"],
      afterFirst: ["hai", "ba", "bốn"],
      lastOne: ["bốn"],
      left: ["bốn"],
    });
  });

  it("timeout holds the request open until an update comes", async () => {
    const poll = bot.api.getUpdates({ timeout: 5 });
    await sleep(100);
    await api.sendText(LAN, "Có mặt");
    expect((await poll).map(textOf)).toEqual(["Có mặt"]);
  });

  it("timeout 0 answers at once with nothing", async () => {
    expect(await bot.api.getUpdates({ timeout: 0 })).toEqual([]);
  });

  it("allowed_updates given to getUpdates filters the updates created after it", async () => {
    await bot.api.getUpdates({ allowed_updates: ["callback_query"], timeout: 0 });
    const typed = await api.sendText(LAN, "Có mặt");
    expect({ delivered: typed.delivered, pending: api.pendingUpdates().length }).toEqual({
      delivered: false,
      pending: 0,
    });
  });
});
