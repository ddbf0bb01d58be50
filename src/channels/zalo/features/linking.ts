import { actorFor } from "../../../services/actors.ts";
import { looksLikeInviteCode, redeemInvite } from "../../../services/invites.ts";
import { guarded } from "../dialog.ts";
import type { ZaloFeature } from "../feature.ts";
import type { ChatTurn } from "../turn.ts";

/** `start <code>` links this Zalo account to a member; `start` alone (or with no code) greets or explains. */
export async function start(turn: ChatTurn, code: string) {
  const { services, t } = turn;
  // "start xinchao" is not a wrong code: it gets the same answer as "start".
  if (!looksLikeInviteCode(code)) {
    await turn.reply(
      turn.actor
        ? t("start-linked", { name: turn.actor.fullName, cell: turn.actor.cellName ?? "" })
        : t("zalo-start-unlinked"),
    );
    return;
  }
  const ref = { platform: "ZALO" as const, externalId: turn.userId, chatId: turn.chatId };
  const member = await guarded(turn, () => redeemInvite(services, ref, code.trim()));
  if (!member) return;
  const actor = await actorFor(services.db, "ZALO", turn.userId);
  await turn.reply(t("zalo-start-welcome", { name: member.fullName, cell: actor?.cellName ?? "" }));
}

/** Any other text in a chat not linked yet: a text shaped like an invite code is one. */
export async function unlinked(turn: ChatTurn, _normalized: string, text: string) {
  if (looksLikeInviteCode(text)) return start(turn, text.trim());
  return turn.reply(turn.t("zalo-start-unlinked"));
}

/** In a linked chat `start` comes first too (bot.ts); this catches a spaced-out `st art`. */
export const linking: ZaloFeature = {
  commands: [{ names: ["start"], run: (turn, args) => start(turn, args) }],
};
