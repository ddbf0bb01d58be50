// The web console's server (issue 17): links from the ledger, sessions, scope, CSRF, sign-out
// everywhere, the admin grant (audited) and the import's dry run, over HTTP against Hono.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { Hono } from "hono";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { ManualClock } from "../../src/clock.ts";
import type { Logger } from "../../src/logger.ts";
import { mountWeb } from "../../src/server/web.ts";
import { actorFor } from "../../src/services/actors.ts";
import { writeChartNotice } from "../../src/services/chart-notices.ts";
import { monthlyReport } from "../../src/services/report/index.ts";
import { requestSignInLink } from "../../src/services/web-access.ts";
import { monthlySeries } from "../../src/services/web-views.ts";
import { createStack, seedCell, waitUntil } from "../support/stack.ts";

const clock = new ManualClock(new Date("2026-11-20T03:00:00Z"));
const stack = await createStack({ clock, settings: { webUrl: "http://console.test" } });
const { db, services } = stack;
const a = await seedCell(stack, { size: 4 });
const b = await seedCell(stack, { size: 3 });

const warnings: { msg: string; fields: unknown }[] = [];
const logger = {
  warn: (fields: unknown, msg: string) => warnings.push({ msg, fields }),
  info: () => undefined,
  error: () => undefined,
} as unknown as Logger;
const app = mountWeb(new Hono(), { services, logger });

const dir = await mkdtemp(join(tmpdir(), "chibo-web-test-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Asks for a link as the person would with /web, and reads it from the ledger's notice. */
async function linkFor(telegramId: number) {
  const actor = (await actorFor(db, "TELEGRAM", String(telegramId)))!;
  await requestSignInLink(services, actor, { platform: "TELEGRAM", chatId: String(telegramId) });
  const notice = await db.delivery.findFirstOrThrow({
    where: { chatId: String(telegramId), kind: "notice" },
    orderBy: { createdAt: "desc" },
  });
  const text = (notice.payload as { text: string }).text;
  const url = /http:\/\/console\.test(\/web\/dang-nhap\/\S+)/.exec(text)![1]!;
  return { path: url, token: url.split("/").at(-1)! };
}

async function signIn(token: string) {
  return app.request("/web/dang-nhap", {
    method: "POST",
    body: new URLSearchParams({ token }),
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
}

/** A session cookie for the person, through a fresh link. */
async function sessionOf(telegramId: number) {
  const { token } = await linkFor(telegramId);
  const res = await signIn(token);
  expect(res.status).toBe(303);
  return res.headers.get("set-cookie")!.split(";")[0]!;
}

const get = (path: string, cookie: string) => app.request(path, { headers: { cookie } });

async function csrfOf(cookie: string) {
  const body = await (await get("/web", cookie)).text();
  return /name="csrf" value="([^"]+)"/.exec(body)![1]!;
}

describe("web console: access", () => {
  it("sends the sign-in link through the ledger and opens a 12-hour HttpOnly, Strict session", async () => {
    const { path, token } = await linkFor(a.members[0]!.telegramId);
    // The GET shows a button and uses nothing up (link previews only GET).
    const shown = await app.request(path);
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain('name="token"');
    const res = await signIn(token);
    expect(res.status).toBe(303);
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Max-Age=43200/);
    expect(cookie).toMatch(/Path=\/web/);
    expect(cookie).not.toMatch(/Secure/); // plain http here; https gets Secure
    const stored = await db.webSignInLink.findMany();
    expect(stored.every((l) => l.tokenHash !== token && l.tokenHash.length === 64)).toBe(true);
    const page = await (await get("/web", cookie.split(";")[0]!)).text();
    expect(page).toContain(a.cell.name);
    expect(page).not.toContain(b.cell.name);
  });

  it("refuses a used link and an expired one, and a plain member gets no link", async () => {
    const { token } = await linkFor(a.members[0]!.telegramId);
    expect((await signIn(token)).status).toBe(303);
    const again = await signIn(token);
    expect(again.status).toBe(410);
    expect(await again.text()).toContain("đã được dùng hoặc đã hết hạn");

    const late = await linkFor(b.members[0]!.telegramId);
    clock.advance(10 * 60_000 + 1);
    expect((await signIn(late.token)).status).toBe(410);

    const member = (await actorFor(db, "TELEGRAM", String(a.members[2]!.telegramId)))!;
    await expect(
      requestSignInLink(services, member, { platform: "TELEGRAM", chatId: "1" }),
    ).rejects.toThrow("web-not-allowed");
  });

  it("answers 403 for another cell's page, member and chart, and logs it", async () => {
    const cookie = await sessionOf(a.members[0]!.telegramId);
    expect((await get(`/web/chi-bo/${a.cell.id}`, cookie)).status).toBe(200);
    warnings.length = 0;
    for (const path of [
      `/web/chi-bo/${b.cell.id}`,
      `/web/dang-vien/${b.members[1]!.id}`,
      `/web/bieu-do?chi-bo=${b.cell.id}`,
      `/web/nhat-ky?chi-bo=${b.cell.id}`,
      "/web/nhap",
    ]) {
      const res = await get(path, cookie);
      expect(res.status, path).toBe(403);
    }
    expect(warnings.filter((w) => w.msg === "web: outside scope")).toHaveLength(5);
    // The committee member of b's organisation sees b, not a.
    const committee = await sessionOf(b.committee.telegramId);
    expect((await get(`/web/chi-bo/${b.cell.id}`, committee)).status).toBe(200);
    expect((await get(`/web/chi-bo/${a.cell.id}`, committee)).status).toBe(403);
  });

  it("refuses a POST without the CSRF token; «Đăng xuất mọi nơi» ends every session", async () => {
    const first = await sessionOf(a.members[1]!.telegramId);
    const second = await sessionOf(a.members[1]!.telegramId);
    const forged = await app.request("/web/dang-xuat-moi-noi", {
      method: "POST",
      headers: { cookie: first, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrf: "forged" }),
    });
    expect(forged.status).toBe(403);
    expect((await get("/web", second)).status).toBe(200);
    const out = await app.request("/web/dang-xuat-moi-noi", {
      method: "POST",
      headers: { cookie: first, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrf: await csrfOf(first) }),
    });
    expect(out.status).toBe(200);
    expect((await get("/web", first)).status).toBe(401);
    expect((await get("/web", second)).status).toBe(401);
  });
});

