import type { Prisma } from "@prisma/client";
import { standingOn } from "../../domain/eligibility.ts";
import { localDate } from "../../domain/local-time.ts";
import { type Actor, canLead } from "../actors.ts";
import { UserError } from "../errors.ts";
import { toDomainMember } from "../members.ts";
import { committeeInCharge } from "../recipients.ts";

/**
 * What every change to a roll call goes through: its time windows, the transaction options,
 * the locks that let presses and closing take turns, and the checks of who may press on whom.
 */

export type Tx = Prisma.TransactionClient;

const HOUR_MS = 3_600_000;
/** A roll call can be opened this long before the meeting starts. */
export const ROLLCALL_LOOKAHEAD_MS = 12 * HOUR_MS;
/** Corrections are possible this long after closing (and an unclosed roll call after the planned end). */
export const CORRECTION_WINDOW_MS = 24 * HOUR_MS;
// Presses queue on one member's lock and on the pool: give them more than Prisma's 2 s default.
export const TX_OPTIONS = { maxWait: 15_000, timeout: 20_000 };

export async function lockMeeting(tx: Tx, meetingId: string, mode: "share" | "update") {
  // FOR SHARE lets presses on different members run together; closing (FOR UPDATE) waits for them.
  const rows =
    mode === "update"
      ? await tx.$queryRaw<{ id: string }[]>`
          SELECT id::text FROM "Meeting" WHERE id = ${meetingId}::uuid FOR UPDATE`
      : await tx.$queryRaw<{ id: string }[]>`
          SELECT id::text FROM "Meeting" WHERE id = ${meetingId}::uuid FOR SHARE`;
  return rows.length === 1;
}

/** One member's mark is changed by one press at a time (the row may not exist yet: no row lock). */
export async function lockMember(tx: Tx, meetingId: string, memberId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`rollcall:${meetingId}:${memberId}`}, 0))`;
}

/** The meeting, locked against closing, if the actor may still change its roll call. */
export async function editableMeeting(
  tx: Tx,
  actor: Actor,
  meetingId: string,
  now: Date,
  lock: "share" | "update" = "share",
) {
  if (!(await lockMeeting(tx, meetingId, lock))) throw new UserError("error-meeting-not-found");
  const meeting = await tx.meeting.findUniqueOrThrow({ where: { id: meetingId } });
  if (!canLead(actor, meeting.unitId)) throw new UserError("error-not-allowed");
  if (meeting.status === "CANCELLED") throw new UserError("error-meeting-cancelled");
  if (!meeting.rollCallOpenedAt) throw new UserError("error-rollcall-not-open");
  const closedAt = meeting.rollCallClosedAt;
  if (closedAt && now.getTime() > closedAt.getTime() + CORRECTION_WINDOW_MS) {
    throw new UserError("error-rollcall-correction-closed");
  }
  return { meeting, correction: closedAt !== null };
}

/** Who a press is about: a member of the cell on the meeting date, or a committee member in charge. */
export async function rosterSubject(
  tx: Tx,
  meeting: { id: string; unitId: string; startsAt: Date },
  memberId: string,
): Promise<{ fullName: string; kind: "eligible" | "exempt" | "guest" }> {
  const member = await tx.member.findUnique({
    where: { id: memberId },
    include: { statusPeriods: true },
  });
  if (!member) throw new UserError("error-rollcall-not-in-roster");
  if (member.cellId === meeting.unitId) {
    const standing = standingOn(toDomainMember(member), localDate(meeting.startsAt));
    if (standing === "outside") throw new UserError("error-rollcall-not-in-roster");
    return { fullName: member.fullName, kind: standing === "eligible" ? "eligible" : "exempt" };
  }
  const committee = await committeeInCharge(tx, meeting.unitId);
  if (!committee.some((c) => c.id === memberId)) {
    throw new UserError("error-rollcall-not-in-roster");
  }
  return { fullName: member.fullName, kind: "guest" };
}
