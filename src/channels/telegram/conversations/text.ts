export { byName, type MeetingLike, meetingArgs } from "../../../services/report-text.ts";

/** A button label stays short: long places and agendas are cut with an ellipsis. */
export const shorten = (text: string, max = 28) =>
  [...text].length <= max ? text : `${[...text].slice(0, max - 1).join("")}…`;
