import { displayParts } from "../../../domain/local-time.ts";
import { cleanLine } from "../../../domain/text.ts";
import { MAX_REASON_LENGTH, recordAnswer } from "../../../services/answers.ts";
import { fromShortId, shortId } from "../../../services/callback-data.ts";
import { byName, meetingArgs } from "../../../services/format.ts";
import { cellLinkStates, createInvite } from "../../../services/invites.ts";
import { answersOverviewLines, nudgeLines } from "../../../services/leaders-text.ts";
import { nudgeSilent } from "../../../services/nudge.ts";
import { answersOverview } from "../../../services/overview.ts";
import { documentReadLines, documentReads } from "../../../services/quality/documents.ts";
import { selfCheckinCount } from "../../../services/rollcall/index.ts";
import { clearQuestion, guarded, stale } from "../dialog.ts";
import type { ZaloFeature } from "../feature.ts";
import { type LinkedTurn, ledCell } from "../turn.ts";
import { REASON_PRESETS } from "./answers.ts";

// What a cell's secretary (or deputy) does between meetings: `tinhhinh`, `nhacnho`, `moi`,
// `traloithay`. `lichhop` is its own feature (meeting-editor.ts). Each checks the lead again.

// ── tinhhinh, nhacnho ────────────────────────────────────────────────────────

/** `tinhhinh`: who answered what for the next meeting (reasons only in this private chat). */
async function overview(turn: LinkedTurn) {
  const unitId = await ledCell(turn);
  if (!unitId) return;
  const { services, t } = turn;
  const overview = await guarded(turn, () => answersOverview(services, turn.actor, unitId));
  if (overview === undefined) return;
  // During the meeting (issue 16): how many checked themselves in.
  const self = await selfCheckinCount(services, unitId);
  const selfLine = self ? [t("tinhhinh-self-checked", self), ""] : [];
  if (overview === null) return turn.reply([...selfLine, t("tinhhinh-none")].join("\n"));
  const lines = [
    ...selfLine,
    ...answersOverviewLines(t, overview, services.settings.policy.minRate),
    ...documentReadLines(t, await documentReads(services, turn.actor, overview.meeting.id)),
  ];
  lines.push("", t("zalo-tinhhinh-hint"));
  await turn.reply(lines.join("\n"));
}

/** `nhacnho`: reminds the members who have not answered the next meeting. */
async function nudge(turn: LinkedTurn) {
  const unitId = await ledCell(turn);
  if (!unitId) return;
  const result = await guarded(turn, () => nudgeSilent(turn.services, turn.actor, unitId));
  if (result) await turn.reply(nudgeLines(turn.t, result).join("\n"));
}

// ── moi: invite codes ────────────────────────────────────────────────────────

/** The cell's current members in the order `moi` numbers them. */
async function linkStates(turn: LinkedTurn, unitId: string) {
  const { services } = turn;
  const [unit, members] = await Promise.all([
    services.db.unit.findUniqueOrThrow({ where: { id: unitId } }),
    cellLinkStates(services, turn.actor, unitId),
  ]);
  return { cell: unit.name, members: byName(members) };
}

/** `moi`: the cell's members numbered, each with their link state; a number makes a code. */
async function inviteList(turn: LinkedTurn) {
  const unitId = await ledCell(turn);
  if (!unitId) return;
  const { t } = turn;
  const { cell, members } = await linkStates(turn, unitId);
  const linked = members.filter((m) => m.linked).length;
  await turn.reply({
    text: `${t("moi-title", { cell, linked, total: members.length })}\n${t("zalo-moi-help")}`,
    buttons: members.map((m) => [
      {
        label: m.linked
          ? t("moi-linked", { name: m.fullName })
          : m.pendingUntil
            ? t("moi-pending", { name: m.fullName, date: displayParts(m.pendingUntil).date })
            : t("moi-unlinked", { name: m.fullName }),
        data: `moi:${shortId(m.id)}`,
      },
    ]),
  });
}

