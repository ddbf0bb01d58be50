import { conversations } from "@grammyjs/conversations";
import { sequentialize } from "@grammyjs/runner";
import { Bot, type BotConfig, GrammyError } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { ChatLocks, chatLockMiddleware } from "../../chat-lock.ts";
import { createI18n } from "../../i18n.ts";
import { createLogger } from "../../logger.ts";
import { observeTelegramUpdates } from "../../metrics.ts";
import { actorLookup } from "../../services/actors.ts";
import { onceForUpdate, UpdateInProgress } from "../../services/update-ledger.ts";
import { applyApiPolicy } from "./api-policy.ts";
import type { BotContext, BotDeps, InnerContext } from "./context.ts";
import { conversationState } from "./conversation-state.ts";
import { alerts } from "./features/alerts.ts";
import { answers } from "./features/answers.ts";
import { committee } from "./features/committee.ts";
import { documents } from "./features/documents.ts";
import { fallback } from "./features/fallback.ts";
import { linking } from "./features/linking.ts";
import { meetingRoom } from "./features/meeting-room.ts";
import { member } from "./features/member.ts";
import { quality } from "./features/quality.ts";
import { report } from "./features/report.ts";
import { rollcall } from "./features/rollcall.ts";
import { secretary } from "./features/secretary.ts";
import { typedAnswers } from "./features/typed-answers.ts";
import { web } from "./features/web.ts";

/** Bump when a conversation's code changes: stored replays of the old code are then dropped. */
const CONVERSATION_VERSION = 3;

export interface CreateBotOptions {
  botInfo?: UserFromGetMe;
  apiRoot?: string;
}

/** The whole Telegram bot; tests and the sandbox pass `botInfo` and a local `apiRoot`. */
export function createBot(token: string, deps: BotDeps, options: CreateBotOptions = {}) {
  const config: BotConfig<BotContext> = {
    botInfo: options.botInfo,
    client: options.apiRoot ? { apiRoot: options.apiRoot } : undefined,
  };
  const bot = new Bot<BotContext>(token, config);
  const logger = createLogger();
  const i18n = createI18n<BotContext>();
  const { services } = deps;

  // First of all: every update counted, timed and logged by its update id (never its content).
  bot.use(observeTelegramUpdates(logger));
  // Replies wait out flood control; a late callback answer or a no-op edit never aborts a handler.
  bot.use((ctx, next) => {
    applyApiPolicy(ctx.api, logger.child({ updateId: ctx.update.update_id }));
    return next();
  });
  // One update at a time per chat and per user: a double press is handled after the first.
  bot.use(
    sequentialize((ctx) =>
      [ctx.chatId?.toString(), ctx.from?.id.toString()].filter((k): k is string => !!k),
    ),
  );
  // …and across bot processes behind one webhook: one update per chat at a time, via Redis
  // (the chat's conversation state is read with the lock).
  const conversationStorage = conversationState<BotContext>(
    deps.redis,
    deps.redisPrefix,
    deps.botId,
  );
  bot.use(
    chatLockMiddleware(new ChatLocks(deps.redis, deps.redisPrefix), conversationStorage.prefetch),
  );
  // Then, before any feature, exactly once: a redelivered update (Telegram got no 200 in time) is
  // skipped if it was handled, handled again if the process handling it died (ledger in
  // PostgreSQL). Who the sender is comes in the same statement (a private chat is touched as the
  // one to send to); in chat order, so an update sees what the chat's previous one changed.
  bot.use(async (ctx, next) => {
    const key = {
      platform: "TELEGRAM" as const,
      bot: String(ctx.me.id),
      updateId: String(ctx.update.update_id),
    };
    const touchAt = ctx.chat?.type === "private" ? services.clock.now() : undefined;
    const sender =
      ctx.from && !ctx.from.is_bot
        ? actorLookup("TELEGRAM", String(ctx.from.id), { touchAt, botId: deps.botId ?? null })
        : undefined;
    const outcome = await onceForUpdate(
      services.db,
      key,
      (row) => {
        ctx.deps = deps;
        ctx.actor = sender?.actorOf(row) ?? null;
        return next();
      },
      { leaseMs: services.settings.updateLeaseMs, alsoRead: sender },
    );
    if (outcome.status === "duplicate") ctx.updateOutcome = "duplicate";
    if (outcome.status === "busy") throw new UpdateInProgress(key.updateId);
  });
  bot.use(i18n);

  // Groups may receive reminders and summaries; answers and the roll call happen in private only.
  bot.chatType(["group", "supergroup", "channel"]).on("message", async (ctx) => {
    if (ctx.message.text?.startsWith("/")) await ctx.reply(ctx.t("error-group-private-only"));
  });
  bot.chatType(["group", "supergroup"]).on("callback_query", async (ctx) => {
    await ctx.answerCallbackQuery({ text: ctx.t("error-group-private-only"), show_alert: true });
  });

  bot.use(
    conversations<BotContext, InnerContext>({
      storage: {
        type: "context",
        version: CONVERSATION_VERSION,
        adapter: conversationStorage.adapter,
      },
      plugins: [
        // A conversation builds its own Api per update: the same reply policy goes on it.
        (ctx, next) => {
          applyApiPolicy(ctx.api, logger.child({ updateId: ctx.update.update_id }));
          return next();
        },
        i18n.middleware() as never,
        async (ctx, next) => {
          Object.assign(ctx, { deps });
          await next();
        },
      ],
    }),
  );

  bot.use(linking);
  bot.on(["message", "callback_query"], async (ctx, next) => {
    if (ctx.actor) return next();
    if (ctx.callbackQuery)
      await ctx.answerCallbackQuery({ text: ctx.t("start-unlinked-short"), show_alert: true });
    else if (ctx.chat?.type === "private") await ctx.reply(ctx.t("start-unlinked"));
  });
  // web first: it adds the chart after /cuatoi and /baocao once their own features answered.
  bot.use(
    web,
    answers,
    member,
    secretary,
    rollcall,
    meetingRoom,
    alerts,
    committee,
    report,
    quality,
    documents,
  );
  // Plain words under an open reminder ("có", "xin vắng vì ốm") before "Tôi chưa hiểu…".
  bot.use(typedAnswers);
  bot.use(fallback);

  bot.catch(async (error) => {
    const ctx = error.ctx;
    if (error.error instanceof UpdateInProgress) {
      logger.warn({ updateId: ctx.update.update_id }, "update still being handled elsewhere");
      return;
    }
    logger.error(
      {
        updateId: ctx.update.update_id,
        err: error.error instanceof Error ? error.error.message : String(error.error),
      },
      "update failed",
    );
    if (error.error instanceof GrammyError) return;
    // Our fault: say so plainly, without the details.
    if (ctx.callbackQuery)
      await ctx
        .answerCallbackQuery({ text: ctx.t("error-internal"), show_alert: true })
        .catch(() => undefined);
    else if (ctx.chat?.type === "private")
      await ctx.reply(ctx.t("error-internal")).catch(() => undefined);
  });
  return bot;
}
