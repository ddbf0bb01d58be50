import type { Conversation } from "@grammyjs/conversations";
import { type Actor, canLead } from "../../../services/actors.ts";
import { UserError } from "../../../services/errors.ts";
import type { BotContext, InnerContext } from "../context.ts";

export type Convo = Conversation<BotContext, InnerContext>;

/** What `external` hands back: plain data only, a user's mistake as its locale key. */
export type Outcome<T> =
  | { ok: true; value: T }
  | { ok: false; key: string; args: Record<string, string | number> };

export async function attempt<T>(task: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await task() };
  } catch (error) {
    if (error instanceof UserError) return { ok: false, key: error.key, args: error.args };
    throw error;
  }
}

/** The person behind the update being handled, while they still lead their cell; else not allowed. */
export function leaderOf(outside: BotContext): { actor: Actor; unitId: string } {
  const actor = outside.actor;
  if (!actor?.cellId || !canLead(actor, actor.cellId)) throw new UserError("error-not-allowed");
  return { actor, unitId: actor.cellId };
}

/** Re-checked for every update a conversation receives: a demoted secretary stops at once. */
export const stillLeads = (conversation: Convo) =>
  conversation.external((outside) => {
    const actor = outside.actor;
    return !!actor?.cellId && canLead(actor, actor.cellId);
  });

/**
 * The next update for a dialog whose own buttons' data start with `prefix`. A command, or any
 * other button (a reminder's, the roster's, an alert's), leaves the dialog and is handled as
 * itself; so is anything arriving after the dialog was left alone longer than the deployment's
 * dialog timeout (nothing was recorded: the dialog is simply gone). Times are the services'
 * clock, so the sandbox's virtual clock expires dialogs too.
 */
export async function nextInDialog(conversation: Convo, prefix: string): Promise<InnerContext> {
  const askedAt = await conversation.external((o) => o.deps.services.clock.now().getTime());
  const next = await conversation.wait();
  const expired = await conversation.external(
    (o) =>
      o.deps.services.clock.now().getTime() - askedAt > o.deps.services.settings.dialogTimeoutMs,
  );
  const data = next.callbackQuery?.data;
  if (
    expired ||
    next.message?.text?.startsWith("/") ||
    (data !== undefined && !data.startsWith(prefix))
  ) {
    await conversation.halt({ next: true });
  }
  return next;
}

/** A cosmetic edit (taking buttons away) must not end a conversation when Telegram refuses it. */
export async function quietly(call: Promise<unknown>): Promise<void> {
  await call.catch(() => undefined);
}