describe("web console: administrator", () => {
  it("is granted from the CLI, audited, and sees every cell", async () => {
    const out: string[] = [];
    const io = {
      stdout: { write: (s: string) => out.push(s) },
      stderr: { write: (s: string) => out.push(s) },
    };
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = stack.url;
    try {
      expect(await main(["admin", "grant", b.members[2]!.code], io)).toBe(0);
      expect(await main(["admin", "grant", "KHONG-CO"], io)).toBe(1);
    } finally {
      process.env.DATABASE_URL = saved;
    }
    expect(out.join("")).toContain("Đã cấp quyền quản trị văn phòng");
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: "web.admin-grant" } });
    expect(entry.entityId).toBe(b.members[2]!.id);
    const cookie = await sessionOf(b.members[2]!.telegramId);
    const page = await (await get("/web", cookie)).text();
    expect(page).toContain(a.cell.name);
    expect(page).toContain(b.cell.name);
    // Sorted by cell, descending; filtered to a's organisation.
    const sorted = await (await get("/web?sap=cell&chieu=desc", cookie)).text();
    expect(sorted.indexOf(`>${b.cell.name}</a>`)).toBeLessThan(
      sorted.indexOf(`>${a.cell.name}</a>`),
    );
    const filtered = await (await get(`/web?to-chuc=${a.parent.id}`, cookie)).text();
    expect(filtered).toContain(`>${a.cell.name}</a>`);
    expect(filtered).not.toContain(`>${b.cell.name}</a>`);
    // The audit log reads as Vietnamese, not JSON.
    const log = await (await get("/web/nhat-ky", cookie)).text();
    expect(log).toContain("Cấp quyền quản trị văn phòng");
    expect(log).not.toContain('{"admin"');
  });

  it("shows the import's dry run with every bad row and writes nothing until «Nhập»", async () => {
    const cookie = await sessionOf(b.members[2]!.telegramId);
    const csrf = await csrfOf(cookie);
    const members = await db.member.count();
    const audits = await db.auditLog.count({ where: { action: "import.organisation" } });
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Đảng viên");
    sheet.addRow(["Mã đảng viên", "Họ và tên", "Mã chi bộ", "Chính thức/Dự bị"]);
    sheet.addRow(["MOI-1", "Nguyễn Văn Mới", b.cell.code, "Chính thức"]);
    sheet.addRow(["MOI-2", "Trần Thị Sai", "KHONG-CO", "Chính thức"]);
    const form = new FormData();
    form.set("csrf", csrf);
    form.set(
      "file",
      new File([new Uint8Array(await workbook.xlsx.writeBuffer())], "dang-vien.xlsx"),
    );
    const res = await app.request("/web/nhap", { method: "POST", headers: { cookie }, body: form });
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain('data-testid="import-problems"');
    expect(body).toMatch(/Đảng viên<\/td><td class="num">3<\/td>/);
    expect(body).not.toContain("/web/nhap/ghi");
    expect(await db.member.count()).toBe(members);
    expect(await db.auditLog.count({ where: { action: "import.organisation" } })).toBe(audits);

    // The same file without its mistake: «Nhập» is offered, and only then is it written, audited.
    sheet.spliceRows(3, 1);
    const clean = new FormData();
    clean.set("csrf", csrf);
    clean.set(
      "file",
      new File([new Uint8Array(await workbook.xlsx.writeBuffer())], "dang-vien.xlsx"),
    );
    const checked = await (
      await app.request("/web/nhap", { method: "POST", headers: { cookie }, body: clean })
    ).text();
    expect(checked).toContain('data-status="checked"');
    expect(await db.member.count()).toBe(members);
    const upload = /name="upload" value="([^"]+)"/.exec(checked)![1]!;
    const write = await app.request("/web/nhap/ghi", {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrf, upload }),
    });
    expect(await write.text()).toContain('data-status="written"');
    expect(await db.member.count()).toBe(members + 1);
    expect(await db.auditLog.count({ where: { action: "import.organisation" } })).toBe(audits + 1);
    const byWeb = await db.auditLog.findFirstOrThrow({ where: { action: "web.import" } });
    expect(byWeb.actorId).toBe(b.members[2]!.id);
  });
});

