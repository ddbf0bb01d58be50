import {
  inDateOrder,
  isEligible,
  isInCell,
  type MeetingRecord,
  type Member,
} from "./eligibility.ts";
import type { Policy } from "./policy.ts";
import { meetingOutcome } from "./rate.ts";
import { excusedStreaks } from "./streaks.ts";

/**
 * The meeting-quality rubric (Hướng dẫn 42-HD/BTCTW, 2025): a locality's scoring sheet as data
 * (config/quality-rubric.json, validated in src/services/quality/rubric.ts) and the pure scoring
 * of one meeting from its facts. Points are whole numbers; the time is always in the facts.
 */

export type QualityScorer = "bot" | "secretary";

export type QualityRule =
  /** Full points when the meeting lasted long enough for the cell's size (or its thematic part). */
  | {
      kind: "duration";
      /** Cells with at least this many members need `largeMinutes`. */
      largeCellFrom: number;
      smallMinutes: number;
      largeMinutes: number;
      thematicMinutes: number;
    }
  /** The rate's tier (R3's eligibility), the lowest tier's points for any unexcused absence, a bonus. */
  | {
      kind: "attendance";
      /** Highest first: the first tier whose `fromRate` the rate reaches gives its points. */
      tiers: { fromRate: number; points: number }[];
      unexcusedPoints: number;
      bonus: number;
      /** The bonus is lost when a member's excused run in the year goes past this. */
      bonusMaxConsecutiveExcused: number;
    }
  /** The meeting's time, place and agenda sent to the members and to the committee member in charge. */
  | { kind: "notice"; members: number; committee: number }
  /** Documents sent at least `daysBefore` days before the start. */
  | { kind: "documents"; daysBefore: number }
  /** The minutes sent within `withinDays` days of the planned end. */
  | { kind: "minutes"; withinDays: number }
  /** Scored by the secretary: full, partial (these points), none, or any whole number up to max. */
  | { kind: "choice"; partial: number };

export interface QualityItem {
  readonly key: string;
  readonly max: number;
  readonly by: QualityScorer;
  readonly rule: QualityRule;
  /** Overrides the locale's name of the item (a locality's own item). */
  readonly label?: string;
}

export interface QualityGrade {
  readonly key: string;
  /** The total from which this grade is given. */
  readonly min: number;
  readonly label?: string;
}

export interface QualityRubric {
  readonly name: string;
  readonly items: readonly QualityItem[];
  /** Highest first; the last one's min is 0. */
  readonly grades: readonly QualityGrade[];
}

/** What the bot knows about one held meeting; secretary scores by item key (absent: unscored). */
export interface QualityFacts {
  readonly thematic: boolean;
  /** Members in the cell on the meeting date, exempt and special duty included. */
  readonly cellMembers: number;
  /** From meetingTimes (domain/duration.ts); null when unknown. */
  readonly minutes: number | null;
  readonly eligible: number;
  readonly present: number;
  readonly unexcused: number;
  /** The longest excused run of any eligible member in the year up to this meeting (R5). */
  readonly longestExcusedStreak: number;
  readonly startsAt: Date;
  readonly plannedEndAt: Date;
  /** First reminder delivered to a member / to a committee member in charge; null if none. */
  readonly membersNotifiedAt: Date | null;
  readonly committeeNotifiedAt: Date | null;
  /** The cell has a committee member in charge. */
  readonly committeeInCharge: boolean;
  /** First document delivered to someone; null if none. */
  readonly documentsSentAt: Date | null;
  /** When the minutes went out (the roll call's closing); null while not closed. */
  readonly minutesSentAt: Date | null;
  readonly secretary: Readonly<Record<string, number>>;
}

/** Why an item got its points, as a locale key's arguments (rendered by the services). */
export interface QualityReason {
  readonly code: string;
  readonly args: Readonly<Record<string, string | number | Date>>;
}

export interface ScoredItem {
  readonly key: string;
  readonly max: number;
  readonly by: QualityScorer;
  /** null: a secretary's item not scored yet ("chưa chấm"). */
  readonly points: number | null;
  readonly reasons: readonly QualityReason[];
}

export interface QualityScore {
  readonly items: readonly ScoredItem[];
  /** The points given so far. */
  readonly total: number;
  readonly max: number;
  /** Every item has its points. */
  readonly complete: boolean;
  /** The grade's key, once complete; null before. */
  readonly grade: string | null;
}

const DAY_MS = 86_400_000;

/** Scores one meeting: each item's points with the reasons, the total and (when complete) the grade. */
export function scoreMeeting(rubric: QualityRubric, facts: QualityFacts): QualityScore {
  const items = rubric.items.map((item) => scoreItem(item, facts));
  const total = items.reduce((sum, i) => sum + (i.points ?? 0), 0);
  const complete = items.every((i) => i.points !== null);
  return {
    items,
    total,
    max: rubric.items.reduce((sum, i) => sum + i.max, 0),
    complete,
    grade: complete ? gradeOf(rubric, total) : null,
  };
}

export function gradeOf(rubric: QualityRubric, total: number): string {
  return (rubric.grades.find((g) => total >= g.min) ?? rubric.grades.at(-1)!).key;
}

/** The points a secretary's short choice gives; a number must be whole and within the maximum. */
export function choicePoints(
  item: QualityItem,
  choice: "full" | "partial" | "none" | number,
): number | null {
  if (choice === "full") return item.max;
  if (choice === "none") return 0;
  if (choice === "partial") return item.rule.kind === "choice" ? item.rule.partial : null;
  return Number.isInteger(choice) && choice >= 0 && choice <= item.max ? choice : null;
}

