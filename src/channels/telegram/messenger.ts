import { type Api, GrammyError, HttpError, InlineKeyboard, InputFile } from "grammy";
import {
  type Messenger,
  type OutgoingMessage,
  SendFailure,
  type SentMessage,
} from "../../services/messenger.ts";

/** Sends ledger deliveries through the Bot API and maps every failure onto the ledger's terms. */
export class TelegramMessenger implements Messenger {
  /**
   * `paidBroadcast`: every message goes with allow_paid_broadcast (PAID_BROADCAST=on), which
   * lifts the bot's ~30/s to up to 1,000/s for 0.1 Telegram Star per message.
   */
  constructor(
    private readonly api: Api,
    private readonly options: { paidBroadcast?: boolean } = {},
  ) {}

  async send(chatId: string, message: OutgoingMessage): Promise<SentMessage> {
    const reply_markup = message.buttons ? inlineKeyboard(message.buttons) : undefined;
    if (message.editOf) return this.editButtons(chatId, message.editOf, reply_markup);
    const other = this.options.paidBroadcast
      ? { reply_markup, allow_paid_broadcast: true }
      : { reply_markup };
    try {
      const sent = message.fileId
        ? await this.api.sendDocument(chatId, message.fileId, { caption: message.text, ...other })
        : message.file
          ? await this.api.sendDocument(
              chatId,
              new InputFile(toBuffer(message.file.content), message.file.name),
              { caption: message.text, ...other },
            )
          : await this.api.sendMessage(chatId, message.text, other);
      return { platformMessageId: String(sent.message_id) };
    } catch (error) {
      throw classifyTelegramError(error);
    }
  }

  /**
   * Replaces an earlier message's buttons. A message already without them, deleted or no longer
   * editable is as good as done: there is nothing left to press.
   */
  private async editButtons(
    chatId: string,
    messageId: string,
    reply_markup: InlineKeyboard | undefined,
  ): Promise<SentMessage> {
    try {
      await this.api.editMessageReplyMarkup(chatId, Number(messageId), { reply_markup });
    } catch (error) {
      if (
        !(error instanceof GrammyError) ||
        error.error_code !== 400 ||
        !/not modified|to edit not found|can't be edited/i.test(error.description)
      )
        throw classifyTelegramError(error);
    }
    return { platformMessageId: messageId };
  }
}

export function inlineKeyboard(rows: NonNullable<OutgoingMessage["buttons"]>): InlineKeyboard {
  return InlineKeyboard.from(
    rows.map((row) => row.map((b) => InlineKeyboard.text(b.label, b.data))),
  );
}

function toBuffer(content: Buffer | string): Buffer {
  return typeof content === "string" ? Buffer.from(content, "utf8") : content;
}

export function classifyTelegramError(error: unknown): SendFailure {
  if (error instanceof GrammyError) {
    const { error_code: code, description } = error;
    if (code === 429) {
      return new SendFailure(
        "rate_limited",
        description,
        (error.parameters.retry_after ?? 1) * 1000,
      );
    }
    if (
      code === 403 ||
      (code === 400 && /chat not found|user not found|chat_id is empty/i.test(description))
    ) {
      return new SendFailure("unreachable", description);
    }
    if (code >= 500) return new SendFailure("transient", description);
    return new SendFailure("rejected", description);
  }
  // No answer at all (reset, timeout): Telegram may have delivered the message. The cause's own
  // message quotes the request URL, which holds the token: only its code is kept.
  if (error instanceof HttpError) {
    const cause = error.error as { code?: unknown; name?: unknown } | undefined;
    const code = typeof cause?.code === "string" ? cause.code : cause?.name;
    return new SendFailure("ambiguous", code ? `${error.message} (${code})` : error.message);
  }
  return new SendFailure("ambiguous", error instanceof Error ? error.message : String(error));
}
