import { displayParts } from "../../../domain/local-time.ts";
import { fromShortId, shortId } from "../../../services/callback-data.ts";
import { meetingArgs } from "../../../services/format.ts";
import {
  attachDocument,
  checkDocumentTitle,
  checkDocumentUrl,
  MAX_TITLE_LENGTH,
  MAX_URL_LENGTH,
  markDocumentRead,
  upcomingMeeting,
} from "../../../services/quality/documents.ts";
import { clearQuestion, guarded, stale } from "../dialog.ts";
import type { ZaloFeature } from "../feature.ts";
import { type LinkedTurn, ledCell } from "../turn.ts";

// Issue 15 on Zalo: `tailieu` asks for a link (typed, `td:u:<meeting22>`), then its title
// (`td:t:<meeting22>`, the link in the question's payload); 1 cancels. A document received
// shows «1. Đã đọc» (`dr:<document22>`). Files can only be attached on Telegram.

const ID = "([A-Za-z0-9_-]{22})";
const cancel = (turn: LinkedTurn) => [[{ label: turn.t("tailieu-button-cancel"), data: "td:x" }]];

async function start(turn: LinkedTurn) {
  if (!(await ledCell(turn))) return;
  const meeting = await guarded(turn, () => upcomingMeeting(turn.services, turn.actor));
  if (meeting === undefined) return;
  if (meeting === null) return turn.reply(turn.t("tailieu-none"));
  await turn.reply(
    { text: turn.t("tailieu-ask-zalo", meetingArgs(turn.t, meeting)), buttons: cancel(turn) },
    { freeText: `td:u:${shortId(meeting.id)}` },
  );
}

async function typedUrl(turn: LinkedTurn, meetingShort: string, text: string) {
  const url = checkDocumentUrl(text);
  if (!url)
    return turn.reply(
      { text: turn.t("tailieu-error-url", { max: MAX_URL_LENGTH }), buttons: cancel(turn) },
      { freeText: `td:u:${meetingShort}` },
    );
  await turn.reply(
    { text: turn.t("tailieu-ask-title", { max: MAX_TITLE_LENGTH }), buttons: cancel(turn) },
    { freeText: `td:t:${meetingShort}`, payload: { documentUrl: url } },
  );
}

async function typedTitle(turn: LinkedTurn, meetingShort: string, url: string, text: string) {
  const meetingId = fromShortId(meetingShort);
  if (!meetingId) return stale(turn);
  const title = checkDocumentTitle(text);
  if (!title)
    return turn.reply(
      { text: turn.t("tailieu-error-title", { max: MAX_TITLE_LENGTH }), buttons: cancel(turn) },
      { freeText: `td:t:${meetingShort}`, payload: { documentUrl: url } },
    );
  const saved = await guarded(turn, () =>
    attachDocument(turn.services, turn.actor, { meetingId, title, url }),
  );
  if (!saved) return;
  await clearQuestion(turn);
  const at = displayParts(saved.sendAt);
  await turn.reply(
    turn.t("tailieu-saved", {
      title,
      count: saved.recipients,
      now: saved.now ? "yes" : "no",
      time: at.time,
      date: at.date,
    }),
  );
}

async function read(turn: LinkedTurn, documentShort: string) {
  const documentId = fromShortId(documentShort);
  if (!documentId) return stale(turn);
  const done = await guarded(turn, () => markDocumentRead(turn.services, turn.actor, documentId));
  if (!done) return;
  await clearQuestion(turn);
  await turn.reply(
    turn.t(done.already ? "tailieu-read-again" : "tailieu-read", { title: done.title }),
  );
}

export const documents: ZaloFeature = {
  commands: [{ names: ["tailieu", "guitailieu"], run: start }],
  choices: [
    {
      data: /^td:x$/,
      run: async (turn) => {
        await clearQuestion(turn);
        await turn.reply(turn.t("tailieu-cancelled"));
      },
    },
    { data: new RegExp(`^dr:${ID}$`), run: (turn, match) => read(turn, match[1]!) },
  ],
  typed: [
    {
      freeText: new RegExp(`^td:([ut]):${ID}$`),
      run: (turn, match, question, text) =>
        match[1] === "u"
          ? typedUrl(turn, match[2]!, text)
          : typedTitle(turn, match[2]!, question.payload?.documentUrl ?? "", text),
    },
  ],
};
