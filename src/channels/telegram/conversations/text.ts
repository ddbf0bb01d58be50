export { shorten } from "../../../services/meeting-input.ts";
export { byName, type MeetingLike, meetingArgs } from "../../../services/report-text.ts";
