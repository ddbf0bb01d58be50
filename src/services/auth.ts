import type { Prisma } from "@prisma/client";
import type { Db } from "../db/client.ts";
import { UserError } from "./errors.ts";

type Tx = Prisma.TransactionClient | Db;

/** A secretary or deputy acts only on their own cell; checked on the server for every action. */
export async function requireCellLeader(tx: Tx, actorId: string, unitId: string): Promise<void> {
  const actor = await tx.member.findUnique({ where: { id: actorId } });
  if (
    !actor ||
    actor.cellId !== unitId ||
    actor.leftOn ||
    !["SECRETARY", "DEPUTY"].includes(actor.cellRole)
  ) {
    throw new UserError("error-not-allowed");
  }
}
