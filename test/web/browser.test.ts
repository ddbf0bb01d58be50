// The web console in a real browser (Debian Chromium through playwright-core): a secretary signs
// in with the link the bot sends in the sandbox chat ("Mở trang quản lý" on the persona's card),
// sees the month, a cell, a member and a chart; another cell is 403; a used or expired link is
// refused; an administrator's import with a mistake shows the report and writes nothing.
// Screenshots at desktop and 390 px go to test-artifacts/web/ (ignored by git).
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { grantWebAdmin } from "../../src/services/web-access.ts";
import { launchChromium } from "../support/chromium.ts";
import { startTestSandbox } from "../support/sandbox.ts";

const ARTIFACTS = fileURLToPath(new URL("../../test-artifacts/web/", import.meta.url));
const DESKTOP = { width: 1280, height: 860 };
const MOBILE = { width: 390, height: 844 };

let browser: Browser | undefined;
const { db, sandbox } = await startTestSandbox({
  firstChatId: 9300,
  committee: "Lê Thị Phụ Trách",
  extraCells: 1,
  beforeStop: async () => browser?.close(),
});
const cell = await db.unit.findUniqueOrThrow({ where: { code: "KP3" } });
const other = await db.unit.findUniqueOrThrow({ where: { code: "CQ1" } });
const members = await db.member.findMany({ where: { cellId: cell.id }, orderBy: { code: "asc" } });

// Two held meetings in earlier months, so the cell has a year to show and the chart a line.
const now = sandbox.clock.now();
for (const [monthsAgo, absent] of [
  [2, 1],
  [1, 0],
] as const) {
  const startsAt = new Date(now.getTime() - monthsAgo * 30 * 86_400_000);
  const meeting = await db.meeting.create({
    data: {
      unitId: cell.id,
      startsAt,
      plannedEndAt: new Date(startsAt.getTime() + 2 * 3_600_000),
      status: "HELD",
      rollCallOpenedAt: startsAt,
      rollCallClosedAt: new Date(startsAt.getTime() + 2 * 3_600_000),
    },
  });
  await db.attendance.createMany({
    data: members.map((m, i) => ({
      meetingId: meeting.id,
      memberId: m.id,
      status: i === absent ? ("EXCUSED" as const) : ("PRESENT" as const),
      reason: i === absent ? "Đi công tác" : null,
      markedAt: startsAt,
    })),
  });
}

let page: Page;
let missing: string | undefined;

beforeAll(async () => {
  const launched = await launchChromium();
  if (typeof launched === "string") {
    missing = launched;
    return;
  }
  browser = launched;
  mkdirSync(ARTIFACTS, { recursive: true });
  page = await browser.newPage({ viewport: DESKTOP, locale: "vi-VN" });
  page.setDefaultTimeout(20_000);
});

/** The page at desktop width and at 390 px, whole length. */
async function snap(p: Page, name: string) {
  await p.setViewportSize(DESKTOP);
  await p.screenshot({ path: `${ARTIFACTS}${name}-desktop.png`, fullPage: true });
  await p.setViewportSize(MOBILE);
  await p.screenshot({ path: `${ARTIFACTS}${name}-390.png`, fullPage: true });
  await p.setViewportSize(DESKTOP);
}

