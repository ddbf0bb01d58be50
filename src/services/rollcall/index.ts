/**
 * The roll call (`/diemdanh`), the door of src/services/rollcall/: what the channels, the seed
 * and the tests use. Inside the folder the files import each other directly, never through
 * this door.
 */

export {
  type CloseResult,
  closeRollCall,
  markMember,
  openRollCall,
  rejectReason,
  showRollCall,
} from "./close.ts";
export { CORRECTION_WINDOW_MS, ROLLCALL_LOOKAHEAD_MS } from "./guards.ts";
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
