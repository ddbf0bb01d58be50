import type { Platform, Vote } from "@prisma/client";
import type { Db } from "../../db/client.ts";
import { standingOn } from "../../domain/eligibility.ts";
import { localDate } from "../../domain/local-time.ts";
import { type Actor, canLead } from "../actors.ts";
import { audit } from "../audit.ts";
import { shortId } from "../callback-data.ts";
import type { Services } from "../context.ts";
import { UserError } from "../errors.ts";
import { type DeliveryIntent, writeIntents } from "../ledger.ts";
import { toDomainMember } from "../members.ts";
import { preferredChat } from "../recipients.ts";
import { TX_OPTIONS, type Tx } from "./guards.ts";

/**
 * Voting (biểu quyết, issue 16). Who may vote: members of the cell marked present at the opening,
 * official (chính thức) — probationary members do not vote; exempt members who attend may.
 *
 * Secrecy: while the vote is OPEN a voter's choice sits in Ballot.choice, so it can be changed.
 * Closing (or annulling) counts the choices into Vote (approve / reject / abstain) and sets every
 * Ballot.choice to NULL in the same transaction: afterwards the database keeps the counts and who
 * voted (Ballot.voted), never (voter, choice). The audit log records that a member voted, never how.
 */

export const MAX_VOTE_TEXT = 500;
export type VoteChoiceInput = "approve" | "reject";

export interface VoteTally {
  voteId: string;
  meetingId: string;
  text: string;
  status: "open" | "closed" | "annulled";
  approve: number;
  reject: number;
  /** Ballots issued and not (or no longer) voted. */
  abstain: number;
  /** Ballots issued: the members present who may vote. */
  of: number;
  /** What "more than half" is of, by the policy. */
  base: number;
  policy: "official" | "present";
  /** Null while open. */
  passed: boolean | null;
  annulReason: string | null;
}

/** What the minutes (text and .docx) record of a meeting's votes. */
export interface VoteResult {
  voteId: string;
  text: string;
  approve: number;
  reject: number;
  abstain: number;
  of: number;
  base: number;
  policy: "official" | "present";
  passed: boolean;
  closedAt: Date;
}

/** The pass rule: strictly more than half of the base (exactly half is not more than half). */
export const votePasses = (approve: number, base: number) => base > 0 && approve * 2 > base;

/** A vote's buttons: `vt:<vote22>:a|r`, 28 bytes. */
export const ballotData = (voteId: string, choice: VoteChoiceInput) =>
  `vt:${shortId(voteId)}:${choice === "approve" ? "a" : "r"}`;

async function lockVote(tx: Tx, voteId: string, mode: "share" | "update"): Promise<Vote> {
  const rows =
    mode === "update"
      ? await tx.$queryRaw<
          { id: string }[]
        >`SELECT id::text FROM "Vote" WHERE id = ${voteId}::uuid FOR UPDATE`
      : await tx.$queryRaw<
          { id: string }[]
        >`SELECT id::text FROM "Vote" WHERE id = ${voteId}::uuid FOR SHARE`;
  if (rows.length !== 1) throw new UserError("vote-not-found");
  return tx.vote.findUniqueOrThrow({ where: { id: voteId } });
}

/** Official members of the cell who are not exempt on the meeting date (the default base). */
async function officialBase(tx: Tx | Db, unitId: string, startsAt: Date): Promise<number> {
  const date = localDate(startsAt);
  const members = await tx.member.findMany({
    where: { cellId: unitId, membership: "FULL" },
    include: { statusPeriods: true },
  });
  return members.filter((m) => {
    const standing = standingOn(toDomainMember(m), date);
    return standing !== "outside" && standing !== "exempt";
  }).length;
}

/**
 * `/bieuquyet <nội dung>`: opens a vote in the actor's meeting whose roll call is open, and sends
 * each member present who may vote a private ballot through the delivery ledger. Audited.
 */
