import type { Translate } from "../../i18n.ts";
import { type Actor, canLead } from "../../services/actors.ts";
import type { Services } from "../../services/context.ts";
import type { OutgoingMessage } from "../../services/messenger.ts";
import type { ZaloDialogContext } from "./context.ts";

/** What a question keeps besides its text and choices (see ZaloDialogContext). */
export type QuestionState = Omit<ZaloDialogContext, "message">;

/**
 * One text from one private Zalo chat, as a feature sees it: who wrote where, and how to answer.
 * The router (bot.ts) makes one per update; features get nothing else.
 */
export interface ChatTurn {
  readonly chatId: string;
  readonly userId: string;
  /** The member this Zalo account is linked to; null in a chat not linked yet. */
  readonly actor: Actor | null;
  readonly services: Services;
  readonly t: Translate;
  /** The services' clock, read when asked. */
  now(): Date;
  /**
   * Sends to this chat. Buttons become numbered choices; they and `state` are kept as the chat's
   * question (what "1", "2"… or typed text mean next), see messenger.ts.
   */
  reply(message: string | OutgoingMessage, state?: QuestionState): Promise<void>;
}

/** A turn in a linked chat: every feature but linking runs only there. */
export interface LinkedTurn extends ChatTurn {
  readonly actor: Actor;
}

export const isLinked = (turn: ChatTurn): turn is LinkedTurn => turn.actor !== null;

/** The cell the person leads, or null after telling them they may not (as on Telegram). */
export async function ledCell(turn: LinkedTurn): Promise<string | null> {
  const { actor } = turn;
  if (actor.cellId && canLead(actor, actor.cellId)) return actor.cellId;
  await turn.reply(turn.t("error-not-allowed"));
  return null;
}
