import { describe, expect, it } from "vitest";
import { startTestSandbox } from "../support/sandbox.ts";

const { db, sandbox } = await startTestSandbox();

async function api(path: string, body?: unknown) {
  const response = await fetch(`${sandbox.url}/api/sandbox${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  return {
    status: response.status, // biome-ignore lint/suspicious/noExplicitAny: the test reads whatever JSON the API answered
    json: (await response.json()) as any,
  };
}

describe("sandbox control API", () => {
  it("lists the personas with their role and cell", async () => {
    const { json } = await api("/personas");
    expect(json).toContainEqual({
      id: "DV1",
      name: "Nguyễn Văn Bình",
      role: "secretary",
      cell: "Chi bộ Khu phố 3",
      cellId: expect.any(String),
      channel: "telegram",
    });
    expect(json.filter((p: { role: string }) => p.role === "member")).toHaveLength(3);
  });

  it("who answered: a persona's own cell by its id, not another ward's cell of the same name", async () => {
    const secretary = (await api("/personas")).json.find((p: { id: string }) => p.id === "DV1");
    const ward = await db.unit.create({
      data: { code: "P-OTHER", name: "Đảng bộ phường Khác", kind: "GRASSROOTS_COMMITTEE" },
    });
    const namesake = await db.unit.create({
      data: { code: "CB-OTHER", name: "Chi bộ Khu phố 3", kind: "CELL", parentId: ward.id },
    });
    const now = Date.parse((await api("/clock")).json.now);
    await db.meeting.create({
      data: {
        unitId: namesake.id,
        startsAt: new Date(now + 3_600_000),
        plannedEndAt: new Date(now + 7_200_000),
      },
    });
    const byName = (await api(`/meetings?cell=${encodeURIComponent("Khu phố 3")}`)).json;
    expect(new Set(byName.map((m: { cellId: string }) => m.cellId))).toEqual(
      new Set([secretary.cellId, namesake.id]),
    );
    const own = (await api(`/meetings?cell=${secretary.cellId}`)).json;
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((m: { cellId: string }) => m.cellId === secretary.cellId)).toBe(true);
    await db.meeting.deleteMany({ where: { unitId: namesake.id } });
  });

  it("moves the clock to the next reminder, which then shows in a member's chat with its buttons", async () => {
    const before = (await api("/clock")).json;
    const moved = await api("/clock", { next: "reminder" });
    expect(moved.status).toBe(200);
    expect(Date.parse(moved.json.now)).toBeGreaterThan(Date.parse(before.now));
    const chat = (await api("/personas/DV2/chat")).json;
    expect(chat).toHaveLength(1);
    expect(chat[0].from).toBe("bot");
    expect(chat[0].text).toContain("Chi bộ Khu phố 3");
    expect(chat[0].buttons).toEqual([[{ label: "✅ Tham dự" }, { label: "❌ Vắng (có lý do)" }]]);
  });

  it("a member presses Vắng, picks a reason and confirms: the answer is recorded and the message edited", async () => {
    const [reminder] = (await api("/personas/DV3/chat")).json;
    await api("/personas/DV3/press", {
      messageId: reminder.messageId,
      button: "❌ Vắng (có lý do)",
    });
    let chat = (await api("/personas/DV3/chat")).json;
    await api("/personas/DV3/press", { messageId: chat.at(-1).messageId, button: "Ốm đau" });
    chat = (await api("/personas/DV3/chat")).json;
    expect(chat.at(-1).text).toContain("«Ốm đau»");
    await api("/personas/DV3/press", { messageId: chat.at(-1).messageId, button: "✅ Xác nhận" });
    chat = (await api("/personas/DV3/chat")).json;
    expect(chat.at(-1).text).toContain("Đã ghi nhận");
    expect(chat.at(-1).edited).toBe(true);
    expect(await db.answer.count({ where: { kind: "ABSENT", reason: "Ốm đau" } })).toBe(1);
  });

  it("sending a command returns when the bot has answered", async () => {
    const { json } = await api("/personas/DV4/send", { text: "/lich" });
    expect(json.messages.at(-1).text).toContain("Cuộc họp tới của Chi bộ Khu phố 3");
  });

  it("bad requests get a 4xx with a JSON error", async () => {
    expect((await api("/personas/NOBODY/chat")).status).toBe(404);
    expect((await api("/personas/DV2/send", "{not json")).status).toBe(400);
    expect(
      (await api("/personas/DV2/press", { messageId: 1, button: "Không có nút này" })).status,
    ).toBe(404);
    expect((await api("/clock", { advanceBy: "two hours" })).status).toBe(400);
    expect((await api("/clock", { advanceTo: "2020-01-01T00:00:00Z" })).status).toBe(409);
  });

  it("advanceBy takes any ISO 8601 duration", async () => {
    const before = Date.parse((await api("/clock")).json.now);
    const after = Date.parse((await api("/clock", { advanceBy: "PT2H" })).json.now);
    expect(after - before).toBeGreaterThanOrEqual(2 * 3_600_000);
    expect(after - before).toBeLessThan(2 * 3_600_000 + 60_000);
  });
});
