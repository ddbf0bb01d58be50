import type { MessageEntity, Update } from "grammy/types";
import type { Params } from "./params.ts";

export interface SandboxUser {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
  /** False for someone who has not pressed Start yet: the bot cannot write first (403). Default true. */
  started?: boolean;
}

export interface SandboxGroup {
  /** Negative, as Telegram's group ids are. */
  id: number;
  title: string;
  type?: "group" | "supergroup";
  username?: string;
  members?: readonly number[];
}

export interface TranscriptButton {
  label: string;
  data?: string;
  url?: string;
}

export interface TranscriptFile {
  name: string;
  mimeType: string;
  bytes: Uint8Array;
}

/** One message of a chat as a person sees it in the app. */
export interface TranscriptEntry {
  messageId: number;
  from: "bot" | "user";
  /** Bot id or user id. */
  senderId: number;
  /** Plain text (HTML tags stripped, entities unescaped) or the document caption. */
  text: string;
  /** The HTML source, when the bot sent parse_mode HTML. */
  html?: string;
  entities: MessageEntity[];
  /** Inline keyboard; empty when none. */
  buttons: TranscriptButton[][];
  edited: boolean;
  file?: TranscriptFile;
  forceReply?: boolean;
  replyTo?: number;
  date: Date;
}

export interface CallRecord {
  /** Method name as Telegram spells it (as requested when unknown). */
  method: string;
  /** Parameters as received: form bodies give strings, uploads are not included. */
  params: Params;
  /** chat_id when numeric. */
  chatId: number | undefined;
  /** Real time in ms (Date.now), for rate checks. */
  at: number;
  /** HTTP status; 0 when the response was dropped on purpose. */
  status: number;
  ok: boolean;
  description?: string;
}

export interface CallbackAnswer {
  queryId: string;
  text?: string;
  showAlert: boolean;
  url?: string;
  cacheTime?: number;
  at: Date;
}

export interface ChatChange {
  type: "sent" | "edited" | "deleted";
  chatId: number;
  messageId: number;
  from: "bot" | "user";
}

export interface UserMessageResult {
  updateId: number;
  chatId: number;
  messageId: number;
  /** False when Telegram would not deliver it (allowed_updates, group privacy mode). */
  delivered: boolean;
}

export interface PressResult {
  updateId: number;
  callbackQueryId: string;
  /** The bot's answer, when it answered while handling (webhook and direct modes). */
  answer?: CallbackAnswer;
}

export type ButtonSelector = { label: string } | { data: string };

export type UserActionErrorCode =
  | "unknown_user"
  | "unknown_chat"
  | "not_a_member"
  | "bot_blocked"
  | "invalid_text"
  | "unknown_message"
  | "unknown_button"
  | "not_a_callback_button";

/** A user-side action the Telegram app would not allow (a test or sandbox bug, not a bot bug). */
export class UserActionError extends Error {
  constructor(
    readonly code: UserActionErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "UserActionError";
  }
}

/** The bot's webhook answered with an error or could not be reached. */
export class WebhookDeliveryError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    options?: { cause?: unknown },
  ) {
    super(
      status === 0
        ? "webhook unreachable"
        : `Wrong response from the webhook: ${status} ${body}`.trim(),
      options,
    );
    this.name = "WebhookDeliveryError";
  }
}

export type LocalBotApiEvents = {
  call: [CallRecord];
  change: [ChatChange];
  update: [Update];
  callbackAnswer: [CallbackAnswer];
};
