import type { AttendanceStatus, Prisma } from "@prisma/client";
import type { Db } from "../db/client.ts";
import type { Mark, MeetingRecord, Member } from "../domain/eligibility.ts";
import { localDate } from "../domain/local-time.ts";
import { toDomainMember } from "./members.ts";

export const MARKS: Record<AttendanceStatus, Mark> = {
  PRESENT: "present",
  EXCUSED: "excused",
  UNEXCUSED: "unexcused",
};

/** A held meeting's members (guests left out) and their marks as the rules count them (R4). */
export function countedAttendance(
  rows: readonly {
    memberId: string;
    status: AttendanceStatus;
    reasonAccepted: boolean;
    guest?: boolean;
  }[],
): Record<string, Mark> {
  return Object.fromEntries(
    rows
      .filter((a) => !a.guest)
      .map((a) => [a.memberId, countedMarkOf(a.status, a.reasonAccepted)]),
  );
}

/** A roll-call mark as the rules count it (R4). */
export function countedMarkOf(status: AttendanceStatus, reasonAccepted: boolean): Mark {
  // A reason the secretary rejected makes the absence one without reason.
  return status === "EXCUSED" && !reasonAccepted ? "unexcused" : MARKS[status];
}

/** A cell's members and held meetings (with their roll call) in the domain's terms. */
export async function cellHistory(
  db: Db | Prisma.TransactionClient,
  cellId: string,
  range: { from: Date; to: Date },
): Promise<{ members: Member[]; meetings: MeetingRecord[] }> {
  const [members, meetings] = await Promise.all([
    db.member.findMany({
      where: { cellId },
      include: { statusPeriods: true },
      orderBy: { fullName: "asc" },
    }),
    db.meeting.findMany({
      where: { unitId: cellId, status: "HELD", startsAt: { gte: range.from, lte: range.to } },
      include: { attendance: { where: { guest: false } } },
      orderBy: { startsAt: "asc" },
    }),
  ]);
  return {
    members: members.map(toDomainMember),
    meetings: meetings.map((m) => ({
      id: m.id,
      kind: m.kind === "THEMATIC" ? "thematic" : "regular",
      date: localDate(m.startsAt),
      attendance: countedAttendance(m.attendance),
    })),
  };
}
