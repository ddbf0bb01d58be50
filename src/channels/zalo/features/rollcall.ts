import { fromShortId, shortId } from "../../../services/callback-data.ts";
import {
  closeRollCall,
  markMember,
  minutesMessages,
  openRollCall,
  type RosterStatus,
  rejectReason,
  showRollCall,
} from "../../../services/rollcall/index.ts";
import { guarded, loadQuestion, stale } from "../dialog.ts";
import type { ZaloFeature } from "../feature.ts";
import { rosterOrder, rosterText } from "../roster.ts";
import type { LinkedTurn } from "../turn.ts";

// The roll call as a numbered roster (roster.ts), kept as the chat's question: `3 c` marks the
// third person present, `chot` closes it; `rc:k|v:<meeting22>` close anyway / back to the roster.

const CODES: Record<string, Exclude<RosterStatus, "unmarked">> = {
  c: "present",
  v: "excused",
  k: "unexcused",
};
/** `3 t`: the reason given is not valid (không chính đáng), R4; `3 v` accepts it again. */
const REJECT = "t";

async function sendRoster(
  turn: LinkedTurn,
  view: Awaited<ReturnType<typeof showRollCall>>,
  note?: string,
) {
  const text = rosterText(turn.t, view, turn.services.settings.policy.minRate);
  await turn.reply(
    { text: note ? `${note}\n\n${text}` : text },
    view.editable ? { roster: { meetingId: view.meeting.id, memberIds: rosterOrder(view) } } : {},
  );
}

/** `diemdanh`: the roster of the meeting being held (or just held). */
async function openRoster(turn: LinkedTurn) {
  const view = await guarded(turn, () => openRollCall(turn.services, turn.actor));
  if (view) await sendRoster(turn, view);
}

/** `3 c` present, `3 v` excused, `3 k` unexcused, `3 t` reason rejected; then the roster again. */
async function mark(turn: LinkedTurn, number: number, letter: string) {
  const { actor, services, t } = turn;
  const state = await loadQuestion(turn);
  const roster = state?.context.roster;
  if (!state || !roster) return turn.reply(t("zalo-rollcall-no-roster"));
  if (state.expired) return stale(turn);
  const status = CODES[letter];
  if (!status && letter !== REJECT) return turn.reply(t("zalo-rollcall-wrong-code"));
  const memberId = roster.memberIds[number - 1];
  if (!memberId)
    return turn.reply(
      t("zalo-wrong-number", { number: String(number), max: roster.memberIds.length }),
    );
  const note = await guarded(turn, async () => {
    if (!status) {
      const r = await rejectReason(services, actor, roster.meetingId, memberId);
      return t("rollcall-reason-rejected", { name: r.name });
    }
    const r = await markMember(services, actor, roster.meetingId, memberId, status);
    return t(r.correction ? "rollcall-corrected" : "rollcall-marked", {
      name: r.name,
      status: r.status,
    });
  });
  if (note === undefined) return;
  await sendRoster(turn, await showRollCall(services, actor, roster.meetingId), note);
}

/** `chot`: asks first when some are unmarked (1 = close, 2 = back), like the Telegram button. */
async function close(turn: LinkedTurn) {
  const { actor, services, t } = turn;
  const state = await loadQuestion(turn);
  const meetingId = state?.context.roster?.meetingId;
  const view = await guarded(turn, () =>
    meetingId ? showRollCall(services, actor, meetingId) : openRollCall(services, actor),
  );
  if (!view) return;
  const unmarked = view.members.filter((m) => m.status === "unmarked");
  if (!view.closed && unmarked.length > 0) {
    const short = shortId(view.meeting.id);
    await turn.reply({
      text: t("rollcall-confirm-close", {
        count: unmarked.length,
        names: unmarked.map((m) => m.fullName).join(", "),
      }),
      buttons: [
        [
          { label: t("button-rollcall-confirm"), data: `rc:k:${short}` },
          { label: t("button-rollcall-back"), data: `rc:v:${short}` },
        ],
      ],
    });
    return;
  }
  await closeConfirmed(turn, view.meeting.id);
}

async function closeConfirmed(turn: LinkedTurn, meetingId: string) {
  const { t } = turn;
  const closed = await guarded(turn, () => closeRollCall(turn.services, turn.actor, meetingId));
  if (!closed) return;
  await sendRoster(
    turn,
    closed.view,
    t(closed.resent ? "rollcall-resent-toast" : "rollcall-closed-toast"),
  );
  // The closer gets the minutes here; the other leaders and the committee through the ledger.
  const minutes = minutesMessages(t, closed.minutes);
  await turn.reply(minutes.text);
}

/** `rc:k` close with some unmarked, `rc:v` back to the roster. */
async function closeChoice(turn: LinkedTurn, match: RegExpExecArray) {
  const meetingId = fromShortId(match[2]!);
  if (!meetingId) return stale(turn);
  if (match[1] === "v") {
    const view = await guarded(turn, () => showRollCall(turn.services, turn.actor, meetingId));
    if (view) await sendRoster(turn, view);
    return;
  }
  return closeConfirmed(turn, meetingId);
}

/** `diemdanh`, the codes, `chot`: the leader takes the roll call; closing sends the minutes. */
export const rollcall: ZaloFeature = {
  commands: [
    { names: ["diemdanh", "rollcall"], run: openRoster },
    { names: ["chot", "chotdiemdanh"], run: close },
  ],
  choices: [{ data: /^rc:([kv]):([A-Za-z0-9_-]{22})$/, run: closeChoice }],
  codes: [{ pattern: /^(\d+)\s*([a-z])$/, run: (turn, m) => mark(turn, Number(m[1]), m[2]!) }],
};