/** `moi 3`: a code for the third member of the list, as `moi` numbers it now. */
async function inviteNumber(turn: LinkedTurn, number: number) {
  const unitId = await ledCell(turn);
  if (!unitId) return;
  const { members } = await linkStates(turn, unitId);
  const member = members[number - 1];
  if (!member)
    return turn.reply(turn.t("zalo-wrong-number", { number: String(number), max: members.length }));
  await invite(turn, member.id);
}

/** A fresh invite code (the old unused one lapses); createInvite checks and audits again. */
async function invite(turn: LinkedTurn, memberId: string) {
  if (!(await ledCell(turn))) return;
  const invite = await guarded(turn, () => createInvite(turn.services, turn.actor, memberId));
  if (!invite) return;
  const expires = displayParts(invite.expiresAt);
  await turn.reply(
    turn.t("zalo-moi-code", {
      name: invite.member.fullName,
      code: invite.code,
      date: expires.date,
      time: expires.time,
    }),
  );
}

// ── traloithay: answering on a member's behalf ───────────────────────────────
// `tl:m|y|n:<meeting22>:<member22>` pick a member, then attends / absent; for an absence
// `tr:<meeting22>:<member22>:<preset|o>` or a typed reason (freeText `tr:<meeting22>:<member22>`).

type Overview = NonNullable<Awaited<ReturnType<typeof answersOverview>>>;

/** Everyone on the next meeting's list: who comes, who declined, who is silent. */
const behalfMembers = (overview: Overview) => [
  ...overview.attending,
  ...overview.declined.map((d) => d.member),
  ...overview.silent,
];

/** `traloithay`: the next meeting's members numbered, each with their answer: ✅ ❌ ⏳. */
async function behalfList(turn: LinkedTurn) {
  const unitId = await ledCell(turn);
  if (!unitId) return;
  const { t } = turn;
  const overview = await guarded(turn, () => answersOverview(turn.services, turn.actor, unitId));
  if (overview === undefined) return;
  if (overview === null) return turn.reply(t("traloithay-none"));
  const status = new Map<string, string>();
  for (const m of overview.attending) status.set(m.id, "✅");
  for (const d of overview.declined) status.set(d.member.id, "❌");
  const meeting = shortId(overview.meeting.id);
  await turn.reply({
    text: t("traloithay-pick", meetingArgs(t, overview.meeting)),
    buttons: byName(behalfMembers(overview)).map((m) => [
      {
        label: `${status.get(m.id) ?? "⏳"} ${m.fullName}`,
        data: `tl:m:${meeting}:${shortId(m.id)}`,
      },
    ]),
  });
}

/**
 * The next meeting's overview and the member, if the person still leads the cell, the meeting
 * is still the cell's next one and the member is on its list; else null (the person is told).
 */
async function behalfTarget(turn: LinkedTurn, meetingShort: string, memberShort: string) {
  const meetingId = fromShortId(meetingShort);
  const memberId = fromShortId(memberShort);
  if (!meetingId || !memberId) {
    await stale(turn);
    return null;
  }
  const unitId = await ledCell(turn);
  if (!unitId) return null;
  const overview = await guarded(turn, () => answersOverview(turn.services, turn.actor, unitId));
  if (overview === undefined) return null;
  if (overview?.meeting.id !== meetingId) {
    // Started, cancelled or moved behind another meeting since the list was shown.
    await stale(turn);
    return null;
  }
  const member = behalfMembers(overview).find((m) => m.id === memberId);
  if (!member) {
    await turn.reply(turn.t("error-not-allowed"));
    return null;
  }
  return { overview, member };
}

