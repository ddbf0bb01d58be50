import { InlineKeyboard } from "grammy";
import type { Translate } from "../../../i18n.ts";
import { shortId } from "../../../services/callback-data.ts";
import {
  type MarkSubject,
  nextMark,
  type RosterStatus,
  type RosterView,
  rosterClosedLine,
  rosterHeader,
} from "../../../services/rollcall/index.ts";

// The roster message: its text and its keyboard, a page of members at a time so a cell of any
// size stays within Telegram's limits (100 buttons, about 10 kB of markup).
//
// Callback data, ≤ 64 bytes, ids 22 characters: `rc:<action>:<meeting>[:<member>][:<mark>]:<view>`
// with <view> = page (base 36) + filter (a = all, u = not yet marked).
//   s = set a member's mark to the one the button carries (the next of the cycle when drawn: a
//       press delivered twice sets the same mark), r / a = reject / accept a reason,
//   v = show a page, y = mark present everyone who confirmed, c = close (asks first when some
//   are unmarked or the meeting has not started), k = close confirmed.

/** Members per page: with a reason button each, 2 × 30 + 5 buttons, under 10 kB of markup. */
export const ROSTER_PAGE_SIZE = 30;
const ICON = { unmarked: "⬜", present: "✅", excused: "🟡", unexcused: "🔴" } as const;
const REASON_PREVIEW = 80;
const MAX_TEXT = 4000;

export interface RosterState {
  page: number;
  only: "all" | "unmarked";
}
export const FIRST_PAGE: RosterState = { page: 0, only: "all" };

const MARK_CODES = { unmarked: "n", present: "p", excused: "e", unexcused: "u" } as const;
export const MARK_OF_CODE: Record<string, RosterStatus> = Object.fromEntries(
  Object.entries(MARK_CODES).map(([mark, code]) => [code, mark as RosterStatus]),
);
const stateCode = (s: RosterState) => `${s.page.toString(36)}${s.only === "unmarked" ? "u" : "a"}`;
export function stateOf(code: string | undefined): RosterState {
  if (!code) return FIRST_PAGE;
  const page = Number.parseInt(code.slice(0, -1), 36);
  return { page: Number.isFinite(page) ? page : 0, only: code.endsWith("u") ? "unmarked" : "all" };
}

export const markData = (meeting: string, member: string, mark: RosterStatus, s: RosterState) =>
  `rc:s:${shortId(meeting)}:${shortId(member)}:${MARK_CODES[mark]}:${stateCode(s)}`;
const reasonData = (action: "r" | "a", meeting: string, member: string, s: RosterState) =>
  `rc:${action}:${shortId(meeting)}:${shortId(member)}:${stateCode(s)}`;
export const meetingData = (action: "v" | "y" | "c" | "k", meeting: string, s = FIRST_PAGE) =>
  `rc:${action}:${shortId(meeting)}:${stateCode(s)}`;

/** One line of the roster: a member of the cell, an exempt one, or a guest. */
interface Entry {
  memberId: string;
  label: string;
  status: RosterStatus;
  subject: MarkSubject;
  /** Excused with a reason: the ⚖️ button beside the name. */
  reason?: "reject" | "accept";
}

/** Present by their own check-in (issue 16): shown apart from a secretary's ✅. */
const selfIcon = (m: { status: RosterStatus; selfCheckedAt: Date | null }) =>
  m.status === "present" && m.selfCheckedAt ? "📲" : undefined;

function entries(view: RosterView): Entry[] {
  const confirmed = (answer: string | null, status: RosterStatus) =>
    answer === "attending" && status === "unmarked" ? "🙋 " : "";
  return [
    ...view.members.map((m): Entry => {
      const rejected = m.status === "excused" && !m.reasonAccepted;
      return {
        memberId: m.memberId,
        label: `${rejected ? "⛔" : (selfIcon(m) ?? ICON[m.status])} ${confirmed(m.answer, m.status)}${m.fullName}`,
        status: m.status,
        subject: "eligible",
        reason: m.status === "excused" && m.reason ? (rejected ? "accept" : "reject") : undefined,
      };
    }),
    ...view.exempt.map(
      (m): Entry => ({
        memberId: m.memberId,
        label: `🛡 ${selfIcon(m) ?? ICON[m.status]} ${confirmed(m.answer, m.status)}${m.fullName}`,
        status: m.status,
        subject: "exempt",
      }),
    ),
    ...view.guests.map((g): Entry => {
      const status = g.present ? "present" : "unmarked";
      return {
        memberId: g.memberId,
        label: `👤 ${ICON[status]} ${g.fullName}`,
        status,
        subject: "guest",
      };
    }),
  ];
}