export async function openVote(
  services: Services,
  actor: Actor,
  rawText: string,
): Promise<VoteTally> {
  const { db, clock, settings, t } = services;
  const now = clock.now();
  const text = rawText.trim().replace(/\s+/g, " ");
  if (!actor.leads || !actor.cellId) throw new UserError("error-rollcall-leaders-only");
  if (!text) throw new UserError("vote-text-missing");
  if (text.length > MAX_VOTE_TEXT) throw new UserError("vote-text-long", { max: MAX_VOTE_TEXT });
  const meeting = await db.meeting.findFirst({
    where: {
      unitId: actor.cellId,
      status: { not: "CANCELLED" },
      rollCallOpenedAt: { not: null },
      rollCallClosedAt: null,
    },
    orderBy: { startsAt: "desc" },
    include: { unit: true },
  });
  if (!meeting) throw new UserError("vote-no-meeting");
  const { vote, created } = await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Meeting" WHERE id = ${meeting.id}::uuid FOR SHARE`;
    const date = localDate(meeting.startsAt);
    const present = await tx.member.findMany({
      where: {
        cellId: meeting.unitId,
        membership: "FULL",
        attendance: { some: { meetingId: meeting.id, status: "PRESENT", guest: false } },
      },
      include: { statusPeriods: true, identities: true },
    });
    const voters = present.filter((m) => standingOn(toDomainMember(m), date) !== "outside");
    if (voters.length === 0) throw new UserError("vote-no-voters");
    const vote = await tx.vote.create({
      data: {
        meetingId: meeting.id,
        text,
        policy: settings.votePolicy,
        openedById: actor.memberId,
        openedAt: now,
      },
    });
    await tx.ballot.createMany({
      data: voters.map((m) => ({ voteId: vote.id, memberId: m.id })),
    });
    await audit(tx, {
      actorId: actor.memberId,
      action: "vote.open",
      entity: "Vote",
      entityId: vote.id,
      after: { meetingId: meeting.id, text, policy: vote.policy, voters: voters.length },
      at: now,
    });
    const intents: DeliveryIntent[] = [];
    for (const m of voters) {
      const chat = preferredChat(m.identities);
      if (!chat) continue;
      intents.push({
        idempotencyKey: `vote_${vote.id}_${m.id}`,
        platform: chat.platform,
        chatId: chat.chatId,
        kind: "notice",
        payload: {
          text: t("vote-ballot", { cell: meeting.unit.name, text }),
          buttons: [
            [
              { label: t("button-vote-approve"), data: ballotData(vote.id, "approve") },
              { label: t("button-vote-reject"), data: ballotData(vote.id, "reject") },
            ],
          ],
        },
        dueAt: now,
        memberId: m.id,
        meetingId: meeting.id,
      });
    }
    return { vote, created: await writeIntents(tx, intents) };
  }, TX_OPTIONS);
  await services.dispatcher.dispatch(created);
  return voteTally(db, vote.id);
}

/** The live tally (counts only, never who chose what). */
export async function voteTally(db: Db | Tx, voteId: string): Promise<VoteTally> {
  const vote = await db.vote.findUnique({ where: { id: voteId }, include: { meeting: true } });
  if (!vote) throw new UserError("vote-not-found");
  const policy = vote.policy === "present" ? "present" : "official";
  if (vote.status !== "OPEN") {
    return {
      voteId,
      meetingId: vote.meetingId,
      text: vote.text,
      status: vote.status === "CLOSED" ? "closed" : "annulled",
      approve: vote.approve ?? 0,
      reject: vote.reject ?? 0,
      abstain: vote.abstain ?? 0,
      of: vote.voters ?? 0,
      base: vote.base ?? 0,
      policy,
      passed: vote.passed,
      annulReason: vote.annulReason,
    };
  }
  const groups = await db.ballot.groupBy({ by: ["choice"], where: { voteId }, _count: true });
  const count = (c: "APPROVE" | "REJECT" | null) => groups.find((g) => g.choice === c)?._count ?? 0;
  const of = groups.reduce((sum, g) => sum + g._count, 0);
  const approve = count("APPROVE");
  const reject = count("REJECT");
  const base =
    policy === "present" ? of : await officialBase(db, vote.meeting.unitId, vote.meeting.startsAt);
  return {
    voteId,
    meetingId: vote.meetingId,
    text: vote.text,
    status: "open",
    approve,
    reject,
    abstain: of - approve - reject,
    of,
    base,
    policy,
    passed: null,
    annulReason: null,
  };
}

export interface TallyMessage {
  platform: Platform;
  chatId: string;
  messageId: string;
}

/** Where the secretary's live tally is, so each vote edits it in place. */
export async function setTallyMessage(db: Db, voteId: string, where: TallyMessage) {
  await db.vote.update({
    where: { id: voteId },
    data: {
      tallyPlatform: where.platform,
      tallyChatId: where.chatId,
      tallyMessageId: where.messageId,
    },
  });
}

/**
 * A voter's choice (Tán thành / Không tán thành): only a member given a ballot, only while the
 * vote is open; a new choice replaces the earlier one (counted once). Recorded before the reply.
 */
