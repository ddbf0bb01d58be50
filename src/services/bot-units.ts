import type { Db } from "../db/client.ts";

/**
 * Several Telegram bots (BOT_TOKENS, issue 18): each serves the subtree of the units it is given.
 * The bot of a unit is the one given to the nearest of the unit and its ancestors; null: the main
 * bot. Which bot a member *uses* is theirs (ChatIdentity.botId): this only says which bot to invite
 * them to, so each ward's members share its bot's capacity.
 */
export async function servingUnitCode(
  db: Db,
  unitId: string,
  codes: readonly string[],
): Promise<string | null> {
  if (codes.length === 0) return null;
  const [row] = await db.$queryRaw<{ code: string }[]>`
    WITH RECURSIVE up AS (
      SELECT id, code, "parentId", 0 AS depth FROM "Unit" WHERE id = ${unitId}::uuid
      UNION ALL
      SELECT u.id, u.code, u."parentId", up.depth + 1 FROM "Unit" u JOIN up ON u.id = up."parentId"
    )
    SELECT code FROM up WHERE code = ANY(${codes as string[]}) ORDER BY depth LIMIT 1`;
  return row?.code ?? null;
}

/** The codes of BOT_TOKENS that name no unit (a typo would silently leave a ward on the main bot). */
export async function unknownUnitCodes(db: Db, codes: readonly string[]): Promise<string[]> {
  const known = await db.unit.findMany({
    where: { code: { in: [...codes] } },
    select: { code: true },
  });
  const found = new Set(known.map((u) => u.code));
  return codes.filter((code) => !found.has(code));
}
