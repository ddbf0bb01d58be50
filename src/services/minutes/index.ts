/**
 * The minutes (biên bản sinh hoạt chi bộ) as a Word file, the door of src/services/minutes/:
 * document.ts reads the MinutesDocument from the database (optional `quality` and `votes`
 * sections), docx.ts renders it (loaded on demand: `docx` is large), delivery.ts sends it at close
 * through the ledger and hands it to a person who may see it (/baocao, the CLI).
 */

export {
  MINUTES_DOCX_KIND,
  minutesDocxIntents,
  minutesFile,
  minutesForActor,
  prepareMinutesDocx,
} from "./delivery.ts";
export {
  type MinutesDocument,
  type MinutesOptions,
  type MinutesPerson,
  type MinutesQuality,
  type MinutesQualityItem,
  type MinutesVote,
  minutesDocument,
} from "./document.ts";
