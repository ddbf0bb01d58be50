import { cleanLine } from "../../../domain/text.ts";
import { readTypedAnswer } from "../../../domain/typed-answer.ts";
import {
  answerQuestionMessage,
  confirmAttendingText,
  openQuestion,
  pressedMeeting,
} from "../../../services/answer-question.ts";
import { MAX_REASON_LENGTH, recordAnswer } from "../../../services/answers.ts";
import { fromShortId, shortId } from "../../../services/callback-data.ts";
import { UserError } from "../../../services/errors.ts";
import type { ZaloDialogContext } from "../context.ts";
import { clearQuestion, guarded, stale } from "../dialog.ts";
import type { ZaloFeature } from "../feature.ts";
import type { LinkedTurn } from "../turn.ts";

// A member answers the next meeting: `ans:<meeting22>:y|n` under the reminder (and `lich`), then
// for an absence `why:<meeting22>:<preset|o>` or a typed reason, then `cf:y|n` to confirm it.

/** The reasons offered by number; "other" (o) asks for typed text. */
export const REASON_PRESETS = ["reason-sick", "reason-business-trip", "reason-family"] as const;

/** 1 attend: recorded at once; 2 absent: the reason is asked first. */
async function answer(turn: LinkedTurn, match: RegExpExecArray) {
  const { actor, t } = turn;
  const meetingId = fromShortId(match[1]!);
  if (!meetingId) return stale(turn);
  // The question of a meeting that is over: say which one it was, and ask about the current one.
  const pressed = await pressedMeeting(turn.services, actor, meetingId);
  if (pressed.state === "ended" || pressed.state === "cancelled") {
    await clearQuestion(turn);
    const said = t(pressed.state === "ended" ? "old-meeting-ended" : "old-meeting-cancelled", {
      date: pressed.date,
    });
    if (!pressed.current) return turn.reply(`${said} ${t("old-meeting-none")}`);
    const question = answerQuestionMessage(t, pressed.current, { now: turn.now() });
    return turn.reply({
      ...question,
      text: `${said} ${t("old-meeting-current")}\n\n${question.text}`,
    });
  }
  if (match[2] === "n") return askReason(turn, meetingId);
  const result = await guarded(turn, () =>
    recordAnswer(turn.services, actor, { meetingId, memberId: actor.memberId, kind: "ATTENDING" }),
  );
  if (!result) return;
  return turn.reply(t(result.unchanged ? "answer-unchanged" : "zalo-answer-attending-note"));
}

async function askReason(turn: LinkedTurn, meetingId: string) {
  const { actor, services, t } = turn;
  // Checked before asking: a member should not type a reason for a meeting already begun.
  const ok = await guarded(turn, async () => {
    const meeting = await services.db.meeting.findUnique({ where: { id: meetingId } });
    if (!meeting || meeting.unitId !== actor.cellId) throw new UserError("error-not-allowed");
    if (meeting.status !== "PLANNED" || meeting.startsAt <= turn.now())
      throw new UserError(
        meeting.status === "CANCELLED" ? "error-meeting-cancelled" : "error-meeting-started",
      );
    return true;
  });
  if (!ok) return;
  const short = shortId(meetingId);
  await turn.reply(
    {
      text: t("absence-ask"),
      buttons: [
        ...REASON_PRESETS.map((key, i) => [{ label: t(key), data: `why:${short}:${i}` }]),
        [{ label: t("reason-other"), data: `why:${short}:o` }],
      ],
    },
    { freeText: `why:${short}` },
  );
}

/** A preset reason by number, or "other": then the reason is typed. */
async function reasonChosen(turn: LinkedTurn, match: RegExpExecArray) {
  const { t } = turn;
  const meetingId = fromShortId(match[1]!);
  if (!meetingId) return stale(turn);
  const preset = REASON_PRESETS[Number(match[2])];
  if (preset) return confirmReason(turn, meetingId, t(preset));
  return turn.reply(
    { text: t("absence-ask-text", { max: MAX_REASON_LENGTH }) },
    { freeText: `why:${match[1]}` },
  );
}

async function reasonTyped(turn: LinkedTurn, match: RegExpExecArray, typed: string) {
  const meetingId = fromShortId(match[1]!);
  if (!meetingId) return stale(turn);
  // A reason is one line: typed line breaks cannot fake lines of /tinhhinh or the minutes.
  const text = cleanLine(typed);
  if ([...text].length > MAX_REASON_LENGTH)
    return turn.reply(turn.t("error-reason-too-long", { max: MAX_REASON_LENGTH }));
  await confirmReason(turn, meetingId, text);
}

