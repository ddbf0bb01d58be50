import type { Update } from "grammy/types";
import { TELEGRAM_LIMITS } from "../limits.ts";
import { BotApiError, badRequest } from "./bot-api-error.ts";
import type { CallContext, MethodHandler } from "./chat-methods.ts";
import { unixTime } from "./chat-store.ts";
import { jsonParam, optionalBool, optionalInt, optionalString, type Params } from "./params.ts";
import { WebhookDeliveryError } from "./types.ts";

interface Webhook {
  /** The URL the bot registered (https, as Telegram demands). */
  url: string;
  /** Where the request really goes: the same URL, or the local address behind an exposed one. */
  target: string;
  secretToken: string | undefined;
  maxConnections: number;
  lastError: { at: Date; message: string } | undefined;
}

interface Poll {
  limit: number;
  finish: (result: Update[] | BotApiError) => void;
}

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

/** One update in Telegram's queue until the bot confirms it (getUpdates offset or a 2xx answer). */
interface Entry {
  update: Update;
  /** Telegram's webhook queue: one chat's messages, one person's button presses, … */
  queue: string;
  /** Real time after which Telegram gives up on it. */
  expiresAt: number;
  failCount: number;
  /** The doubling retry delay, in seconds, as the Bot API server keeps it. */
  delaySeconds: number;
  /** Real time before which it is not sent again. */
  wakeAt: number;
  inFlight: boolean;
  /** Callers waiting for the outcome of its first delivery attempt. */
  firstAttempt: Waiter[];
}

/** One POST of an update to the webhook, for tests that check redelivery. */
export interface WebhookAttempt {
  updateId: number;
  /** Real time (Date.now) the attempt started. */
  at: number;
  /** The bot's HTTP status; 0 when it could not be reached or did not answer in time. */
  status: number;
}

const CONFLICT_WEBHOOK =
  "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";
const CONFLICT_POLL =
  "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running";
// Telegram leaves these out unless they are asked for by name.
const OPT_IN_UPDATES = new Set(["chat_member", "message_reaction", "message_reaction_count"]);
const ATTEMPT_LOG_LIMIT = 10_000;

/**
 * The webhook queue an update goes to, as the Bot API server picks it: one per chat for messages,
 * one per person for button presses, one per chat for the bot's own membership. Telegram sends the
 * next update of a queue only after the previous one was answered; different queues in parallel.
 */
function queueOf(update: Update): string {
  if (update.callback_query !== undefined) return `callback:${update.callback_query.from.id}`;
  if (update.my_chat_member !== undefined) return `member:${update.my_chat_member.chat.id}`;
  const message = update.message ?? update.edited_message;
  if (message !== undefined) return `chat:${message.chat.id}`;
  return `update:${update.update_id}`;
}

function lifetimeMs(update: Update): number {
  return update.callback_query !== undefined
    ? TELEGRAM_LIMITS.callbackUpdateLifetimeMs
    : TELEGRAM_LIMITS.messageUpdateLifetimeMs;
}

/** The Bot API server's retry delay after a failure (WebhookActor::on_update_error), in seconds. */
function nextDelay(entry: Entry, retryAfter: number): number {
  const capped = Math.min(
    Math.max(0, retryAfter),
    TELEGRAM_LIMITS.webhookRetry.retryAfterCapSeconds,
  );
  if (capped > 0 || entry.failCount === 0) return capped;
  const max = TELEGRAM_LIMITS.webhookRetry.maxDelaySeconds * (1 + Math.random());
  entry.delaySeconds = Math.min(max, entry.delaySeconds * 2);
  return entry.delaySeconds;
}

/**
 * Gets updates to the bot in one of three ways: a direct handler (tests), a webhook POST, or a
 * queue read by getUpdates long polling. Webhook delivery is Telegram's: per-queue order, queues in
 * parallel up to max_connections, and a failed update retried with back-off under the same id.
 */
