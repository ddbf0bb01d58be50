import type { Prisma } from "@prisma/client";
import type { Db } from "../../db/client.ts";
import { meetingTimes } from "../../domain/duration.ts";
import { type CalendarDate, standingOn } from "../../domain/eligibility.ts";
import { localDate } from "../../domain/local-time.ts";
import { meetingOutcome } from "../../domain/rate.ts";
import { UserError } from "../errors.ts";
import { compareNames } from "../format.ts";
import { toDomainMember } from "../members.ts";
import { meetingQuality, type QualityDeps } from "../quality/index.ts";
import type { MeetingQuality } from "../quality/view.ts";
import { guestsOf, meetingRecord } from "../rollcall/view.ts";
import { voteResults } from "../rollcall/votes.ts";

/**
 * The minutes (biên bản sinh hoạt chi bộ) as plain data, channel-neutral: read from the database
 * once the roll call is closed, rendered as a .docx by docx.ts. `quality` and `votes` are optional
 * sections: rendered when present, absent otherwise.
 */

export interface MinutesQuality {
  total: number;
  /** As the rubric names it: "Tốt", "Khá", "Trung bình", "Kém". */
  grade: string;
  items: MinutesQualityItem[];
}

export interface MinutesQualityItem {
  key: string;
  label: string;
  points: number;
  max: number;
  by: "bot" | "secretary";
  why: string;
}

export interface MinutesVote {
  /** What was put to the vote. */
  text: string;
  approve: number;
  reject: number;
  abstain: number;
  /** Members entitled to vote (the denominator shown: "18/20"). */
  of: number;
  passed: boolean;
}

export interface MinutesPerson {
  name: string;
}

export interface MinutesDocument {
  meetingId: string;
  /** The organisation above the cell ("Đảng bộ phường Bắc Sơn"); null for a cell without one. */
  organisation: string | null;
  cell: string;
  /**
   * The date line's place ("Phường Bắc Sơn, ngày …"): the nearest unit up the tree named after a
   * ward, commune, town, district or province; null when none is (a blank line then).
   */
  locality: string | null;
  kind: "regular" | "thematic";
  /** The meeting's local date. */
  date: CalendarDate;
  start: Date;
  end: Date;
  place: string | null;
  /** The agenda, one item a line. */
  agenda: string[];
  /** The cell's secretary unless given; null: a blank line to fill by hand. */
  chair: string | null;
  /** Not recorded by the bot: null (a blank line) unless given. */
  minuteTaker: string | null;
  attendance: {
    /** Members of the cell on the meeting's date (exempt and special duty included). */
    total: number;
    official: number;
    probationary: number;
    /** Members who had to attend (R3's denominator). */
    eligible: number;
    /** Eligible members present (R3's numerator). */
    present: number;
    /** present ÷ eligible; null when nobody had to attend. */
    rate: number | null;
    excused: (MinutesPerson & { reason: string | null })[];
    /** Unexcused, including a reason the secretary rejected (R4). */
    unexcused: (MinutesPerson & { rejectedReason: string | null })[];
    exempt: (MinutesPerson & { attended: boolean })[];
    specialDuty: (MinutesPerson & { attended: boolean })[];
    /** The committee members in charge of the cell (R7), present or not. */
    committee: (MinutesPerson & { present: boolean })[];
  };
  /** Corrections made after closing (0: the first minutes). */
  revision: number;
  quality?: MinutesQuality;
  votes?: MinutesVote[];
}

type Reader = Db | Prisma.TransactionClient;

export interface MinutesOptions {
  chair?: string;
  minuteTaker?: string;
}

