import { cleanBlock } from "../../domain/text.ts";
import { readConfirmation } from "../../domain/typed-answer.ts";
import { createLogger } from "../../logger.ts";
import { type Actor, actorFor } from "../../services/actors.ts";
import type { Services } from "../../services/context.ts";
import { onceForUpdate, UpdateInProgress } from "../../services/update-ledger.ts";
import type { ZaloDialogContext } from "./context.ts";
import { choose, loadQuestion, stale } from "./dialog.ts";
import type { CommandHandler, ZaloFeature } from "./feature.ts";
import { answers } from "./features/answers.ts";
import { committee } from "./features/committee.ts";
import { documents } from "./features/documents.ts";
import { linking, start, unlinked } from "./features/linking.ts";
import { meetingEditor } from "./features/meeting-editor.ts";
import { meetingRoom } from "./features/meeting-room.ts";
import { member } from "./features/member.ts";
import { quality } from "./features/quality.ts";
import { report } from "./features/report.ts";
import { rollcall } from "./features/rollcall.ts";
import { secretary } from "./features/secretary.ts";
import { web } from "./features/web.ts";
import type { ZaloMessenger } from "./messenger.ts";
import { normalizeCommand } from "./text.ts";
import { type ChatTurn, isLinked, type LinkedTurn } from "./turn.ts";
import type { ZaloUpdate } from "./types.ts";

/** What each owns (commands, choice data, questions) is disjoint, so the order does not matter. */
const FEATURES: readonly ZaloFeature[] = [
  linking,
  answers,
  member,
  secretary,
  meetingEditor,
  rollcall,
  meetingRoom,
  committee,
  report,
  quality,
  web,
  documents,
];

export interface ZaloBotDeps {
  services: Services;
  /** This bot's id (see zaloBotId): the exactly-once ledger's key next to the update's. */
  botId: string;
  messenger: ZaloMessenger;
}

export type UpdateOutcome = "processed" | "duplicate" | "ignored";

/**
 * The Zalo side of the bot: text in, the same services as Telegram's buttons and commands, text
 * out. Buttons are numbered choices (the chat's last question lives in Postgres, see dialog.ts).
 * This class only routes: each text goes to the feature in features/ that owns it.
 */
export class ZaloBot {
  private readonly logger = createLogger();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly commands = commandTable(FEATURES);
  private readonly phrases = FEATURES.flatMap((f) => f.phrases ?? []);
  private readonly choices = FEATURES.flatMap((f) => f.choices ?? []);
  private readonly typed = FEATURES.flatMap((f) => f.typed ?? []);
  private readonly codes = FEATURES.flatMap((f) => f.codes ?? []);
  private readonly fallbacks = FEATURES.flatMap((f) => f.fallbacks ?? []);

  constructor(private readonly deps: ZaloBotDeps) {}

  /**
   * One webhook body or one polled update, exactly once: claimed in the update ledger
   * (PostgreSQL) under its event name and message id before it is handled and marked done after,
   * so a redelivery of a handled update is skipped and one whose handler died is handled again.
   * Within this process, one chat's updates are handled one at a time (two quick replies never
   * race on the chat's context).
   */
  async handleUpdate(update: ZaloUpdate): Promise<UpdateOutcome> {
    const message = update?.message;
    if (!update?.event_name || !message?.message_id || !message.chat?.id || !message.from?.id)
      return "ignored";
    const key = {
      platform: "ZALO" as const,
      bot: this.deps.botId,
      updateId: `${update.event_name}:${message.message_id}`,
    };
    const chatId = String(message.chat.id);
    const { db, settings } = this.deps.services;
    const outcome = await onceForUpdate(
      db,
      key,
      () => this.inChatOrder(chatId, () => this.process(update)),
      { leaseMs: settings.updateLeaseMs },
    );
    if (outcome.status === "busy") throw new UpdateInProgress(key.updateId);
    return outcome.status === "duplicate" ? "duplicate" : "processed";
  }

  private async inChatOrder(chatId: string, task: () => Promise<void>) {
    const previous = this.queues.get(chatId) ?? Promise.resolve();
    const run = previous.then(task);
    const settled = run.catch(() => undefined);
    this.queues.set(chatId, settled);
    try {
      await run;
    } finally {
      if (this.queues.get(chatId) === settled) this.queues.delete(chatId);
    }
  }

  private async process(update: ZaloUpdate) {
    const { message } = update;
    const chatId = String(message.chat.id);
    const t = this.deps.services.t;
    try {
      if (message.chat.chat_type === "GROUP") {
        if (message.text?.trim().startsWith("/"))
          await this.say(chatId, t("error-group-private-only"));
        return;
      }
      if (!message.text?.trim() || !/text/i.test(update.event_name)) {
        await this.say(chatId, t("zalo-text-only"));
        return;
      }
      // Cleaned once where it enters (domain/text.ts); one-line fields fold their lines later.
      const text = cleanBlock(message.text);
      if (!text) {
        await this.say(chatId, t("error-text-unreadable"));
        return;
      }
      const { db, clock } = this.deps.services;
      const userId = String(message.from.id);
      const actor = await actorFor(db, "ZALO", userId, { touchAt: clock.now() });
      await this.onText(this.turn(chatId, userId, actor), text);
    } catch (error) {
      this.logger.error(
        {
          event: update.event_name,
          messageId: message.message_id,
          err: error instanceof Error ? error.message : String(error),
        },
        "zalo update failed",
      );
      await this.say(chatId, t("error-internal")).catch(() => undefined);
    }
  }

