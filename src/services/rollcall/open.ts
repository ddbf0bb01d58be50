import { standingOn } from "../../domain/eligibility.ts";
import { localDate } from "../../domain/local-time.ts";
import { type Actor, canLead } from "../actors.ts";
import { audit } from "../audit.ts";
import type { Services } from "../context.ts";
import { UserError } from "../errors.ts";
import { toDomainMember } from "../members.ts";
import { CORRECTION_WINDOW_MS, lockMeeting, ROLLCALL_LOOKAHEAD_MS, TX_OPTIONS } from "./guards.ts";
import { type RosterView, rosterView } from "./view.ts";

/**
 * `/diemdanh`: opens the roll call of the secretary's current meeting (the latest one starting
 * within 12 h, not more than 24 h past its end or its closing). The first opening records the
 * time (R9); until closing, members who declined and have no mark yet are prefilled as absent
 * with their reason. Saying "Tham dự" is not being here: those members stay unmarked, shown as
 * confirmed, for the secretary to mark (one by one, or all at once with markConfirmedPresent).
 */
export async function openRollCall(services: Services, actor: Actor): Promise<RosterView> {
  const { db, clock } = services;
  if (!actor.leads || !actor.cellId) throw new UserError("error-rollcall-leaders-only");
  const now = clock.now();
  const found = await db.meeting.findFirst({
    where: {
      unitId: actor.cellId,
      status: { in: ["PLANNED", "HELD"] },
      startsAt: { lte: new Date(now.getTime() + ROLLCALL_LOOKAHEAD_MS) },
      OR: [
        {
          rollCallClosedAt: null,
          plannedEndAt: { gte: new Date(now.getTime() - CORRECTION_WINDOW_MS) },
        },
        { rollCallClosedAt: { gte: new Date(now.getTime() - CORRECTION_WINDOW_MS) } },
      ],
    },
    orderBy: { startsAt: "desc" },
  });
  if (!found) throw new UserError("error-rollcall-no-meeting");
  await db.$transaction(async (tx) => {
    await lockMeeting(tx, found.id, "update");
    const meeting = await tx.meeting.findUniqueOrThrow({ where: { id: found.id } });
    if (meeting.status === "CANCELLED") throw new UserError("error-meeting-cancelled");
    if (!meeting.rollCallOpenedAt) {
      await tx.meeting.update({ where: { id: meeting.id }, data: { rollCallOpenedAt: now } });
      await audit(tx, {
        actorId: actor.memberId,
        action: "rollcall.open",
        entity: "Meeting",
        entityId: meeting.id,
        after: { rollCallOpenedAt: now },
        at: now,
      });
    }
    if (meeting.rollCallClosedAt) return;
    const date = localDate(meeting.startsAt);
    const [members, answers] = await Promise.all([
      tx.member.findMany({ where: { cellId: meeting.unitId }, include: { statusPeriods: true } }),
      tx.answer.findMany({ where: { meetingId: meeting.id } }),
    ]);
    const eligible = new Set(
      members.filter((m) => standingOn(toDomainMember(m), date) === "eligible").map((m) => m.id),
    );
    // ON CONFLICT DO NOTHING: a mark made meanwhile, or earlier, always wins over the answer.
    await tx.attendance.createMany({
      data: answers
        .filter((a) => a.kind === "ABSENT" && eligible.has(a.memberId))
        .map((a) => ({
          meetingId: meeting.id,
          memberId: a.memberId,
          status: "EXCUSED" as const,
          reason: a.reason,
          markedAt: now,
        })),
      skipDuplicates: true,
    });
  }, TX_OPTIONS);
  return rosterView(services, found.id);
}

/** The roster of a meeting the actor leads (a stale or forged id is refused). */
export async function showRollCall(
  services: Services,
  actor: Actor,
  meetingId: string,
): Promise<RosterView> {
  const meeting = await services.db.meeting.findUnique({ where: { id: meetingId } });
  if (!meeting) throw new UserError("error-meeting-not-found");
  if (!canLead(actor, meeting.unitId)) throw new UserError("error-not-allowed");
  if (!meeting.rollCallOpenedAt) throw new UserError("error-rollcall-not-open");
  return rosterView(services, meetingId);
}
