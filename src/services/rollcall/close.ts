import type { Attendance, AttendanceStatus } from "@prisma/client";
import { standingOn } from "../../domain/eligibility.ts";
import { heldMeetingFindings } from "../../domain/findings.ts";
import { displayParts, localDate } from "../../domain/local-time.ts";
import { type Actor, canLead } from "../actors.ts";
import { type AlertInput, raiseAlerts } from "../alerts.ts";
import { audit } from "../audit.ts";
import type { Services } from "../context.ts";
import { UserError } from "../errors.ts";
import { percent } from "../format.ts";
import { cellHistory, MARKS } from "../history.ts";
import { type DeliveryIntent, writeIntents } from "../ledger.ts";
import { toDomainMember } from "../members.ts";
import { yearStart } from "../months.ts";
import { alertRecipients, preferredChat } from "../recipients.ts";
import {
  CORRECTION_WINDOW_MS,
  editableMeeting,
  lockMeeting,
  lockMember,
  ROLLCALL_LOOKAHEAD_MS,
  rosterSubject,
  TX_OPTIONS,
} from "./guards.ts";
import { minutesMessages } from "./texts.ts";
import {
  guestsOf,
  type Minutes,
  meetingRecord,
  minutesRows,
  type RosterStatus,
  type RosterView,
  rosterView,
} from "./view.ts";

export interface CloseResult {
  view: RosterView;
  minutes: Minutes;
  /** True when the roll call was closed already: this sends the corrected minutes. */
  resent: boolean;
}

/** A notice's payload: an OutgoingMessage as JSON (the file's content is text). */
type NoticePayload = { text: string; file?: { name: string; content: string } };

const STATUS: Record<Exclude<RosterStatus, "unmarked">, AttendanceStatus> = {
  present: "PRESENT",
  excused: "EXCUSED",
  unexcused: "UNEXCUSED",
};

/**
 * `/diemdanh`: opens the roll call of the secretary's current meeting (the latest one starting
 * within 12 h, not more than 24 h past its end or its closing). The first opening records the
 * time (R9); until closing, members who answered and have no mark yet are prefilled from the
 * answer (Tham dự → present, Vắng → excused with the reason).
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
        .filter((a) => eligible.has(a.memberId))
        .map((a) => ({
          meetingId: meeting.id,
          memberId: a.memberId,
          status: a.kind === "ATTENDING" ? ("PRESENT" as const) : ("EXCUSED" as const),
          reason: a.kind === "ABSENT" ? a.reason : null,
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

/**
 * One press on a member's button: the next state of the cycle (unmarked → present → excused →
 * unexcused → unmarked; after closing, unmarked is left out), or `next` when given. Exempt
 * members and guests toggle between unmarked and present. Each press locks that member's mark,
 * so concurrent presses by two secretaries are applied one after the other, none lost. After
 * closing, a press is a correction: allowed for 24 h and written to the audit log.
 */
export async function markMember(
  services: Services,
  actor: Actor,
  meetingId: string,
  memberId: string,
  next: RosterStatus | "cycle" = "cycle",
): Promise<{ name: string; status: RosterStatus; guest: boolean; correction: boolean }> {
  const now = services.clock.now();
  return services.db.$transaction(async (tx) => {
    const { meeting, correction } = await editableMeeting(tx, actor, meetingId, now);
    await lockMember(tx, meetingId, memberId);
    const subject = await rosterSubject(tx, meeting, memberId);
    const before = await tx.attendance.findUnique({
      where: { meetingId_memberId: { meetingId, memberId } },
    });
    const current: RosterStatus = before ? (MARKS[before.status] as RosterStatus) : "unmarked";
    const cycle: RosterStatus[] =
      subject.kind !== "eligible"
        ? ["unmarked", "present"]
        : correction
          ? ["present", "excused", "unexcused"]
          : ["unmarked", "present", "excused", "unexcused"];
    const target = next === "cycle" ? cycle[(cycle.indexOf(current) + 1) % cycle.length]! : next;
    if (!cycle.includes(target)) throw new UserError("error-rollcall-status-not-allowed");
    const result = {
      name: subject.fullName,
      status: target,
      guest: subject.kind === "guest",
      correction,
    };
    if (target === current && (!before || before.reasonAccepted)) return result;

    let after: Attendance | null = null;
    if (target === "unmarked") {
      await tx.attendance.delete({ where: { id: before!.id } });
    } else {
      const answer =
        target === "excused"
          ? await tx.answer.findUnique({ where: { meetingId_memberId: { meetingId, memberId } } })
          : null;
      const data = {
        status: STATUS[target],
        // An excused mark keeps the member's own reason when they gave one.
        reason: target === "excused" && answer?.kind === "ABSENT" ? answer.reason : null,
        reasonAccepted: true,
        guest: subject.kind === "guest",
        markedById: actor.memberId,
        markedAt: now,
      };
      after = await tx.attendance.upsert({
        where: { meetingId_memberId: { meetingId, memberId } },
        create: { meetingId, memberId, ...data },
        update: data,
      });
    }
    if (correction) {
      await audit(tx, {
        actorId: actor.memberId,
        action: "rollcall.correction",
        entity: "Meeting",
        entityId: meetingId,
        before: markSnapshot(memberId, before),
        after: markSnapshot(memberId, after),
        at: now,
      });
    }
    return result;
  }, TX_OPTIONS);
}

