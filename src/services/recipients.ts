import type { ChatIdentity, Prisma } from "@prisma/client";
import type { Db } from "../db/client.ts";

type Tx = Prisma.TransactionClient | Db;

/** Where to reach a member: the chat they used last (never two channels for one message). */
export function preferredChat<T extends Pick<ChatIdentity, "lastUsedAt">>(
  identities: T[],
): T | null;
export function preferredChat(identities: ChatIdentity[]): ChatIdentity | null;
export function preferredChat<T extends Pick<ChatIdentity, "lastUsedAt">>(
  identities: T[],
): T | null {
  return identities.reduce<T | null>(
    (best, id) => (!best || id.lastUsedAt > best.lastUsedAt ? id : best),
    null,
  );
}

/** The units whose committee members are in charge of a cell: the cell and its grassroots organisation. */
export async function unitsInCharge(tx: Tx, unitId: string): Promise<string[]> {
  const unit = await tx.unit.findUniqueOrThrow({
    where: { id: unitId },
    select: { parentId: true },
  });
  return unit.parentId ? [unitId, unit.parentId] : [unitId];
}

/** Committee members in charge of a cell, directly or through its grassroots organisation (R7). */
export async function committeeInCharge(tx: Tx, unitId: string) {
  const assignments = await tx.committeeAssignment.findMany({
    where: { unitId: { in: await unitsInCharge(tx, unitId) } },
    include: { member: { include: { identities: true } } },
  });
  const byId = new Map(assignments.map((a) => [a.member.id, a.member]));
  return [...byId.values()];
}

/** Who gets a cell's alerts: its secretary and deputy, and every committee member in charge. */
export async function alertRecipients(tx: Tx, unitId: string) {
  const leaders = await tx.member.findMany({
    where: { cellId: unitId, cellRole: { in: ["SECRETARY", "DEPUTY"] }, leftOn: null },
    include: { identities: true },
  });
  const committee = await committeeInCharge(tx, unitId);
  const byId = new Map([...leaders, ...committee].map((m) => [m.id, m]));
  return [...byId.values()];
}
