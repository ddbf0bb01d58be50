import { createHash, randomInt } from "node:crypto";
import type { Member, Platform, Prisma } from "@prisma/client";
import { displayParts } from "../domain/local-time.ts";
import { type Actor, canLead } from "./actors.ts";
import { audit } from "./audit.ts";
import type { Services } from "./context.ts";
import { UserError } from "./errors.ts";
import { type DeliveryIntent, writeIntents } from "./ledger.ts";
import { syncReminders } from "./planner.ts";
import { BOUNDED_TX } from "./transactions.ts";

// No 0/O, 1/I/L: codes are read aloud and typed by elderly members.
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const CODE_LENGTH = 10;
export const MAX_WRONG_CODES = 5;
const LOCK_MS = 3_600_000;

export const hashCode = (code: string) =>
  createHash("sha256").update(code.toUpperCase()).digest("hex");

/**
 * Shaped like a code this module makes (its length, its alphabet, any case). Only such a text
 * counts as a try towards the lock: a greeting ("xinchao", "alo123") is not a wrong code.
 */
export function looksLikeInviteCode(text: string): boolean {
  const code = text.trim().toUpperCase();
  return code.length === CODE_LENGTH && [...code].every((c) => ALPHABET.includes(c));
}

function newCode(): string {
  return Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
}

/** A secretary creates a fresh single-use code for a member of their cell; older unused codes die. */
export async function createInvite(services: Services, actor: Actor, memberId: string) {
  const { db, clock, settings } = services;
  const now = clock.now();
  const member = await db.member.findUnique({ where: { id: memberId } });
  if (!member?.cellId || member.leftOn || !canLead(actor, member.cellId))
    throw new UserError("error-not-allowed");
  const code = newCode();
  const expiresAt = new Date(now.getTime() + settings.inviteTtlDays * 86_400_000);
  await db.$transaction(async (tx) => {
    await tx.inviteCode.updateMany({ where: { memberId, usedAt: null }, data: { expiresAt: now } });
    await tx.inviteCode.create({
      data: { codeHash: hashCode(code), memberId, createdById: actor.memberId, expiresAt },
    });
    await audit(tx, {
      actorId: actor.memberId,
      action: "invite.create",
      entity: "Member",
      entityId: memberId,
      after: { expiresAt },
      at: now,
    });
  }, BOUNDED_TX);
  return { code, expiresAt, member };
}

export interface MemberLinkState {
  id: string;
  fullName: string;
  /** Has at least one chat: reminders reach them. */
  linked: boolean;
  /** The expiry of an unused code made earlier, if one is still valid (the code itself is not kept). */
  pendingUntil: Date | null;
}

/** /moi: the cell's current members, who is linked and who still holds an unused code. */
export async function cellLinkStates(
  services: Services,
  actor: Actor,
  unitId: string,
): Promise<MemberLinkState[]> {
  if (!canLead(actor, unitId)) throw new UserError("error-not-allowed");
  const now = services.clock.now();
  const members = await services.db.member.findMany({
    where: { cellId: unitId, leftOn: null },
    include: {
      identities: { select: { id: true } },
      inviteCodes: {
        where: { usedAt: null, expiresAt: { gt: now } },
        orderBy: { expiresAt: "desc" },
        take: 1,
      },
    },
    orderBy: [{ fullName: "asc" }, { id: "asc" }],
  });
  return members.map((m) => ({
    id: m.id,
    fullName: m.fullName,
    linked: m.identities.length > 0,
    pendingUntil: m.inviteCodes[0]?.expiresAt ?? null,
  }));
}

export interface ChatRef {
  platform: Platform;
  externalId: string;
  chatId: string;
  /** Telegram with several bots: the bot the code was sent to (null or unset: the main bot). */
  botId?: string | null;
}

/**
 * Links a chat to the member a code was made for. Five wrong codes from one chat within an hour
 * lock it for an hour: guessing a 10-character code is then hopeless. A text not shaped like a
 * code is refused without counting.
 */
