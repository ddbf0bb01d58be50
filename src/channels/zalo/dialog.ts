import { UserError } from "../../services/errors.ts";
import { myNextMeeting } from "../../services/overview.ts";
import { clearContext, loadContext, type ZaloDialogContext } from "./context.ts";
import { nextMeetingMessage } from "./next-meeting.ts";
import type { ChatTurn, LinkedTurn } from "./turn.ts";

// The numbered-choice dialog every feature shares. Zalo has no buttons: a question's buttons go
// out as numbered lines and the chat's last question is kept in Postgres (context.ts, saved by
// the messenger when it sends). A number typed later is one of its choices; a question whose
// subject is over is "stale": said so, then the question that is current now.

/** A use case refused for these reasons means the question is over (meeting begun or cancelled). */
const STALE_KEYS = new Set([
  "error-meeting-started",
  "error-meeting-cancelled",
  "error-meeting-not-found",
  "error-rollcall-correction-closed",
]);

/** The chat's last question; `expired` when it is too old to answer. */
export const loadQuestion = (turn: ChatTurn) =>
  loadContext(turn.services.db, turn.chatId, turn.now());

/** The question is answered or given up: numbers and typed text mean nothing now. */
export const clearQuestion = (turn: ChatTurn) => clearContext(turn.services.db, turn.chatId);

/** Runs a use case; a UserError becomes its message (or "expired" + the current question). */
export async function guarded<T>(turn: ChatTurn, action: () => Promise<T>): Promise<T | undefined> {
  try {
    return await action();
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    if (STALE_KEYS.has(error.key)) await stale(turn);
    else await turn.reply(turn.t(error.key, error.args));
    return undefined;
  }
}

/** "This question has expired", then the question that is current now, if any. */
export async function stale(turn: ChatTurn) {
  await clearQuestion(turn);
  const next = turn.actor && (await myNextMeeting(turn.services, turn.actor));
  if (!next) {
    await turn.reply(turn.t("zalo-stale"));
    return;
  }
  const question = nextMeetingMessage(turn.t, next);
  await turn.reply({ ...question, text: `${turn.t("zalo-stale")}\n\n${question.text}` });
}

/**
 * A number typed: the open question's choice, handed to `press` with the choice's data; a number
 * it does not offer is refused and the same question asked again, so the choices are in view.
 */
export async function choose(
  turn: LinkedTurn,
  number: number,
  press: (data: string, question: ZaloDialogContext) => Promise<void>,
) {
  const state = await loadQuestion(turn);
  if (!state || state.expired) return stale(turn);
  const options = state.context.message.buttons?.flat() ?? [];
  if (options.length === 0) {
    if (state.context.roster) return turn.reply(turn.t("zalo-rollcall-wrong-code"));
    return turn.reply(turn.t("zalo-no-question"));
  }
  const option = options[number - 1];
  if (!option) {
    await turn.reply(turn.t("zalo-wrong-number", { number: String(number), max: options.length }));
    await turn.reply(state.context.message, {
      freeText: state.context.freeText,
      payload: state.context.payload,
      roster: state.context.roster,
    });
    return;
  }
  await press(option.data, state.context);
}
