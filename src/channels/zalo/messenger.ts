import type { Clock } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import type { Translate } from "../../i18n.ts";
import {
  type Messenger,
  type OutgoingMessage,
  SendFailure,
  type SentMessage,
} from "../../services/messenger.ts";
import { ZaloApiError, type ZaloClient, ZaloNetworkError } from "./client.ts";
import { saveContext, type ZaloDialogContext } from "./context.ts";
import { renderChoices, splitText } from "./text.ts";

/**
 * Sends through the Zalo Bot API: buttons become numbered choices and the chat's context (what
 * each number means) is stored in the same step, before sending, so a quick "1" finds it.
 * Texts over 2,000 characters go out in several messages, cut at line ends.
 */
export class ZaloMessenger implements Messenger {
  constructor(
    private readonly client: ZaloClient,
    private readonly db: Db,
    private readonly t: Translate,
    private readonly clock: Clock,
  ) {}

  async send(
    chatId: string,
    message: OutgoingMessage,
    extra: Omit<ZaloDialogContext, "message"> = {},
  ): Promise<SentMessage> {
    // Zalo messages carry no buttons: an edit of them has nothing to do.
    if (message.editOf) return { platformMessageId: message.editOf };
    let text = renderChoices(this.t, message);
    if (message.file)
      text = `${text}\n\n${this.t("zalo-file-omitted", { name: message.file.name })}`;
    const numbered = !!message.buttons?.flat().length || !!extra.roster || !!extra.freeText;
    if (numbered) {
      await saveContext(
        this.db,
        chatId,
        { message: { text: message.text, buttons: message.buttons }, ...extra },
        this.clock.now(),
      );
    }
    const chunks = splitText(text);
    let last = "";
    for (const [i, chunk] of chunks.entries()) {
      try {
        last = (await this.client.sendMessage(chatId, chunk)).message_id;
      } catch (error) {
        const failure = classifyZaloError(error);
        // Part of the text has arrived: resending would repeat it, so a person checks.
        if (i > 0 && failure.kind !== "ambiguous")
          throw new SendFailure(
            "ambiguous",
            `after ${i} of ${chunks.length} parts: ${failure.message}`,
          );
        throw failure;
      }
    }
    return { platformMessageId: String(last) };
  }
}

export function classifyZaloError(error: unknown): SendFailure {
  if (error instanceof ZaloApiError) {
    const { errorCode: code, description } = error;
    if (code === 429)
      return new SendFailure("rate_limited", description, (error.retryAfterSeconds ?? 1) * 1000);
    if (
      code === 403 ||
      code === 404 ||
      (code === 400 && /chat not found|user not found|blocked|not exist/i.test(description))
    )
      return new SendFailure("unreachable", description);
    // A timeout answered by the platform: the message may have been accepted.
    if (code === 408) return new SendFailure("ambiguous", description);
    if (code >= 500) return new SendFailure("transient", description);
    return new SendFailure("rejected", description);
  }
  if (error instanceof ZaloNetworkError) return new SendFailure("ambiguous", error.message);
  return new SendFailure("ambiguous", error instanceof Error ? error.message : String(error));
}