export class UpdateDelivery {
  private handler: ((update: Update) => Promise<void>) | undefined;
  private webhook: Webhook | undefined;
  private allowedUpdates: Set<string> | undefined;
  private pendingEntries: Entry[] = [];
  private poll: Poll | undefined;
  private confirmedBelow = 0;
  private waiters = new Map<number, Array<() => void>>();
  private readonly webhookRequests = new Set<AbortController>();
  private readonly directQueues = new Map<string, Promise<unknown>>();
  private inFlight = 0;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private attemptLog: WebhookAttempt[] = [];
  /** Public https origins and the local addresses behind them (a TLS-terminating proxy, a tunnel). */
  private readonly exposed = new Map<string, string>();
  private nextExposed = 1;
  // Never reset: a bot that keeps polling across reset() must not see old ids again.
  private nextUpdateId = 1;

  constructor(
    private readonly now: () => Date,
    /** Performs a method call that a webhook returned in its response body. */
    private readonly runWebhookReply: (method: string, params: Params) => Promise<void>,
    /** How long Telegram waits for the webhook's answer before it counts as failed. */
    private readonly responseTimeoutMs: number = TELEGRAM_LIMITS.webhookResponseTimeoutMs,
  ) {}

  newUpdateId(): number {
    return this.nextUpdateId++;
  }

  setHandler(handler: ((update: Update) => Promise<void>) | undefined): void {
    this.handler = handler;
  }

  /**
   * An https address that reaches `localUrl`, as a reverse proxy or tunnel in front of the bot does:
   * Telegram only calls https webhooks on its four ports, the bot here listens on plain HTTP.
   */
  expose(localUrl: string): string {
    const local = new URL(localUrl);
    for (const [origin, target] of this.exposed) {
      if (target === local.origin) return `${origin}${local.pathname}${local.search}`;
    }
    const origin = `https://bot-${this.nextExposed++}.exposed.invalid`;
    this.exposed.set(origin, local.origin);
    return `${origin}${local.pathname}${local.search}`;
  }

  /**
   * Resolves once handled (handler, webhook) or queued (polling); false when Telegram would filter
   * it out. Over a webhook, a first attempt that fails rejects with WebhookDeliveryError, and
   * Telegram keeps retrying the update in the background.
   */
  async deliver(update: Update): Promise<boolean> {
    if (this.handler !== undefined) {
      await this.direct(this.handler, update);
      return true;
    }
    const type = Object.keys(update).find((key) => key !== "update_id") ?? "";
    const allowed =
      this.allowedUpdates === undefined ? !OPT_IN_UPDATES.has(type) : this.allowedUpdates.has(type);
    if (!allowed) return false;
    const entry: Entry = {
      update,
      queue: queueOf(update),
      expiresAt: Date.now() + lifetimeMs(update),
      failCount: 0,
      delaySeconds: 1,
      wakeAt: 0,
      inFlight: false,
      firstAttempt: [],
    };
    this.pendingEntries.push(entry);
    if (this.webhook === undefined) {
      this.wakePoll();
      return true;
    }
    const outcome = new Promise<void>((resolve, reject) =>
      entry.firstAttempt.push({ resolve, reject }),
    );
    this.pump();
    await outcome;
    return true;
  }

