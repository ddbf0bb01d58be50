/** What the services hand to a channel: text plus abstract buttons; each channel renders them. */
export interface OutgoingMessage {
  text: string;
  /** Rows of buttons; `data` is opaque (≤ 64 bytes) and re-checked on every press. */
  buttons?: { label: string; data: string }[][];
  file?: { name: string; content: Buffer | string };
  /** Not a new message: this earlier one (platform id) gets `buttons` instead of its own (none: removed). */
  editOf?: string;
  /** Issue 15: a file the platform already holds (a Telegram file_id), sent with the text as caption. */
  fileId?: string;
}

export interface SentMessage {
  platformMessageId: string;
}

/**
 * How a send failed, in the ledger's terms:
 * - rate_limited: nothing was sent; retry after `retryAfterMs` without burning an attempt;
 * - unreachable: the member blocked the bot or the chat does not exist (403 / 400 chat not found);
 * - ambiguous: the request may have arrived (lost response): never resend blindly;
 * - transient: the platform answered with an error (5xx): nothing was sent, retry later;
 * - rejected: the platform refused this message (other 4xx): a bug or bad data, do not retry.
 */
export type SendFailureKind =
  | "rate_limited"
  | "unreachable"
  | "ambiguous"
  | "transient"
  | "rejected";

export class SendFailure extends Error {
  constructor(
    readonly kind: SendFailureKind,
    message: string,
    readonly retryAfterMs = 0,
  ) {
    super(message);
    this.name = "SendFailure";
  }
}

/** One per channel (Telegram, Zalo, sandbox). Throws SendFailure, nothing else. */
export interface Messenger {
  send(chatId: string, message: OutgoingMessage): Promise<SentMessage>;
}
