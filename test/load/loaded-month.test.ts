// A month of one cell through the sandbox while two CPU-bound processes keep both cores busy:
// reminders, answers, the R3 projection alert, the roll call and its close, the alerts of the
// close and the committee member's digest. Nothing may answer 5xx, no alert may be missing, no
// message may arrive twice. Runs alone, after the rest of the suite (vitest.config.ts).
import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { startTestSandbox } from "../support/sandbox.ts";

const PEOPLE = [
  "Nguyễn Văn Bình",
  "Trần Thị Hoa",
  "Lê Văn Cường",
  "Phạm Thị Dung",
  "Hoàng Văn Em",
  "Vũ Thị Gấm",
  "Đặng Văn Hải",
  "Bùi Thị Lan",
  "Đỗ Văn Minh",
  "Hồ Thị Ngọc",
  "Ngô Văn Phúc",
  "Dương Thị Quế",
  "Lý Văn Sơn",
  "Mai Thị Tâm",
];
// 150 more cells with nothing scheduled: the sweeps at day 25 and at month end raise an alert
// for each, many per sweep — the work that timed out on a busy machine.
const { db, sandbox } = await startTestSandbox({
  people: PEOPLE,
  committee: "Trương Văn Ủy",
  extraCells: 150,
});
/** Two by default; LOAD_BURNERS=0 runs the same month on a quiet machine, to compare. */
const BURNERS = Number(process.env.LOAD_BURNERS ?? 2);

const burners: ChildProcess[] = [];
afterAll(() => {
  for (const b of burners) b.kill("SIGKILL");
});

const statuses: number[] = [];
async function api(path: string, body?: unknown) {
  const t0 = Date.now();
  const response = await fetch(`${sandbox.url}/api/sandbox${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  statuses.push(response.status);
  if (process.env.LOAD_TRACE)
    console.log(path, JSON.stringify(body), response.status, Date.now() - t0);
  // biome-ignore lint/suspicious/noExplicitAny: the test reads whatever JSON the API answered
  return (await response.json()) as any;
}
const chat = (id: string) => api(`/personas/${id}/chat`);
const press = (id: string, messageId: number, button: string) =>
  api(`/personas/${id}/press`, { messageId, button });
const send = (id: string, text: string) => api(`/personas/${id}/send`, { text });

describe("a month in the sandbox on a busy machine", () => {
  it("no 5xx, every alert raised once, no message twice", { timeout: 540_000 }, async () => {
    for (let i = 0; i < BURNERS; i++) {
      burners.push(spawn(process.execPath, ["-e", "for(;;){}"], { stdio: "ignore" }));
    }
    const started = Date.now();
    const meeting = await db.meeting.findFirstOrThrow({
      where: { status: "PLANNED" },
      orderBy: { startsAt: "asc" },
    });

    // The first reminder: 10 attend, 3 decline with a reason (R3 at risk: 11 possible of 14,
    // 13 needed), one stays silent.
    await api("/clock", { next: "reminder" });
    for (const [i] of PEOPLE.entries()) {
      const id = `DV${i + 1}`;
      const reminder = (await chat(id)).find((m: { buttons: unknown[] }) => m.buttons.length);
      if (i === PEOPLE.length - 1) continue;
      if (i >= 10) {
        await press(id, reminder.messageId, "❌ Vắng (có lý do)");
        const ask = (await chat(id)).at(-1);
        await press(id, ask.messageId, "Ốm đau");
        await press(id, (await chat(id)).at(-1).messageId, "✅ Xác nhận");
      } else {
        await press(id, reminder.messageId, "✅ Tham dự");
      }
    }
    await api("/clock", {
      advanceTo: new Date(meeting.startsAt.getTime() + 5 * 60_000).toISOString(),
    });

    // The roll call: prefilled from the answers, closed with the silent member unmarked.
    await send("DV1", "/diemdanh");
    const roster = (await chat("DV1")).at(-1);
    await press("DV1", roster.messageId, "🔒 Chốt điểm danh");
    await press("DV1", roster.messageId, "✅ Xác nhận chốt");
    await api("/clock", { advanceBy: "PT3H" });

    // To the first days of next month: R2 for the month just held is fine, the digest goes out.
    const local = new Date(meeting.startsAt.getTime() + 7 * 3_600_000);
    const nextMonth = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 1, 2));
    await api("/clock", { advanceTo: nextMonth.toISOString() });
    const seconds = Math.round((Date.now() - started) / 1000);
    console.log(`month: ${seconds} s with ${BURNERS} CPU-bound processes beside it`);

    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    const held = await db.meeting.findUniqueOrThrow({ where: { id: meeting.id } });
    expect(held.rollCallClosedAt).not.toBeNull();
    const alerts = await db.alert.findMany({ where: { unitId: meeting.unitId } });
    const types = alerts.map((a) => a.type);
    for (const type of ["r3-risk", "r3-failed", "r4-unexcused"]) expect(types).toContain(type);
    // Each of the 150 empty cells: told on day 25 of the month, reported once it is over.
    const month = new Date(meeting.startsAt.getTime() + 7 * 3_600_000).toISOString().slice(0, 7);
    const empty = await db.alert.findMany({
      where: { unit: { code: { startsWith: "CQ" } }, key: { endsWith: `_${month}` } },
    });
    const count = (type: string) => empty.filter((a) => a.type === type).length;
    expect([count("r2-unscheduled"), count("r2-not-held")]).toEqual([150, 150]);
    const keys = (await db.alert.findMany({ select: { key: true } })).map((a) => a.key);
    expect(new Set(keys).size).toBe(keys.length);

    // Every delivery went out at most once, and what went out arrived once.
    const sent = await db.delivery.findMany({ where: { status: "SENT" } });
    const now = new Date((await api("/clock")).now);
    expect(
      await db.delivery.count({
        where: { status: { in: ["PENDING", "SENDING"] }, dueAt: { lte: now } },
      }),
    ).toBe(0);
    // New messages each arrived once; an edit (a reminder's buttons taken away) once per message.
    const unique = (rows: typeof sent) => {
      const ids = rows.map((d) => `${d.chatId}:${d.platformMessageId}`);
      return new Set(ids).size === ids.length;
    };
    expect(unique(sent.filter((d) => d.kind !== "unbutton"))).toBe(true);
    expect(unique(sent.filter((d) => d.kind === "unbutton"))).toBe(true);
    const committee = await chat("UV1");
    const alertTexts = committee.map((m: { text: string }) => m.text);
    expect(new Set(alertTexts).size).toBe(alertTexts.length);
    const digests = sent.filter((d) => d.kind === "digest" && d.chatId === "8999");
    expect(digests.filter((d) => d.idempotencyKey.endsWith(month))).toHaveLength(1);
  });
});
