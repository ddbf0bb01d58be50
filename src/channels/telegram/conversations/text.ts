export { byName, type MeetingLike, meetingArgs } from "../../../services/leaders-text.ts";
export { shorten } from "../../../services/meeting-input.ts";
