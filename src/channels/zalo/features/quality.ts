import { fromShortId, shortId } from "../../../services/callback-data.ts";
import {
  lastHeldMeeting,
  type QualityChoice,
  type QualitySheet,
  qualitySheet,
  qualitySheetText,
  qualityWindowText,
  type SecretaryItem,
  scoreQualityItem,
} from "../../../services/quality/index.ts";
import { clearQuestion, guarded, stale } from "../dialog.ts";
import type { ZaloFeature } from "../feature.ts";
import { normalizeCommand } from "../text.ts";
import type { LinkedTurn } from "../turn.ts";

// Issue 15: scoring a held meeting's quality (HD 42) in text. `chamdiem` shows the sheet (the
// bot's items with why) and asks the secretary's first unscored item with numbered levels
// (`qs:<meeting22>:<item>:f|p|n|l`) or a typed number ("25 điểm"); once all are scored, the
// numbers pick an item to correct (`qe:<meeting22>:<item>`). Each score is recorded at once, so
// `chamdiem` again resumes where it stopped.

const ID = "([A-Za-z0-9_-]{22})";

async function sheetOf(turn: LinkedTurn, meetingId: string) {
  return guarded(turn, () => qualitySheet(turn.services, turn.actor, meetingId));
}

async function ask(turn: LinkedTurn, sheet: QualitySheet, item: SecretaryItem, note?: string) {
  const { t } = turn;
  const m = shortId(sheet.meetingId);
  const data = (code: string) => `qs:${m}:${item.index}:${code}`;
  const question = t("quality-ask-zalo", {
    label: item.label,
    max: item.max,
    example: Math.min(item.max, Math.max(1, item.max - 5)),
  });
  await turn.reply(
    {
      text: note ? `${note}\n\n${question}` : question,
      buttons: [
        [{ label: t("quality-button-full", { points: item.max }), data: data("f") }],
        [{ label: t("quality-button-partial", { points: item.partial }), data: data("p") }],
        [{ label: t("quality-button-none"), data: data("n") }],
        [{ label: t("quality-button-later"), data: data("l") }],
      ],
    },
    { freeText: `qs:${m}:${item.index}` },
  );
}

/** The next unscored item, or the sheet with the items to correct when all are scored. */
async function proceed(turn: LinkedTurn, meetingId: string, note?: string, showSheet = false) {
  const { t } = turn;
  const sheet = await sheetOf(turn, meetingId);
  if (!sheet) return;
  const text = qualitySheetText(t, sheet);
  if (!sheet.editable) {
    await clearQuestion(turn);
    await turn.reply(
      [note, text, "", qualityWindowText(t, sheet, true)].filter(Boolean).join("\n"),
    );
    return;
  }
  const next = sheet.secretaryItems.find((i) => i.points === null);
  if (next) {
    if (showSheet) await turn.reply(note ? `${note}\n\n${text}` : text);
    return ask(turn, sheet, next, showSheet ? undefined : note);
  }
  const m = shortId(meetingId);
  await turn.reply({
    text: [note, t("quality-done"), text, "", qualityWindowText(t, sheet, true)]
      .filter(Boolean)
      .join("\n"),
    buttons: sheet.secretaryItems.map((i) => [
      { label: t("quality-button-edit", { label: i.label }), data: `qe:${m}:${i.index}` },
    ]),
  });
}

async function open(turn: LinkedTurn) {
  const meetingId = await guarded(turn, () => lastHeldMeeting(turn.services, turn.actor));
  if (meetingId === undefined) return;
  if (meetingId === null) return turn.reply(turn.t("quality-none"));
  return proceed(turn, meetingId, undefined, true);
}

async function record(turn: LinkedTurn, meetingId: string, index: number, choice: QualityChoice) {
  const { t } = turn;
  const scored = await guarded(turn, () =>
    scoreQualityItem(turn.services, turn.actor, meetingId, index, choice),
  );
  if (!scored) return;
  const { label, points, max } = scored;
  const note = t(scored.correction ? "quality-corrected" : "quality-scored", {
    label,
    points,
    max,
  });
  return proceed(turn, meetingId, note);
}

export const quality: ZaloFeature = {
  commands: [{ names: ["chamdiem", "chamdiemchatluong"], run: open }],
  choices: [
    {
      data: new RegExp(`^qs:${ID}:(\\d{1,2}):([fpnl])$`),
      run: async (turn, match) => {
        const meetingId = fromShortId(match[1]!);
        if (!meetingId) return stale(turn);
        if (match[3] === "l") {
          await clearQuestion(turn);
          return turn.reply(turn.t("quality-later-zalo"));
        }
        const choice = match[3] === "f" ? "full" : match[3] === "p" ? "partial" : "none";
        return record(turn, meetingId, Number(match[2]), choice);
      },
    },
    {
      data: new RegExp(`^qe:${ID}:(\\d{1,2})$`),
      run: async (turn, match) => {
        const meetingId = fromShortId(match[1]!);
        if (!meetingId) return stale(turn);
        const sheet = await sheetOf(turn, meetingId);
        if (!sheet) return;
        const item = sheet.secretaryItems.find((i) => i.index === Number(match[2]));
        if (!item || !sheet.editable) return proceed(turn, meetingId);
        return ask(turn, sheet, item);
      },
    },
  ],
  typed: [
    {
      freeText: new RegExp(`^qs:${ID}:(\\d{1,2})$`),
      run: async (turn, match, _question, text) => {
        const meetingId = fromShortId(match[1]!);
        if (!meetingId) return stale(turn);
        const typed = /^(\d{1,4})\s*(d|diem)?$/.exec(normalizeCommand(text));
        if (!typed) {
          const sheet = await sheetOf(turn, meetingId);
          const item = sheet?.secretaryItems.find((i) => i.index === Number(match[2]));
          if (!sheet || !item) return;
          return ask(turn, sheet, item, turn.t("quality-type-number", { max: item.max }));
        }
        return record(turn, meetingId, Number(match[2]), Number(typed[1]));
      },
    },
  ],
};
