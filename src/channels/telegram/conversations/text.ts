export { byName, type MeetingLike, meetingArgs } from "../../../services/format.ts";
export { shorten } from "../../../services/meeting-input.ts";
