import { requestSignInLink } from "../../../services/web-access.ts";
import { guarded } from "../dialog.ts";
import type { ZaloFeature } from "../feature.ts";

/** `web`: a single-use sign-in link to the web console, through the delivery ledger. */
export const web: ZaloFeature = {
  commands: [
    {
      names: ["web"],
      run: async (turn) => {
        await guarded(turn, () =>
          requestSignInLink(turn.services, turn.actor, { platform: "ZALO", chatId: turn.chatId }),
        );
      },
    },
  ],
};
