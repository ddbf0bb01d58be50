// The local Zalo API against what the Zalo Bot Platform documents (limits.ts names each source).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZaloApiError, ZaloClient } from "../../../src/channels/zalo/client.ts";
import { splitText } from "../../../src/channels/zalo/text.ts";
import { ZALO_LIMITS } from "../../../src/sandbox/limits.ts";
import { LocalZaloApi } from "../../../src/sandbox/zalo-api/local-zalo-api.ts";

const TOKEN = "zalo-contract-token-1";
const api = new LocalZaloApi({ token: TOKEN });
let client: ZaloClient;

beforeAll(async () => {
  const { apiRoot } = await api.start();
  client = new ZaloClient(TOKEN, { apiRoot });
  api.addUser({ id: "u-lan", name: "Lan" });
});
afterAll(() => api.stop());

const failure = (call: Promise<unknown>) =>
  call.then(
    () => "accepted",
    (e: unknown) => (e instanceof ZaloApiError ? `${e.errorCode} ${e.description}` : String(e)),
  );

describe("the Zalo Bot Platform, as documented", () => {
  it("getMe answers id, account_name, account_type and can_join_groups (no display_name)", async () => {
    const me = (await client.getMe()) as unknown as Record<string, unknown>;
    expect(Object.keys(me).sort()).toEqual([
      "account_name",
      "account_type",
      "can_join_groups",
      "id",
    ]);
  });

  it.each([
    ["http://", "http://bot.example.vn/zalo/webhook", "400 Bad Request: url is invalid"],
    ["not a URL", "bot.example.vn/zalo", "400 Bad Request: url is invalid"],
  ])("setWebhook refuses a URL that is %s", async (_what, url, refused) => {
    expect(await failure(client.setWebhook(url, "secret-of-12-chars"))).toBe(refused);
  });

  it("setWebhook takes https with a secret of 8-256 characters, and not a shorter one", async () => {
    expect(await failure(client.setWebhook("https://bot.example.vn/zalo", "1234567"))).toBe(
      "400 Bad Request: secret_token must be 8-256 characters",
    );
    expect(await failure(client.setWebhook("https://bot.example.vn/zalo", "12345678"))).toBe(
      "accepted",
    );
    await client.deleteWebhook();
  });

  it("sendChatAction takes only the documented action", async () => {
    expect([
      await failure(client.sendChatAction("u-lan", "typing")),
      await failure(client.call("sendChatAction", { chat_id: "u-lan", action: "upload_photo" })),
    ]).toEqual(["accepted", "400 Bad Request: action is invalid"]);
  });

  it("2,000 characters counted in UTF-16 units: 1,000 emoji fit, one more letter does not", async () => {
    const emoji = "🙂".repeat(1000);
    expect([
      emoji.length,
      await failure(client.sendMessage("u-lan", emoji)),
      await failure(client.sendMessage("u-lan", `${emoji}a`)),
    ]).toEqual([
      ZALO_LIMITS.messageText,
      "accepted",
      "400 Bad Request: text must be 1-2000 characters",
    ]);
  });

  it("the bot's splitter counts the same way: every part of a long emoji text is accepted", async () => {
    const text = `Danh sách: ${"🙂".repeat(1500)}\n${"Đảng viên ".repeat(300)}`;
    const parts = splitText(text);
    const answers = await Promise.all(parts.map((p) => failure(client.sendMessage("u-lan", p))));
    expect({
      parts: parts.length > 1,
      accepted: answers.every((a) => a === "accepted"),
      whole: parts.join("").replaceAll("\n", "") === text.replaceAll("\n", ""),
    }).toEqual({ parts: true, accepted: true, whole: true });
  });
});
