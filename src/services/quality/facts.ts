import type { Prisma } from "@prisma/client";
import type { Db } from "../../db/client.ts";
import type { QualityFacts } from "../../domain/quality.ts";

type Tx = Prisma.TransactionClient | Db;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** What the bot sent for a meeting and what the secretary scored: the non-attendance facts. */
export type SentFacts = Pick<
  QualityFacts,
  | "membersNotifiedAt"
  | "committeeNotifiedAt"
  | "committeeInCharge"
  | "documentsSentAt"
  | "secretary"
>;

/**
 * For many meetings at once (the monthly report): the first reminder delivered to a member and to
 * a committee member (a reminder's `role` "guest"), the first document delivered, whether the
 * cell has a committee member in charge, and the secretary's scores. Three queries.
 */
export async function sentFacts(
  db: Tx,
  meetings: readonly { id: string; unitId: string }[],
): Promise<Map<string, SentFacts>> {
  // Filled in place: a province's month is 10,000 meetings, a copy per send and score adds up.
  const facts = new Map<string, Mutable<SentFacts> & { secretary: Record<string, number> }>();
  if (meetings.length === 0) return facts;
  const ids = meetings.map((m) => m.id);
  const unitIds = [...new Set(meetings.map((m) => m.unitId))];
  const [sends, scores, charged] = await Promise.all([
    db.$queryRaw<{ meetingId: string; what: string; at: Date }[]>`
      SELECT "meetingId"::text AS "meetingId",
        CASE WHEN kind = 'document' THEN 'document' ELSE COALESCE(payload->>'role', 'member') END AS what,
        min("sentAt") AS at
      FROM "Delivery"
      WHERE "meetingId" = ANY(${ids}::uuid[]) AND kind IN ('reminder', 'document')
        AND status = 'SENT' AND "sentAt" IS NOT NULL
      GROUP BY 1, 2`,
    // Raw: Prisma's query compiler takes about a second on a province's 10,000 ids.
    db.$queryRaw<{ meetingId: string; itemKey: string; points: number }[]>`
      SELECT "meetingId"::text AS "meetingId", "itemKey", points FROM "QualityScore"
      WHERE "meetingId" = ANY(${ids}::uuid[])`,
    // A cell is in someone's charge when it or its grassroots organisation is assigned.
    db.$queryRaw<{ id: string }[]>`
      SELECT u.id::text AS id FROM "Unit" u
      WHERE u.id = ANY(${unitIds}::uuid[]) AND EXISTS (
        SELECT 1 FROM "CommitteeAssignment" a WHERE a."unitId" = u.id OR a."unitId" = u."parentId")`,
  ]);
  const inCharge = new Set(charged.map((c) => c.id));
  for (const m of meetings) {
    facts.set(m.id, {
      membersNotifiedAt: null,
      committeeNotifiedAt: null,
      committeeInCharge: inCharge.has(m.unitId),
      documentsSentAt: null,
      secretary: {},
    });
  }
  for (const s of sends) {
    const f = facts.get(s.meetingId);
    if (!f) continue;
    const key =
      s.what === "document"
        ? "documentsSentAt"
        : s.what === "guest"
          ? "committeeNotifiedAt"
          : "membersNotifiedAt";
    f[key] = s.at;
  }
  for (const score of scores) {
    const f = facts.get(score.meetingId);
    if (f) f.secretary[score.itemKey] = score.points;
  }
  return facts;
}
