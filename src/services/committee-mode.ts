import type { Prisma } from "@prisma/client";
import type { Db } from "../db/client.ts";
import { type Actor, unitsInChargeOf } from "./actors.ts";
import { audit } from "./audit.ts";
import type { Services } from "./context.ts";
import { BOUNDED_TX } from "./transactions.ts";

/** How a committee member hears about their cells' meetings. */
export type CommitteeMode = "every-meeting" | "summary";

/** In charge of this many meeting units or more, a committee member gets the summary by default. */
export const SUMMARY_FROM_UNITS = 4;

/** The member's choice, or the default for how many units they are in charge of. */
export async function committeeMode(
  db: Db | Prisma.TransactionClient,
  memberId: string,
): Promise<CommitteeMode> {
  const member = await db.member.findUnique({
    where: { id: memberId },
    select: { committeeReminders: true },
  });
  if (member?.committeeReminders === "SUMMARY") return "summary";
  if (member?.committeeReminders === "EVERY_MEETING") return "every-meeting";
  // unitsInChargeOf reads with one raw query, which a transaction runs as well.
  return (await unitsInChargeOf(db as Db, memberId)).length >= SUMMARY_FROM_UNITS
    ? "summary"
    : "every-meeting";
}

/** A committee member's choice in /caidat; audited. */
export async function setCommitteeMode(services: Services, actor: Actor, mode: CommitteeMode) {
  const now = services.clock.now();
  const value = mode === "summary" ? "SUMMARY" : "EVERY_MEETING";
  await services.db.$transaction(async (tx) => {
    const before = await tx.member.findUniqueOrThrow({ where: { id: actor.memberId } });
    await tx.member.update({ where: { id: actor.memberId }, data: { committeeReminders: value } });
    await audit(tx, {
      actorId: actor.memberId,
      action: "member.committee-reminders",
      entity: "Member",
      entityId: actor.memberId,
      before: { committeeReminders: before.committeeReminders },
      after: { committeeReminders: value },
      at: now,
    });
  }, BOUNDED_TX);
}

/**
 * Whether a committee member gets every meeting's own messages (the first reminder, the minutes)
 * for a unit: its leaders always do; a committee member who chose the summary does not.
 */
export async function wantsMeetingMessages(
  db: Db | Prisma.TransactionClient,
  person: { id: string; cellId?: string | null; cellRole?: string },
  unitId: string,
): Promise<boolean> {
  if (person.cellId === unitId && person.cellRole !== "MEMBER") return true;
  return (await committeeMode(db, person.id)) === "every-meeting";
}
