import type { Update } from "grammy/types";
import { BotApiError, badRequest } from "./bot-api-error.ts";
import type { CallContext, MethodHandler } from "./chat-methods.ts";
import { unixTime } from "./chat-store.ts";
import { jsonParam, optionalBool, optionalInt, optionalString, type Params } from "./params.ts";
import { WebhookDeliveryError } from "./types.ts";

interface Webhook {
  url: string;
  secretToken: string | undefined;
  maxConnections: number;
  lastError: { at: Date; message: string } | undefined;
}

interface Poll {
  limit: number;
  finish: (result: Update[] | BotApiError) => void;
}

const CONFLICT_WEBHOOK =
  "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";
const CONFLICT_POLL =
  "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running";
// Telegram leaves these out unless they are asked for by name.
const OPT_IN_UPDATES = new Set(["chat_member", "message_reaction", "message_reaction_count"]);

/**
 * Gets updates to the bot in one of three ways: a direct handler (tests), a webhook POST, or a
 * queue read by getUpdates long polling.
 */
export class UpdateDelivery {
  private handler: ((update: Update) => Promise<void>) | undefined;
  private webhook: Webhook | undefined;
  private allowedUpdates: Set<string> | undefined;
  private queue: Update[] = [];
  private poll: Poll | undefined;
  private confirmedBelow = 0;
  private waiters = new Map<number, Array<() => void>>();
  private readonly webhookRequests = new Set<AbortController>();
  // Never reset: a bot that keeps polling across reset() must not see old ids again.
  private nextUpdateId = 1;

  constructor(
    private readonly now: () => Date,
    /** Performs a method call that a webhook returned in its response body. */
    private readonly runWebhookReply: (method: string, params: Params) => Promise<void>,
  ) {}

  newUpdateId(): number {
    return this.nextUpdateId++;
  }

  setHandler(handler: ((update: Update) => Promise<void>) | undefined): void {
    this.handler = handler;
  }

  /** Resolves once handled (handler, webhook) or queued (polling); false when Telegram would filter it out. */
  async deliver(update: Update): Promise<boolean> {
    if (this.handler !== undefined) {
      await this.handler(update);
      return true;
    }
    const type = Object.keys(update).find((key) => key !== "update_id") ?? "";
    const allowed =
      this.allowedUpdates === undefined ? !OPT_IN_UPDATES.has(type) : this.allowedUpdates.has(type);
    if (!allowed) return false;
    if (this.webhook !== undefined) await this.postWebhook(this.webhook, update);
    else this.enqueue(update);
    return true;
  }

  pending(): readonly Update[] {
    return this.queue;
  }

