/**
 * The roll call (`/diemdanh`), the door of src/services/rollcall/: what the channels and the tests
 * use. Inside the folder the files import each other directly, never through this door.
 *
 * The rules: open.ts (open, show), marks.ts (a press on a member, a rejected reason), close.ts
 * (closing and the minutes' notices), guards.ts (windows, locks, who may press on whom).
 * The data: view.ts (RosterView, Minutes, rosterView). The texts: texts.ts.
 */

export {
  CHECKIN_PREFIX,
  type CheckinCode,
  type CheckinResult,
  checkIn,
  checkinLink,
  checkinQrPng,
  looksLikeCheckin,
  MAX_WRONG_CHECKINS,
  selfCheckinCount,
  showCheckinCode,
} from "./checkin.ts";
export { type CloseResult, closeRollCall } from "./close.ts";
export { CORRECTION_WINDOW_MS, ROLLCALL_LOOKAHEAD_MS } from "./guards.ts";
export {
  type MarkResult,
  type MarkSubject,
  markConfirmedPresent,
  markCycle,
  markMany,
  markMember,
  nextMark,
  rejectReason,
} from "./marks.ts";
export { openRollCall, showRollCall } from "./open.ts";
export { minutesMessages, rosterClosedLine, rosterHeader } from "./texts.ts";
export {
  type Minutes,
  type MinutesRow,
  type RosterGuest,
  type RosterMember,
  type RosterStanding,
  type RosterStatus,
  type RosterView,
  rosterView,
} from "./view.ts";
export { voteMinutesLines, voteTallyText } from "./vote-texts.ts";
export {
  annulVote,
  ballotData,
  castVote,
  closeVote,
  openVote,
  openVotes,
  setTallyMessage,
  type TallyMessage,
  type VoteChoiceInput,
  type VoteResult,
  type VoteTally,
  votePasses,
  voteResults,
  voteTally,
} from "./votes.ts";
