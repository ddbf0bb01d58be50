// The web chat page in a real browser (Debian Chromium through playwright-core): a member answers
// the first reminder with Vắng and a reason; the secretary sees it, takes the roll call, closes it
// and gets the minutes. Screenshots go to test-artifacts/sandbox/ (ignored by git).
import { mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser, Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/chromium.ts";
import { SANDBOX_CELL, SANDBOX_PEOPLE, startTestSandbox } from "../support/sandbox.ts";

const ARTIFACTS = fileURLToPath(new URL("../../test-artifacts/sandbox/", import.meta.url));
const REASON = "Đi khám bệnh theo lịch hẹn của bệnh viện";
const SECRETARY = { id: "DV1", name: SANDBOX_PEOPLE[0]! };
const MEMBER = { id: "DV2", name: SANDBOX_PEOPLE[1]! };
const OTHERS = SANDBOX_PEOPLE.slice(2);
const CELL = SANDBOX_CELL;

let browser: Browser | undefined;
const WARD = "Đảng bộ phường Hồng Hải";
const ZALO_MEMBER = { id: "DV4-zalo", name: SANDBOX_PEOPLE[3]! };
const { db, sandbox } = await startTestSandbox({
  firstChatId: 9100,
  organisation: WARD,
  // Phạm Thị Dung also uses Zalo: two personas, told apart by their channel.
  channelsOf: (i) => (i === 3 ? ["TELEGRAM", "ZALO"] : ["TELEGRAM"]),
  beforeStop: async () => browser?.close(),
});

let page: Page;
/** Set when Chromium is not installed: every test then fails with it (never a silent skip). */
let missing: string | undefined;

beforeAll(async () => {
  const launched = await launchChromium();
  if (typeof launched === "string") {
    missing = launched;
    return;
  }
  browser = launched;
  mkdirSync(ARTIFACTS, { recursive: true });
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: "vi-VN" });
  page.setDefaultTimeout(15_000);
});

// ── Helpers ──────────────────────────────────────────────────────────────────

/** Waits for a locator, failing with a sentence that says what the page should have shown. */
async function shows(locator: Locator, what: string, timeout = 15_000): Promise<Locator> {
  try {
    await locator.waitFor({ state: "visible", timeout });
  } catch {
    const chat = await page
      .getByTestId("message")
      .allTextContents()
      .then((texts) => texts.join("\n"))
      .catch(() => "(no chat)");
    throw new Error(`The page did not show ${what}.\nChat on screen:\n${chat}`);
  }
  return locator;
}

/** The action finished: "Đang xử lý…" is gone and the buttons are enabled again. */
async function idle() {
  await page.getByTestId("busy").waitFor({ state: "hidden", timeout: 30_000 });
}

function botMessage(text: string | RegExp): Locator {
  return page.locator('[data-testid="message"][data-from="bot"]', { hasText: text }).last();
}

async function choose(persona: { id: string; name: string }, search: string) {
  await page.getByTestId("persona-search").fill(search);
  await page.locator(`[data-testid="persona"][data-persona-id="${persona.id}"]`).click();
  await shows(
    page.getByTestId("chat-title").filter({ hasText: persona.name }),
    `${persona.name}'s chat`,
  );
}

async function typeInChat(text: string) {
  await page.getByTestId("chat-input").fill(text);
  await page.getByTestId("chat-input").press("Enter");
  await idle();
}

async function snap(name: string) {
  await page.screenshot({ path: `${ARTIFACTS}${name}.png` });
}

// ── The scenario ─────────────────────────────────────────────────────────────

