import { displayParts } from "../../../domain/local-time.ts";
import { fromShortId, shortId } from "../../../services/callback-data.ts";
import {
  closeRollCall,
  type MarkResult,
  markConfirmedPresent,
  markMany,
  minutesMessages,
  openRollCall,
  type RosterStatus,
  type RosterView,
  rejectReason,
  showRollCall,
} from "../../../services/rollcall/index.ts";
import type { ZaloDialogContext } from "../context.ts";
import { guarded, loadQuestion, stale } from "../dialog.ts";
import type { ZaloFeature } from "../feature.ts";
import { rosterOrder, rosterText } from "../roster.ts";
import type { LinkedTurn } from "../turn.ts";

// The roll call as a numbered roster (roster.ts), kept as the chat's question: `3 c` marks the
// third person present, `1-5,7 c` several at once, `con lai k` everyone not marked yet, `tat ca c`
// everyone, `xac nhan` everyone who said they would come; `ds` shows the roster again, `chot`
// closes it; `rc:k|v:<meeting22>` close anyway / back to the roster. After a mark the bot answers
// with one short line (what was recorded, who is left) and the whole roster every few marks.

const CODES: Record<string, Exclude<RosterStatus, "unmarked">> = {
  c: "present",
  v: "excused",
  k: "unexcused",
  "co mat": "present",
  vang: "unexcused",
  "vang co ly do": "excused",
  "vang khong ly do": "unexcused",
};
/** `3 t`: the reason given is not valid (không chính đáng), R4; `3 v` accepts it again. */
const REJECT = "t";
/** The full roster again after this many short answers. */
const LIST_EVERY = 5;
const LIST = /^(\d+(?:\s*-\s*\d+)?(?:\s*[\s,;]\s*\d+(?:\s*-\s*\d+)?)*)\s*([a-z])$/;
const WORDS = "c|v|k|co mat|vang|vang co ly do|vang khong ly do";
const GROUP = new RegExp(`^(con lai|tat ca)\\s+(${WORDS})$`);

type Roster = NonNullable<ZaloDialogContext["roster"]>;

async function sendRoster(turn: LinkedTurn, view: RosterView, note?: string) {
  const text = rosterText(turn.t, view, turn.services.settings.policy.minRate);
  await turn.reply(
    { text: note ? `${note}\n\n${text}` : text },
    view.editable ? { roster: { meetingId: view.meeting.id, memberIds: rosterOrder(view) } } : {},
  );
}

/** One short line after a mark, the numbered roster kept as the question; every few, the roster. */
async function sendMarked(turn: LinkedTurn, roster: Roster, note: string) {
  const view = await showRollCall(turn.services, turn.actor, roster.meetingId);
  const sinceList = (roster.sinceList ?? 0) + 1;
  if (sinceList >= LIST_EVERY) return sendRoster(turn, view, note);
  const order = rosterOrder(view);
  const left = [...view.members, ...view.exempt]
    .filter((m) => m.status === "unmarked")
    .map((m) => order.indexOf(m.memberId) + 1);
  const counts = { present: view.counts.present, eligible: view.counts.eligible };
  const rest = view.closed
    ? ""
    : left.length === 0
      ? turn.t("zalo-rollcall-none-left", counts)
      : turn.t("zalo-rollcall-left", { ...counts, count: left.length, numbers: left.join(", ") });
  await turn.reply(
    { text: [note, rest].filter(Boolean).join("\n") },
    { roster: { meetingId: view.meeting.id, memberIds: order, sinceList } },
  );
}

/** `diemdanh`: the roster of the meeting being held (or just held). */
async function openRoster(turn: LinkedTurn) {
  const view = await guarded(turn, () => openRollCall(turn.services, turn.actor));
  if (view) await sendRoster(turn, view);
}

/** The open roster of this chat, or a reply saying why there is none. */
async function currentRoster(turn: LinkedTurn): Promise<Roster | undefined> {
  const state = await loadQuestion(turn);
  const roster = state?.context.roster;
  if (!state || !roster) {
    await turn.reply(turn.t("zalo-rollcall-no-roster"));
    return undefined;
  }
  if (state.expired) {
    await stale(turn);
    return undefined;
  }
  return roster;
}

