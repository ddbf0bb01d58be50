import type { ConversationFlavor } from "@grammyjs/conversations";
import type { I18nFlavor } from "@grammyjs/i18n";
import type { Context } from "grammy";
import type { Redis } from "ioredis";
import type { UpdateOutcome } from "../../metrics.ts";
import type { Actor } from "../../services/actors.ts";
import type { Services } from "../../services/context.ts";

export interface BotDeps {
  services: Services;
  /** Conversation state lives here (survives restarts, shared by bot processes). */
  redis: Redis;
  redisPrefix: string;
  /**
   * With several bots (BOT_TOKENS): this bot's id, stored on the identities it links; unset for
   * the main bot (BOT_TOKEN), whose identities carry null.
   */
  botId?: string;
  /** The username of the bot a cell's members are invited to (BOT_TOKENS); unset: this bot. */
  inviteBot?: (cellId: string) => Promise<string | undefined>;
}

export interface ActorFlavor {
  /** The linked member behind this update, resolved on the server; null when not linked. */
  actor: Actor | null;
  deps: BotDeps;
  /** Set when the update is not handled as usual (e.g. a redelivered duplicate), for the metrics. */
  updateOutcome?: UpdateOutcome;
}

/** Inside conversations: i18n and the deps, but not the conversation controls. */
export type InnerContext = Context & I18nFlavor & ActorFlavor;
export type BotContext = ConversationFlavor<Context & I18nFlavor & ActorFlavor>;
