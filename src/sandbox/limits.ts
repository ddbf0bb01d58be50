// Every platform limit the local Telegram Bot API and the local Zalo API enforce, in one table.
// Each entry names where it comes from: the Bot API reference (core.telegram.org/bots/api), the
// Bot FAQ (core.telegram.org/bots/faq), the Bot API server's source (github.com/tdlib/telegram-bot-api,
// which is what answers at api.telegram.org) and TDLib's (github.com/tdlib/td), or the Zalo Bot
// Platform docs (docs.zaloplatforms.com/docs/BOT). Where a number is not published, the comment
// says so and says which side of the doubt the fake takes: never harsher than the platform.

export const TELEGRAM_LIMITS = {
  // Bot API › sendMessage › text: 1-4096 characters after entities parsing (counted in UTF-16 units,
  // the unit of MessageEntity offsets).
  messageText: 4096,
  // Bot API › sendDocument › caption: 0-1024 characters after entities parsing.
  caption: 1024,
  // Bot API › InlineKeyboardButton › callback_data: 1-64 bytes.
  callbackDataBytes: 64,
  // Bot API › answerCallbackQuery › text: 0-200 characters.
  callbackAnswerText: 200,
  // Not in the reference. The server answers REPLY_MARKUP_TOO_LONG ("reply markup is too long")
  // past 100 inline buttons, and past about 10 kB of serialized markup (tginfo/Telegram-Limits
  // issues #187 and #228, and the many bot-library reports of that error).
  inlineButtons: 100,
  replyMarkupBytes: 10 * 1024,
  // tginfo/Telegram-Limits #228: 8 inline buttons per row. The server's answer past it is not
  // published; the fake answers the same "reply markup is too long" as for the other keyboard limits.
  inlineButtonsPerRow: 8,
  // Not published. Telegram clients show the progress bar for a few seconds and the server then
  // refuses the answer with QUERY_ID_INVALID ("query is too old…"); ~15 s is the usual observation.
  callbackAnswerWindowMs: 15_000,
  // Bot API › setWebhook, and the server's WebhookActor::start_up: HTTPS only, on these ports.
  webhookPorts: [443, 80, 88, 8443] as readonly number[],
  // Bot API › setWebhook › max_connections: 1-100, default 40.
  webhookMaxConnections: { min: 1, max: 100, default: 40 },
  // Bot API › setWebhook › secret_token: 1-256 characters, A-Z a-z 0-9 _ -.
  webhookSecretToken: /^[A-Za-z0-9_-]{1,256}$/,
  // WebhookActor::on_update_error: the first failure is retried at once, then the delay doubles from
  // 2 s up to a random 60-120 s; a Retry-After header (capped at 3600 s) is obeyed instead.
  webhookRetry: { maxDelaySeconds: 60, retryAfterCapSeconds: 3600 },
  // WebhookActor's outbound connection gives up on an answer after 60 s (then it is a failure).
  webhookResponseTimeoutMs: 60_000,
  // Client::add_message_update and add_update(CallbackQuery): a message update lives 24 h after its
  // date, a callback query 150 s; an update still failing after that is dropped.
  messageUpdateLifetimeMs: 86_400_000,
  callbackUpdateLifetimeMs: 150_000,
  // Bot API › getUpdates › limit: 1-100, default 100.
  getUpdatesLimit: 100,
  // Bot FAQ › "My bot is hitting limits": about 1 message per second in one chat, short bursts
  // tolerated ("we may allow short bursts"): a token bucket; the burst size is not published, 20 is
  // assumed (generous, not harsher). About 30 messages per second overall and 20 per minute in one
  // group, "not more than": counted in any sliding second or minute.
  // Bot API › sendMessage › allow_paid_broadcast: "up to 1000 messages per second, ignoring
  // broadcasting limits for a fee of 0.1 Telegram Stars per message".
  flood: {
    perChatPerSecond: 1,
    perChatBurst: 20,
    perSecond: 30,
    perGroupPerMinute: 20,
    paidPerSecond: 1000,
  },
  // Bot API › deleteMessage: a message can be deleted for everyone only if it is < 48 hours old.
  deleteWindowMs: 48 * 3_600_000,
  // Bot API › Sending files: up to 50 MB for other files.
  documentBytes: 50 * 1024 * 1024,
  // Bot API › setMyCommands: at most 100 commands; BotCommand › command 1-32 of a-z 0-9 _,
  // description 1-256 characters.
  commands: 100,
  command: /^[a-z0-9_]{1,32}$/,
  commandDescription: 256,
} as const;

export const ZALO_LIMITS = {
  // Zalo Bot Platform › sendMessage › text: 1-2000 characters. The docs count text_styles offsets in
  // UTF-16 code units, so a "character" is a UTF-16 unit here (an emoji outside the BMP is 2).
  messageText: 2000,
  // Zalo Bot Platform › setWebhook › url: an HTTPS URL; secret_token: 8-256 characters.
  webhookSecretToken: { min: 8, max: 256 },
  // Zalo Bot Platform › sendChatAction › action: "typing" ("upload_photo" is listed as coming soon).
  chatActions: ["typing"] as readonly string[],
  // Zalo Bot Platform › getUpdates › timeout: default 30 s (the fake caps a poll at 50 s).
  pollTimeoutSeconds: { default: 30, max: 50 },
} as const;
