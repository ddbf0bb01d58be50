import { Composer, GrammyError, InlineKeyboard, InputFile } from "grammy";
import type { Translate } from "../../../i18n.ts";
import { fromShortId, shortId } from "../../../services/callback-data.ts";
import {
  closeRollCall,
  type MarkSubject,
  markMember,
  minutesMessages,
  nextMark,
  openRollCall,
  type RosterMember,
  type RosterStatus,
  type RosterView,
  rejectReason,
  rosterClosedLine,
  rosterHeader,
  showRollCall,
} from "../../../services/rollcall/index.ts";
import type { BotContext } from "../context.ts";
import { withUserErrors } from "../reply-error.ts";

// Callback data, ≤ 64 bytes: `rc:<action>:<meeting>[:<member>[:<mark>]]` with 22-character ids.
// s = set a member's mark to the one the button carries (the next of the cycle when it was
// drawn: a press delivered twice sets the same mark), r / a = reject / accept a reason, c = close
// (asks first when some are unmarked), k = close confirmed, v = back to the roster.
const memberData = (action: "r" | "a", meetingId: string, memberId: string) =>
  `rc:${action}:${shortId(meetingId)}:${shortId(memberId)}`;
const MARK_CODES = { unmarked: "n", present: "p", excused: "e", unexcused: "u" } as const;
const MARK_OF_CODE = Object.fromEntries(
  Object.entries(MARK_CODES).map(([mark, code]) => [code, mark as RosterStatus]),
);
const markData = (meetingId: string, memberId: string, target: RosterStatus) =>
  `rc:s:${shortId(meetingId)}:${shortId(memberId)}:${MARK_CODES[target]}`;
const meetingData = (action: "c" | "k" | "v", meetingId: string) =>
  `rc:${action}:${shortId(meetingId)}`;

const ICON = { unmarked: "⬜", present: "✅", excused: "🟡", unexcused: "🔴" } as const;
const REASON_PREVIEW = 80;
const MAX_TEXT = 4000;

/** `/rollcall`, `/diemdanh`: the roster, one message edited in place; closing sends the minutes. */
export const rollcall = new Composer<BotContext>();

rollcall.chatType("private").command(["rollcall", "diemdanh"], async (ctx) => {
  const view = await withUserErrors(ctx, ctx.t, () => openRollCall(ctx.deps.services, ctx.actor!));
  if (!view) return;
  await ctx.reply(rosterText(ctx.t, view, ctx.deps.services.settings.policy.minRate), {
    reply_markup: rosterKeyboard(ctx.t, view),
  });
});

rollcall.callbackQuery(
  /^rc:([sra]):([A-Za-z0-9_-]{22}):([A-Za-z0-9_-]{22})(?::([npeu]))?$/,
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
    await showRoster(ctx, await showRollCall(services, actor, meetingId));
  },
);

rollcall.callbackQuery(/^rc:([ckv]):([A-Za-z0-9_-]{22})$/, async (ctx) => {
  const meetingId = fromShortId(ctx.match[2]!);
  if (!meetingId) return stale(ctx);
  const { services } = ctx.deps;
  const actor = ctx.actor!;
  const action = ctx.match[1];
  const view = await withUserErrors(ctx, ctx.t, () => showRollCall(services, actor, meetingId));
  if (!view) return;
  const unmarked = view.members.filter((m) => m.status === "unmarked");
  if (action === "v" || (action === "c" && !view.closed && unmarked.length > 0)) {
    await ctx.answerCallbackQuery();
    await showRoster(ctx, view, action === "c" ? unmarked : undefined);
    return;
  }
  const closed = await withUserErrors(ctx, ctx.t, () => closeRollCall(services, actor, meetingId));
  if (!closed) return;
  await ctx.answerCallbackQuery({
    text: ctx.t(closed.resent ? "rollcall-resent-toast" : "rollcall-closed-toast"),
  });
  await showRoster(ctx, closed.view);
  // The closer gets the minutes here; the other leaders and the committee through the ledger.
  const minutes = minutesMessages(ctx.t, closed.minutes);
  await ctx.reply(minutes.text);
  await ctx.replyWithDocument(
    new InputFile(Buffer.from(minutes.file.content, "utf8"), minutes.file.name),
    { caption: minutes.caption },
  );
});

