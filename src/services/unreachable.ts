import { displayParts, localDate } from "../domain/local-time.ts";
import { raiseAlerts } from "./alerts.ts";
import type { Services } from "./context.ts";
import type { DueDelivery } from "./ledger.ts";
import { BOUNDED_TX } from "./transactions.ts";

/**
 * A send failed for good (blocked, chat gone): the member is marked unreachable (cleared when they
 * write again) and the cell's leaders are told, at most once a day per member.
 */
export async function markUnreachable(services: Services, memberId: string): Promise<void> {
  const { db, clock } = services;
  const now = clock.now();
  const created = await db.$transaction(async (tx): Promise<DueDelivery[]> => {
    await tx.member.updateMany({
      where: { id: memberId, unreachableAt: null },
      data: { unreachableAt: now },
    });
    const member = await tx.member.findUnique({ where: { id: memberId }, include: { cell: true } });
    // A committee member whose own cell is not tracked here has no secretary to tell.
    if (!member?.cell || member.leftOn || !member.unreachableAt) return [];
    const since = displayParts(member.unreachableAt);
    return raiseAlerts(
      tx,
      [
        {
          type: "unreachable",
          unitId: member.cell.id,
          memberId: member.id,
          period: localDate(now),
          args: {
            cell: member.cell.name,
            member: member.fullName,
            date: since.date,
            time: since.time,
          },
        },
      ],
      now,
    );
  }, BOUNDED_TX);
  await services.dispatcher.dispatch(created);
}
