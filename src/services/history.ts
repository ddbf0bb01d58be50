import type { AttendanceStatus, Prisma } from "@prisma/client";
import type { Db } from "../db/client.ts";
import type { Mark, MeetingRecord, Member } from "../domain/eligibility.ts";
import { localDate } from "../domain/local-time.ts";
import { toDomainMember } from "./members.ts";

const MARKS: Record<AttendanceStatus, Mark> = {
  PRESENT: "present",
  EXCUSED: "excused",
  UNEXCUSED: "unexcused",
};

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
      attendance: Object.fromEntries(
        m.attendance.map((a) => [
          a.memberId,
          a.status === "EXCUSED" && !a.reasonAccepted ? "unexcused" : MARKS[a.status],
        ]),
      ),
    })),
  };
}
