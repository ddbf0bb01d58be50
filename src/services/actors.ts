import type { Platform } from "@prisma/client";
import type { Db } from "../db/client.ts";

/** Who is acting, resolved on the server from the chat identity for every update. */
export interface Actor {
  memberId: string;
  fullName: string;
  /** The member's own cell; null for a committee member whose cell is not tracked here. */
  cellId: string | null;
  cellName: string | null;
  /** Secretary or deputy of `cellId`. */
  leads: boolean;
  cellRole: "MEMBER" | "SECRETARY" | "DEPUTY";
  /** Meeting units this person is in charge of as a committee member (cells under an organisation included). */
  inChargeOf: string[];
}

export async function actorFor(
  db: Db,
  platform: Platform,
  externalId: string,
): Promise<Actor | null> {
  const identity = await db.chatIdentity.findUnique({
    where: { platform_externalId: { platform, externalId } },
    include: {
      member: {
        include: {
          cell: true,
          assignments: { include: { unit: { include: { children: true } } } },
        },
      },
    },
  });
  if (!identity || identity.member.leftOn) return null;
  const m = identity.member;
  const inChargeOf = new Set<string>();
  for (const a of m.assignments) {
    if (a.unit.kind === "CELL" || a.unit.kind === "GRASSROOTS_CELL") inChargeOf.add(a.unit.id);
    for (const child of a.unit.children) inChargeOf.add(child.id);
  }
  return {
    memberId: m.id,
    fullName: m.fullName,
    cellId: m.cellId,
    cellName: m.cell?.name ?? null,
    leads: m.cellRole !== "MEMBER" && m.cellId !== null,
    cellRole: m.cellRole,
    inChargeOf: [...inChargeOf],
  };
}

/**
 * Marks the identity as the one used last (reminders go there) and the member as reachable again.
 * At most once a minute per chat: this runs on every update.
 */
export async function touchIdentity(db: Db, platform: Platform, externalId: string, now: Date) {
  const { count } = await db.chatIdentity.updateMany({
    where: { platform, externalId, lastUsedAt: { lt: new Date(now.getTime() - 60_000) } },
    data: { lastUsedAt: now },
  });
  if (count === 0) return;
  const identity = await db.chatIdentity.findUnique({
    where: { platform_externalId: { platform, externalId } },
  });
  if (!identity) return;
  await db.member.updateMany({
    where: { id: identity.memberId, unreachableAt: { not: null } },
    data: { unreachableAt: null },
  });
}

export const canLead = (actor: Actor, unitId: string) => actor.leads && actor.cellId === unitId;
export const canOversee = (actor: Actor, unitId: string) =>
  canLead(actor, unitId) || actor.inChargeOf.includes(unitId);
