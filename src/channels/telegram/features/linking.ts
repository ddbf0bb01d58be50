import { Composer } from "grammy";
import { actorFor } from "../../../services/actors.ts";
import { looksLikeInviteCode, redeemInvite } from "../../../services/invites.ts";
import { syncCommandMenu } from "../commands.ts";
import type { BotContext } from "../context.ts";
import { withUserErrors } from "../reply-error.ts";
import { isCheckinStart, replyCheckin } from "./meeting-room.ts";

/** `/start <code>` links this chat to a member; `/start` alone greets or explains how to join. */
export const linking = new Composer<BotContext>();

linking.chatType("private").command("start", async (ctx) => {
  const code = ctx.match.trim();
  const { services } = ctx.deps;
  // The QR of the roll call (issue 16): a check-in, not an invite code.
  if (isCheckinStart(code)) return replyCheckin(ctx, code);
  // "/start xinchao" is not a wrong code: it gets the same answer as "/start".
  if (!looksLikeInviteCode(code)) {
    if (ctx.actor)
      await ctx.reply(
        ctx.t("start-linked", { name: ctx.actor.fullName, cell: ctx.actor.cellName ?? "" }),
      );
    else await ctx.reply(ctx.t("start-unlinked"));
    return;
  }
  const chat = {
    platform: "TELEGRAM" as const,
    externalId: String(ctx.from.id),
    chatId: String(ctx.chat.id),
    // The bot this member started sends them everything (null: the main bot).
    botId: ctx.deps.botId ?? null,
  };
  const member = await withUserErrors(ctx, ctx.t, () => redeemInvite(services, chat, code));
  if (!member) return;
  const actor = await actorFor(services.db, "TELEGRAM", chat.externalId);
  await ctx.reply(ctx.t("start-welcome", { name: member.fullName, cell: actor?.cellName ?? "" }));
  if (actor) await syncCommandMenu(ctx.api, ctx.chat.id, actor, ctx.t);
});