/** The minutes of a meeting whose roll call is closed; a UserError otherwise. */
export async function minutesDocument(
  deps: QualityDeps,
  meetingId: string,
  options: MinutesOptions = {},
): Promise<MinutesDocument> {
  const { db } = deps;
  const { policy } = deps.settings;
  const meeting = await db.meeting.findUnique({
    where: { id: meetingId },
    include: { unit: { include: { parent: { include: { parent: true } } } } },
  });
  if (!meeting) throw new UserError("error-meeting-not-found");
  if (meeting.status !== "HELD" || !meeting.rollCallClosedAt)
    throw new UserError("mdoc-error-not-closed");
  const date = localDate(meeting.startsAt);
  const [rows, attendance, revision] = await Promise.all([
    db.member.findMany({ where: { cellId: meeting.unitId }, include: { statusPeriods: true } }),
    db.attendance.findMany({ where: { meetingId } }),
    db.auditLog.count({
      where: { entity: "Meeting", entityId: meetingId, action: "rollcall.correction" },
    }),
  ]);
  const members = rows.map(toDomainMember);
  const outcome = meetingOutcome(
    members,
    meetingRecord({ id: meeting.id, kind: meeting.kind, date }, attendance),
    policy,
  );
  const marks = new Map(attendance.map((a) => [a.memberId, a]));
  const inCell = rows
    .map((row, i) => ({ row, standing: standingOn(members[i]!, date) }))
    .filter((m) => m.standing !== "outside")
    .sort((a, b) => compareNames(a.row.fullName, b.row.fullName));

  const excused: MinutesDocument["attendance"]["excused"] = [];
  const unexcused: MinutesDocument["attendance"]["unexcused"] = [];
  const exempt: MinutesDocument["attendance"]["exempt"] = [];
  const specialDuty: MinutesDocument["attendance"]["specialDuty"] = [];
  for (const { row, standing } of inCell) {
    const mark = marks.get(row.id);
    const name = row.fullName;
    if (standing === "exempt" || standing === "special_duty") {
      (standing === "exempt" ? exempt : specialDuty).push({
        name,
        attended: mark?.status === "PRESENT",
      });
    } else if (mark?.status === "EXCUSED" && mark.reasonAccepted)
      excused.push({ name, reason: mark.reason });
    else if (mark?.status === "EXCUSED") unexcused.push({ name, rejectedReason: mark.reason });
    else if (mark?.status !== "PRESENT") unexcused.push({ name, rejectedReason: null });
  }
  const guests = await guestsOf(db, meeting.unitId, attendance, new Set(rows.map((r) => r.id)));
  const secretary =
    inCell.find((m) => m.row.cellRole === "SECRETARY") ??
    inCell.find((m) => m.row.cellRole === "DEPUTY");
  const times = meetingTimes({
    plannedStart: meeting.startsAt,
    openedAt: meeting.rollCallOpenedAt,
    closedAt: meeting.rollCallClosedAt,
  });
  const organisation = meeting.unit.parent?.name ?? null;
  return {
    meetingId,
    organisation,
    cell: meeting.unit.name,
    locality: localityOf([meeting.unit, meeting.unit.parent, meeting.unit.parent?.parent]),
    kind: meeting.kind === "THEMATIC" ? "thematic" : "regular",
    date,
    start: times.start,
    end: times.end,
    place: meeting.place ?? meeting.unit.meetingPlace,
    agenda: (meeting.agenda ?? "")
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean),
    chair: options.chair ?? secretary?.row.fullName ?? null,
    minuteTaker: options.minuteTaker ?? null,
    attendance: {
      total: inCell.length,
      official: inCell.filter((m) => m.row.membership === "FULL").length,
      probationary: inCell.filter((m) => m.row.membership === "PROBATIONARY").length,
      eligible: outcome.eligible,
      present: outcome.present,
      rate: outcome.rate,
      excused,
      unexcused,
      exempt,
      specialDuty,
      committee: guests
        .map((g) => ({ name: g.fullName, present: g.present }))
        .sort((a, b) => compareNames(a.name, b.name)),
    },
    revision,
    quality: qualityOf(await meetingQuality(deps, meetingId)),
    votes: await votesOf(db, meetingId),
  };
}

async function votesOf(db: Reader, meetingId: string): Promise<MinutesVote[] | undefined> {
  const votes = await voteResults(db, meetingId);
  return votes.length > 0 ? votes : undefined;
}

/** The score once every item is scored (a partial one would read as a low grade). */
function qualityOf(q: MeetingQuality | null): MinutesQuality | undefined {
  if (!q?.complete || !q.gradeLabel) return undefined;
  return {
    total: q.total,
    grade: q.gradeLabel,
    items: q.items.map((item) => ({ ...item, points: item.points ?? 0 })),
  };
}

/** Vietnamese administrative units, longest first ("thị xã" before "xã"). */
const PLACE = /(?:^|\s)((?:thành phố|thị trấn|thị xã|phường|xã|quận|huyện|tỉnh)\s+\S.*)$/iu;

/** "Đảng bộ Công ty Xi măng" under "Đảng bộ thị xã Bỉm Sơn" → "Thị xã Bỉm Sơn". */
export function localityOf(units: ({ name: string } | null | undefined)[]): string | null {
  for (const unit of units) {
    const found = unit ? PLACE.exec(unit.name.trim()) : null;
    if (found) return found[1]!.charAt(0).toLocaleUpperCase("vi") + found[1]!.slice(1);
  }
  return null;
}
