import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";

// Issue 12 item 15: a webhook URL the hosted platform would refuse is refused at start, by name.
const TELEGRAM = { BOT_MODE: "webhook", WEBHOOK_SECRET: "a-secret-of-16-chars-or-more" };
const ZALO = {
  ZALO_BOT_TOKEN: "zalo-token-123",
  ZALO_MODE: "webhook",
  ZALO_WEBHOOK_SECRET: "zalo-secret",
};

describe("webhook URLs are checked as the hosted platforms check them", () => {
  it.each([
    [
      "http:// for Telegram",
      { ...TELEGRAM, WEBHOOK_URL: "http://chibo.example.org" },
      /WEBHOOK_URL: Telegram delivers webhooks only to https:\/\//,
    ],
    [
      "port 3000 for Telegram",
      { ...TELEGRAM, WEBHOOK_URL: "https://chibo.example.org:3000" },
      /WEBHOOK_URL: Telegram delivers webhooks only to ports 443, 80, 88 or 8443 \(got 3000\)/,
    ],
    [
      "http:// for Zalo",
      { ...ZALO, ZALO_WEBHOOK_URL: "http://chibo.example.org" },
      /ZALO_WEBHOOK_URL: Zalo delivers webhooks only to https:\/\//,
    ],
    [
      "a dispatch horizon shorter than three reconciler rounds",
      { DISPATCH_HORIZON_MINUTES: "5" },
      /DISPATCH_HORIZON_MINUTES/,
    ],
  ])("refused: %s", (_case, env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it.each([
    ["https on 443", { ...TELEGRAM, WEBHOOK_URL: "https://chibo.example.org" }],
    ["https on 8443", { ...TELEGRAM, WEBHOOK_URL: "https://chibo.example.org:8443/bot" }],
    ["https on 88", { ...TELEGRAM, WEBHOOK_URL: "https://chibo.example.org:88" }],
    ["Zalo on https, any port", { ...ZALO, ZALO_WEBHOOK_URL: "https://chibo.example.org:3000" }],
    [
      "a local Bot API takes http and any port",
      {
        ...TELEGRAM,
        TELEGRAM_API_ROOT: "http://127.0.0.1:8081",
        WEBHOOK_URL: "http://127.0.0.1:3000",
      },
    ],
  ])("accepted: %s", (_case, env) => {
    expect(() => loadConfig(env)).not.toThrow();
  });
});

// Issue 18 item 6: one Redis target — a server (REDIS_URL), a cluster or a master through Sentinel.
describe("the Redis target", () => {
  it.each([
    [
      "a cluster and sentinels together",
      { REDIS_CLUSTER_NODES: "10.0.0.1:6379", REDIS_SENTINELS: "10.0.0.2:26379" },
      /REDIS_SENTINELS: REDIS_SENTINELS and REDIS_CLUSTER_NODES are both set/,
    ],
    [
      "sentinels without ports",
      { REDIS_SENTINELS: "10.0.0.2,10.0.0.3" },
      /REDIS_SENTINELS: like "10.0.0.1:26379,10.0.0.2:26379"/,
    ],
    [
      "TLS through sentinels",
      { REDIS_SENTINELS: "10.0.0.2:26379", REDIS_URL: "rediss://:pw@redis.example.org:6380" },
      /REDIS_URL: rediss:\/\/ \(TLS\) is not supported with REDIS_SENTINELS/,
    ],
  ])("refused: %s", (_case, env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it("sentinels name the master mymaster unless told otherwise", () => {
    const config = loadConfig({ REDIS_SENTINELS: "10.0.0.2:26379,10.0.0.3:26379" });
    expect(config.REDIS_SENTINEL_NAME).toBe("mymaster");
  });

  it("a managed instance over TLS: rediss:// alone is accepted", () => {
    expect(() => loadConfig({ REDIS_URL: "rediss://:pw@redis.example.org:6380" })).not.toThrow();
  });
});