/**
 * R4: a secretary rejects an absence reason as not valid (không chính đáng), which counts the
 * absence as unexcused, or accepts it again. Always audited.
 */
export async function rejectReason(
  services: Services,
  actor: Actor,
  meetingId: string,
  memberId: string,
  rejected = true,
): Promise<{ name: string; rejected: boolean; correction: boolean }> {
  const now = services.clock.now();
  return services.db.$transaction(async (tx) => {
    const { meeting, correction } = await editableMeeting(tx, actor, meetingId, now);
    await lockMember(tx, meetingId, memberId);
    const subject = await rosterSubject(tx, meeting, memberId);
    const before = await tx.attendance.findUnique({
      where: { meetingId_memberId: { meetingId, memberId } },
    });
    if (subject.kind !== "eligible" || before?.status !== "EXCUSED") {
      throw new UserError("error-rollcall-no-reason");
    }
    const result = { name: subject.fullName, rejected, correction };
    if (before.reasonAccepted === !rejected) return result;
    const after = await tx.attendance.update({
      where: { id: before.id },
      data: { reasonAccepted: !rejected, markedById: actor.memberId, markedAt: now },
    });
    await audit(tx, {
      actorId: actor.memberId,
      action: correction
        ? "rollcall.correction"
        : rejected
          ? "rollcall.reason-rejected"
          : "rollcall.reason-accepted",
      entity: "Meeting",
      entityId: meetingId,
      before: markSnapshot(memberId, before),
      after: markSnapshot(memberId, after),
      at: now,
    });
    return result;
  }, TX_OPTIONS);
}

/**
 * *Chốt điểm danh*: every eligible member still unmarked is absent without reason (R4), the
 * meeting is held; R3, R4, R5, R8 and R9 are computed by the domain, alerts raised (each at most
 * once), and the minutes (text and CSV) written as notices to the secretary, deputy and committee
 * members in charge, except the actor, who gets them as the direct reply. Pressed again within
 * 24 h, it sends the corrected minutes and raises what the corrections brought up.
 */
