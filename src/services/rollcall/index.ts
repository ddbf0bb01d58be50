/**
 * The roll call (`/diemdanh`), the door of src/services/rollcall/: what the channels, the seed
 * and the tests use. Inside the folder the files import each other directly, never through
 * this door.
 */

export {
  type CloseResult,
  closeRollCall,
  type Minutes,
  type MinutesRow,
  markMember,
  minutesMessages,
  openRollCall,
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
export { CORRECTION_WINDOW_MS, ROLLCALL_LOOKAHEAD_MS } from "./guards.ts";
