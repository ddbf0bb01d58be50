import { randomUUID } from "node:crypto";
import type { AnswerKind, AttendanceStatus, Meeting } from "@prisma/client";
import { execute, query, sql } from "../db/sql.ts";
import { isEligible, type MeetingRecord } from "../domain/eligibility.ts";
import { displayParts, localDate } from "../domain/local-time.ts";
import type { Policy } from "../domain/policy.ts";
import { type Answer, projection } from "../domain/rate.ts";
import { streakBefore } from "../domain/streaks.ts";
import { cleanLine } from "../domain/text.ts";
import type { Actor } from "./actors.ts";
import { canLead } from "./actors.ts";
import { type AlertInput, alertKey, raiseAlerts } from "./alerts.ts";
import type { AuditEntry } from "./audit.ts";
import type { Services } from "./context.ts";
import { UserError } from "./errors.ts";
import { countedAttendance } from "./history.ts";
import type { DueDelivery } from "./ledger.ts";
import { periodFromJson, type StatusPeriodJson, toDomainMember } from "./members.ts";
import { BOUNDED_TX } from "./transactions.ts";

export const MAX_REASON_LENGTH = 500;

/**
 * Everything an answer is checked and weighed against, read in one statement: the meeting, the
 * member answered for and their answer so far, the cell's members with their answers (R3's
 * projection), the keys of the alerts already raised about the meeting and, for an absence, the
 * cell's held meetings of the year before it with the member's mark (R5).
 */
interface AnswerContext extends Pick<Meeting, "id" | "unitId" | "status" | "kind" | "startsAt"> {
  unitName: string;
  memberCellId: string | null;
  memberName: string;
  beforeKind: AnswerKind | null;
  beforeReason: string | null;
  cell: CellRow[];
  alertKeys: string[];
  history: HeldRow[];
}

/** A held meeting and the member's mark at it (none: not on its roll call, or as a guest). */
interface HeldRow {
  id: string;
  kind: Meeting["kind"];
  startsAt: string;
  status: AttendanceStatus | null;
  reasonAccepted: boolean | null;
}

