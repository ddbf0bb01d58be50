import { Composer, GrammyError, InlineKeyboard, InputFile } from "grammy";
import { displayParts } from "../../../domain/local-time.ts";
import { fromShortId, shortId } from "../../../services/callback-data.ts";
import {
  annulVote,
  CHECKIN_PREFIX,
  castVote,
  checkIn,
  checkinLink,
  checkinQrPng,
  closeVote,
  openVote,
  openVotes,
  setTallyMessage,
  showCheckinCode,
  showRollCall,
  type VoteTally,
  voteTallyText,
} from "../../../services/rollcall/index.ts";
import type { BotContext } from "../context.ts";
import { withUserErrors } from "../reply-error.ts";

/**
 * In the meeting (issue 16): the check-in code as a QR (`rc:q` from the roster), a member's
 * check-in (`/start ci_…` from the QR, or the six digits typed), votes: `/bieuquyet <text>` and
 * `rc:b` (the roster's menu), the ballot's buttons `vt:<vote>:a|r`, the tally's `vt:c|x:<vote>`,
 * `/huybieuquyet <reason>`.
 */
export const meetingRoom = new Composer<BotContext>();
const priv = meetingRoom.chatType("private");
const ID = "([A-Za-z0-9_-]{22})";

/** A member's check-in from the QR's deep link (linking.ts hands `/start ci_…` here) or typed digits. */
export async function replyCheckin(ctx: BotContext, code: string) {
  const chat = { platform: "TELEGRAM" as const, externalId: String(ctx.from!.id) };
  const done = await withUserErrors(ctx, ctx.t, () =>
    checkIn(ctx.deps.services, chat, ctx.actor, code),
  );
  if (!done) return;
  await ctx.reply(
    done.already
      ? ctx.t("checkin-already", { name: done.name })
      : ctx.t("checkin-done", { name: done.name, time: displayParts(done.at).time }),
  );
}

export const isCheckinStart = (payload: string) => payload.trim().startsWith(CHECKIN_PREFIX);

priv.hears(/^\s*(\d{6})\s*$/, async (ctx) => replyCheckin(ctx, ctx.match[1]!));

priv.callbackQuery(new RegExp(`^rc:q:${ID}$`), async (ctx) => {
  const meetingId = fromShortId(ctx.match[1]!);
  if (!meetingId) return ctx.answerCallbackQuery({ text: ctx.t("error-stale-button") });
  const { services } = ctx.deps;
  const code = await withUserErrors(ctx, ctx.t, () =>
    showCheckinCode(services, ctx.actor!, meetingId),
  );
  if (!code) return;
  await ctx.answerCallbackQuery();
  const view = await showRollCall(services, ctx.actor!, meetingId);
  const png = await checkinQrPng(checkinLink(ctx.me.username, code));
  await ctx.replyWithDocument(new InputFile(png, "ma-tu-diem-danh.png"), {
    caption: ctx.t("checkin-code-caption", {
      cell: view.meeting.cellName,
      numeric: code.numeric,
      until: displayParts(code.validUntil).time,
    }),
    reply_markup: new InlineKeyboard().text(ctx.t("button-checkin-refresh"), ctx.match[0]),
  });
});

// ── votes ────────────────────────────────────────────────────────────────────

const tallyKeyboard = (t: BotContext["t"], v: VoteTally) =>
  v.status === "open"
    ? new InlineKeyboard()
        .text(t("button-vote-close"), `vt:c:${shortId(v.voteId)}`)
        .text(t("button-vote-annul"), `vt:x:${shortId(v.voteId)}`)
    : undefined;

async function replyTally(ctx: BotContext, tally: VoteTally) {
  const sent = await ctx.reply(voteTallyText(ctx.t, tally), {
    reply_markup: tallyKeyboard(ctx.t, tally),
  });
  if (tally.status === "open")
    await setTallyMessage(ctx.deps.services.db, tally.voteId, {
      platform: "TELEGRAM",
      chatId: String(sent.chat.id),
      messageId: String(sent.message_id),
    });
}

priv.command(["bieuquyet", "vote"], async (ctx) => {
  const text = ctx.match.trim();
  const { services } = ctx.deps;
  if (!text) {
    await ctx.reply(ctx.t("vote-how-to-open"));
    return;
  }
  const tally = await withUserErrors(ctx, ctx.t, () => openVote(services, ctx.actor!, text));
  if (tally) await replyTally(ctx, tally);
});

priv.callbackQuery(new RegExp(`^rc:b:${ID}$`), async (ctx) => {
  const open = await withUserErrors(ctx, ctx.t, () => openVotes(ctx.deps.services, ctx.actor!));
  if (!open) return;
  await ctx.answerCallbackQuery();
  if (open.length === 0) await ctx.reply(ctx.t("vote-how-to-open"));
  for (const tally of open) await replyTally(ctx, tally);
});

priv.command(["huybieuquyet", "annulvote"], async (ctx) => {
  const reason = ctx.match.trim();
  const { services } = ctx.deps;
  const done = await withUserErrors(ctx, ctx.t, async () => {
    const open = await openVotes(services, ctx.actor!);
    const last = open.at(-1);
    if (!last) return null;
    return annulVote(services, ctx.actor!, last.voteId, reason);
  });
  if (done === undefined) return;
  await ctx.reply(done ? voteTallyText(ctx.t, done) : ctx.t("vote-none-open"));
});

priv.callbackQuery(new RegExp(`^vt:${ID}:([ar])$`), async (ctx) => {
  const voteId = fromShortId(ctx.match[1]!);
  if (!voteId) return ctx.answerCallbackQuery({ text: ctx.t("error-stale-button") });
  const choice = ctx.match[2] === "a" ? "approve" : "reject";
  const { services } = ctx.deps;
  const cast = await withUserErrors(ctx, ctx.t, () =>
    castVote(services, ctx.actor!, voteId, choice),
  );
  if (!cast) return;
  await ctx.answerCallbackQuery({ text: ctx.t("vote-recorded", { choice }) });
  // The secretary's tally, edited in place: a failed edit never undoes the recorded vote.
  const where = cast.tallyMessage;
  if (cast.changed && where?.platform === "TELEGRAM") {
    await ctx.api
      .editMessageText(where.chatId, Number(where.messageId), voteTallyText(ctx.t, cast.tally), {
        reply_markup: tallyKeyboard(ctx.t, cast.tally),
      })
      .catch((error) => {
        if (!(error instanceof GrammyError)) throw error;
      });
  }
});

priv.callbackQuery(new RegExp(`^vt:([cx]):${ID}$`), async (ctx) => {
  const voteId = fromShortId(ctx.match[2]!);
  if (!voteId) return ctx.answerCallbackQuery({ text: ctx.t("error-stale-button") });
  if (ctx.match[1] === "x") {
    // Annulling needs a reason: typed with the command (audited with it).
    await ctx.answerCallbackQuery({ text: ctx.t("vote-annul-reason-missing"), show_alert: true });
    return;
  }
  const tally = await withUserErrors(ctx, ctx.t, () =>
    closeVote(ctx.deps.services, ctx.actor!, voteId),
  );
  if (!tally) return;
  await ctx.answerCallbackQuery({ text: ctx.t("vote-closed-toast") });
  await ctx.editMessageText(voteTallyText(ctx.t, tally)).catch((error) => {
    if (!(error instanceof GrammyError)) throw error;
  });
});
