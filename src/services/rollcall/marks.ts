import type { Attendance, AttendanceStatus, Meeting } from "@prisma/client";
import { standingOn } from "../../domain/eligibility.ts";
import { localDate } from "../../domain/local-time.ts";
import type { Actor } from "../actors.ts";
import { audit } from "../audit.ts";
import type { Services } from "../context.ts";
import { UserError } from "../errors.ts";
import { MARKS } from "../history.ts";
import { toDomainMember } from "../members.ts";
import { editableMeeting, lockMember, rosterSubject, TX_OPTIONS, type Tx } from "./guards.ts";
import type { RosterStatus } from "./view.ts";

/** A secretary's presses on the roster: a member's mark, and rejecting or accepting a reason (R4). */

const STATUS: Record<Exclude<RosterStatus, "unmarked">, AttendanceStatus> = {
  present: "PRESENT",
  excused: "EXCUSED",
  unexcused: "UNEXCUSED",
};

/** Whom a mark is for: an eligible member, an exempt or special-duty one, or a guest. */
export type MarkSubject = "eligible" | "exempt" | "guest";

/**
 * The marks a subject can take, in the order a press on their roster button walks through them:
 * exempt members and guests are present or not; after closing (a correction), unmarked is gone.
 */
export function markCycle(subject: MarkSubject, correction: boolean): RosterStatus[] {
  if (subject !== "eligible") return ["unmarked", "present"];
  return correction
    ? ["present", "excused", "unexcused"]
    : ["unmarked", "present", "excused", "unexcused"];
}

/** What the next press on a button showing `current` sets (the button carries it). */
export function nextMark(current: RosterStatus, subject: MarkSubject, correction: boolean) {
  const cycle = markCycle(subject, correction);
  return cycle[(cycle.indexOf(current) + 1) % cycle.length]!;
}

/**
 * Sets a member's mark to `target` — never "the next one": a press delivered twice, or two
 * secretaries pressing the same button, end in the same mark. Each call locks that member's
 * mark, so concurrent presses are applied one after the other, none lost. After closing, a mark
 * is a correction: allowed for 24 h and written to the audit log.
 */
export async function markMember(
  services: Services,
  actor: Actor,
  meetingId: string,
  memberId: string,
  target: RosterStatus,
): Promise<MarkResult> {
  const [result] = await markMany(services, actor, meetingId, [{ memberId, target }]);
  return result!;
}

export interface MarkResult {
  name: string;
  status: RosterStatus;
  guest: boolean;
  correction: boolean;
}

/**
 * Several marks at once (Zalo's «1-5 c», «còn lại k»): all or none — one refused mark (someone
 * not on the roll, a mark an exempt member cannot take) refuses the whole list.
 */
export async function markMany(
  services: Services,
  actor: Actor,
  meetingId: string,
  marks: readonly { memberId: string; target: RosterStatus }[],
): Promise<MarkResult[]> {
  const now = services.clock.now();
  return services.db.$transaction(async (tx) => {
    const { meeting, correction } = await editableMeeting(tx, actor, meetingId, now);
    const results: MarkResult[] = [];
    for (const { memberId, target } of marks) {
      results.push(await applyMark(tx, { actor, meeting, correction, now }, memberId, target));
    }
    return results;
  }, TX_OPTIONS);
}

async function applyMark(
  tx: Tx,
  at: { actor: Actor; meeting: Meeting; correction: boolean; now: Date },
  memberId: string,
  target: RosterStatus,
): Promise<MarkResult> {
  const { actor, meeting, correction, now } = at;
  const meetingId = meeting.id;
  await lockMember(tx, meetingId, memberId);
  const subject = await rosterSubject(tx, meeting, memberId);
  const before = await tx.attendance.findUnique({
    where: { meetingId_memberId: { meetingId, memberId } },
  });
  const current: RosterStatus = before ? (MARKS[before.status] as RosterStatus) : "unmarked";
  if (!markCycle(subject.kind, correction).includes(target))
    throw new UserError("error-rollcall-status-not-allowed", { name: subject.fullName });
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
      // The secretary's mark replaces a self check-in (issue 16).
      selfCheckedAt: null,
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
}

/**
 * "Đánh dấu có mặt tất cả người đã xác nhận": the secretary, looking at the room, marks present
 * every member who answered Tham dự and has no mark yet (a member marked otherwise keeps it).
 * Only while the roll call is open; audited with the names. Returns how many were marked.
 */
export async function markConfirmedPresent(
  services: Services,
  actor: Actor,
  meetingId: string,
): Promise<{ marked: number }> {
  const now = services.clock.now();
  return services.db.$transaction(async (tx) => {
    const { meeting, correction } = await editableMeeting(tx, actor, meetingId, now);
    if (correction) throw new UserError("error-rollcall-bulk-closed");
    const date = localDate(meeting.startsAt);
    const confirmed = await tx.member.findMany({
      where: {
        cellId: meeting.unitId,
        answers: { some: { meetingId, kind: "ATTENDING" } },
        attendance: { none: { meetingId } },
      },
      include: { statusPeriods: true },
    });
    const here = confirmed.filter((m) => standingOn(toDomainMember(m), date) !== "outside");
    const { count } = await tx.attendance.createMany({
      data: here.map((m) => ({
        meetingId,
        memberId: m.id,
        status: "PRESENT" as const,
        markedById: actor.memberId,
        markedAt: now,
      })),
      skipDuplicates: true,
    });
    if (count > 0) {
      await audit(tx, {
        actorId: actor.memberId,
        action: "rollcall.mark-confirmed",
        entity: "Meeting",
        entityId: meetingId,
        after: { present: here.map((m) => m.id) },
        at: now,
      });
    }
    return { marked: count };
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

function markSnapshot(memberId: string, row: Attendance | null) {
  return row
    ? { memberId, status: row.status, reasonAccepted: row.reasonAccepted, guest: row.guest }
    : { memberId, status: null };
}