/** A member of the cell as json_build_object gives it (dates as "yyyy-MM-dd"). */
interface CellRow {
  id: string;
  joinedOn: string | null;
  leftOn: string | null;
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

const answerContext = (input: AnswerInput) => sql`
  SELECT m.id, m."unitId", m.status, m.kind, m."startsAt", u.name AS "unitName",
    p."cellId" AS "memberCellId", p."fullName" AS "memberName",
    a.kind AS "beforeKind", a.reason AS "beforeReason",
    COALESCE((SELECT json_agg(json_build_object('id', c.id, 'joinedOn', c."joinedOn",
        'leftOn', c."leftOn", 'answer', ca.kind,
        'periods', COALESCE((SELECT json_agg(json_build_object(
            'kind', s.kind, 'fromDate', s."fromDate", 'toDate', s."toDate"))
          FROM "StatusPeriod" s WHERE s."memberId" = c.id), '[]'::json)))
      FROM "Member" c
      LEFT JOIN "Answer" ca ON ca."meetingId" = m.id AND ca."memberId" = c.id
      WHERE c."cellId" = m."unitId"), '[]'::json) AS cell,
    ARRAY(SELECT al.key FROM "Alert" al
      WHERE al."unitId" = m."unitId" AND al."meetingId" = m.id) AS "alertKeys",
    CASE WHEN ${input.kind === "ABSENT"}::boolean THEN COALESCE((SELECT json_agg(json_build_object(
        'id', h.id, 'kind', h.kind, 'startsAt', h."startsAt", 'status', t.status,
        'reasonAccepted', t."reasonAccepted") ORDER BY h."startsAt")
      FROM "Meeting" h
      LEFT JOIN "Attendance" t ON t."meetingId" = h.id AND t."memberId" = p.id AND NOT t.guest
      WHERE h."unitId" = m."unitId" AND h.status = 'HELD' AND h."startsAt" < m."startsAt"
        AND h."startsAt" >= m."startsAt" - interval '1 year'), '[]'::json)
    ELSE '[]'::json END AS history
  FROM "Meeting" m
  JOIN "Unit" u ON u.id = m."unitId"
  LEFT JOIN "Member" p ON p.id = ${input.memberId}::uuid
  LEFT JOIN "Answer" a ON a."meetingId" = m.id AND a."memberId" = p.id
  WHERE m.id = ${input.meetingId}::uuid`;

/** The answer and its audit entry, in one statement (so together or not at all). */
function answerWrite(
  input: Omit<AnswerInput, "reason"> & { reason: string | null },
  audit: Pick<AuditEntry, "actorId" | "action" | "before" | "at"> & { answeredById: string | null },
) {
  return sql`
    WITH answer AS (
      INSERT INTO "Answer" (id, "meetingId", "memberId", kind, reason, "answeredAt", "answeredById")
      VALUES (${randomUUID()}::uuid, ${input.meetingId}::uuid, ${input.memberId}::uuid,
        ${input.kind}::"AnswerKind", ${input.reason}, ${audit.at}, ${audit.answeredById}::uuid)
      ON CONFLICT ("meetingId", "memberId") DO UPDATE SET kind = EXCLUDED.kind,
        reason = EXCLUDED.reason, "answeredAt" = EXCLUDED."answeredAt",
        "answeredById" = EXCLUDED."answeredById"
      RETURNING id, kind, reason
    )
    INSERT INTO "AuditLog" ("actorId", action, entity, "entityId", before, after, at)
    SELECT ${audit.actorId}::uuid, ${audit.action}, 'Answer', answer.id::text,
      ${JSON.stringify(audit.before)}::jsonb,
      jsonb_build_object('kind', answer.kind, 'reason', answer.reason), ${audit.at}
    FROM answer`;
}

/**
 * Records a member's answer (or a secretary's, on their behalf) before the meeting starts, then
 * re-evaluates R3's projection at once: if the answer puts the meeting at risk, the leaders and
 * the committee members in charge are alerted, in the same transaction as the answer.
 *
 * Every press runs this, so it is two statements in plain pg (the read, then the answer with its
 * audit entry); only an alert not raised before takes an interactive transaction.
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
  const [found] = await query<AnswerContext>(db, answerContext(input));
  if (!found) throw new UserError("error-meeting-not-found");
  const onBehalf = input.memberId !== actor.memberId;
  if (
    found.memberCellId === null ||
    found.memberCellId !== found.unitId ||
    (onBehalf && !canLead(actor, found.unitId))
  ) {
    throw new UserError("error-not-allowed");
  }
  if (found.status === "CANCELLED") throw new UserError("error-meeting-cancelled");
  if (found.startsAt <= now || found.status === "HELD")
    throw new UserError("error-meeting-started");
  const before = found.beforeKind ? { kind: found.beforeKind, reason: found.beforeReason } : null;
  const newReason = input.kind === "ABSENT" ? reason! : null;
  if (before && before.kind === input.kind && before.reason === newReason) {
    // A double press or the same answer again: nothing to record, nothing to re-evaluate.
    return { changed: false, unchanged: true };
  }
  const write = answerWrite(
    { ...input, reason: newReason },
    {
      actorId: actor.memberId,
      action: onBehalf ? "answer.on-behalf" : "answer.record",
      before,
      at: now,
      answeredById: onBehalf ? actor.memberId : null,
    },
  );
  const findings = answerFindings(found, input, settings.policy);
  // An alert raised before is not raised again (its key is unique): only a new one needs more.
  const fresh = findings.filter((finding) => !found.alertKeys.includes(alertKey(finding)));
  let created: DueDelivery[] = [];
  if (fresh.length === 0) await execute(db, write);
  else
    created = await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(write.text, ...write.values);
      return raiseAlerts(tx, fresh, now);
    }, BOUNDED_TX);
  await services.dispatcher.dispatch(created);
  return { changed: !!before, unchanged: false };
}

/**
 * What the answer puts at risk: R3's projection with this answer in it, and for an absence from
 * a regular meeting R5 (a member whose run of excused absences already reached the maximum).
 */
function answerFindings(found: AnswerContext, input: AnswerInput, policy: Policy): AlertInput[] {
  const date = localDate(found.startsAt);
  const members = found.cell.map((row) =>
    toDomainMember({
      id: row.id,
      joinedOn: row.joinedOn === null ? null : new Date(row.joinedOn),
      leftOn: row.leftOn === null ? null : new Date(row.leftOn),
      statusPeriods: row.periods.map(periodFromJson),
    }),
  );
  const answers: Record<string, Answer> = {};
  for (const row of found.cell)
    if (row.answer !== null)
      answers[row.id] = row.answer === "ATTENDING" ? "attending" : "declined";
  answers[input.memberId] = input.kind === "ATTENDING" ? "attending" : "declined";
  const outlook = projection(members, date, answers, policy);
  const about = { unitId: found.unitId, meetingId: found.id, period: date };
  const words = () => {
    const when = displayParts(found.startsAt);
    return { cell: found.unitName, date: when.date, time: when.time };
  };
  const findings: AlertInput[] = [];
  if (outlook.atRisk)
    findings.push({
      type: "r3-risk",
      ...about,
      args: {
        ...words(),
        eligible: outlook.eligible,
        declined: outlook.declined,
        minimum: outlook.minimumPresent,
        needed: outlook.needed,
      },
    });
  const member = members.find((m) => m.id === input.memberId);
  if (input.kind === "ABSENT" && found.kind === "REGULAR" && member && isEligible(member, date)) {
    const meetings: MeetingRecord[] = found.history.map((h) => ({
      id: h.id,
      kind: h.kind === "THEMATIC" ? "thematic" : "regular",
      date: localDate(new Date(h.startsAt)),
      attendance:
        h.status === null
          ? {}
          : countedAttendance([
              { memberId: input.memberId, status: h.status, reasonAccepted: !!h.reasonAccepted },
            ]),
    }));
    const run = streakBefore(member, meetings, date, policy);
    if (run >= policy.maxConsecutiveExcused)
      findings.push({
        type: "r5-risk",
        ...about,
        memberId: input.memberId,
        args: {
          member: found.memberName,
          ...words(),
          streak: run,
          next: run + 1,
          max: policy.maxConsecutiveExcused,
        },
      });
  }
  return findings;
}
