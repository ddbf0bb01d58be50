import { displayParts } from "../../domain/local-time.ts";
import type { Translate } from "../../i18n.ts";
import { answerButtonData } from "../../services/callback-data.ts";
import type { OutgoingMessage } from "../../services/messenger.ts";
import type { myNextMeeting } from "../../services/overview.ts";

export type NextMeeting = NonNullable<Awaited<ReturnType<typeof myNextMeeting>>>;

/**
 * The member's next meeting and their answer so far, asked again: 1 attend, 2 absent. `lich`
 * shows it, and a stale question is followed by it (dialog.ts).
 */
export function nextMeetingMessage(t: Translate, next: NextMeeting): OutgoingMessage {
  const when = displayParts(next.meeting.startsAt);
  const answer = next.answer
    ? next.answer.kind === "ATTENDING"
      ? t("my-answer-attending")
      : t("my-answer-absent", { reason: next.answer.reason ?? "" })
    : t("my-answer-none");
  return {
    text: t("next-meeting", {
      cell: next.meeting.unit.name,
      weekday: t("weekday", { day: when.day }),
      date: when.date,
      time: when.time,
      place: next.meeting.place ?? t("place-unknown"),
      agenda: next.meeting.agenda ?? t("agenda-unknown"),
      answer,
    }),
    buttons: [
      [
        { label: t("button-attend"), data: answerButtonData(next.meeting.id, true) },
        { label: t("button-decline"), data: answerButtonData(next.meeting.id, false) },
      ],
    ],
  };
}