/** `m` the member picked, `y` attends, `n` absent (asks why), a preset's index or `o` other. */
async function behalfPress(
  turn: LinkedTurn,
  step: string,
  meetingShort: string,
  memberShort: string,
) {
  const target = await behalfTarget(turn, meetingShort, memberShort);
  if (!target) return;
  const { overview, member } = target;
  const { t } = turn;
  const data = `${meetingShort}:${memberShort}`;
  if (step === "m") {
    const declined = overview.declined.find((d) => d.member.id === member.id);
    const answer = overview.attending.some((m) => m.id === member.id)
      ? t("my-answer-attending")
      : declined
        ? t("my-answer-absent", { reason: declined.reason })
        : t("my-answer-none");
    return turn.reply({
      text: t("traloithay-member", {
        name: member.fullName,
        answer,
        ...meetingArgs(t, overview.meeting),
      }),
      buttons: [
        [
          { label: t("button-attend"), data: `tl:y:${data}` },
          { label: t("button-decline"), data: `tl:n:${data}` },
        ],
      ],
    });
  }
  if (step === "y") return recordBehalf(turn, overview.meeting.id, member, "ATTENDING");
  if (step === "n")
    return turn.reply(
      {
        text: t("traloithay-ask-reason", { name: member.fullName, max: MAX_REASON_LENGTH }),
        buttons: [
          ...REASON_PRESETS.map((key, i) => [{ label: t(key), data: `tr:${data}:${i}` }]),
          [{ label: t("reason-other"), data: `tr:${data}:o` }],
        ],
      },
      { freeText: `tr:${data}` },
    );
  if (step === "o")
    return turn.reply(
      { text: t("absence-ask-text", { max: MAX_REASON_LENGTH }) },
      { freeText: `tr:${data}` },
    );
  const preset = REASON_PRESETS[Number(step)];
  if (!preset) return stale(turn);
  await recordBehalf(turn, overview.meeting.id, member, "ABSENT", t(preset));
}

/** A typed reason for the member being answered for. */
async function behalfTyped(
  turn: LinkedTurn,
  meetingShort: string,
  memberShort: string,
  typed: string,
) {
  const text = cleanLine(typed);
  if ([...text].length > MAX_REASON_LENGTH)
    return turn.reply(turn.t("error-reason-too-long", { max: MAX_REASON_LENGTH }));
  const target = await behalfTarget(turn, meetingShort, memberShort);
  if (!target) return;
  await recordBehalf(turn, target.overview.meeting.id, target.member, "ABSENT", text);
}

async function recordBehalf(
  turn: LinkedTurn,
  meetingId: string,
  member: { id: string; fullName: string },
  kind: "ATTENDING" | "ABSENT",
  reason?: string,
) {
  const result = await guarded(turn, () =>
    recordAnswer(turn.services, turn.actor, { meetingId, memberId: member.id, kind, reason }),
  );
  if (!result) return;
  await clearQuestion(turn);
  const key = result.unchanged
    ? "traloithay-unchanged"
    : kind === "ATTENDING"
      ? "traloithay-attending"
      : "traloithay-absent";
  await turn.reply(turn.t(key, { name: member.fullName, reason: reason ?? "" }));
}

/** What a cell's leaders do between meetings, as Telegram's secretary feature. */
export const secretary: ZaloFeature = {
  commands: [
    { names: ["tinhhinh"], run: overview },
    { names: ["nhacnho"], run: nudge },
    { names: ["moi"], run: inviteList },
    { names: ["traloithay"], run: behalfList },
  ],
  phrases: [
    { pattern: /^moi (\d{1,4})$/, run: (turn, match) => inviteNumber(turn, Number(match[1])) },
  ],
  choices: [
    {
      data: /^tl:([myn]):([A-Za-z0-9_-]{22}):([A-Za-z0-9_-]{22})$/,
      run: (turn, m) => behalfPress(turn, m[1]!, m[2]!, m[3]!),
    },
    {
      data: /^tr:([A-Za-z0-9_-]{22}):([A-Za-z0-9_-]{22}):(\d|o)$/,
      run: (turn, m) => behalfPress(turn, m[3]!, m[1]!, m[2]!),
    },
    {
      data: /^moi:([A-Za-z0-9_-]{22})$/,
      run: async (turn, m) => {
        const memberId = fromShortId(m[1]!);
        if (!memberId) return stale(turn);
        await invite(turn, memberId);
      },
    },
  ],
  typed: [
    {
      freeText: /^tr:([A-Za-z0-9_-]{22}):([A-Za-z0-9_-]{22})$/,
      run: (turn, m, _question, text) => behalfTyped(turn, m[1]!, m[2]!, text),
    },
  ],
};