  private async say(chatId: string, text: string) {
    await this.deps.messenger.send(chatId, { text }, {});
  }

  private turn(chatId: string, userId: string, actor: Actor | null): ChatTurn {
    const { services, messenger } = this.deps;
    return {
      chatId,
      userId,
      actor,
      services,
      t: services.t,
      now: () => services.clock.now(),
      reply: async (message, state = {}) => {
        await messenger.send(
          chatId,
          typeof message === "string" ? { text: message } : message,
          state,
        );
      },
    };
  }

  /**
   * Who gets the text, in this order: `start`; in a chat not linked yet, linking; then commands
   * with an argument, plain commands, a number (the open question's choice), typed text for an
   * open question that takes text (a reason, a date, "19h30"), roll call codes; else "unknown".
   */
  private async onText(turn: ChatTurn, text: string) {
    const normalized = normalizeCommand(text);
    const [head = "", ...rest] = normalized.split(" ");
    const args = text.trim().split(/\s+/).slice(1).join(" ");
    if (head === "start") return start(turn, args);
    if (!isLinked(turn)) return unlinked(turn, normalized, text);
    for (const phrase of this.phrases) {
      const match = phrase.pattern.exec(normalized);
      if (match) return phrase.run(turn, match, text);
    }
    // «có», «xác nhận» or «không» typed at a «Xác nhận?» question are its first and second
    // choices — before the commands, where «xác nhận» is the roll call's.
    if (readConfirmation(text)) {
      const confirmation = confirmChoice(await loadQuestion(turn), text);
      if (confirmation)
        return choose(turn, confirmation, (data, question) => this.press(turn, data, question));
    }
    const command = this.commands.get(normalized.replaceAll(" ", ""));
    if (command && !/^\d/.test(normalized)) return command.run(turn, rest.join(" "));
    if (/^\d+$/.test(normalized))
      return choose(turn, Number(normalized), (data, question) => this.press(turn, data, question));
    // A question that takes text (a reason, a date) is a dialog: left alone longer than the
    // dialog timeout it is gone, and the text is read as if nothing had been asked.
    const state = await loadQuestion(turn);
    const left =
      !!state?.askedAt &&
      turn.now().getTime() - state.askedAt.getTime() > turn.services.settings.dialogTimeoutMs;
    if (state?.context.freeText && !left) {
      if (state.expired) return stale(turn);
      return this.answer(turn, state.context, text.trim());
    }
    for (const code of this.codes) {
      const match = code.pattern.exec(normalized);
      if (match) return code.run(turn, match, text);
    }
    for (const fallback of this.fallbacks) if (await fallback(turn, text, state)) return;
    return turn.reply(turn.t("zalo-unknown-text"));
  }

  /** The chosen number's button data, as a Telegram button press; none owns it: stale. */
  private async press(turn: LinkedTurn, data: string, question: ZaloDialogContext) {
    for (const choice of this.choices) {
      const match = choice.data.exec(data);
      if (match) return choice.run(turn, match, question);
    }
    return stale(turn);
  }

  /** Text typed for the open question, to the feature that asked it; none did: stale. */
  private async answer(turn: LinkedTurn, question: ZaloDialogContext, text: string) {
    for (const typed of this.typed) {
      const match = typed.freeText.exec(question.freeText ?? "");
      if (match) return typed.run(turn, match, question, text);
    }
    return stale(turn);
  }
}

/**
 * 1 or 2 for a typed yes or no, when the chat's open question confirms a member's answer
 * (`cf:y`/`cf:n`, `tc:<meeting>:y`/`tc:x`); never for the reminder's own question, where «có» is
 * a typed answer that is confirmed first (answers.ts).
 */
function confirmChoice(state: Awaited<ReturnType<typeof loadQuestion>>, text: string) {
  if (!state || state.expired || state.context.roster) return null;
  const options = state.context.message.buttons?.flat() ?? [];
  const [yes, no] = options;
  if (options.length !== 2) return null;
  // The member's own answer only; a secretary's «lichhop» change is still confirmed by number.
  if (!/^(cf|tc:[\w-]+):y$/.test(yes!.data) || !/^(cf:n|tc:x)$/.test(no!.data)) return null;
  const said = readConfirmation(text);
  return said === "yes" ? 1 : said === "no" ? 2 : null;
}

/** Every feature's commands by name; a name claimed twice is a mistake caught at start. */
function commandTable(features: readonly ZaloFeature[]) {
  const table = new Map<string, CommandHandler>();
  for (const command of features.flatMap((f) => f.commands ?? [])) {
    for (const name of command.names) {
      if (table.has(name)) throw new Error(`zalo command "${name}" is claimed twice`);
      table.set(name, command);
    }
  }
  return table;
}