export async function castVote(
  services: Services,
  actor: Actor,
  voteId: string,
  choice: VoteChoiceInput,
): Promise<{ tally: VoteTally; changed: boolean; tallyMessage: TallyMessage | null }> {
  const { db, clock } = services;
  const now = clock.now();
  const { changed, vote } = await db.$transaction(async (tx) => {
    const vote = await lockVote(tx, voteId, "share");
    if (vote.status !== "OPEN") throw new UserError("vote-closed");
    const ballot = await tx.ballot.findUnique({
      where: { voteId_memberId: { voteId, memberId: actor.memberId } },
    });
    if (!ballot) throw new UserError("vote-not-voter");
    const value = choice === "approve" ? "APPROVE" : "REJECT";
    if (ballot.choice === value) return { changed: false, vote };
    await tx.ballot.update({
      where: { voteId_memberId: { voteId, memberId: actor.memberId } },
      data: { choice: value, voted: true, votedAt: now },
    });
    // That the member voted (and changed), never the choice.
    await audit(tx, {
      actorId: actor.memberId,
      action: ballot.voted ? "vote.change" : "vote.cast",
      entity: "Vote",
      entityId: voteId,
      after: { memberId: actor.memberId },
      at: now,
    });
    return { changed: true, vote };
  }, TX_OPTIONS);
  const tallyMessage =
    vote.tallyPlatform && vote.tallyChatId && vote.tallyMessageId
      ? { platform: vote.tallyPlatform, chatId: vote.tallyChatId, messageId: vote.tallyMessageId }
      : null;
  return { tally: await voteTally(db, voteId), changed, tallyMessage };
}

async function leadVote(tx: Tx, actor: Actor, voteId: string) {
  const vote = await lockVote(tx, voteId, "update");
  const meeting = await tx.meeting.findUniqueOrThrow({ where: { id: vote.meetingId } });
  if (!canLead(actor, meeting.unitId)) throw new UserError("error-not-allowed");
  if (vote.status !== "OPEN") throw new UserError("vote-closed");
  return { vote, meeting };
}

/**
 * Closes a vote: the counts and the result by the configured policy are written, every choice
 * erased (only the counts and who voted remain). Audited with the counts. Never edited after.
 */
export async function closeVote(services: Services, actor: Actor, voteId: string) {
  const { db, clock } = services;
  const now = clock.now();
  await db.$transaction(async (tx) => {
    await leadVote(tx, actor, voteId);
    const tally = await voteTally(tx, voteId);
    const passed = votePasses(tally.approve, tally.base);
    await tx.vote.update({
      where: { id: voteId },
      data: {
        status: "CLOSED",
        closedAt: now,
        approve: tally.approve,
        reject: tally.reject,
        abstain: tally.abstain,
        voters: tally.of,
        base: tally.base,
        passed,
      },
    });
    await tx.ballot.updateMany({ where: { voteId }, data: { choice: null } });
    await audit(tx, {
      actorId: actor.memberId,
      action: "vote.close",
      entity: "Vote",
      entityId: voteId,
      after: {
        approve: tally.approve,
        reject: tally.reject,
        abstain: tally.abstain,
        of: tally.of,
        base: tally.base,
        policy: tally.policy,
        passed,
      },
      at: now,
    });
  }, TX_OPTIONS);
  return voteTally(db, voteId);
}

/** Annuls an open vote with a reason (audited); its choices are erased, no result is kept. */
export async function annulVote(
  services: Services,
  actor: Actor,
  voteId: string,
  rawReason: string,
) {
  const { db, clock } = services;
  const now = clock.now();
  const reason = rawReason.trim();
  if (!reason) throw new UserError("vote-annul-reason-missing");
  await db.$transaction(async (tx) => {
    await leadVote(tx, actor, voteId);
    await tx.vote.update({
      where: { id: voteId },
      data: { status: "ANNULLED", closedAt: now, annulReason: reason },
    });
    await tx.ballot.updateMany({ where: { voteId }, data: { choice: null } });
    await audit(tx, {
      actorId: actor.memberId,
      action: "vote.annul",
      entity: "Vote",
      entityId: voteId,
      after: { reason },
      at: now,
    });
  }, TX_OPTIONS);
  return voteTally(db, voteId);
}

/** The open votes of a meeting the actor leads (for the roster menu and Zalo `bieuquyet`). */
export async function openVotes(services: Services, actor: Actor): Promise<VoteTally[]> {
  if (!actor.leads || !actor.cellId) throw new UserError("error-rollcall-leaders-only");
  const votes = await services.db.vote.findMany({
    where: { status: "OPEN", meeting: { unitId: actor.cellId } },
    orderBy: { openedAt: "asc" },
  });
  return Promise.all(votes.map((v) => voteTally(services.db, v.id)));
}

/**
 * A meeting's closed votes, in order, for the minutes (text and .docx): text, counts of how
 * many, result. Annulled and open votes are not results and are left out.
 */
export async function voteResults(db: Db | Tx, meetingId: string): Promise<VoteResult[]> {
  const votes = await db.vote.findMany({
    where: { meetingId, status: "CLOSED" },
    orderBy: { openedAt: "asc" },
  });
  return votes.map((v) => ({
    voteId: v.id,
    text: v.text,
    approve: v.approve ?? 0,
    reject: v.reject ?? 0,
    abstain: v.abstain ?? 0,
    of: v.voters ?? 0,
    base: v.base ?? 0,
    policy: v.policy === "present" ? "present" : "official",
    passed: v.passed ?? false,
    closedAt: v.closedAt ?? v.openedAt,
  }));
}