  /** In-process delivery keeps Telegram's order too: a queue's next update waits for the last. */
  private async direct(handler: (update: Update) => Promise<void>, update: Update): Promise<void> {
    const queue = queueOf(update);
    const previous = this.directQueues.get(queue) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => handler(update));
    this.directQueues.set(queue, run);
    try {
      await run;
    } finally {
      if (this.directQueues.get(queue) === run) this.directQueues.delete(queue);
    }
  }

  /** Updates not confirmed yet, oldest first. Do not mutate. */
  pending(): readonly Update[] {
    return this.pendingEntries.map((entry) => entry.update);
  }

  /** Every webhook POST so far (the most recent 10,000), oldest first. */
  attempts(): readonly WebhookAttempt[] {
    return this.attemptLog;
  }

  /** Resolves once the update left Telegram's queue: confirmed by getUpdates or answered 2xx. */
  async waitUntilConfirmed(updateId: number, timeoutMs: number): Promise<void> {
    if (!this.pendingEntries.some((entry) => entry.update.update_id === updateId)) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`update ${updateId} not confirmed within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const list = this.waiters.get(updateId) ?? [];
      list.push(() => {
        clearTimeout(timer);
        resolve();
      });
      this.waiters.set(updateId, list);
    });
  }

  methods(): Record<string, MethodHandler> {
    return {
      getUpdates: (p, context) => this.getUpdates(p, context),
      setWebhook: (p) => this.setWebhook(p),
      deleteWebhook: (p) => this.deleteWebhook(p),
      getWebhookInfo: () => this.webhookInfo(),
    };
  }

  /** Forgets queue, webhook and filters; keeps the handler, exposed addresses and the id counter. */
  reset(): void {
    this.close();
    this.closed = false;
    this.webhook = undefined;
    this.allowedUpdates = undefined;
    this.pendingEntries = [];
    this.confirmedBelow = 0;
    this.waiters = new Map();
    this.attemptLog = [];
  }

  /** Answers a waiting long poll, aborts webhook deliveries in flight and stops retrying. */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.poll?.finish([]);
    for (const request of this.webhookRequests) request.abort();
    for (const entry of this.pendingEntries) {
      this.report(entry, new WebhookDeliveryError(0, "", { cause: new Error("stopped") }));
    }
  }

  // ── Long polling ───────────────────────────────────────────────────────────

  private live(nowMs: number): Entry[] {
    if (this.pendingEntries.some((entry) => entry.expiresAt <= nowMs)) {
      for (const entry of this.pendingEntries.filter((e) => e.expiresAt <= nowMs)) {
        this.forget(entry);
      }
    }
    return this.pendingEntries;
  }

  private wakePoll(): void {
    const poll = this.poll;
    if (poll !== undefined) poll.finish(this.take(poll.limit));
  }

  private take(limit: number): Update[] {
    return this.live(Date.now())
      .slice(0, limit)
      .map((entry) => entry.update);
  }

  private getUpdates(p: Params, context: CallContext): Update[] | Promise<Update[]> {
    if (this.webhook !== undefined) throw new BotApiError(409, CONFLICT_WEBHOOK);
    const offset = optionalInt(p, "offset") ?? 0;
    const limit = Math.min(
      TELEGRAM_LIMITS.getUpdatesLimit,
      Math.max(1, optionalInt(p, "limit") ?? TELEGRAM_LIMITS.getUpdatesLimit),
    );
    const timeout = Math.max(0, optionalInt(p, "timeout") ?? 0);
    this.setAllowedUpdates(jsonParam(p, "allowed_updates", "allowed_updates"));
    this.confirm(offset);
    this.poll?.finish(new BotApiError(409, CONFLICT_POLL));
    if (this.live(Date.now()).length > 0 || timeout === 0) return this.take(limit);
    return new Promise<Update[]>((resolve, reject) => {
      const timer = setTimeout(() => poll.finish([]), timeout * 1000);
      const poll: Poll = {
        limit,
        finish: (result) => {
          clearTimeout(timer);
          if (this.poll === poll) this.poll = undefined;
          if (result instanceof BotApiError) reject(result);
          else resolve(result);
        },
      };
      this.poll = poll;
      context.onAbort?.(() => poll.finish([]));
    });
  }

  /**
   * Updates below a positive `offset` are confirmed and forgotten; a negative one forgets all but
   * the last -offset updates; 0 confirms nothing.
   */
  private confirm(offset: number): void {
    if (offset === 0) return;
    if (offset < 0) {
      for (const entry of this.pendingEntries.slice(
        0,
        Math.max(0, this.pendingEntries.length + offset),
      )) {
        this.forget(entry);
      }
      this.confirmedBelow = this.pendingEntries[0]?.update.update_id ?? this.nextUpdateId;
      return;
    }
    for (const entry of this.pendingEntries.filter((e) => e.update.update_id < offset)) {
      this.forget(entry);
    }
    this.confirmedBelow = Math.max(this.confirmedBelow, offset);
  }

  /** The update leaves the queue; whoever waits for it is told. */
  private forget(entry: Entry): void {
    const index = this.pendingEntries.indexOf(entry);
    if (index >= 0) this.pendingEntries.splice(index, 1);
    const updateId = entry.update.update_id;
    const list = this.waiters.get(updateId);
    if (list !== undefined) {
      this.waiters.delete(updateId);
      for (const wake of list) wake();
    }
  }

  private setAllowedUpdates(value: unknown): void {
    if (value === undefined) return;
    if (!Array.isArray(value)) throw badRequest("allowed_updates must be an Array");
    this.allowedUpdates = value.length === 0 ? undefined : new Set(value.map(String));
  }

  // ── Webhook ────────────────────────────────────────────────────────────────

  private setWebhook(p: Params): true {
    const url = optionalString(p, "url") ?? "";
    if (url === "") return this.deleteWebhook(p);
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw badRequest("bad webhook: invalid webhook URL specified");
    }
    if (parsed.protocol !== "https:") {
      throw badRequest("bad webhook: An HTTPS URL must be provided for webhook");
    }
    const port = parsed.port === "" ? 443 : Number(parsed.port);
    if (!TELEGRAM_LIMITS.webhookPorts.includes(port)) {
      throw badRequest("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443");
    }
    const secretToken = optionalString(p, "secret_token");
    if (secretToken !== undefined && !TELEGRAM_LIMITS.webhookSecretToken.test(secretToken)) {
      throw badRequest("secret token contains unallowed characters");
    }
    const { min, max, default: fallback } = TELEGRAM_LIMITS.webhookMaxConnections;
    const maxConnections = Math.min(
      max,
      Math.max(min, optionalInt(p, "max_connections") ?? fallback),
    );
    this.setAllowedUpdates(jsonParam(p, "allowed_updates", "allowed_updates"));
    if (optionalBool(p, "drop_pending_updates")) this.dropPending();
    this.poll?.finish(new BotApiError(409, "Conflict: terminated by setWebhook request"));
    const origin = this.exposed.get(parsed.origin);
    this.webhook = {
      url,
      target: origin === undefined ? url : `${origin}${parsed.pathname}${parsed.search}`,
      secretToken,
      maxConnections,
      lastError: undefined,
    };
    this.closed = false;
    // Updates that waited for a poller go to the new webhook, in order.
    this.pump();
    return true;
  }

  private deleteWebhook(p: Params): true {
    this.webhook = undefined;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (optionalBool(p, "drop_pending_updates")) this.dropPending();
    // What waited for the webhook now waits for getUpdates: queued, as deliver() reports it then.
    for (const entry of this.pendingEntries.filter((e) => !e.inFlight)) this.report(entry);
    return true;
  }

  private dropPending(): void {
    for (const entry of this.pendingEntries.filter((e) => !e.inFlight)) {
      this.report(entry, new WebhookDeliveryError(0, "", { cause: new Error("dropped") }));
      this.forget(entry);
    }
  }

  private webhookInfo(): Record<string, unknown> {
    const hook = this.webhook;
    const info: Record<string, unknown> = {
      url: hook?.url ?? "",
      has_custom_certificate: false,
      pending_update_count: this.pendingEntries.length,
    };
    if (hook !== undefined) {
      info.max_connections = hook.maxConnections;
      info.ip_address = "127.0.0.1";
      if (hook.lastError !== undefined) {
        info.last_error_date = unixTime(hook.lastError.at);
        info.last_error_message = hook.lastError.message;
      }
    }
    if (this.allowedUpdates !== undefined) info.allowed_updates = [...this.allowedUpdates];
    return info;
  }

  /** Sends every queue's head that is due, up to max_connections at once; sleeps until the next. */
  private pump(): void {
    const hook = this.webhook;
    if (hook === undefined || this.closed) return;
    const nowMs = Date.now();
    const seen = new Set<string>();
    let wake = Number.POSITIVE_INFINITY;
    for (const entry of [...this.live(nowMs)]) {
      if (this.inFlight >= hook.maxConnections) break;
      // Only the oldest update of a queue may go; the others wait for it to be answered.
      if (seen.has(entry.queue)) continue;
      seen.add(entry.queue);
      if (entry.inFlight) continue;
      if (entry.wakeAt > nowMs) {
        wake = Math.min(wake, entry.wakeAt);
        continue;
      }
      void this.send(hook, entry);
    }
    clearTimeout(this.timer);
    this.timer = undefined;
    if (Number.isFinite(wake)) {
      this.timer = setTimeout(() => this.pump(), Math.max(1, wake - nowMs));
      this.timer.unref();
    }
  }

  private async send(hook: Webhook, entry: Entry): Promise<void> {
    entry.inFlight = true;
    this.inFlight++;
    let failure: WebhookDeliveryError | undefined;
    let retryAfter = 0;
    try {
      const result = await this.postWebhook(hook, entry.update);
      failure = result.failure;
      retryAfter = result.retryAfter;
    } finally {
      entry.inFlight = false;
      this.inFlight--;
    }
    if (failure === undefined) {
      this.report(entry);
      this.forget(entry);
    } else if (!this.closed) {
      const delay = nextDelay(entry, retryAfter);
      entry.failCount++;
      entry.wakeAt = Date.now() + delay * 1000;
      this.report(entry, failure);
      // Telegram drops an update it could not deliver within its lifetime.
      if (entry.wakeAt > entry.expiresAt) this.forget(entry);
    } else {
      this.report(entry, failure);
    }
    if (this.webhook !== undefined) this.pump();
  }

  private report(entry: Entry, failure?: Error): void {
    const waiting = entry.firstAttempt.splice(0);
    for (const waiter of waiting) {
      if (failure === undefined) waiter.resolve();
      else waiter.reject(failure);
    }
  }

  /** POSTs one update; a 2xx answer's method call is performed before it counts as delivered. */
  private async postWebhook(
    hook: Webhook,
    update: Update,
  ): Promise<{ failure?: WebhookDeliveryError; retryAfter: number }> {
    const controller = new AbortController();
    this.webhookRequests.add(controller);
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (hook.secretToken !== undefined) {
      headers["x-telegram-bot-api-secret-token"] = hook.secretToken;
    }
    const attempt: WebhookAttempt = { updateId: update.update_id, at: Date.now(), status: 0 };
    if (this.attemptLog.length >= ATTEMPT_LOG_LIMIT * 2)
      this.attemptLog.splice(0, ATTEMPT_LOG_LIMIT);
    this.attemptLog.push(attempt);
    const timeout = setTimeout(() => controller.abort(), this.responseTimeoutMs);
    let status: number;
    let body: string;
    let retryAfter = 0;
    try {
      const response = await fetch(hook.target, {
        method: "POST",
        headers,
        body: JSON.stringify(update),
        signal: controller.signal,
      });
      status = response.status;
      retryAfter = Number(response.headers.get("retry-after") ?? 0) || 0;
      body = await response.text();
    } catch (error) {
      hook.lastError = { at: this.now(), message: "Connection refused" };
      return { failure: new WebhookDeliveryError(0, "", { cause: error }), retryAfter: 0 };
    } finally {
      clearTimeout(timeout);
      this.webhookRequests.delete(controller);
    }
    attempt.status = status;
    if (status < 200 || status > 299) {
      hook.lastError = { at: this.now(), message: `Wrong response from the webhook: ${status}` };
      return { failure: new WebhookDeliveryError(status, body), retryAfter };
    }
    await this.performReply(body);
    return { retryAfter: 0 };
  }

  /** A webhook may answer with one method call in its body; Telegram performs it (not get*). */
  private async performReply(body: string): Promise<void> {
    if (!body.startsWith("{")) return;
    let reply: unknown;
    try {
      reply = JSON.parse(body);
    } catch {
      return;
    }
    const method = (reply as Record<string, unknown>).method;
    if (typeof method !== "string") return;
    const lower = method.toLowerCase();
    if (["deletewebhook", "setwebhook", "close", "logout"].includes(lower)) return;
    if (lower.startsWith("get")) return;
    await this.runWebhookReply(method, reply as Params).catch(() => undefined);
  }
}
