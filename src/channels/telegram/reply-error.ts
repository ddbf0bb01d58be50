import type { Context } from "grammy";
import type { Translate } from "../../i18n.ts";
import { UserError } from "../../services/errors.ts";

/**
 * Runs a use case; a UserError becomes a clear message (alert for a button press, reply for a
 * message) and nothing changed. Other errors go up to bot.catch: logged, never shown raw.
 */
export async function withUserErrors<T>(
  ctx: Context,
  t: Translate,
  action: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await action();
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    const text = t(error.key, error.args);
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: true });
    else await ctx.reply(text);
    return undefined;
  }
}
