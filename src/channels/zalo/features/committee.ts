import { committeeOverview } from "../../../services/committee.ts";
import { committeeMessages } from "../../../services/leaders-text.ts";
import { guarded } from "../dialog.ts";
import type { ZaloFeature } from "../feature.ts";
import type { LinkedTurn } from "../turn.ts";

/** Zalo's limit per text; the messenger splits longer ones, a unit's block is kept whole. */
const MESSAGE_LIMIT = 2000;

/** `donvi`: this month in each unit the committee member is in charge of. */
async function units(turn: LinkedTurn) {
  const overview = await guarded(turn, () => committeeOverview(turn.services, turn.actor));
  if (!overview) return;
  for (const text of committeeMessages(turn.t, overview, MESSAGE_LIMIT)) await turn.reply(text);
}

/** What a committee member in charge sees: `donvi`. */
export const committee: ZaloFeature = {
  commands: [{ names: ["donvi"], run: units }],
};