export async function closeRollCall(
  services: Services,
  actor: Actor,
  meetingId: string,
): Promise<CloseResult> {
  const { db, clock, settings, t } = services;
  const { policy } = settings;
  const now = clock.now();
  const found = await db.meeting.findUnique({ where: { id: meetingId } });
  if (!found) throw new UserError("error-meeting-not-found");
  if (!canLead(actor, found.unitId)) throw new UserError("error-not-allowed");
  const year = localDate(found.startsAt).slice(0, 4);
  // Earlier held meetings of the year (R5, R8); this one is added from the roll call below.
  const history = await cellHistory(db, found.unitId, {
    from: yearStart(year),
    to: found.startsAt,
  });

  const { minutes, resent, created } = await db.$transaction(async (tx) => {
    const { meeting, correction: resent } = await editableMeeting(
      tx,
      actor,
      meetingId,
      now,
      "update",
    );
    const unit = await tx.unit.findUniqueOrThrow({ where: { id: meeting.unitId } });
    const date = localDate(meeting.startsAt);
    const rows = await tx.member.findMany({
      where: { cellId: meeting.unitId },
      include: { statusPeriods: true },
    });
    const members = rows.map(toDomainMember);
    let closedAt = meeting.rollCallClosedAt ?? now;
    if (!resent) {
      await tx.attendance.createMany({
        data: members
          .filter((m) => standingOn(m, date) === "eligible")
          .map((m) => ({
            meetingId,
            memberId: m.id,
            status: "UNEXCUSED" as const,
            markedById: actor.memberId,
            markedAt: now,
          })),
        skipDuplicates: true,
      });
      await tx.meeting.update({
        where: { id: meetingId },
        data: { status: "HELD", rollCallClosedAt: now },
      });
      closedAt = now;
      await audit(tx, {
        actorId: actor.memberId,
        action: "rollcall.close",
        entity: "Meeting",
        entityId: meetingId,
        before: { status: meeting.status, rollCallClosedAt: null },
        after: { status: "HELD", rollCallClosedAt: now },
        at: now,
      });
    }
    const attendance = await tx.attendance.findMany({ where: { meetingId } });
    const record = meetingRecord({ ...meeting, date }, attendance);
    const {
      outcome,
      duration,
      findings: found,
    } = heldMeetingFindings({
      policy,
      members,
      meeting: record,
      history: history.meetings,
      times: { openedAt: meeting.rollCallOpenedAt ?? closedAt, closedAt },
    });
    const when = displayParts(meeting.startsAt);
    const names = new Map(rows.map((m) => [m.id, m.fullName]));
    const base = { cell: unit.name, date: when.date, time: when.time };

    const findings: AlertInput[] = found.map(({ type, memberId, value }) => {
      const member: Record<string, string> = memberId ? { member: names.get(memberId)! } : {};
      if (type === "r8-warning" || type === "r8-consider")
        // Keyed by the count, not the meeting: a second absence in the same month adds nothing.
        return {
          type,
          unitId: meeting.unitId,
          memberId: memberId!,
          period: `${year}-${value}`,
          args: { ...base, ...member, months: value!, year },
        };
      const args: Record<string, number> =
        type === "r3-failed"
          ? {
              present: outcome.present,
              eligible: outcome.eligible,
              minimum: outcome.minimumPresent,
              rate: percent(outcome.rate) ?? 0,
              threshold: percent(policy.minRate),
            }
          : type === "r9-short"
            ? { minutes: value!, required: duration!.requiredMinutes }
            : type.startsWith("r5-")
              ? { streak: value!, max: policy.maxConsecutiveExcused }
              : {};
      return {
        type,
        unitId: meeting.unitId,
        meetingId,
        memberId: memberId ?? undefined,
        period: date,
        args: { ...base, ...member, ...args },
      };
    });
    const alerted = await raiseAlerts(tx, findings, now);

    const revision = await tx.auditLog.count({
      where: { entity: "Meeting", entityId: meetingId, action: "rollcall.correction" },
    });
    const guests = await guestsOf(tx, meeting.unitId, attendance, new Set(names.keys()));
    const minutes: Minutes = {
      meetingId,
      cell: unit.name,
      meetingKind: record.kind,
      date,
      start: meeting.rollCallOpenedAt ?? closedAt,
      end: closedAt,
      total: members.filter((m) => standingOn(m, date) !== "outside").length,
      eligible: outcome.eligible,
      present: outcome.present,
      minimumPresent: outcome.minimumPresent,
      rate: outcome.rate,
      rateOk: outcome.rateOk,
      threshold: policy.minRate,
      rows: minutesRows(rows, members, date, attendance, guests),
      findings: findings.map((f) => ({ type: f.type, args: f.args })),
      duration,
      revision,
    };
    const rendered = minutesMessages(t, minutes);
    const intents: DeliveryIntent[] = [];
    for (const person of await alertRecipients(tx, meeting.unitId)) {
      const chat = preferredChat(person.identities);
      if (!chat || person.id === actor.memberId) continue;
      const notice = (part: string, payload: NoticePayload) =>
        intents.push({
          idempotencyKey: `minutes_${meetingId}_${revision}_${part}_${person.id}`,
          platform: chat.platform,
          chatId: chat.chatId,
          kind: "notice",
          payload,
          dueAt: now,
          memberId: person.id,
          meetingId,
        });
      notice("text", { text: rendered.text });
      notice("csv", { text: rendered.caption, file: rendered.file });
    }
    return {
      minutes,
      resent,
      created: [...alerted, ...(await writeIntents(tx, intents))],
    };
  }, TX_OPTIONS);
  await services.dispatcher.dispatch(created);
  return { view: await rosterView(services, meetingId), minutes, resent };
}

// ── helpers ───────────────────────────────────────────────────────────────

function markSnapshot(memberId: string, row: Attendance | null) {
  return row
    ? { memberId, status: row.status, reasonAccepted: row.reasonAccepted, guest: row.guest }
    : { memberId, status: null };
}
