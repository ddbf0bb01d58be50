import type { PrismaClient } from "@prisma/client";

export interface UnservedChats {
  platform: string;
  chats: number;
}

/**
 * The current members' chats on a platform this worker has no messenger for (a missing
 * ZALO_BOT_TOKEN, say). Their deliveries fail with "no messenger", and each such job still spends
 * the worker's send budget, slowing everyone else's reminders — worth a warning at start.
 */
export async function unservedChats(
  db: PrismaClient,
  platforms: readonly string[],
): Promise<UnservedChats[]> {
  return db.$queryRaw<UnservedChats[]>`
    SELECT i.platform::text AS platform, count(*)::int AS chats
    FROM "ChatIdentity" i JOIN "Member" m ON m.id = i."memberId"
    WHERE m."leftOn" IS NULL AND NOT (i.platform::text = ANY(${[...platforms]}::text[]))
    GROUP BY 1 ORDER BY 1`;
}