  async waitUntilConfirmed(updateId: number, timeoutMs: number): Promise<void> {
    if (
      updateId < this.confirmedBelow ||
      !this.queue.some((update) => update.update_id === updateId)
    ) {
      return;
    }
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

  /** Forgets queue, webhook and filters; keeps the handler and the update id counter. */
  reset(): void {
    this.close();
    this.webhook = undefined;
    this.allowedUpdates = undefined;
    this.queue = [];
    this.confirmedBelow = 0;
    this.waiters = new Map();
  }

  /** Answers a waiting long poll and aborts webhook deliveries in flight. */
  close(): void {
    this.poll?.finish([]);
    for (const request of this.webhookRequests) request.abort();
  }

  private enqueue(update: Update): void {
    this.queue.push(update);
    const poll = this.poll;
    if (poll !== undefined) poll.finish(this.queue.slice(0, poll.limit));
  }

  private getUpdates(p: Params, context: CallContext): Update[] | Promise<Update[]> {
    if (this.webhook !== undefined) throw new BotApiError(409, CONFLICT_WEBHOOK);
    const offset = optionalInt(p, "offset") ?? 0;
    const limit = Math.min(100, Math.max(1, optionalInt(p, "limit") ?? 100));
    const timeout = Math.max(0, optionalInt(p, "timeout") ?? 0);
    this.setAllowedUpdates(jsonParam(p, "allowed_updates", "allowed_updates"));
    this.confirm(offset);
    this.poll?.finish(new BotApiError(409, CONFLICT_POLL));
    if (this.queue.length > 0 || timeout === 0) return this.queue.slice(0, limit);
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

  /** Updates below `offset` are confirmed and forgotten; a negative offset keeps only the last ones. */
  private confirm(offset: number): void {
    if (offset === 0) return;
    if (offset < 0) {
      this.queue = this.queue.slice(offset);
      this.confirmedBelow = this.queue[0]?.update_id ?? this.nextUpdateId;
    } else {
      let drop = 0;
      while (drop < this.queue.length && this.queue[drop]!.update_id < offset) drop++;
      if (drop > 0) this.queue.splice(0, drop);
      this.confirmedBelow = Math.max(this.confirmedBelow, offset);
    }
    for (const [updateId, list] of this.waiters) {
      if (updateId < this.confirmedBelow) {
        this.waiters.delete(updateId);
        for (const wake of list) wake();
      }
    }
  }

  private setAllowedUpdates(value: unknown): void {
    if (value === undefined) return;
    if (!Array.isArray(value)) throw badRequest("allowed_updates must be an Array");
    this.allowedUpdates = value.length === 0 ? undefined : new Set(value.map(String));
  }

  private setWebhook(p: Params): true {
    const url = optionalString(p, "url") ?? "";
    if (url === "") return this.deleteWebhook(p);
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw badRequest("bad webhook: invalid webhook URL specified");
    }
    // Telegram demands HTTPS; the sandbox's bot listens on plain HTTP on the same machine.
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
      throw badRequest("bad webhook: An HTTPS URL must be provided for webhook");
    }
    const secretToken = optionalString(p, "secret_token");
    if (secretToken !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secretToken)) {
      throw badRequest("secret token contains unallowed characters");
    }
    this.setAllowedUpdates(jsonParam(p, "allowed_updates", "allowed_updates"));
    if (optionalBool(p, "drop_pending_updates")) this.queue = [];
    this.poll?.finish(new BotApiError(409, "Conflict: terminated by setWebhook request"));
    const webhook: Webhook = {
      url,
      secretToken,
      maxConnections: optionalInt(p, "max_connections") ?? 40,
      lastError: undefined,
    };
    this.webhook = webhook;
    // Updates that waited for a poller go to the new webhook, in order.
    const waiting = this.queue.splice(0);
    if (waiting.length > 0) void this.flush(webhook, waiting);
    return true;
  }

  private async flush(webhook: Webhook, updates: Update[]): Promise<void> {
    for (const update of updates) {
      await this.postWebhook(webhook, update).catch(() => undefined);
    }
  }

  private deleteWebhook(p: Params): true {
    this.webhook = undefined;
    if (optionalBool(p, "drop_pending_updates")) this.queue = [];
    return true;
  }

  private webhookInfo(): Record<string, unknown> {
    const hook = this.webhook;
    const info: Record<string, unknown> = {
      url: hook?.url ?? "",
      has_custom_certificate: false,
      pending_update_count: this.queue.length,
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

  /** POSTs one update; resolves after the bot's HTTP response, as the sandbox needs. */
  private async postWebhook(hook: Webhook, update: Update): Promise<void> {
    const controller = new AbortController();
    this.webhookRequests.add(controller);
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (hook.secretToken !== undefined) {
      headers["x-telegram-bot-api-secret-token"] = hook.secretToken;
    }
    let status: number;
    let body: string;
    try {
      const response = await fetch(hook.url, {
        method: "POST",
        headers,
        body: JSON.stringify(update),
        signal: controller.signal,
      });
      status = response.status;
      body = await response.text();
    } catch (error) {
      hook.lastError = { at: this.now(), message: "Connection refused" };
      throw new WebhookDeliveryError(0, "", { cause: error });
    } finally {
      this.webhookRequests.delete(controller);
    }
    if (status < 200 || status > 299) {
      hook.lastError = { at: this.now(), message: `Wrong response from the webhook: ${status}` };
      throw new WebhookDeliveryError(status, body);
    }
    await this.performReply(body);
  }

  /** A webhook may answer with one method call in its body; Telegram performs it. */
  private async performReply(body: string): Promise<void> {
    if (!body.startsWith("{")) return;
    let reply: unknown;
    try {
      reply = JSON.parse(body);
    } catch {
      return;
    }
    const method = (reply as Record<string, unknown>).method;
    if (typeof method === "string") await this.runWebhookReply(method, reply as Params);
  }
}