export async function redeemInvite(services: Services, chat: ChatRef, rawCode: string) {
  const { db, clock } = services;
  const now = clock.now();
  const since = new Date(now.getTime() - LOCK_MS);
  const where = { platform: chat.platform, externalId: chat.externalId, at: { gt: since } };
  if ((await db.linkAttempt.count({ where })) >= MAX_WRONG_CODES)
    throw new UserError("link-locked");

  if (!looksLikeInviteCode(rawCode))
    throw new UserError("link-not-a-code", { length: CODE_LENGTH });
  const code = rawCode.trim().toUpperCase();
  const { member, created } = await db.$transaction(async (tx) => {
    const invite = await tx.inviteCode.findUnique({
      where: { codeHash: hashCode(code) },
      include: { member: true },
    });
    const none = { member: null, created: [] };
    if (!invite || invite.usedAt || invite.expiresAt <= now || invite.member.leftOn) return none;
    const used = await tx.inviteCode.updateMany({
      where: { id: invite.id, usedAt: null },
      data: { usedAt: now },
    });
    if (used.count !== 1) return none;
    await tx.chatIdentity.deleteMany({
      where: { platform: chat.platform, externalId: chat.externalId },
    });
    const notices = await replaceOldLinks(services, tx, invite.member, invite.id, chat, now);
    await tx.chatIdentity.create({ data: { ...chat, memberId: invite.memberId, lastUsedAt: now } });
    await tx.member.update({ where: { id: invite.memberId }, data: { unreachableAt: null } });
    await audit(tx, {
      actorId: invite.memberId,
      action: "identity.link",
      entity: "Member",
      entityId: invite.memberId,
      after: { platform: chat.platform },
      at: now,
    });
    return { member: invite.member, created: await writeIntents(tx, notices) };
  }, BOUNDED_TX);
  if (!member) {
    await db.linkAttempt.create({
      data: { platform: chat.platform, externalId: chat.externalId, at: now },
    });
    const wrong = await db.linkAttempt.count({ where });
    if (wrong >= MAX_WRONG_CODES) throw new UserError("link-locked");
    throw new UserError("link-bad-code", { left: MAX_WRONG_CODES - wrong });
  }
  await services.dispatcher.dispatch(created);
  // The member now has a chat: give them the reminders of the meetings ahead.
  if (member.cellId) await syncReminders(services, member.cellId);
  return member;
}

/**
 * The member's other linked accounts when a code is used. One on the same platform is replaced:
 * unlinked (audited), its pending messages go to the new chat, and it is told, so a lost phone
 * or a code used by someone else does not leave two accounts acting as one member. One on the
 * other platform stays (a member may use both) and is told of the new link.
 */
async function replaceOldLinks(
  services: Services,
  tx: Prisma.TransactionClient,
  member: Member,
  inviteId: string,
  chat: ChatRef,
  now: Date,
): Promise<DeliveryIntent[]> {
  const others = await tx.chatIdentity.findMany({ where: { memberId: member.id } });
  if (others.length === 0) return [];
  const cell = member.cellId
    ? await tx.unit.findUnique({ where: { id: member.cellId }, select: { name: true } })
    : null;
  const when = displayParts(now);
  const args = {
    name: member.fullName,
    cell: cell?.name ?? "",
    platform: chat.platform,
    time: when.time,
    date: when.date,
  };
  const notices: DeliveryIntent[] = [];
  for (const old of others) {
    const replaced = old.platform === chat.platform;
    if (replaced) {
      await tx.chatIdentity.delete({ where: { id: old.id } });
      await tx.delivery.updateMany({
        where: {
          memberId: member.id,
          platform: old.platform,
          chatId: old.chatId,
          status: "PENDING",
        },
        data: { chatId: chat.chatId },
      });
      await audit(tx, {
        actorId: member.id,
        action: "identity.replace",
        entity: "Member",
        entityId: member.id,
        before: { platform: old.platform, externalId: old.externalId },
        after: { platform: chat.platform, externalId: chat.externalId },
        at: now,
      });
    }
    notices.push({
      idempotencyKey: `notice_link_${inviteId}_${old.id}`,
      platform: old.platform,
      chatId: old.chatId,
      kind: "notice",
      payload: { text: services.t(replaced ? "link-replaced" : "link-added-elsewhere", args) },
      dueAt: now,
      // Not the member's chat any more: a blocked old chat must not mark the member unreachable.
      memberId: null,
    });
  }
  return notices;
}
