import { randomUUID } from "node:crypto";
import type { AnswerKind, Meeting, Prisma } from "@prisma/client";
import { isEligible } from "../domain/eligibility.ts";
import { displayParts, localDate } from "../domain/local-time.ts";
import type { Policy } from "../domain/policy.ts";
import { type Projection, projection } from "../domain/rate.ts";
import { streakBefore } from "../domain/streaks.ts";
import { cleanLine } from "../domain/text.ts";
import type { Actor } from "./actors.ts";
import { canLead } from "./actors.ts";
import { type AlertInput, raiseAlerts } from "./alerts.ts";
import { audit } from "./audit.ts";
import type { Services } from "./context.ts";
import { UserError } from "./errors.ts";
import { cellHistory } from "./history.ts";
import { periodFromJson, type StatusPeriodJson, toDomainMember } from "./members.ts";
import { yearStart } from "./months.ts";
import { BOUNDED_TX } from "./transactions.ts";

export const MAX_REASON_LENGTH = 500;

/** The meeting, the member answered for and their answer so far, in one row. */
interface AnswerContext extends Pick<Meeting, "id" | "unitId" | "status" | "kind" | "startsAt"> {
  unitName: string;
  memberCellId: string | null;
  memberName: string;
  beforeKind: AnswerKind | null;
  beforeReason: string | null;
}

interface ProjectionRow {
  id: string;
  joinedOn: Date | null;
  leftOn: Date | null;
  answer: AnswerKind | null;
  periods: StatusPeriodJson[];
}

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
  // The channels clean the text where it is typed; a caller that did not cannot store a NUL.
  const reason = input.reason === undefined ? undefined : cleanLine(input.reason);
  if (input.kind === "ABSENT" && !reason)
    throw new UserError(input.reason?.trim() ? "error-text-unreadable" : "error-reason-required");
  if (reason && [...reason].length > MAX_REASON_LENGTH) {
    throw new UserError("error-reason-too-long", { max: MAX_REASON_LENGTH });
  }
  const { result, created } = await db.$transaction(async (tx) => {
    // Raw SQL for the reads and the upsert: every press runs this, and Prisma's query compiler
    // costs more than the statements (src/services/reminders.ts does the same).
    const [found] = await tx.$queryRaw<AnswerContext[]>`
      SELECT m.id, m."unitId", m.status, m.kind, m."startsAt", u.name AS "unitName",
        p."cellId" AS "memberCellId", p."fullName" AS "memberName",
        a.kind AS "beforeKind", a.reason AS "beforeReason"
      FROM "Meeting" m
      JOIN "Unit" u ON u.id = m."unitId"
      LEFT JOIN "Member" p ON p.id = ${input.memberId}::uuid
      LEFT JOIN "Answer" a ON a."meetingId" = m.id AND a."memberId" = p.id
      WHERE m.id = ${input.meetingId}::uuid`;
    if (!found) throw new UserError("error-meeting-not-found");
    const meeting = { ...found, unit: { name: found.unitName } };
    const member = { id: input.memberId, fullName: found.memberName };
    const onBehalf = input.memberId !== actor.memberId;
    if (
      found.memberCellId === null ||
      found.memberCellId !== meeting.unitId ||
      (onBehalf && !canLead(actor, meeting.unitId))
    ) {
      throw new UserError("error-not-allowed");
    }
    if (meeting.status === "CANCELLED") throw new UserError("error-meeting-cancelled");
    if (meeting.startsAt <= now || meeting.status === "HELD")
      throw new UserError("error-meeting-started");
    const before = found.beforeKind ? { kind: found.beforeKind, reason: found.beforeReason } : null;
    const newReason = input.kind === "ABSENT" ? reason! : null;
    if (before && before.kind === input.kind && before.reason === newReason) {
      // A double press or the same answer again: nothing to record, nothing to re-evaluate.
      return { result: { changed: false, unchanged: true }, created: [] };
    }
    const answeredById = onBehalf ? actor.memberId : null;
    const [answer] = await tx.$queryRaw<{ id: string; kind: AnswerKind; reason: string | null }[]>`
      INSERT INTO "Answer" (id, "meetingId", "memberId", kind, reason, "answeredAt", "answeredById")
      VALUES (${randomUUID()}::uuid, ${meeting.id}::uuid, ${member.id}::uuid,
        ${input.kind}::"AnswerKind", ${newReason}, ${now}, ${answeredById}::uuid)
      ON CONFLICT ("meetingId", "memberId") DO UPDATE SET kind = EXCLUDED.kind,
        reason = EXCLUDED.reason, "answeredAt" = EXCLUDED."answeredAt",
        "answeredById" = EXCLUDED."answeredById"
      RETURNING id, kind, reason`;
    await audit(tx, {
      actorId: actor.memberId,
      action: onBehalf ? "answer.on-behalf" : "answer.record",
      entity: "Answer",
      entityId: answer!.id,
      before,
      after: { kind: answer!.kind, reason: answer!.reason },
      at: now,
    });
    // R3's projection: the cell's members (with their status periods) and their answers.
    const cell = await tx.$queryRaw<ProjectionRow[]>`
      SELECT p.id, p."joinedOn", p."leftOn", a.kind AS answer,
        COALESCE((SELECT json_agg(json_build_object(
            'kind', s.kind, 'fromDate', s."fromDate", 'toDate', s."toDate"))
          FROM "StatusPeriod" s WHERE s."memberId" = p.id), '[]'::json) AS periods
      FROM "Member" p
      LEFT JOIN "Answer" a ON a."meetingId" = ${meeting.id}::uuid AND a."memberId" = p.id
      WHERE p."cellId" = ${meeting.unitId}::uuid`;
    const outlook: Projection = projection(
      cell.map((row) => toDomainMember({ ...row, statusPeriods: row.periods.map(periodFromJson) })),
      localDate(meeting.startsAt),
      Object.fromEntries(
        cell
          .filter((row) => row.answer !== null)
          .map((row) => [row.id, row.answer === "ATTENDING" ? "attending" : "declined"] as const),
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
    if (input.kind === "ABSENT" && meeting.kind === "REGULAR") {
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
    return { result: { changed: !!before, unchanged: false }, created };
  }, BOUNDED_TX);
  await services.dispatcher.dispatch(created);
  return result;
}

/** R5: the member's run of excused absences this year before `meeting` (held meetings only). */
export async function excusedRunBefore(
  tx: Prisma.TransactionClient,
  meeting: Pick<Meeting, "unitId" | "startsAt">,
  memberId: string,
  policy: Pick<Policy, "maxConsecutiveExcused">,
): Promise<number> {
  const date = localDate(meeting.startsAt);
  const { members, meetings } = await cellHistory(tx, meeting.unitId, {
    from: yearStart(date.slice(0, 4)),
    to: new Date(meeting.startsAt.getTime() - 1),
  });
  const member = members.find((m) => m.id === memberId);
  return member && isEligible(member, date) ? streakBefore(member, meetings, date, policy) : 0;
}
