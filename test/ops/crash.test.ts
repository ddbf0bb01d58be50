// kill -9 of the bot while it handles a Zalo message: the platform delivers the message again to
// the restarted bot, which must handle it (the member gets the reply), not drop it as "seen".
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { createZaloStack, ZALO_SECRET, ZALO_TOKEN } from "../channels/zalo/zalo-stack.ts";
import { seedCell, waitUntil } from "../support/stack.ts";
import { freePort, startProcess } from "./processes.ts";

const s = await createZaloStack();

/**
 * The local Zalo API behind a switch: while `hold` is on, sendMessage never answers (the bot
 * process is stuck in its reply, after the answer was recorded).
 */
let hold = false;
const held: ServerResponse[] = [];
const proxy = createServer(async (req: IncomingMessage, res: ServerResponse) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (hold && req.url?.endsWith("/sendMessage")) {
    held.push(res);
    return;
  }
  const upstream = await fetch(`${s.zaloApiRoot}${req.url}`, {
    method: req.method,
    headers: { "content-type": req.headers["content-type"] ?? "application/json" },
    body: req.method === "POST" ? Buffer.concat(chunks) : undefined,
  });
  res.writeHead(upstream.status, { "content-type": "application/json" });
  res.end(Buffer.from(await upstream.arrayBuffer()));
});
const proxyPort = await freePort();
await new Promise<void>((resolve) => proxy.listen(proxyPort, "127.0.0.1", resolve));

describe("a bot process killed mid-update", () => {
  it("Zalo: the message it was handling is handled again after the restart, once", async () => {
    const { cell, members } = await seedCell(s, { size: 3 });
    const member = members[1]!;
    await s.linkZalo("crash-za", member.id, members[0]!.telegramId);
    const meeting = await s.db.meeting.create({
      data: {
        unitId: cell.id,
        startsAt: new Date(Date.now() + 48 * 3_600_000),
        plannedEndAt: new Date(Date.now() + 50 * 3_600_000),
      },
    });
    await s.say("crash-za", "lich"); // the question "1 to attend, 2 if absent"

    const port = await freePort();
    const env = {
      PORT: String(port),
      ZALO_BOT_TOKEN: ZALO_TOKEN,
      ZALO_MODE: "webhook",
      ZALO_WEBHOOK_URL: "https://chibo.example.org",
      ZALO_WEBHOOK_SECRET: ZALO_SECRET,
      ZALO_API_ROOT: `http://127.0.0.1:${proxyPort}`,
      UPDATE_LEASE_SECONDS: "3",
    };
    const update = {
      event_name: "message.text.received",
      message: {
        message_id: "crash-msg-1",
        date: Date.now(),
        text: "1",
        from: { id: "crash-za", display_name: member.fullName },
        chat: { id: "crash-za", chat_type: "PRIVATE" },
      },
    };
    const deliver = () =>
      fetch(`http://127.0.0.1:${port}/zalo/webhook`, {
        method: "POST",
        headers: { "content-type": "application/json", "X-Bot-Api-Secret-Token": ZALO_SECRET },
        body: JSON.stringify(update),
      });
    const repliesBefore = s.zaloApi.messagesSentTo("crash-za").length;

    const first = startProcess("src/bot.ts", s, env);
    await first.waitForLog("bot started");
    hold = true;
    const lost = deliver().catch((error: unknown) => error);
    await waitUntil(async () => held.length > 0, 20_000);
    first.child.kill("SIGKILL");
    await new Promise((resolve) => first.child.once("exit", resolve));
    expect(await lost).toBeInstanceOf(Error); // the platform got no answer: it will redeliver
    for (const res of held.splice(0)) res.destroy();
    hold = false;

    const second = startProcess("src/bot.ts", s, env);
    await second.waitForLog("bot started");
    const again = await deliver();
    expect(await again.json()).toMatchObject({ ok: true, result: "processed" });
    const replies = s.zaloApi.messagesSentTo("crash-za").slice(repliesBefore);
    // The first process recorded the answer before it died; the member now hears that it is.
    expect(replies.map((m) => m.text)).toEqual([expect.stringContaining("ghi nhận")]);
    const answer = await s.db.answer.findUniqueOrThrow({
      where: { meetingId_memberId: { meetingId: meeting.id, memberId: member.id } },
    });
    expect(answer.kind).toBe("ATTENDING");

    // Delivered once more after that: acknowledged, nothing sent twice.
    expect(await (await deliver()).json()).toMatchObject({ result: "duplicate" });
    expect(s.zaloApi.messagesSentTo("crash-za").slice(repliesBefore)).toHaveLength(replies.length);
    await second.terminate();
    await new Promise((resolve) => proxy.close(resolve));
  }, 120_000);
});