function scoreItem(item: QualityItem, f: QualityFacts): ScoredItem {
  const base = { key: item.key, max: item.max, by: item.by };
  const rule = item.rule;
  const done = (points: number, ...reasons: QualityReason[]): ScoredItem => ({
    ...base,
    points: Math.min(item.max, Math.max(0, points)),
    reasons,
  });
  const why = (code: string, args: QualityReason["args"] = {}): QualityReason => ({ code, args });
  switch (rule.kind) {
    case "duration": {
      const required = f.thematic
        ? rule.thematicMinutes
        : f.cellMembers >= rule.largeCellFrom
          ? rule.largeMinutes
          : rule.smallMinutes;
      const size = f.thematic
        ? "thematic"
        : f.cellMembers >= rule.largeCellFrom
          ? "large"
          : "small";
      if (f.minutes === null) return done(0, why("duration-unknown", { required }));
      const ok = f.minutes >= required;
      return done(
        ok ? item.max : 0,
        why(ok ? "duration-ok" : "duration-short", {
          minutes: f.minutes,
          required,
          size,
          members: f.cellMembers,
          largeFrom: rule.largeCellFrom,
          points: ok ? item.max : 0,
        }),
      );
    }
    case "attendance": {
      if (f.eligible === 0) return done(0, why("attendance-nobody"));
      const tier = rule.tiers.find((t) => reaches(f.present, f.eligible, t.fromRate));
      const tierPoints = tier?.points ?? 0;
      const reasons = [
        why("attendance-rate", {
          present: f.present,
          eligible: f.eligible,
          rate: f.present / f.eligible,
          points: tierPoints,
        }),
      ];
      let points = tierPoints;
      if (f.unexcused > 0 && rule.unexcusedPoints < points) {
        points = rule.unexcusedPoints;
        reasons.push(why("attendance-unexcused", { count: f.unexcused, points }));
      }
      const bonus = f.longestExcusedStreak <= rule.bonusMaxConsecutiveExcused;
      reasons.push(
        why(bonus ? "attendance-bonus" : "attendance-no-bonus", {
          max: rule.bonusMaxConsecutiveExcused,
          streak: f.longestExcusedStreak,
          points: rule.bonus,
        }),
      );
      return done(points + (bonus ? rule.bonus : 0), ...reasons);
    }
    case "notice": {
      const before = (at: Date | null) => at !== null && at.getTime() <= f.startsAt.getTime();
      const members = before(f.membersNotifiedAt);
      const committee = before(f.committeeNotifiedAt);
      return done(
        (members ? rule.members : 0) + (committee ? rule.committee : 0),
        members
          ? why("notice-members", { at: f.membersNotifiedAt!, points: rule.members })
          : why("notice-members-none"),
        committee
          ? why("notice-committee", { at: f.committeeNotifiedAt!, points: rule.committee })
          : why(f.committeeInCharge ? "notice-committee-none" : "notice-no-committee"),
      );
    }
    case "documents": {
      if (!f.documentsSentAt) return done(0, why("documents-none", { days: rule.daysBefore }));
      const early = f.startsAt.getTime() - f.documentsSentAt.getTime() >= rule.daysBefore * DAY_MS;
      return done(
        early ? item.max : 0,
        why(early ? "documents-early" : "documents-late", {
          at: f.documentsSentAt,
          days: rule.daysBefore,
          points: early ? item.max : 0,
        }),
      );
    }
    case "minutes": {
      if (!f.minutesSentAt) return done(0, why("minutes-none", { days: rule.withinDays }));
      const inTime =
        f.minutesSentAt.getTime() - f.plannedEndAt.getTime() <= rule.withinDays * DAY_MS;
      return done(
        inTime ? item.max : 0,
        why(inTime ? "minutes-in-time" : "minutes-late", {
          at: f.minutesSentAt,
          days: rule.withinDays,
          points: inTime ? item.max : 0,
        }),
      );
    }
    case "choice": {
      const given = f.secretary[item.key];
      if (given === undefined)
        return { ...base, points: null, reasons: [why("secretary-unscored")] };
      return done(given, why("secretary-scored", { points: given, max: item.max }));
    }
  }
}

/** present ÷ eligible ≥ rate, exactly (integers: 0.9 × 30 is not 27 in floating point). */
function reaches(present: number, eligible: number, rate: number): boolean {
  return present * 10_000 >= Math.round(rate * 10_000) * eligible;
}

/**
 * The attendance facts of a held meeting with R3's eligibility (exempt and special-duty members
 * left out, unmarked eligible members unexcused) and R5's runs over the year up to it.
 */
export function attendanceFacts(input: {
  policy: Pick<Policy, "minRate" | "countExemptAttendees" | "maxConsecutiveExcused">;
  members: readonly Member[];
  meeting: MeetingRecord;
  /** The cell's held meetings (this one may be among them). */
  history: readonly MeetingRecord[];
}): Pick<
  QualityFacts,
  "eligible" | "present" | "unexcused" | "longestExcusedStreak" | "cellMembers"
> {
  const { policy, members, meeting } = input;
  const year = meeting.date.slice(0, 4);
  const ordered = inDateOrder([...input.history.filter((m) => m.id !== meeting.id), meeting]);
  const upTo = ordered
    .slice(0, ordered.indexOf(meeting) + 1)
    .filter((m) => m.date.startsWith(year));
  const outcome = meetingOutcome(members, meeting, policy);
  let longest = 0;
  for (const member of members) {
    if (!isEligible(member, meeting.date)) continue;
    for (const step of excusedStreaks(member, upTo, policy))
      longest = Math.max(longest, step.streak);
  }
  return {
    eligible: outcome.eligible,
    present: outcome.present,
    unexcused: outcome.unexcused.length,
    longestExcusedStreak: longest,
    cellMembers: members.filter((m) => isInCell(m, meeting.date)).length,
  };
}
