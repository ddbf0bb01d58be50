// The Zalo webhook reads the platform's envelopes (wrapped, bare, polled) and nothing else: a body
// of any other shape is logged, counted and acknowledged, never acted on (issue 12 item 16).
import { describe, expect, it } from "vitest";
import { startZaloPolling } from "../../../src/channels/zalo/poller.ts";
import { ZALO_SECRET_HEADER } from "../../../src/channels/zalo/webhook.ts";
import { updatesTotal } from "../../../src/metrics.ts";
import { createZaloStack, ZALO_SECRET } from "./zalo-stack.ts";

const s = await createZaloStack();

const UNLINKED = "chưa được liên kết";

async function invalidCount() {
  const metric = await updatesTotal.get();
  return metric.values
    .filter((v) => v.labels.channel === "zalo" && v.labels.outcome === "invalid")
    .reduce((sum, v) => sum + v.value, 0);
}

/** A body posted with the right secret, as the platform (or someone who has the secret) would. */
async function post(body: string) {
  const res = await fetch(s.webhookUrl, {
    method: "POST",
    headers: { "content-type": "application/json", [ZALO_SECRET_HEADER]: ZALO_SECRET },
    body,
  });
  return { status: res.status, body: await res.json() };
}

const message = (chatId: unknown, more: Record<string, unknown> = {}) => ({
  message_id: `m-${Math.random().toString(36).slice(2)}`,
  from: { id: "shape-user", display_name: "Người thử" },
  chat: { id: chatId, chat_type: "PRIVATE" },
  date: Date.now(),
  text: "xin chào",
  ...more,
});

describe("the envelopes the platform sends", () => {
  it("the wrapped body {ok, result: {event_name, message}} (the fake's default) is answered", async () => {
    s.zaloApi.addUser({ id: "wrapped", name: "Bọc" });
    expect((await s.say("wrapped", "xin chào")).at(-1)).toContain(UNLINKED);
  });

  it("the bare body {event_name, message} is answered the same", async () => {
    s.zaloApi.addUser({ id: "bare", name: "Trần" });
    await s.zaloApi.sendText("bare", "xin chào", "PRIVATE", "bare");
    expect(s.lastText("bare")).toContain(UNLINKED);
  });

  it("a polled update without event_name (the getUpdates sample) is answered by the poller", async () => {
    s.zaloApi.addUser({ id: "polled", name: "Hỏi" });
    const poller = startZaloPolling(s.client, s.bot, { timeoutSeconds: 1, backoffMs: 100 });
    try {
      await s.zaloApi.sendText("polled", "xin chào");
      await s.zaloApi.sendImage("polled");
      const texts = () => s.zaloApi.messagesSentTo("polled").map((m) => m.text);
      const deadline = Date.now() + 10_000;
      while (texts().length < 2 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      expect(texts()).toEqual([
        expect.stringContaining(UNLINKED),
        expect.stringContaining("chỉ hỗ trợ tin nhắn chữ"),
      ]);
    } finally {
      await poller.stop();
      await s.client.setWebhook(s.publicWebhookUrl, ZALO_SECRET);
    }
  });
});

describe("any other shape: logged, counted, acknowledged, never acted on", () => {
  it.each([
    ["a chat id that is an array", { event_name: "message.text.received", message: message([1]) }],
    [
      "a chat id that is an object",
      { ok: true, result: { event_name: "message.text.received", message: message({ id: "1" }) } },
    ],
    [
      "text that is not a string",
      { event_name: "message.text.received", message: message("1", { text: 12 }) },
    ],
    ["no sender", { event_name: "message.text.received", message: { ...message("1"), from: {} } }],
    [
      "an unknown chat type",
      { message: message("1", { chat: { id: "1", chat_type: "CHANNEL" } }) },
    ],
    [
      "a batch",
      { ok: true, result: [{ event_name: "message.text.received", message: message("1") }] },
    ],
    ["an empty object", {}],
  ])("%s", async (_what, body) => {
    const before = await invalidCount();
    const answered = await post(JSON.stringify(body));
    const sentToOne = s.zaloApi.calls.filter(
      (c) => c.method === "sendMessage" && String(c.params.chat_id) === "1",
    );
    expect({ answered, counted: (await invalidCount()) - before, sentToOne }).toEqual({
      answered: { status: 200, body: { ok: true, result: "invalid" } },
      counted: 1,
      sentToOne: [],
    });
  });

  it("a body that is not JSON", async () => {
    const before = await invalidCount();
    expect(await post("event_name=message.text.received")).toEqual({
      status: 200,
      body: { ok: true, result: "invalid" },
    });
    expect((await invalidCount()) - before).toBe(1);
  });

  it("a numeric chat id, as some samples show, is read as its digits and answered", async () => {
    s.zaloApi.addUser({ id: "123456", name: "Số" });
    const body = {
      event_name: "message.text.received",
      message: { ...message(123456), from: { id: 123456, display_name: "Số" } },
    };
    expect((await post(JSON.stringify(body))).body).toEqual({ ok: true, result: "processed" });
    expect(s.lastText("123456")).toContain(UNLINKED);
  });
});
