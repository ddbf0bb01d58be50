import type { Meeting, Unit } from "@prisma/client";
import { isEligible } from "../domain/eligibility.ts";
import { displayParts, localDate } from "../domain/local-time.ts";
import { type Actor, canLead } from "./actors.ts";
import { audit } from "./audit.ts";
import { requireCellLeader } from "./auth.ts";
import type { Services } from "./context.ts";
import { UserError } from "./errors.ts";
import { type DeliveryIntent, writeIntents } from "./ledger.ts";
import { toDomainMember } from "./members.ts";
import { preferredChat } from "./recipients.ts";
import type { ReminderPayload } from "./reminders.ts";
import { BOUNDED_TX } from "./transactions.ts";

/** A meeting's silent members are nudged at most once in this long: a nudge is not a spam tool. */
export const NUDGE_INTERVAL_MS = 6 * 3_600_000;

export interface NudgedMember {
  id: string;
  fullName: string;
}

export interface NudgeResult {
  meeting: Meeting & { unit: Unit };
  /** Silent members a nudge was written for. */
  nudged: NudgedMember[];
  /** Silent members the bot cannot reach (not linked, or their chat refuses): to be phoned. */
  unreachable: NudgedMember[];
}

/**
 * /nhacnho: a secretary or deputy reminds the eligible members who have not answered the cell's
 * next meeting. The nudges and Meeting.lastNudgeAt are written together; a second nudge within
 * six hours is refused with the time the next one is allowed.
 */
export async function nudgeSilent(
  services: Services,
  actor: Actor,
  unitId: string,
): Promise<NudgeResult> {
  if (!canLead(actor, unitId)) throw new UserError("error-not-allowed");
  const { db, clock } = services;
  const now = clock.now();
  const { result, created } = await db.$transaction(async (tx) => {
    await requireCellLeader(tx, actor.memberId, unitId);
    const meeting = await tx.meeting.findFirst({
      where: { unitId, status: "PLANNED", startsAt: { gt: now } },
      orderBy: { startsAt: "asc" },
      include: { unit: true },
    });
    if (!meeting) throw new UserError("nhacnho-no-meeting");
    if (meeting.lastNudgeAt) refuseTooSoon(meeting.lastNudgeAt, now);

    const date = localDate(meeting.startsAt);
    const silent = (
      await tx.member.findMany({
        where: { cellId: unitId, answers: { none: { meetingId: meeting.id } } },
        include: { statusPeriods: true, identities: true },
        orderBy: [{ fullName: "asc" }, { id: "asc" }],
      })
    ).filter((m) => m.id !== actor.memberId && isEligible(toDomainMember(m), date));

    // Keys carry the six-hour window: a nudge is sent once per window, never twice.
    const window = Math.floor(now.getTime() / NUDGE_INTERVAL_MS);
    const intents: DeliveryIntent[] = [];
    const nudged: NudgedMember[] = [];
    const unreachable: NudgedMember[] = [];
    for (const member of silent) {
      const chat = member.unreachableAt ? null : preferredChat(member.identities);
      const who = { id: member.id, fullName: member.fullName };
      if (!chat) {
        unreachable.push(who);
        continue;
      }
      const payload: ReminderPayload = {
        role: "member",
        reminder: "nudge",
        first: false,
        last: true,
        startsAt: meeting.startsAt.toISOString(),
      };
      intents.push({
        idempotencyKey: `nudge_${meeting.id}_${window}_${member.id}`,
        platform: chat.platform,
        chatId: chat.chatId,
        kind: "nudge",
        payload: { ...payload },
        dueAt: now,
        memberId: member.id,
        meetingId: meeting.id,
      });
      nudged.push(who);
    }

    if (intents.length > 0) {
      // Conditional: of two secretaries pressing at once, only one nudges.
      const claimed = await tx.meeting.updateMany({
        where: {
          id: meeting.id,
          OR: [
            { lastNudgeAt: null },
            { lastNudgeAt: { lte: new Date(now.getTime() - NUDGE_INTERVAL_MS) } },
          ],
        },
        data: { lastNudgeAt: now },
      });
      if (claimed.count !== 1) {
        const fresh = await tx.meeting.findUniqueOrThrow({ where: { id: meeting.id } });
        refuseTooSoon(fresh.lastNudgeAt ?? now, now);
      }
      await audit(tx, {
        actorId: actor.memberId,
        action: "meeting.nudge",
        entity: "Meeting",
        entityId: meeting.id,
        after: { nudged: nudged.map((m) => m.id), unreachable: unreachable.map((m) => m.id) },
        at: now,
      });
    }
    return {
      result: { meeting, nudged, unreachable },
      created: await writeIntents(tx, intents),
    };
  }, BOUNDED_TX);
  await services.dispatcher.dispatch(created);
  return result;
}

function refuseTooSoon(lastNudgeAt: Date, now: Date) {
  const nextAt = new Date(lastNudgeAt.getTime() + NUDGE_INTERVAL_MS);
  if (nextAt <= now) return;
  const last = displayParts(lastNudgeAt);
  const next = displayParts(nextAt);
  throw new UserError("nhacnho-too-soon", {
    lastDate: last.date,
    lastTime: last.time,
    nextDate: next.date,
    nextTime: next.time,
    hours: NUDGE_INTERVAL_MS / 3_600_000,
  });
}
