import { Composer, GrammyError, InlineKeyboard, InputFile } from "grammy";
import { displayParts } from "../../../domain/local-time.ts";
import { fromShortId } from "../../../services/callback-data.ts";
import {
  closeRollCall,
  markConfirmedPresent,
  markMember,
  minutesMessages,
  openRollCall,
  type RosterMember,
  type RosterView,
  rejectReason,
  showRollCall,
} from "../../../services/rollcall/index.ts";
import type { BotContext } from "../context.ts";
import { qualityOpenData } from "../conversations/quality-score.ts";
import {
  MARK_OF_CODE,
  meetingData,
  type RosterState,
  rosterKeyboard,
  rosterText,
  short,
  stateOf,
} from "../keyboards/roster.ts";
import { withUserErrors } from "../reply-error.ts";

/** `/rollcall`, `/diemdanh`: the roster, one message edited in place; closing sends the minutes. */
export const rollcall = new Composer<BotContext>();

rollcall.chatType("private").command(["rollcall", "diemdanh"], async (ctx) => {
  const view = await withUserErrors(ctx, ctx.t, () => openRollCall(ctx.deps.services, ctx.actor!));
  if (!view) return;
  await ctx.reply(rosterText(ctx.t, view, ctx.deps.services.settings.policy.minRate), {
    reply_markup: rosterKeyboard(ctx.t, view),
  });
});

const ID = "([A-Za-z0-9_-]{22})";
const VIEW = "([0-9a-z]{1,3}[au])";

rollcall.callbackQuery(
  new RegExp(`^rc:([sra]):${ID}:${ID}(?::([npeu]))?:${VIEW}$`),
  async (ctx) => {
    const meetingId = fromShortId(ctx.match[2]!);
    const memberId = fromShortId(ctx.match[3]!);
    const action = ctx.match[1];
    const target = ctx.match[4] ? MARK_OF_CODE[ctx.match[4]] : undefined;
    if (!meetingId || !memberId || (action === "s") !== !!target) return stale(ctx);
    const { services } = ctx.deps;
    const actor = ctx.actor!;
    const toast = await withUserErrors(ctx, ctx.t, async () => {
      if (target) {
        const r = await markMember(services, actor, meetingId, memberId, target);
        return ctx.t(r.correction ? "rollcall-corrected" : "rollcall-marked", {
          name: r.name,
          status: r.status,
        });
      }
      const r = await rejectReason(services, actor, meetingId, memberId, action === "r");
      return ctx.t(r.rejected ? "rollcall-reason-rejected" : "rollcall-reason-accepted", {
        name: r.name,
      });
    });
    if (toast === undefined) return;
    await ctx.answerCallbackQuery({ text: short(toast, 190) });
    await showRoster(ctx, await showRollCall(services, actor, meetingId), stateOf(ctx.match[5]));
  },
);

rollcall.callbackQuery(new RegExp(`^rc:([vyck]):${ID}:${VIEW}$`), async (ctx) => {
  const meetingId = fromShortId(ctx.match[2]!);
  if (!meetingId) return stale(ctx);
  const { services } = ctx.deps;
  const actor = ctx.actor!;
  const action = ctx.match[1];
  const state = stateOf(ctx.match[3]);
  if (action === "y") {
    const done = await withUserErrors(ctx, ctx.t, () =>
      markConfirmedPresent(services, actor, meetingId),
    );
    if (!done) return;
    await ctx.answerCallbackQuery({
      text: ctx.t("rollcall-marked-confirmed", { count: done.marked }),
    });
    await showRoster(ctx, await showRollCall(services, actor, meetingId), state);
    return;
  }
  const view = await withUserErrors(ctx, ctx.t, () => showRollCall(services, actor, meetingId));
  if (!view) return;
  if (action === "v") {
    await ctx.answerCallbackQuery();
    await showRoster(ctx, view, state);
    return;
  }
  const unmarked = view.members.filter((m) => m.status === "unmarked");
  const early = view.meeting.startsAt.getTime() > services.clock.now().getTime();
  if (action === "c" && !view.closed && (unmarked.length > 0 || early)) {
    await ctx.answerCallbackQuery();
    await showRoster(ctx, view, state, { unmarked, early });
    return;
  }
  const closed = await withUserErrors(ctx, ctx.t, () => closeRollCall(services, actor, meetingId));
  if (!closed) return;
  await ctx.answerCallbackQuery({
    text: ctx.t(closed.resent ? "rollcall-resent-toast" : "rollcall-closed-toast"),
  });
  await showRoster(ctx, closed.view, state);
  // The closer gets the minutes here; the other leaders and the committee through the ledger.
  const minutes = minutesMessages(ctx.t, closed.minutes);
  await ctx.reply(minutes.text, {
    reply_markup: new InlineKeyboard().text(
      ctx.t("quality-offer-button"),
      qualityOpenData(meetingId),
    ),
  });
  await ctx.replyWithDocument(
    new InputFile(Buffer.from(minutes.file.content, "utf8"), minutes.file.name),
    { caption: minutes.caption },
  );
});

// A roster drawn before this version (buttons without a page): stale, /diemdanh draws it anew.
rollcall.callbackQuery(new RegExp(`^rc:[mrackv]:${ID}`), async (ctx) => {
  await ctx.answerCallbackQuery({ text: ctx.t("error-stale-button"), show_alert: true });
});

async function stale(ctx: BotContext) {
  await ctx.answerCallbackQuery({ text: ctx.t("error-stale-button"), show_alert: true });
}

interface CloseCheck {
  unmarked: RosterMember[];
  /** The meeting has not reached its planned start yet. */
  early: boolean;
}

/** Re-renders the roster from the database into the pressed message (keyboard resent every time). */
async function showRoster(
  ctx: BotContext,
  view: RosterView,
  state: RosterState,
  confirmClose?: CloseCheck,
) {
  const minRate = ctx.deps.services.settings.policy.minRate;
  let text = rosterText(ctx.t, view, minRate, state);
  let keyboard = rosterKeyboard(ctx.t, view, state);
  if (confirmClose) {
    const warnings = [];
    if (confirmClose.early) {
      const start = displayParts(view.meeting.startsAt);
      warnings.push(ctx.t("rollcall-confirm-early", { time: start.time, date: start.date }));
    }
    if (confirmClose.unmarked.length > 0) {
      warnings.push(
        ctx.t("rollcall-confirm-close", {
          count: confirmClose.unmarked.length,
          names: confirmClose.unmarked.map((m) => m.fullName).join(", "),
        }),
      );
    }
    text = short(`${text}\n\n${warnings.join("\n")}`, 4000);
    keyboard = new InlineKeyboard()
      .text(ctx.t("button-rollcall-confirm"), meetingData("k", view.meeting.id, state))
      .text(ctx.t("button-rollcall-back"), meetingData("v", view.meeting.id, state));
  }
  try {
    await ctx.editMessageText(text, { reply_markup: keyboard });
  } catch (error) {
    // Two presses that end in the same roster: nothing to show differently.
    if (error instanceof GrammyError && error.description.includes("message is not modified")) {
      return;
    }
    throw error;
  }
}