async function confirmReason(turn: LinkedTurn, meetingId: string, reason: string) {
  const { t } = turn;
  await turn.reply(
    {
      text: t("absence-confirm", { reason }),
      buttons: [
        [
          { label: t("button-confirm"), data: "cf:y" },
          { label: t("button-cancel"), data: "cf:n" },
        ],
      ],
    },
    { payload: { meetingId, reason } },
  );
}

/** 1 confirm: the absence and its reason are recorded; 2 cancel: nothing is. */
async function confirmed(turn: LinkedTurn, match: RegExpExecArray, question: ZaloDialogContext) {
  const { actor, t } = turn;
  const { meetingId, reason } = question.payload ?? {};
  if (!meetingId || !reason) return stale(turn);
  await clearQuestion(turn);
  if (match[1] === "n") return turn.reply(t("absence-cancelled"));
  const recorded = await guarded(turn, () =>
    recordAnswer(turn.services, actor, {
      meetingId,
      memberId: actor.memberId,
      kind: "ABSENT",
      reason,
    }),
  );
  if (recorded) await turn.reply(t("absence-recorded", { reason }));
}

/**
 * Plain words under an open reminder: «có», «tham du», «👍» ask «Xác nhận: Tham dự?» (1 confirm,
 * 2 cancel); «vắng», «không» ask the reason, «xin vắng vì con ốm» only the confirmation; anything
 * else gets the question again, numbered. Not while a roll call's roster is the open question.
 */
async function typedAnswer(
  turn: LinkedTurn,
  text: string,
  state: { context: ZaloDialogContext; expired: boolean } | null,
): Promise<boolean> {
  if (state && !state.expired && state.context.roster) return false;
  const question = await openQuestion(turn.services, turn.actor);
  if (!question) return false;
  const { t } = turn;
  const now = turn.now();
  const read = readTypedAnswer(text);
  const meetingId = question.meeting.id;
  if (read.kind === "attending" && question.answer?.kind !== "ATTENDING") {
    await turn.reply({
      text: confirmAttendingText(t, question, now),
      buttons: [
        [
          { label: t("button-confirm"), data: `tc:${shortId(meetingId)}:y` },
          { label: t("button-cancel"), data: "tc:x" },
        ],
      ],
    });
    return true;
  }
  if (read.kind === "absent") {
    if (read.reason)
      await confirmReason(turn, meetingId, [...read.reason].slice(0, MAX_REASON_LENGTH).join(""));
    else await askReason(turn, meetingId);
    return true;
  }
  const message = answerQuestionMessage(t, question, { now });
  const lead = read.kind === "attending" ? t("answer-unchanged") : t("typed-unclear");
  await turn.reply({ ...message, text: `${lead}\n\n${message.text}` });
  return true;
}

/** 1 under «Xác nhận: Tham dự?»: recorded now. */
async function typedConfirmed(turn: LinkedTurn, match: RegExpExecArray) {
  const { actor, t } = turn;
  const meetingId = fromShortId(match[1]!);
  if (!meetingId) return stale(turn);
  await clearQuestion(turn);
  const result = await guarded(turn, () =>
    recordAnswer(turn.services, actor, { meetingId, memberId: actor.memberId, kind: "ATTENDING" }),
  );
  if (result) await turn.reply(t(result.unchanged ? "answer-unchanged" : "answer-attending-note"));
}

async function typedCancelled(turn: LinkedTurn) {
  await clearQuestion(turn);
  await turn.reply(turn.t("typed-cancelled"));
}

/** The member's own answer to the next meeting, as Telegram's buttons under the reminder. */
export const answers: ZaloFeature = {
  fallbacks: [typedAnswer],
  choices: [
    { data: /^tc:([A-Za-z0-9_-]{22}):y$/, run: typedConfirmed },
    { data: /^tc:x$/, run: (turn) => typedCancelled(turn) },
    { data: /^ans:([A-Za-z0-9_-]{22}):([yn])$/, run: answer },
    { data: /^why:([A-Za-z0-9_-]{22}):(\d|o)$/, run: reasonChosen },
    { data: /^cf:([yn])$/, run: confirmed },
  ],
  typed: [
    {
      freeText: /^why:([A-Za-z0-9_-]{22})$/,
      run: (turn, match, _question, text) => reasonTyped(turn, match, text),
    },
  ],
};
