import { displayParts } from "../../../domain/local-time.ts";
import { fromShortId, shortId } from "../../../services/callback-data.ts";
import {
  annulVote,
  castVote,
  checkIn,
  closeVote,
  openRollCall,
  openVote,
  openVotes,
  showCheckinCode,
  type VoteTally,
  voteTallyText,
} from "../../../services/rollcall/index.ts";
import { clearQuestion, guarded } from "../dialog.ts";
import type { ZaloFeature } from "../feature.ts";
import type { LinkedTurn } from "../turn.ts";

// In the meeting (issue 16), in text: `madd` shows the secretary the check-in code, a member
// sends `dd 123456`; `bieuquyet <nội dung>` opens a vote, the ballot comes with 1 Tán thành /
// 2 Không tán thành; `bieuquyet` alone shows the open votes' tallies (Zalo cannot edit a
// message: the tally is asked for) with «kết thúc» / «hủy» as numbered choices.

const ID = "([A-Za-z0-9_-]{22})";

async function showCode(turn: LinkedTurn) {
  const { services } = turn;
  const view = await guarded(turn, () => openRollCall(services, turn.actor));
  if (!view) return;
  const code = await guarded(turn, () => showCheckinCode(services, turn.actor, view.meeting.id));
  if (!code) return;
  await turn.reply(
    turn.t("checkin-code-zalo", {
      cell: view.meeting.cellName,
      numeric: code.numeric,
      until: displayParts(code.validUntil).time,
    }),
  );
}

async function checkInWith(turn: LinkedTurn, code: string) {
  const done = await guarded(turn, () =>
    checkIn(turn.services, { platform: "ZALO", externalId: turn.userId }, turn.actor, code),
  );
  if (!done) return;
  await turn.reply(
    done.already
      ? turn.t("checkin-already", { name: done.name })
      : turn.t("checkin-done", { name: done.name, time: displayParts(done.at).time }),
  );
}

const tallyMessage = (turn: LinkedTurn, v: VoteTally) => ({
  text: voteTallyText(turn.t, v),
  buttons:
    v.status === "open"
      ? [
          [
            { label: turn.t("button-vote-close"), data: `vt:c:${shortId(v.voteId)}` },
            { label: turn.t("button-vote-annul"), data: `vt:x:${shortId(v.voteId)}` },
          ],
        ]
      : undefined,
});

async function listVotes(turn: LinkedTurn) {
  const open = await guarded(turn, () => openVotes(turn.services, turn.actor));
  if (!open) return;
  if (open.length === 0) return turn.reply(turn.t("zalo-vote-menu"));
  // One question at a time on Zalo: the latest vote's choices are the numbers.
  for (const v of open.slice(0, -1)) await turn.reply(voteTallyText(turn.t, v));
  await turn.reply(tallyMessage(turn, open.at(-1)!));
}

async function startVote(turn: LinkedTurn, words: number, raw: string) {
  const text = raw.trim().split(/\s+/).slice(words).join(" ");
  const tally = await guarded(turn, () => openVote(turn.services, turn.actor, text));
  if (tally) await turn.reply(tallyMessage(turn, tally));
}

export const meetingRoom: ZaloFeature = {
  commands: [
    { names: ["madd", "madiemdanh"], run: showCode },
    { names: ["bieuquyet", "bq"], run: listVotes },
    { names: ["dd"], run: (turn) => turn.reply(turn.t("zalo-checkin-how")) },
  ],
  phrases: [
    { pattern: /^(?:dd|diem danh|diemdanh) (\d{6})$/, run: (turn, m) => checkInWith(turn, m[1]!) },
    {
      pattern: /^(bieu quyet|bieuquyet|bq) \S/,
      run: (turn, m, raw) => startVote(turn, m[1]!.split(" ").length, raw),
    },
  ],
  choices: [
    {
      data: new RegExp(`^vt:${ID}:([ar])$`),
      run: async (turn, m) => {
        const voteId = fromShortId(m[1]!);
        if (!voteId) return turn.reply(turn.t("vote-not-found"));
        const choice = m[2] === "a" ? "approve" : "reject";
        const cast = await guarded(turn, () => castVote(turn.services, turn.actor, voteId, choice));
        if (cast) await turn.reply(turn.t("vote-recorded", { choice }));
      },
    },
    {
      data: new RegExp(`^vt:([cx]):${ID}$`),
      run: async (turn, m) => {
        const voteId = fromShortId(m[2]!);
        if (!voteId) return turn.reply(turn.t("vote-not-found"));
        if (m[1] === "x") {
          const open = await guarded(turn, () => openVotes(turn.services, turn.actor));
          const vote = open?.find((v) => v.voteId === voteId);
          if (!vote) return turn.reply(turn.t("vote-closed"));
          return turn.reply(turn.t("vote-annul-ask", { text: vote.text }), {
            freeText: `vote-annul:${shortId(voteId)}`,
          });
        }
        const tally = await guarded(turn, () => closeVote(turn.services, turn.actor, voteId));
        if (tally) await turn.reply(voteTallyText(turn.t, tally));
      },
    },
  ],
  typed: [
    {
      freeText: new RegExp(`^vote-annul:${ID}$`),
      run: async (turn, m, _question, text) => {
        const voteId = fromShortId(m[1]!);
        if (!voteId) return turn.reply(turn.t("vote-not-found"));
        const tally = await guarded(turn, () => annulVote(turn.services, turn.actor, voteId, text));
        if (!tally) return;
        await clearQuestion(turn);
        await turn.reply(voteTallyText(turn.t, tally));
      },
    },
  ],
};
