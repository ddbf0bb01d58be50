import { autoRetry } from "@grammyjs/auto-retry";
import type { Api, Transformer } from "grammy";
import { errorMessage, type Logger } from "../../logger.ts";

/**
 * Replies wait out Telegram's flood control (429 retry_after, at most 30 s, 3 times) and 5xx; a
 * lost response is never retried blindly (it may have arrived). One instance, so that a bot whose
 * bot.api already has it (src/bot.ts) does not get it twice on every update.
 */
export const replyRetry: Transformer = autoRetry({
  maxRetryAttempts: 3,
  maxDelaySeconds: 30,
  rethrowHttpErrors: true,
});

const EDITS = new Set([
  "editMessageText",
  "editMessageReplyMarkup",
  "editMessageCaption",
  "editMessageMedia",
]);
const NOT_MODIFIED = "message is not modified";

/**
 * What never aborts a handler: answering a button press (Telegram refuses an answer that comes
 * late, "query is too old", and the answer only stops the button's spinner; the reply or edit
 * that follows is what the person reads), and an edit that would change nothing (the message
 * already shows it). Both are logged with the update id; everything else passes through.
 */
function tolerant(log: Logger): Transformer {
  return async (prev, method, payload, signal) => {
    if (method === "answerCallbackQuery") {
      try {
        const response = await prev(method, payload, signal);
        if (response.ok) return response;
        log.warn(
          { code: response.error_code, description: response.description },
          "callback answer refused; the handler goes on",
        );
      } catch (error) {
        log.warn({ err: errorMessage(error) }, "callback answer failed; the handler goes on");
      }
      return { ok: true, result: true } as Awaited<ReturnType<typeof prev>>;
    }
    const response = await prev(method, payload, signal);
    if (
      EDITS.has(method) &&
      !response.ok &&
      response.error_code === 400 &&
      response.description.includes(NOT_MODIFIED)
    ) {
      return { ok: true, result: true } as Awaited<ReturnType<typeof prev>>;
    }
    return response;
  };
}

/**
 * Installs the reply policy on one update's Api (grammY makes a new Api per update, and
 * conversations make their own: bot.ts installs this in both places).
 */
export function applyApiPolicy(api: Api, log: Logger): void {
  if (!api.config.installedTransformers().includes(replyRetry)) api.config.use(replyRetry);
  api.config.use(tolerant(log));
}
