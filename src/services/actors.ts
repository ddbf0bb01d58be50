import { type Platform, Prisma } from "@prisma/client";
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

/**
 * The meeting units a committee member is in charge of: an assigned meeting unit, and the
 * meeting units directly under an assigned organisation (SQL, an array of ids).
 */
const inChargeOf = (memberId: Prisma.Sql) => Prisma.sql`ARRAY(
  SELECT DISTINCT u.id FROM "CommitteeAssignment" a
    JOIN "Unit" u ON u.id = a."unitId" OR u."parentId" = a."unitId"
  WHERE a."memberId" = ${memberId} AND u.kind IN ('CELL', 'GRASSROOTS_CELL')
)::text[]`;

/** The units a member still in the party organisation is in charge of (none once they left). */
export async function unitsInChargeOf(db: Db, memberId: string): Promise<string[]> {
  const [row] = await db.$queryRaw<{ ids: string[] }[]>`
    SELECT ${inChargeOf(Prisma.sql`m.id`)} AS ids
    FROM "Member" m WHERE m.id = ${memberId}::uuid AND m."leftOn" IS NULL`;
  return row?.ids ?? [];
}

export async function actorFor(
  db: Db,
  platform: Platform,
  externalId: string,
): Promise<Actor | null> {
  // Every update asks this: one raw query instead of Prisma's nested include (five statements).
  const [row] = await db.$queryRaw<(Omit<Actor, "leads"> & { leftOn: Date | null })[]>`
    SELECT m.id AS "memberId", m."fullName", m."cellId", c.name AS "cellName", m."cellRole",
      m."leftOn", ${inChargeOf(Prisma.sql`m.id`)} AS "inChargeOf"
    FROM "ChatIdentity" i
    JOIN "Member" m ON m.id = i."memberId"
    LEFT JOIN "Unit" c ON c.id = m."cellId"
    WHERE i.platform = ${platform}::"Platform" AND i."externalId" = ${externalId}`;
  if (!row || row.leftOn) return null;
  const { leftOn: _, ...actor } = row;
  return { ...actor, leads: actor.cellRole !== "MEMBER" && actor.cellId !== null };
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
