import { TELEGRAM_LIMITS } from "../limits.ts";
import { BotApiError, defaultDescription, tooManyRequests } from "./bot-api-error.ts";

/** Methods that put something in a chat: the default target of faults and of the rate limit. */
export const SENDING_METHODS: readonly string[] = [
  "sendMessage",
  "sendDocument",
  "editMessageText",
  "editMessageReplyMarkup",
  "deleteMessage",
];

export type MethodSelection = readonly string[] | "all";

export interface FailWithOptions {
  /** HTTP status and error_code, e.g. 429, 500, 502. */
  status: number;
  /** For 429: `parameters.retry_after` in seconds; defaults to the time left in the window (at least 1). */
  retryAfter?: number;
  /** How long the fault lasts; with neither `forMs` nor `count` it lasts until cleared. */
  forMs?: number;
  /** How many matching calls fail. */
  count?: number;
  /** Which methods fail (default: SENDING_METHODS). */
  methods?: MethodSelection;
  /** Only calls to this chat fail. */
  chatId?: number;
  description?: string;
}

export interface DropResponsesOptions {
  count?: number;
  forMs?: number;
  methods?: MethodSelection;
  chatId?: number;
}

export interface FaultHandle {
  /** Ends the fault now. */
  clear(): void;
}

interface Window {
  methods: ReadonlySet<string> | null;
  chatId: number | undefined;
  until: number;
  remaining: number;
}

interface Fault extends Window {
  status: number;
  retryAfter: number | undefined;
  description: string;
}

function timeWindow(
  options: { forMs?: number; count?: number; methods?: MethodSelection; chatId?: number },
  nowMs: number,
): Window {
  const methods = options.methods ?? SENDING_METHODS;
  return {
    methods: methods === "all" ? null : new Set(methods),
    chatId: options.chatId,
    until: options.forMs === undefined ? Number.POSITIVE_INFINITY : nowMs + options.forMs,
    remaining: options.count ?? Number.POSITIVE_INFINITY,
  };
}

/** Takes one use of the first live window that matches; expired windows are dropped on the way. */
function take<W extends Window>(
  list: W[],
  method: string,
  chatId: number | undefined,
  nowMs: number,
): W | undefined {
  for (let i = 0; i < list.length; i++) {
    const entry = list[i]!;
    if (entry.until <= nowMs || entry.remaining <= 0) {
      list.splice(i--, 1);
      continue;
    }
    if (entry.methods !== null && !entry.methods.has(method)) continue;
    if (entry.chatId !== undefined && entry.chatId !== chatId) continue;
    entry.remaining--;
    return entry;
  }
  return undefined;
}

/** Injected failures: errors answered instead of performing the call, and lost responses. */
export class FaultPlan {
  private readonly faults: Fault[] = [];
  private readonly drops: Window[] = [];

  failWith(options: FailWithOptions, nowMs: number): FaultHandle {
    const fault: Fault = {
      ...timeWindow(options, nowMs),
      status: options.status,
      retryAfter: options.retryAfter,
      description: options.description ?? defaultDescription(options.status),
    };
    this.faults.push(fault);
    return { clear: () => this.remove(this.faults, fault) };
  }

  dropResponses(options: DropResponsesOptions, nowMs: number): FaultHandle {
    const drop = timeWindow(
      options.count === undefined && options.forMs === undefined
        ? { ...options, count: 1 }
        : options,
      nowMs,
    );
    this.drops.push(drop);
    return { clear: () => this.remove(this.drops, drop) };
  }

  /** The error to answer instead of performing this call, if a fault is active. */
  errorFor(method: string, chatId: number | undefined, nowMs: number): BotApiError | undefined {
    if (this.faults.length === 0) return undefined;
    const fault = take(this.faults, method, chatId, nowMs);
    if (fault === undefined) return undefined;
    if (fault.status === 429) {
      const left = Number.isFinite(fault.until) ? Math.ceil((fault.until - nowMs) / 1000) : 1;
      return tooManyRequests(fault.retryAfter ?? Math.max(1, left));
    }
    return new BotApiError(fault.status, fault.description);
  }

  /** True if the response to this (performed) call must be lost. */
  dropFor(method: string, chatId: number | undefined, nowMs: number): boolean {
    if (this.drops.length === 0) return false;
    return take(this.drops, method, chatId, nowMs) !== undefined;
  }

  clear(): void {
    this.faults.length = 0;
    this.drops.length = 0;
  }

  private remove<T>(list: T[], entry: T): void {
    const index = list.indexOf(entry);
    if (index >= 0) list.splice(index, 1);
  }
}

/** Methods that put a new message in a chat: what Telegram's published flood limits count. */
export const FLOOD_METHODS: readonly string[] = ["sendMessage", "sendDocument"];

export interface RateLimitOptions {
  /** Messages per second across all chats (Telegram: about 30). */
  perSecond?: number;
  /** Messages per second to one chat, sustained (Telegram: about 1). */
  perChatPerSecond?: number;
  /** How many messages one chat may get at once before the per-chat rate applies. */
  perChatBurst?: number;
  /** Messages per minute to one group (Telegram: 20). */
  perGroupPerMinute?: number;
  /** Messages per second sent with allow_paid_broadcast, across all chats (Telegram: 1,000). */
  paidPerSecond?: number;
  /** Which methods count (default: FLOOD_METHODS). */
  methods?: readonly string[];
}

