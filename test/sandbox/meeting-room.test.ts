import { describe, expect, it } from "vitest";
import { startTestSandbox } from "../support/sandbox.ts";
import { waitUntil } from "../support/stack.ts";

// Issue 16 in the sandbox: the page's chat shows the check-in QR as an image; a member checks
// in with the digits and gets the ballot of the vote the secretary opens.
const { db, sandbox } = await startTestSandbox();

async function api(path: string, body?: unknown) {
  const response = await fetch(`${sandbox.url}/api/sandbox${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: the test reads whatever JSON the API answered
  return (await response.json()) as any;
}

describe("the meeting room in the sandbox", () => {
  it("the QR shows as an image; a member checks in and receives the ballot", async () => {
    const secretary = await db.member.findFirstOrThrow({
      where: { fullName: "Nguyễn Văn Bình" },
      include: { cell: true },
    });
    const meeting = await db.meeting.findFirstOrThrow({
      where: { unitId: secretary.cellId!, status: "PLANNED" },
      orderBy: { startsAt: "asc" },
    });
    await api("/clock", { advanceTo: meeting.startsAt.toISOString() });
    const opened = await api("/personas/DV1/send", { text: "/diemdanh" });
    const roster = opened.messages.find((m: { text: string }) => m.text?.includes("Điểm danh"));
    await api("/personas/DV1/press", { messageId: roster.messageId, button: "📲 Mã tự điểm danh" });
    const qr = (await api("/personas/DV1/chat")).at(-1);
    expect(qr.file.name).toBe("ma-tu-diem-danh.png");
    expect(qr.file.image).toMatch(/^data:image\/png;base64,iVBOR/);
    const code = /nhắn cho bot: (\d{6})/.exec(qr.text)![1];

    const checked = await api("/personas/DV2/send", { text: code });
    expect(checked.messages.at(-1).text).toContain("có mặt (tự điểm danh");

    await api("/personas/DV1/send", { text: "/bieuquyet Thông qua nghị quyết" });
    await waitUntil(async () =>
      (await api("/personas/DV2/chat")).some((m: { text: string }) => m.text?.includes("🗳")),
    );
    const ballot = (await api("/personas/DV2/chat")).find((m: { text: string }) =>
      m.text?.includes("🗳"),
    );
    const answer = await api("/personas/DV2/press", {
      messageId: ballot.messageId,
      button: "Tán thành",
    });
    expect(answer.answer).toContain("Đã ghi: Tán thành");
  });
});
