import type { Actor } from "./actors.ts";
import { audit } from "./audit.ts";
import type { Services } from "./context.ts";
import { BOUNDED_TX } from "./transactions.ts";

/** A member mutes the non-essential reminders: only the last one before each meeting comes. */
export async function setMuted(services: Services, actor: Actor, muted: boolean) {
  const now = services.clock.now();
  await services.db.$transaction(async (tx) => {
    await tx.member.update({ where: { id: actor.memberId }, data: { muted } });
    await audit(tx, {
      actorId: actor.memberId,
      action: "member.mute",
      entity: "Member",
      entityId: actor.memberId,
      after: { muted },
      at: now,
    });
  }, BOUNDED_TX);
}