/** A token bucket: `capacity` at once, refilled at `perMs` tokens per millisecond. */
class Bucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly capacity: number,
    private readonly perMs: number,
    nowMs: number,
  ) {
    this.tokens = capacity;
    this.at = nowMs;
  }

  private refill(nowMs: number): void {
    if (nowMs > this.at) {
      this.tokens = Math.min(this.capacity, this.tokens + (nowMs - this.at) * this.perMs);
      this.at = nowMs;
    }
  }

  /** Milliseconds until one more message fits, 0 if it fits now. */
  waitMs(nowMs: number): number {
    this.refill(nowMs);
    return this.tokens >= 1 ? 0 : (1 - this.tokens) / this.perMs;
  }

  take(nowMs: number): void {
    this.refill(nowMs);
    this.tokens -= 1;
  }

  full(nowMs: number): boolean {
    this.refill(nowMs);
    return this.tokens >= this.capacity;
  }
}

/** At most `limit` events in any window of `windowMs`: "no more than N per second/minute". */
class SlidingWindow {
  private times: number[] = [];
  private head = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Milliseconds until one more event fits, 0 if it fits now. */
  waitMs(nowMs: number): number {
    while (this.head < this.times.length && this.times[this.head]! <= nowMs - this.windowMs) {
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
    if (this.times.length - this.head < this.limit) return 0;
    return this.times[this.times.length - this.limit]! + this.windowMs - nowMs;
  }

  take(nowMs: number): void {
    this.times.push(nowMs);
  }
}

/**
 * Telegram-like flood control, always on, 429 with retry_after: one chat gets a burst and then
 * about one message a second (a token bucket: the FAQ tolerates short bursts); all chats together
 * and one group never more than their number in any second or minute (the FAQ's hard limits).
 */
export class RateLimiter {
  private readonly options: Required<RateLimitOptions>;
  private global: SlidingWindow | undefined;
  private paid: SlidingWindow | undefined;
  private readonly perChat = new Map<number, Bucket>();
  private readonly perGroup = new Map<number, SlidingWindow>();

  constructor(options: RateLimitOptions = {}) {
    const flood = TELEGRAM_LIMITS.flood;
    this.options = {
      perSecond: options.perSecond ?? flood.perSecond,
      perChatPerSecond: options.perChatPerSecond ?? flood.perChatPerSecond,
      perChatBurst: options.perChatBurst ?? flood.perChatBurst,
      perGroupPerMinute: options.perGroupPerMinute ?? flood.perGroupPerMinute,
      paidPerSecond: options.paidPerSecond ?? flood.paidPerSecond,
      methods: options.methods ?? FLOOD_METHODS,
    };
  }

  counts(method: string): boolean {
    return this.options.methods.includes(method);
  }

  /** Seconds to wait (Telegram's retry_after), or 0 when the call may go through. */
  retryAfter(chatId: number, isGroup: boolean, nowMs: number, paid = false): number {
    let waitMs = this.globalBucket(paid).waitMs(nowMs);
    waitMs = Math.max(waitMs, this.chatBucket(chatId, nowMs).waitMs(nowMs));
    if (isGroup) waitMs = Math.max(waitMs, this.groupBucket(chatId, nowMs).waitMs(nowMs));
    return waitMs <= 0 ? 0 : Math.max(1, Math.ceil(waitMs / 1000));
  }

  record(chatId: number, isGroup: boolean, nowMs: number, paid = false): void {
    this.globalBucket(paid).take(nowMs);
    this.chatBucket(chatId, nowMs).take(nowMs);
    if (isGroup) this.groupBucket(chatId, nowMs).take(nowMs);
  }

  /** The free ~30/s, or the paid broadcasts' own 1,000/s. */
  private globalBucket(paid: boolean): SlidingWindow {
    if (paid) {
      this.paid ??= new SlidingWindow(this.options.paidPerSecond, 1000);
      return this.paid;
    }
    this.global ??= new SlidingWindow(this.options.perSecond, 1000);
    return this.global;
  }

  private chatBucket(chatId: number, nowMs: number): Bucket {
    let bucket = this.perChat.get(chatId);
    if (bucket === undefined) {
      // Forget chats whose bucket is full again, so a long sandbox session does not grow the map.
      if (this.perChat.size > 50_000) {
        for (const [id, b] of this.perChat) if (b.full(nowMs)) this.perChat.delete(id);
      }
      const { perChatBurst, perChatPerSecond } = this.options;
      bucket = new Bucket(perChatBurst, perChatPerSecond / 1000, nowMs);
      this.perChat.set(chatId, bucket);
    }
    return bucket;
  }

  private groupBucket(chatId: number, _nowMs: number): SlidingWindow {
    let window = this.perGroup.get(chatId);
    if (window === undefined) {
      window = new SlidingWindow(this.options.perGroupPerMinute, 60_000);
      this.perGroup.set(chatId, window);
    }
    return window;
  }
}