describe("sandbox web chat in a browser", () => {
  it("a member moves the clock to the first reminder, presses Vắng and gives a reason", {
    timeout: 120_000,
  }, async () => {
    if (missing) throw new Error(missing);
    await page.goto(sandbox.url);
    await page.locator("body[data-ready='true']").waitFor();
    expect(await page.title()).toContain("Chi bộ Bot");

    // Search ignores diacritics and finds the member by a fragment of the name.
    await choose(MEMBER, "thi hoa");
    await expect(page.getByTestId("persona").count()).resolves.toBe(1);
    await expect(page.getByTestId("role-badge").first().textContent()).resolves.toBe("Đảng viên");
    // The card and the header say which ward's «Khu phố 3» and which channel.
    expect(await page.getByTestId("persona-place").first().textContent()).toBe(`${CELL} — ${WARD}`);
    expect(await page.getByTestId("persona-channel").first().textContent()).toBe("Telegram");
    expect(await page.getByTestId("chat-subtitle").textContent()).toBe(
      `${CELL} — ${WARD} · trò chuyện riêng với Chi bộ Bot (Telegram)`,
    );
    const clockText = /^\d\d:\d\d, (Thứ (Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ nhật) \d\d\/\d\d\/\d{4}$/;
    expect(await page.getByTestId("clock-now").textContent()).toMatch(clockText);
    const before = Date.parse((await page.getByTestId("clock-now").getAttribute("data-iso"))!);
    const due = Date.parse((await page.getByTestId("clock-next-due").getAttribute("data-iso"))!);
    expect(due).toBeGreaterThan(before);
    // The next send time to the second, as the planner spreads a fan-out: not «13:59» for 13:59:55.
    const dueText = (await page.getByTestId("clock-next-due").textContent())!;
    expect(dueText).toMatch(/^\d\d:\d\d:\d\d, /);
    expect(dueText.slice(6, 8)).toBe(String(new Date(due).getUTCSeconds()).padStart(2, "0"));

    // Held for a moment on the way, so that the page is seen busy: «Đang xử lý…», buttons disabled.
    await page.route("**/api/sandbox/clock", async (route) => {
      if (route.request().method() === "POST") await new Promise((r) => setTimeout(r, 500));
      await route.continue();
    });
    await page.getByTestId("clock-next-reminder").click();
    await shows(page.getByTestId("busy").filter({ hasText: "Đang xử lý…" }), "«Đang xử lý…»");
    expect(await page.getByTestId("clock-plus-hour").isDisabled()).toBe(true);
    expect(await page.getByTestId("send-button").isDisabled()).toBe(true);
    await idle();
    await page.unrouteAll();
    expect(await page.getByTestId("clock-plus-hour").isDisabled()).toBe(false);
    const reminder = await shows(
      botMessage("Nhắc lịch sinh hoạt chi bộ"),
      "the first reminder in the member's chat",
    );
    expect(await reminder.textContent()).toContain(CELL);
    // The virtual clock keeps running in real time once it has jumped.
    const reached = Date.parse((await page.getByTestId("clock-now").getAttribute("data-iso"))!);
    expect(reached - due).toBeGreaterThanOrEqual(0);
    expect(reached - due).toBeLessThan(60_000);
    await expect(reminder.getByTestId("message-button").allInnerTexts()).resolves.toEqual([
      "✅ Tham dự",
      "❌ Vắng (có lý do)",
    ]);
    await snap("01-member-reminder");

    await reminder.getByRole("button", { name: "❌ Vắng (có lý do)" }).click();
    await idle();
    await shows(botMessage("vắng vì lý do gì"), "the question about the reason");

    // The reason typed in the input box, sent with Enter.
    await typeInChat(REASON);
    const confirm = await shows(botMessage(`«${REASON}»`), "the confirmation with the reason");
    await confirm.getByRole("button", { name: "✅ Xác nhận" }).click();
    await idle();
    const recorded = await shows(
      botMessage("Đã ghi nhận: đồng chí vắng"),
      "the confirmation edited into «Đã ghi nhận»",
    );
    expect(await recorded.getByTestId("message-edited").textContent()).toBe("đã sửa");
    expect(await recorded.textContent()).toContain(REASON);

    await shows(
      page.getByTestId("meeting-absent").first().filter({ hasText: MEMBER.name }),
      "the member under «Vắng» in the who-answered panel",
    );
    await snap("02-member-absent");
    expect(
      await db.answer.count({ where: { kind: "ABSENT", reason: REASON, member: { code: "DV2" } } }),
    ).toBe(1);
  });

  // Continues from the member's test (same sandbox, same page). Needs /tinhhinh
  // (features/secretary.ts) and /rollcall (features/rollcall.ts): a missing step fails with a
  // message naming it.
  it("the secretary sees the answer in /tinhhinh, takes the roll call, closes it and gets the summary", {
    timeout: 120_000,
  }, async () => {
    if (missing) throw new Error(missing);
    // Switching persona keeps the member's chat open.
    await page.getByTestId("persona-search").fill("khu pho 3");
    await page.locator('[data-testid="role-option"][data-role="secretary"]').click();
    await expect(page.getByTestId("persona").count()).resolves.toBe(1);
    await choose(SECRETARY, "khu pho 3");
    await expect(page.getByTestId("open-chat").allInnerTexts()).resolves.toEqual([
      expect.stringContaining(SECRETARY.name),
      expect.stringContaining(MEMBER.name),
    ]);

    await typeInChat("/tinhhinh");
    const overview = await shows(
      botMessage(MEMBER.name),
      `a /tinhhinh reply naming ${MEMBER.name} (features/secretary.ts)`,
    );
    expect(await overview.textContent()).toContain(REASON);
    await snap("03-secretary-tinhhinh");

    // The clock panel's «Đến giờ họp» goes to the start of this cell's next meeting.
    const meeting = await db.meeting.findFirstOrThrow({
      where: { status: "PLANNED", unit: { code: "KP3" } },
      orderBy: { startsAt: "asc" },
    });
    await page.getByTestId("clock-meeting-start").click();
    await idle();
    const started = Date.parse((await page.getByTestId("clock-now").getAttribute("data-iso"))!);
    expect(started - meeting.startsAt.getTime()).toBeGreaterThanOrEqual(0);
    expect(started - meeting.startsAt.getTime()).toBeLessThan(60_000);

    await typeInChat("/rollcall");
    const rosterText = "Điểm danh";
    const roster = () =>
      page
        .locator('[data-testid="message"][data-from="bot"]', {
          has: page.getByTestId("message-button").filter({ hasText: OTHERS[0]! }),
        })
        .last();
    await shows(
      roster(),
      `a /rollcall roster with one button per member (features/rollcall.ts), titled «${rosterText}»`,
    );
    const labels = await roster().getByTestId("message-button").allInnerTexts();
    for (const name of [SECRETARY.name, MEMBER.name, ...OTHERS]) {
      expect(labels.some((l) => l.includes(name))).toBe(true);
    }

    // Each press cycles the mark and edits the roster in place.
    for (const name of [SECRETARY.name, ...OTHERS]) {
      const button = () => roster().getByTestId("message-button").filter({ hasText: name });
      const before = (await button().textContent()) ?? "";
      await button().click();
      await idle();
      await shows(
        roster().getByTestId("message-button").filter({ hasText: name }).filter({
          hasNotText: before,
        }),
        `${name}'s roster button with a new mark after a press (was «${before}»)`,
      );
      expect(await roster().getByTestId("message-edited").count()).toBe(1);
    }
    await snap("04-secretary-rollcall");

    const summariesBefore = await page
      .locator('[data-testid="message"][data-from="bot"]', { hasText: /BIÊN BẢN ĐIỂM DANH/ })
      .count();
    await roster().getByTestId("message-button").filter({ hasText: "Chốt điểm danh" }).click();
    await idle();
    // Closing with someone unmarked asks once more; everyone is marked here, but accept both.
    const confirmClose = page.getByTestId("message-button").filter({ hasText: "Xác nhận chốt" });
    if (await confirmClose.count()) {
      await confirmClose.last().click();
      await idle();
    }
    const summary = page
      .locator('[data-testid="message"][data-from="bot"]', { hasText: /BIÊN BẢN ĐIỂM DANH/ })
      .nth(summariesBefore);
    await shows(summary, "the roll-call summary (biên bản) after «Chốt điểm danh»", 20_000);
    const text = await summary.textContent();
    expect(text).toContain(CELL);
    expect(text).toContain(`${MEMBER.name}: ${REASON}`);
    // The minutes also come as a file, shown as 📎 and its name.
    const file = await shows(page.getByTestId("message-file").last(), "the minutes file (📎)");
    expect(await file.textContent()).toMatch(/^📎 \S+/);
    // …which downloads as the file the bot sent.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      file.getByTestId("message-file-link").click(),
    ]);
    const name = (await file.getByTestId("message-file-link").textContent())!.slice(3);
    expect(download.suggestedFilename()).toBe(name);
    const saved = `${ARTIFACTS}${name}`;
    await download.saveAs(saved);
    const content = readFileSync(saved, "utf8");
    expect(content).toContain(MEMBER.name);
    expect(content).toContain(REASON);
    // A taller window for this one, so that the whole minutes and the file fit in the picture.
    await page.setViewportSize({ width: 1440, height: 1400 });
    await summary.evaluate((element) => element.scrollIntoView({ block: "start" }));
    await snap("05-secretary-summary");

    // Back to the member: her chat is as she left it.
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.locator(`[data-testid="open-chat"][data-persona-id="${MEMBER.id}"]`).click();
    await shows(
      page.getByTestId("chat-title").filter({ hasText: MEMBER.name }),
      "the member's chat again",
    );
    await shows(botMessage("Đã ghi nhận: đồng chí vắng"), "the member's recorded answer");
  });

  it("search puts the exact name first; a Zalo persona is labelled Zalo", {
    timeout: 60_000,
  }, async () => {
    if (missing) throw new Error(missing);
    // «Phạm Thị Dung» typed in full: her two personas first, under «Đúng tên đã gõ».
    await page.getByTestId("persona-search").fill("Phạm Thị Dung");
    await page.locator('[data-testid="role-option"][data-role="all"]').click();
    const first = page.getByTestId("persona").first();
    expect(await first.locator(".persona-name").textContent()).toBe(ZALO_MEMBER.name);
    expect(await page.locator(".group-title").first().textContent()).toBe("Đúng tên đã gõ");
    await choose(ZALO_MEMBER, "Phạm Thị Dung");
    expect(await page.getByTestId("chat-subtitle").textContent()).toBe(
      `${CELL} — ${WARD} · trò chuyện riêng với Chi bộ Bot (Zalo)`,
    );
    await typeInChat("caidat");
    const menu = await shows(botMessage("Trả lời"), "the Zalo settings with numbered choices");
    expect(await menu.textContent()).not.toMatch(/bấm|nút|từ 1 đến 1\b/);
    await snap("06-zalo-persona");
  });

  it("a long clock move says which day it has reached", { timeout: 60_000 }, async () => {
    if (missing) throw new Error(missing);
    // The move is held while the page asks how far it got; the answer is a move of 30 days.
    const from = Date.parse((await page.getByTestId("clock-now").getAttribute("data-iso"))!);
    const iso = (days: number) => new Date(from + days * 86_400_000).toISOString();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route("**/api/sandbox/clock", async (route) => {
      if (route.request().method() === "POST") {
        await held;
        return route.continue();
      }
      return route.fulfill({
        json: { now: iso(2), nextDue: null, moving: { from: iso(0), to: iso(30), at: iso(2) } },
      });
    });
    await page.getByTestId("clock-plus-day").click();
    await shows(
      page
        .getByTestId("busy-text")
        .filter({ hasText: /Đang tua đồng hồ: đã đến .* \(ngày 2\/30\)/ }),
      "the day the clock has reached, «ngày 2/30»",
    );
    expect(await page.getByTestId("busy-progress").isVisible()).toBe(true);
    await snap("07-clock-progress");
    release();
    await idle();
    await page.unrouteAll();
    expect(await page.getByTestId("busy-text").textContent()).toBe("Đang xử lý…");
  });

  it("on a 390 px phone, choosing a persona shows their chat; ← Danh sách goes back", {
    timeout: 60_000,
  }, async () => {
    if (missing) throw new Error(missing);
    const phone = await browser!.newPage({
      viewport: { width: 390, height: 844 },
      locale: "vi-VN",
      isMobile: true,
      hasTouch: true,
    });
    phone.setDefaultTimeout(15_000);
    try {
      await phone.goto(sandbox.url);
      await phone.locator("body[data-ready='true']").waitFor();
      await phone.screenshot({ path: `${ARTIFACTS}08-phone-list.png` });
      await phone.getByTestId("persona-search").fill("thi hoa");
      await phone.locator(`[data-testid="persona"][data-persona-id="${MEMBER.id}"]`).tap();
      const title = phone.getByTestId("chat-title").filter({ hasText: MEMBER.name });
      await title.waitFor({ state: "visible" });
      expect(await title.isVisible()).toBe(true);
      await phone
        .locator('[data-testid="message"][data-from="bot"]')
        .last()
        .waitFor({ state: "visible" });
      // The chat is on screen, not below a screen of persona cards.
      const box = (await phone.getByTestId("chat-title").boundingBox())!;
      expect(box.y).toBeLessThan(844);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      expect(await phone.getByTestId("persona-list").isVisible()).toBe(false);
      expect(await phone.getByTestId("chat-input").isVisible()).toBe(true);
      const width = Number(await phone.evaluate("document.documentElement.scrollWidth"));
      expect(width).toBeLessThanOrEqual(390);
      await phone.screenshot({ path: `${ARTIFACTS}09-phone-chat.png`, fullPage: false });
      await phone.getByTestId("chat-back").tap();
      await phone.getByTestId("persona-list").waitFor({ state: "visible" });
      expect(await phone.getByTestId("chat-title").isVisible()).toBe(false);
    } finally {
      await phone.close();
    }
  });
});
