import type { AnswerKind, Meeting, Prisma } from "@prisma/client";
import { isEligible } from "../domain/eligibility.ts";
import { displayParts, localDate } from "../domain/local-time.ts";
import type { Policy } from "../domain/policy.ts";
import { type Projection, projection } from "../domain/rate.ts";
import { streakBefore } from "../domain/streaks.ts";
import type { Actor } from "./actors.ts";
import { canLead } from "./actors.ts";
import { type AlertInput, raiseAlerts } from "./alerts.ts";
import { audit } from "./audit.ts";
import type { Services } from "./context.ts";
import { UserError } from "./errors.ts";
import { cellHistory } from "./history.ts";
import { toDomainMember } from "./members.ts";

export const MAX_REASON_LENGTH = 500;

export interface AnswerInput {
  meetingId: string;
  /** The member answered for; the actor themselves unless a secretary answers on their behalf. */
  memberId: string;
  kind: AnswerKind;
  reason?: string;
}

/**
 * Records a member's answer (or a secretary's, on their behalf) before the meeting starts, then
 * re-evaluates R3's projection at once: if the answer puts the meeting at risk, the leaders and
 * the committee members in charge are alerted.
 */
export async function recordAnswer(services: Services, actor: Actor, input: AnswerInput) {
  const { db, clock, settings } = services;
  const now = clock.now();
  const reason = input.reason?.trim();
  if (input.kind === "ABSENT" && !reason) throw new UserError("error-reason-required");
  if (reason && [...reason].length > MAX_REASON_LENGTH) {
    throw new UserError("error-reason-too-long", { max: MAX_REASON_LENGTH });
  }
  const { result, created } = await db.$transaction(async (tx) => {
    const meeting = await tx.meeting.findUnique({
      where: { id: input.meetingId },
      include: { unit: true },
    });
    if (!meeting) throw new UserError("error-meeting-not-found");
    const member = await tx.member.findUnique({ where: { id: input.memberId } });
    const onBehalf = input.memberId !== actor.memberId;
    if (
      !member ||
      member.cellId !== meeting.unitId ||
      (onBehalf && !canLead(actor, meeting.unitId))
    ) {
      throw new UserError("error-not-allowed");
    }
    if (meeting.status === "CANCELLED") throw new UserError("error-meeting-cancelled");
    if (meeting.startsAt <= now || meeting.status === "HELD")
      throw new UserError("error-meeting-started");
    const before = await tx.answer.findUnique({
      where: { meetingId_memberId: { meetingId: meeting.id, memberId: member.id } },
    });
    const newReason = input.kind === "ABSENT" ? reason! : null;
    if (before && before.kind === input.kind && before.reason === newReason) {
      // A double press or the same answer again: nothing to record, nothing to re-evaluate.
      return {
        result: { answer: before, meeting, projection: null, changed: false, unchanged: true },
        created: [],
      };
    }
    const data = {
      kind: input.kind,
      reason: newReason,
      answeredAt: now,
      answeredById: onBehalf ? actor.memberId : null,
    };
    const answer = await tx.answer.upsert({
      where: { meetingId_memberId: { meetingId: meeting.id, memberId: member.id } },
      create: { meetingId: meeting.id, memberId: member.id, ...data },
      update: data,
    });
    await audit(tx, {
      actorId: actor.memberId,
      action: onBehalf ? "answer.on-behalf" : "answer.record",
      entity: "Answer",
      entityId: answer.id,
      before: before ? { kind: before.kind, reason: before.reason } : null,
      after: { kind: answer.kind, reason: answer.reason },
      at: now,
    });
    const [members, answers] = await Promise.all([
      tx.member.findMany({ where: { cellId: meeting.unitId }, include: { statusPeriods: true } }),
      tx.answer.findMany({ where: { meetingId: meeting.id } }),
    ]);
    const outlook: Projection | null = projection(
      members.map(toDomainMember),
      localDate(meeting.startsAt),
      Object.fromEntries(
        answers.map(
          (a) => [a.memberId, a.kind === "ATTENDING" ? "attending" : "declined"] as const,
        ),
      ),
      settings.policy,
    );
    const when = displayParts(meeting.startsAt);
    const findings: AlertInput[] = [];
    if (outlook.atRisk)
      findings.push({
        type: "r3-risk",
        unitId: meeting.unitId,
        meetingId: meeting.id,
        period: localDate(meeting.startsAt),
        args: {
          cell: meeting.unit.name,
          date: when.date,
          time: when.time,
          eligible: outlook.eligible,
          declined: outlook.declined,
          minimum: outlook.minimumPresent,
          needed: outlook.needed,
        },
      });
    if (answer.kind === "ABSENT" && meeting.kind === "REGULAR") {
      // R5 before the meeting: a member whose run already reached the maximum declines again.
      const run = await excusedRunBefore(tx, meeting, member.id, settings.policy);
      if (run >= settings.policy.maxConsecutiveExcused)
        findings.push({
          type: "r5-risk",
          unitId: meeting.unitId,
          meetingId: meeting.id,
          memberId: member.id,
          period: localDate(meeting.startsAt),
          args: {
            member: member.fullName,
            cell: meeting.unit.name,
            date: when.date,
            time: when.time,
            streak: run,
            next: run + 1,
            max: settings.policy.maxConsecutiveExcused,
          },
        });
    }
    const created = await raiseAlerts(tx, findings, now);
    return {
      result: { answer, meeting, projection: outlook, changed: !!before, unchanged: false },
      created,
    };
  });
  await services.dispatcher.dispatch(created);
  return result;
}

/** R5: the member's run of excused absences this year before `meeting` (held meetings only). */
export async function excusedRunBefore(
  tx: Prisma.TransactionClient,
  meeting: Meeting,
  memberId: string,
  policy: Pick<Policy, "maxConsecutiveExcused">,
): Promise<number> {
  const date = localDate(meeting.startsAt);
  const { members, meetings } = await cellHistory(tx, meeting.unitId, {
    from: new Date(`${date.slice(0, 4)}-01-01T00:00:00+07:00`),
    to: new Date(meeting.startsAt.getTime() - 1),
  });
  const member = members.find((m) => m.id === memberId);
  return member && isEligible(member, date) ? streakBefore(member, meetings, date, policy) : 0;
}
