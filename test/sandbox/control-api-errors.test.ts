import { describe, expect, it } from "vitest";
import { startTestSandbox } from "../support/sandbox.ts";

// Issue 12 item 14: a bad request to the control API is a 4xx whose body agrees with it.
const { sandbox } = await startTestSandbox();

async function api(path: string, body?: unknown) {
  const response = await fetch(`${sandbox.url}/api/sandbox${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe("sandbox control API errors", () => {
  it('{"advanceBy":"PT99999999999999999999S"} is a 400 in Vietnamese and the clock does not move', async () => {
    const before = (await api("/clock")).json.now;
    for (const advanceBy of ["PT99999999999999999999S", "P99999999D", "P400D"]) {
      const moved = await api("/clock", { advanceBy });
      expect(moved, advanceBy).toEqual({
        status: 400,
        json: { error: "Mỗi lần chỉ được tua đồng hồ ảo tối đa 366 ngày." },
      });
    }
    const far = await api("/clock", { advanceTo: "+100000-01-01T00:00:00Z" });
    expect(far.status).toBe(400);
    // The sandbox clock is real time plus an offset: it moved by seconds, not days.
    const after = (await api("/clock")).json.now as string;
    expect(Date.parse(after) - Date.parse(before as string)).toBeLessThan(60_000);
  });

  it.each([
    [
      "an unknown persona",
      "/personas/NOBODY/chat",
      undefined,
      404,
      "Không tìm thấy người đóng vai này.",
    ],
    [
      "an unknown message",
      "/personas/DV2/press",
      { messageId: 99_999, button: "✅ Tham dự" },
      404,
      "Không tìm thấy tin nhắn này.",
    ],
    [
      "the clock going back",
      "/clock",
      { advanceTo: "2020-01-01T00:00:00Z" },
      409,
      "Đồng hồ ảo không thể quay lùi.",
    ],
    [
      "malformed JSON",
      "/personas/DV2/send",
      "{not json",
      400,
      "Nội dung yêu cầu không phải JSON hợp lệ.",
    ],
    [
      "a bad duration",
      "/clock",
      { advanceBy: "two hours" },
      400,
      "«advanceBy» phải là khoảng thời gian theo ISO 8601, ví dụ PT2H hoặc P1D.",
    ],
  ])(
    "%s: the HTTP status alone, the body only {error} in Vietnamese",
    async (_case, path, body, status, error) => {
      expect(await api(path, body)).toEqual({ status, json: { error } });
    },
  );
});