describe("web console: charts", () => {
  it("counts each month's rate as the monthly report does, and sends the PNG through the ledger", async () => {
    // Two held meetings of cell a, in October and November: 3 of 4, then 4 of 4 present.
    for (const [startsAt, absent] of [
      [new Date("2026-10-03T12:30:00Z"), 1],
      [new Date("2026-11-03T12:30:00Z"), -1],
    ] as const) {
      const meeting = await db.meeting.create({
        data: {
          unitId: a.cell.id,
          startsAt,
          plannedEndAt: new Date(startsAt.getTime() + 7_200_000),
          status: "HELD",
          rollCallOpenedAt: startsAt,
          rollCallClosedAt: new Date(startsAt.getTime() + 7_200_000),
        },
      });
      await db.attendance.createMany({
        data: a.members.map((m, i) => ({
          meetingId: meeting.id,
          memberId: m.id,
          status: i === absent ? ("EXCUSED" as const) : ("PRESENT" as const),
          reason: i === absent ? "Ốm" : null,
          markedAt: startsAt,
        })),
      });
    }
    const months = ["2026-09", "2026-10", "2026-11"];
    const series = await monthlySeries(services, [a.cell.id], months);
    const reports = await Promise.all(
      months.map((month) =>
        monthlyReport(services, {
          month,
          scope: { kind: "units", unitIds: [a.cell.id] },
          now: clock.now(),
        }),
      ),
    );
    expect(series.rates).toEqual([null, 75, 100]);
    expect(series.rates).toEqual(
      reports.map((r) => (r.totals.rate === null ? null : Math.round(r.totals.rate * 1000) / 10)),
    );

    stack.startDeliveryWorker();
    const secretary = a.members[0]!;
    const actor = (await actorFor(db, "TELEGRAM", String(secretary.telegramId)))!;
    await writeChartNotice(
      services,
      actor,
      { platform: "TELEGRAM", chatId: String(secretary.telegramId) },
      { command: "cuatoi", key: "test-1" },
    );
    await waitUntil(async () =>
      stack.botApi.chat(secretary.telegramId).some((m) => m.file?.name.endsWith(".png")),
    );
    const sent = stack.botApi.chat(secretary.telegramId).find((m) => m.file)!;
    // A PNG image (its signature), with the caption naming the 12 months.
    expect(Buffer.from(sent.file!.bytes.subarray(0, 4)).toString("hex")).toBe("89504e47");
    expect(sent.text).toContain("12 tháng");
    // The ledger records SENT once the Bot API answered: a moment after the chat shows it.
    await waitUntil(
      async () =>
        (await db.delivery.findFirstOrThrow({ where: { kind: "chart" } })).status === "SENT",
    );

    // The October meeting's minutes download with each member's mark and reason.
    const cookie = await sessionOf(secretary.telegramId);
    const october = await db.meeting.findFirstOrThrow({
      where: { unitId: a.cell.id, status: "HELD" },
      orderBy: { startsAt: "asc" },
    });
    const minutes = await get(`/web/bien-ban/${october.id}.csv`, cookie);
    expect(minutes.status).toBe(200);
    expect(minutes.headers.get("content-type")).toContain("text/csv");
    const csv = await minutes.text();
    expect(csv).toContain(`${a.members[1]!.fullName},Vắng có lý do,Ốm`);
    const others = await get(
      `/web/bien-ban/${october.id}.csv`,
      await sessionOf(b.members[0]!.telegramId),
    );
    expect(others.status).toBe(403);
  });
});