async function stale(ctx: BotContext) {
  await ctx.answerCallbackQuery({ text: ctx.t("error-stale-button"), show_alert: true });
}

/** Re-renders the roster from the database into the pressed message (keyboard resent every time). */
async function showRoster(ctx: BotContext, view: RosterView, confirmClose?: RosterMember[]) {
  const minRate = ctx.deps.services.settings.policy.minRate;
  let text = rosterText(ctx.t, view, minRate);
  let keyboard = rosterKeyboard(ctx.t, view);
  if (confirmClose) {
    text = `${text}\n\n${ctx.t("rollcall-confirm-close", {
      count: confirmClose.length,
      names: confirmClose.map((m) => m.fullName).join(", "),
    })}`;
    keyboard = new InlineKeyboard()
      .text(ctx.t("button-rollcall-confirm"), meetingData("k", view.meeting.id))
      .text(ctx.t("button-rollcall-back"), meetingData("v", view.meeting.id));
  }
  try {
    await ctx.editMessageText(short(text, MAX_TEXT), { reply_markup: keyboard });
  } catch (error) {
    // Two presses that end in the same roster: nothing to show differently.
    if (error instanceof GrammyError && error.description.includes("message is not modified")) {
      return;
    }
    throw error;
  }
}

export function rosterText(t: Translate, view: RosterView, minRate: number): string {
  const lines = [...rosterHeader(t, view, minRate)];
  const absent = view.members.filter((m) => m.status === "excused");
  if (absent.length > 0) {
    lines.push("", t("rollcall-reasons"));
    for (const m of absent) {
      const reason = short(m.reason ?? t("rollcall-no-reason"), REASON_PREVIEW);
      lines.push(
        t(m.reasonAccepted ? "rollcall-reason-line" : "rollcall-reason-rejected-line", {
          name: m.fullName,
          reason,
        }),
      );
    }
  }
  if (view.exempt.length > 0) {
    lines.push("", t("rollcall-exempt", { names: view.exempt.map((m) => m.fullName).join(", ") }));
  }
  if (view.guests.length > 0) {
    lines.push(
      "",
      t("rollcall-guests", {
        present: view.guests.filter((g) => g.present).length,
        total: view.guests.length,
      }),
    );
  }
  lines.push("");
  const closedLine = rosterClosedLine(t, view);
  if (closedLine) {
    lines.push(closedLine);
    if (view.editable) lines.push(t("rollcall-legend-closed"));
  } else {
    lines.push(t("rollcall-legend"), t("rollcall-open-hint"));
  }
  return lines.join("\n");
}

/** One button per member (and guest); a reason's ⚖️ toggle beside it; close or resend last. */
export function rosterKeyboard(t: Translate, view: RosterView): InlineKeyboard | undefined {
  if (!view.editable) return undefined;
  const id = view.meeting.id;
  const keyboard = new InlineKeyboard();
  const press = (memberId: string, status: RosterStatus, subject: MarkSubject) =>
    markData(id, memberId, nextMark(status, subject, view.closed));
  for (const m of view.members) {
    const rejected = m.status === "excused" && !m.reasonAccepted;
    keyboard.text(
      `${rejected ? "⛔" : ICON[m.status]} ${m.fullName}`,
      press(m.memberId, m.status, "eligible"),
    );
    if (m.status === "excused" && m.reason) {
      keyboard.text(
        t(rejected ? "button-rollcall-accept" : "button-rollcall-reject"),
        memberData(rejected ? "a" : "r", id, m.memberId),
      );
    }
    keyboard.row();
  }
  for (const m of view.exempt) {
    keyboard.text(`🛡 ${ICON[m.status]} ${m.fullName}`, press(m.memberId, m.status, "exempt")).row();
  }
  for (const g of view.guests) {
    const status = g.present ? "present" : "unmarked";
    keyboard.text(`👤 ${ICON[status]} ${g.fullName}`, press(g.memberId, status, "guest")).row();
  }
  keyboard.text(
    t(view.closed ? "button-rollcall-resend" : "button-rollcall-close"),
    meetingData("c", id),
  );
  return keyboard;
}

/** At most `max` UTF-16 units (how Telegram counts), never splitting a character. */
function short(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = "";
  for (const char of text) {
    if (out.length + char.length > max - 1) break;
    out += char;
  }
  return `${out}…`;
}