/** The entries shown for this state, the page actually shown (clamped) and the page count. */
function paged(view: RosterView, state: RosterState) {
  const shown = entries(view).filter((e) => state.only === "all" || e.status === "unmarked");
  const pages = Math.max(1, Math.ceil(shown.length / ROSTER_PAGE_SIZE));
  const page = Math.min(Math.max(state.page, 0), pages - 1);
  return {
    state: { ...state, page },
    pages,
    total: shown.length,
    slice: shown.slice(page * ROSTER_PAGE_SIZE, (page + 1) * ROSTER_PAGE_SIZE),
  };
}

export function rosterText(
  t: Translate,
  view: RosterView,
  minRate: number,
  state: RosterState = FIRST_PAGE,
): string {
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
  const { pages, state: shown, total } = paged(view, state);
  if (pages > 1 || state.only === "unmarked") {
    lines.push(
      "",
      t(state.only === "unmarked" ? "rollcall-page-unmarked" : "rollcall-page", {
        page: shown.page + 1,
        pages,
        count: total,
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
  return short(lines.join("\n"), MAX_TEXT);
}

/** A page of members (and their reason toggles), paging and filter, mark-all, close or resend. */
export function rosterKeyboard(
  t: Translate,
  view: RosterView,
  state: RosterState = FIRST_PAGE,
): InlineKeyboard | undefined {
  if (!view.editable) return undefined;
  const id = view.meeting.id;
  const { slice, pages, state: shown } = paged(view, state);
  const keyboard = new InlineKeyboard();
  for (const e of slice) {
    keyboard.text(
      e.label,
      markData(id, e.memberId, nextMark(e.status, e.subject, view.closed), shown),
    );
    if (e.reason) {
      keyboard.text(
        t(e.reason === "accept" ? "button-rollcall-accept" : "button-rollcall-reject"),
        reasonData(e.reason === "accept" ? "a" : "r", id, e.memberId, shown),
      );
    }
    keyboard.row();
  }
  if (pages > 1) {
    if (shown.page > 0)
      keyboard.text(
        t("button-rollcall-previous"),
        meetingData("v", id, { ...shown, page: shown.page - 1 }),
      );
    if (shown.page < pages - 1)
      keyboard.text(
        t("button-rollcall-next"),
        meetingData("v", id, { ...shown, page: shown.page + 1 }),
      );
    keyboard.row();
  }
  const unmarked = entries(view).filter((e) => e.status === "unmarked").length;
  if (shown.only === "unmarked") {
    keyboard.text(t("button-rollcall-show-all"), meetingData("v", id, FIRST_PAGE)).row();
  } else if (unmarked > 0 && entries(view).length > ROSTER_PAGE_SIZE / 3) {
    keyboard
      .text(
        t("button-rollcall-only-unmarked", { count: unmarked }),
        meetingData("v", id, { page: 0, only: "unmarked" }),
      )
      .row();
  }
  if (!view.closed && view.counts.confirmedUnmarked > 0) {
    keyboard
      .text(
        t("button-rollcall-mark-confirmed", { count: view.counts.confirmedUnmarked }),
        meetingData("y", id, shown),
      )
      .row();
  }
  if (!view.closed) {
    // Issue 16: the check-in code and the votes (features/meeting-room.ts).
    keyboard
      .text(t("button-rollcall-checkin-code"), `rc:q:${shortId(id)}`)
      .text(t("button-rollcall-votes"), `rc:b:${shortId(id)}`)
      .row();
  }
  keyboard.text(
    t(view.closed ? "button-rollcall-resend" : "button-rollcall-close"),
    meetingData("c", id, shown),
  );
  return keyboard;
}

/** At most `max` UTF-16 units (how Telegram counts), never splitting a character. */
export function short(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = "";
  for (const char of text) {
    if (out.length + char.length > max - 1) break;
    out += char;
  }
  return `${out}…`;
}