/** `1 2 5 c`, `1-5,7 k`, `3 t`: numbers of the roster, then a code; all or nothing. */
async function markList(turn: LinkedTurn, list: string, code: string) {
  const { actor, services, t } = turn;
  const roster = await currentRoster(turn);
  if (!roster) return;
  const status = CODES[code];
  const numbers = expand(list);
  if ((!status && code !== REJECT) || !numbers || (code === REJECT && numbers.length !== 1))
    return turn.reply(t("zalo-rollcall-wrong-code"));
  const wrong = numbers.find((n) => !roster.memberIds[n - 1]);
  if (wrong !== undefined)
    return turn.reply(
      t("zalo-wrong-number", { number: String(wrong), max: roster.memberIds.length }),
    );
  const ids = numbers.map((n) => roster.memberIds[n - 1]!);
  const note = await guarded(turn, async () => {
    if (!status) {
      const r = await rejectReason(services, actor, roster.meetingId, ids[0]!);
      return t("rollcall-reason-rejected", { name: r.name });
    }
    const marks = ids.map((memberId) => ({ memberId, target: status }));
    return markedNote(t, await markMany(services, actor, roster.meetingId, marks));
  });
  if (note !== undefined) await sendMarked(turn, roster, note);
}

/** `con lai k`: everyone not marked yet; `tat ca c`: everyone (exempt members only as present). */
async function markGroup(turn: LinkedTurn, who: string, code: string) {
  const { actor, services, t } = turn;
  const roster = await currentRoster(turn);
  if (!roster) return;
  const status = CODES[code]!;
  const note = await guarded(turn, async () => {
    const view = await showRollCall(services, actor, roster.meetingId);
    const people = [...view.members, ...(status === "present" ? view.exempt : [])].filter(
      (m) => who === "tat ca" || m.status === "unmarked",
    );
    if (people.length === 0) return t("zalo-rollcall-nobody");
    const marks = people.map((m) => ({ memberId: m.memberId, target: status }));
    return markedNote(t, await markMany(services, actor, roster.meetingId, marks));
  });
  if (note !== undefined) await sendMarked(turn, roster, note);
}

/** `xac nhan`: present, everyone who said they would come and is not marked yet. */
async function markConfirmed(turn: LinkedTurn) {
  const roster = await currentRoster(turn);
  if (!roster) return;
  const done = await guarded(turn, () =>
    markConfirmedPresent(turn.services, turn.actor, roster.meetingId),
  );
  if (done)
    await sendMarked(turn, roster, turn.t("rollcall-marked-confirmed", { count: done.marked }));
}

/** `ds`: the whole roster again. */
async function listRoster(turn: LinkedTurn) {
  const roster = await currentRoster(turn);
  if (!roster) return;
  const view = await guarded(turn, () => showRollCall(turn.services, turn.actor, roster.meetingId));
  if (view) await sendRoster(turn, view);
}

/** One mark: its own line; several: how many of each. */
function markedNote(t: LinkedTurn["t"], results: MarkResult[]): string {
  if (results.length === 1) {
    const r = results[0]!;
    return t(r.correction ? "rollcall-corrected" : "rollcall-marked", {
      name: r.name,
      status: r.status,
    });
  }
  return t("zalo-rollcall-marked-many", {
    count: results.length,
    status: results[0]!.status,
    correction: results[0]!.correction ? "yes" : "no",
  });
}

/** "1-3, 5 7" → [1, 2, 3, 5, 7] (at most 500 numbers); null for a backwards range. */
export function expand(list: string): number[] | null {
  const out: number[] = [];
  for (const part of list.split(/[\s,;]+/).filter(Boolean)) {
    const [from, to = from] = part.split("-").map((x) => Number(x.trim()));
    if (!from || !to || to < from || out.length + (to - from) > 500) return null;
    for (let n = from; n <= to; n++) if (!out.includes(n)) out.push(n);
  }
  return out;
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
  const early = view.meeting.startsAt.getTime() > turn.now().getTime();
  if (!view.closed && (unmarked.length > 0 || early)) {
    const short = shortId(view.meeting.id);
    const start = displayParts(view.meeting.startsAt);
    const warnings = [
      ...(early ? [t("rollcall-confirm-early", { time: start.time, date: start.date })] : []),
      ...(unmarked.length > 0
        ? [
            t("rollcall-confirm-close", {
              count: unmarked.length,
              names: unmarked.map((m) => m.fullName).join(", "),
            }),
          ]
        : []),
    ];
    await turn.reply({
      text: warnings.join("\n"),
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
  // Zalo's Bot API sends text only: the Word file cannot come here, and the closer is told so.
  await turn.reply(`${minutes.text}

${t("mdoc-zalo-unavailable")}

${t("quality-zalo-offer")}`);
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
    { names: ["ds", "danhsach"], run: listRoster },
    { names: ["xacnhan", "xn", "xacnhanc", "xnc"], run: markConfirmed },
  ],
  choices: [{ data: /^rc:([kv]):([A-Za-z0-9_-]{22})$/, run: closeChoice }],
  codes: [
    { pattern: LIST, run: (turn, m) => markList(turn, m[1]!, m[2]!) },
    { pattern: GROUP, run: (turn, m) => markGroup(turn, m[1]!, m[2]!) },
  ],
};
