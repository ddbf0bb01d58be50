// Debian's Chromium, headless, through playwright-core: the browser tests' one way to start it.
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

const CHROMIUM = "/usr/bin/chromium";

/**
 * The browser, or the sentence every test of the file then fails with when Chromium is not
 * installed (never a silent skip).
 */
export async function launchChromium(): Promise<Browser | string> {
  if (!existsSync(CHROMIUM))
    return (
      `Chromium is missing at ${CHROMIUM}: the browser test needs Debian's chromium. ` +
      "Install it with `apt-get update && apt-get install -y chromium` (.ci/run does this)."
    );
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
