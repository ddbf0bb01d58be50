import { type Platform, Prisma } from "@prisma/client";
import type { Db } from "../db/client.ts";
import { query, sql } from "../db/sql.ts";

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
 * The meeting units the member `m` is in charge of as a committee member: an assigned meeting
 * unit, and the meeting units directly under an assigned organisation (SQL, an array of ids).
 */
const IN_CHARGE_OF = sql`ARRAY(
  SELECT DISTINCT u.id FROM "CommitteeAssignment" a
    JOIN "Unit" u ON u.id = a."unitId" OR u."parentId" = a."unitId"
  WHERE a."memberId" = m.id AND u.kind IN ('CELL', 'GRASSROOTS_CELL')
)::text[]`;

/** The units a member still in the party organisation is in charge of (none once they left). */
export async function unitsInChargeOf(db: Db, memberId: string): Promise<string[]> {
  // Prisma here: callers run it inside their transactions.
  const [row] = await db.$queryRaw<{ ids: string[] }[]>`
    SELECT ${Prisma.raw(IN_CHARGE_OF.text)} AS ids
    FROM "Member" m WHERE m.id = ${memberId}::uuid AND m."leftOn" IS NULL`;
  return row?.ids ?? [];
}

/**
 * Marks the identity as the one used last (reminders go there) and its member, still in the
 * organisation, as reachable again; at most once a minute per chat, as this runs on every update.
 * On Telegram with several bots (BOT_TOKENS) `botId` is the bot written to (null: the main one):
 * the member is bound to it from now on, at once. Data-modifying CTEs, run in the statement that
 * looks the actor up.
 */
const touch = (platform: Platform, externalId: string, now: Date, botId?: string | null) => sql`
  touched AS (
    UPDATE "ChatIdentity" i SET "lastUsedAt" = ${now}${
      botId === undefined ? sql`` : sql`, "botId" = ${botId}`
    }
    WHERE i.platform = ${platform}::"Platform" AND i."externalId" = ${externalId}
      AND (i."lastUsedAt" < ${new Date(now.getTime() - 60_000)}${
        botId === undefined ? sql`` : sql` OR i."botId" IS DISTINCT FROM ${botId}`
      })
      AND EXISTS (SELECT 1 FROM "Member" m WHERE m.id = i."memberId" AND m."leftOn" IS NULL)
    RETURNING i."memberId"
  ), reachable AS (
    UPDATE "Member" SET "unreachableAt" = NULL, "updatedAt" = ${now}
    WHERE id IN (SELECT "memberId" FROM touched) AND "unreachableAt" IS NOT NULL
  )`;

/** The actor's row, as actorLookup selects it. */
type ActorRow = Omit<Actor, "leads"> & { leftOn: Date | string | null };

/**
 * Who is behind a platform identity, as parts of a statement: `ctes` (the touch, when `touchAt`
 * is given) and `select`, whose row `actorOf` reads. Every update asks this, so it also joins the
 * update ledger's claim (one statement for both).
 */
export function actorLookup(
  platform: Platform,
  externalId: string,
  options: { touchAt?: Date; botId?: string | null } = {},
) {
  return {
    ctes: options.touchAt ? touch(platform, externalId, options.touchAt, options.botId) : undefined,
    select: sql`
      SELECT m.id AS "memberId", m."fullName", m."cellId", c.name AS "cellName", m."cellRole",
        m."leftOn", ${IN_CHARGE_OF} AS "inChargeOf"
      FROM "ChatIdentity" i
      JOIN "Member" m ON m.id = i."memberId"
      LEFT JOIN "Unit" c ON c.id = m."cellId"
      WHERE i.platform = ${platform}::"Platform" AND i."externalId" = ${externalId}`,
    /** Null: not linked, or the member left. */
    actorOf(row: ActorRow | Record<string, unknown> | null | undefined): Actor | null {
      if (!row || row.leftOn) return null;
      const { leftOn: _, ...actor } = row as ActorRow;
      return { ...actor, leads: actor.cellRole !== "MEMBER" && actor.cellId !== null };
    },
  };
}

/** Who is behind this platform identity (null: not linked, or the member left), in one statement. */
export async function actorFor(
  db: Db,
  platform: Platform,
  externalId: string,
  options: { touchAt?: Date; botId?: string | null } = {},
): Promise<Actor | null> {
  const lookup = actorLookup(platform, externalId, options);
  const ctes = lookup.ctes ? sql`WITH ${lookup.ctes}` : sql``;
  const [row] = await query<ActorRow>(db, sql`${ctes} ${lookup.select}`);
  return lookup.actorOf(row);
}

export const canLead = (actor: Actor, unitId: string) => actor.leads && actor.cellId === unitId;
export const canOversee = (actor: Actor, unitId: string) =>
  canLead(actor, unitId) || actor.inChargeOf.includes(unitId);
