import { describe, expect, it } from "vitest";
import { startTestSandbox } from "../support/sandbox.ts";

// DV1 on Telegram only, DV2 on Zalo only, DV3 on both.
const { sandbox } = await startTestSandbox({
  people: ["Nguyễn Văn Bình", "Trần Thị Hoa", "Lê Văn Cường"],
  firstChatId: 9100,
  channelsOf: (i) => (i === 0 ? ["TELEGRAM"] : i === 1 ? ["ZALO"] : ["TELEGRAM", "ZALO"]),
});

const api = (path: string, init?: RequestInit) =>
  fetch(`${sandbox.url}/api/sandbox${path}`, {
    ...init,
    headers: { "content-type": "application/json" },
  });

describe("Zalo personas in the sandbox", () => {
  it('persona objects carry "channel"; a member on both channels is two personas', async () => {
    const personas = (await (await api("/personas")).json()) as { id: string; channel: string }[];
    expect(personas.map((p) => [p.id, p.channel])).toEqual([
      ["DV1", "telegram"],
      ["DV2", "zalo"],
      ["DV3", "telegram"],
      ["DV3-zalo", "zalo"],
    ]);
  });

  it("a Zalo persona sends text and reads its chat through the same endpoints", async () => {
    const sent = await api("/personas/DV2/send", {
      method: "POST",
      body: JSON.stringify({ text: "Lịch" }),
    });
    const { messages } = (await sent.json()) as { messages: { from: string; text: string }[] };
    expect(messages.at(-1)?.text).toContain("Trả lời 1 để tham dự, 2 nếu vắng");
    await api("/personas/DV2/send", { method: "POST", body: JSON.stringify({ text: "1" }) });
    const chat = (await (await api("/personas/DV2/chat")).json()) as { text: string }[];
    expect(chat.at(-1)?.text).toContain("tham dự");
    const press = await api("/personas/DV2/press", {
      method: "POST",
      body: JSON.stringify({ messageId: 1, button: "x" }),
    });
    expect(press.status).toBe(400);
  });
});