/** "Mở trang quản lý" on the persona's card: the tab it opens, on the sign-in page. */
async function openConsole(personaId: string, search: string): Promise<Page> {
  await page.goto(sandbox.url);
  await page.locator("body[data-ready='true']").waitFor();
  await page.getByTestId("persona-search").fill(search);
  const [tab] = await Promise.all([
    page.context().waitForEvent("page"),
    page.locator(`[data-testid="open-console"][data-persona-id="${personaId}"]`).click(),
  ]);
  await tab.waitForURL(/\/web\/dang-nhap\//);
  tab.setDefaultTimeout(20_000);
  return tab;
}

/** The link the bot sent to a persona last (from the sandbox chat, as the page reads it). */
async function lastLink(personaId: string): Promise<string> {
  const chat = (await (
    await fetch(`${sandbox.url}/api/sandbox/personas/${personaId}/chat`)
  ).json()) as {
    text: string;
  }[];
  const texts = chat.map((m) => m.text).filter((t) => t.includes("/web/dang-nhap/"));
  return /https?:\/\/\S+\/web\/dang-nhap\/\S+/.exec(texts.at(-1) ?? "")![0];
}

describe("web console in a browser", () => {
  let console: Page;
  let link: string;

  it("a secretary signs in with the link from the chat and sees the month table", {
    timeout: 120_000,
  }, async () => {
    if (missing) throw new Error(missing);
    console = await openConsole("DV1", "Bình");
    link = console.url();
    expect(await lastLink("DV1")).toBe(link);
    await console.getByTestId("sign-in").click();
    await console.waitForURL(/\/web$/);
    const row = console.locator('[data-testid="cell-row"][data-unit="KP3"]');
    await row.waitFor();
    await expect(console.getByTestId("cell-row").count()).resolves.toBe(1);
    await expect(console.getByTestId("state-counts").textContent()).resolves.toMatch(/1/);
    await expect(console.getByTestId("viewer").textContent()).resolves.toContain("Nguyễn Văn Bình");
    await snap(console, "month");
  });

  it("opens the cell and a member, and a chart has one point a month for 12 months", {
    timeout: 120_000,
  }, async () => {
    if (missing) throw new Error(missing);
    await console.locator('[data-testid="cell-row"] a').first().click();
    await console.getByTestId("members-table").waitFor();
    await expect(console.getByTestId("member-row").count()).resolves.toBe(members.length);
    await expect(
      console.getByTestId("meetings-table").locator("tbody tr").count(),
    ).resolves.toBeGreaterThanOrEqual(2);
    const chart = console.getByTestId("chart-cell-rate");
    await expect(chart.getAttribute("data-points")).resolves.toBe("12");
    // One drawing for a desktop, one for a phone; each a server-rendered SVG.
    await expect(chart.locator(".svg-wide svg").count()).resolves.toBe(1);
    await expect(chart.locator(".svg-narrow svg").count()).resolves.toBe(1);
    await expect(chart.getByTestId("chart-point").count()).resolves.toBe(12);
    await snap(console, "cell");

    await console.getByRole("link", { name: members[1]!.fullName }).click();
    await console.getByTestId("history-table").waitFor();
    await expect(console.locator("h1").textContent()).resolves.toBe(members[1]!.fullName);
    await expect(console.getByTestId("channels").textContent()).resolves.toContain("Telegram");
    await snap(console, "member");

    await console.getByRole("link", { name: "Biểu đồ" }).first().click();
    await console.getByTestId("chart-on-time").waitFor();
    await expect(
      console.getByTestId("chart-rate").getByTestId("chart-point").count(),
    ).resolves.toBe(12);
    await snap(console, "charts");

    await console.getByRole("link", { name: "Nhật ký thay đổi" }).first().click();
    await console.getByTestId("audit-table").waitFor();
    await expect(console.getByTestId("audit-table").textContent()).resolves.toContain(
      "Đăng nhập trang quản lý",
    );
    await snap(console, "audit");
  });

  it("answers 403 for another cell's URL; a used or expired link is refused", {
    timeout: 120_000,
  }, async () => {
    if (missing) throw new Error(missing);
    const forbidden = await console.goto(`${sandbox.url}/web/chi-bo/${other.id}`);
    expect(forbidden?.status()).toBe(403);
    await expect(console.locator("h1").textContent()).resolves.toBe("Không có quyền xem");
    await snap(console, "forbidden");

    await console.goto(link);
    await console.getByTestId("sign-in").click();
    await expect(console.locator(".message").textContent()).resolves.toContain("đã được dùng");

    const fresh = await openConsole("DV1", "Bình");
    sandbox.clock.advanceTo(new Date(sandbox.clock.now().getTime() + 11 * 60_000));
    await fresh.getByTestId("sign-in").click();
    await expect(fresh.locator(".message").textContent()).resolves.toContain("đã hết hạn");
    await fresh.close();
  });

  it("an administrator's import with a mistake shows the report and writes nothing", {
    timeout: 120_000,
  }, async () => {
    if (missing) throw new Error(missing);
    await grantWebAdmin(sandbox.runtime.services, "UV1");
    const admin = await openConsole("UV1", "Phụ Trách");
    await admin.getByTestId("sign-in").click();
    await admin.waitForURL(/\/web$/);
    await expect(admin.getByTestId("cell-row").count()).resolves.toBe(2);
    await admin.getByRole("link", { name: "Nhập dữ liệu" }).click();

    const before = await db.member.count();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Đảng viên");
    sheet.addRow(["Mã đảng viên", "Họ và tên", "Mã chi bộ", "Chính thức/Dự bị"]);
    sheet.addRow(["MOI-1", "Nguyễn Văn Mới", "KP3", "Chính thức"]);
    sheet.addRow(["MOI-2", "Trần Thị Sai", "KHONG-CO", "Chính thức"]);
    await admin.locator("#i-file").setInputFiles({
      name: "dang-vien.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: Buffer.from(await workbook.xlsx.writeBuffer()),
    });
    await admin.getByRole("button", { name: "Kiểm tra tệp" }).click();
    await admin.getByTestId("import-report").waitFor();
    await expect(admin.getByTestId("problem-row").count()).resolves.toBeGreaterThanOrEqual(1);
    await expect(admin.getByTestId("import-problems").textContent()).resolves.toContain("3");
    await expect(admin.getByRole("button", { name: "Nhập", exact: true }).count()).resolves.toBe(0);
    expect(await db.member.count()).toBe(before);
    await snap(admin, "import");
    await admin.close();
  });
});
