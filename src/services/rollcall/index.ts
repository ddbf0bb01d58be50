/**
 * The roll call (`/diemdanh`), the door of src/services/rollcall/: what the channels, the seed
 * and the tests use. Inside the folder the files import each other directly, never through
 * this door.
 */

export {
  type CloseResult,
  CORRECTION_WINDOW_MS,
  closeRollCall,
  type Minutes,
  type MinutesRow,
  markMember,
  minutesMessages,
  openRollCall,
  ROLLCALL_LOOKAHEAD_MS,
  type RosterGuest,
  type RosterMember,
  type RosterStanding,
  type RosterStatus,
  type RosterView,
  rejectReason,
  rosterClosedLine,
  rosterHeader,
  rosterView,
  showRollCall,
} from "./close.ts";
