import { displayParts } from "../../domain/local-time.ts";
import type {
  QualityFacts,
  QualityReason,
  QualityRubric,
  QualityScore,
} from "../../domain/quality.ts";
import { scoreMeeting } from "../../domain/quality.ts";
import type { Translate } from "../../i18n.ts";
import { percent } from "../format.ts";

/** One item of a meeting's quality score as every rendering shows it (report JSON included). */
export interface QualityItemView {
  key: string;
  label: string;
  /** null: not scored yet ("chưa chấm"). */
  points: number | null;
  max: number;
  by: "bot" | "secretary";
  why: string;
}

/** A held meeting's quality score (HD 42): what /baocao, the minutes, the CLI and the docx show. */
export interface MeetingQuality {
  rubric: string;
  /** The points given so far. */
  total: number;
  max: number;
  complete: boolean;
  /** The grade's key ("good", "fair", "average", "poor" in the default rubric); null until complete. */
  grade: string | null;
  /** "Tốt", "Khá"…; null until complete. */
  gradeLabel: string | null;
  items: QualityItemView[];
}

/** The item's name: the rubric's own label, else the locale's. */
export function itemLabel(t: Translate, rubric: QualityRubric, key: string): string {
  const item = rubric.items.find((i) => i.key === key);
  return item?.label ?? t("quality-item", { key });
}

export function gradeLabel(t: Translate, rubric: QualityRubric, key: string): string {
  return rubric.grades.find((g) => g.key === key)?.label ?? t("quality-grade", { grade: key });
}

function reasonText(t: Translate, reason: QualityReason): string {
  const args: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(reason.args)) {
    if (value instanceof Date) {
      const at = displayParts(value);
      args[name] = `${at.time} ${at.date}`;
    } else args[name] = name === "rate" ? (percent(value as number) ?? 0) : value;
  }
  return t(`quality-why-${reason.code}`, args);
}

export function qualityView(
  t: Translate,
  rubric: QualityRubric,
  score: QualityScore,
): MeetingQuality {
  return {
    rubric: rubric.name,
    total: score.total,
    max: score.max,
    complete: score.complete,
    grade: score.grade,
    gradeLabel: score.grade ? gradeLabel(t, rubric, score.grade) : null,
    items: score.items.map((i) => ({
      key: i.key,
      label: itemLabel(t, rubric, i.key),
      points: i.points,
      max: i.max,
      by: i.by,
      why: i.reasons.map((r) => reasonText(t, r)).join("; "),
    })),
  };
}

export const scoreView = (t: Translate, rubric: QualityRubric, facts: QualityFacts) =>
  qualityView(t, rubric, scoreMeeting(rubric, facts));

/** One line for lists: "Chất lượng: 86/100 — Khá" or "… 18/100 (chưa chấm xong)". */
export function qualityLine(t: Translate, q: MeetingQuality): string {
  return t("quality-line", {
    total: q.total,
    max: q.max,
    grade: q.gradeLabel ?? "",
    complete: q.complete ? "yes" : "no",
  });
}

/** In a committee's one-line summary: "chất lượng 86/100 Khá". */
export function qualityShort(t: Translate, q: MeetingQuality): string {
  return t("quality-short", { ...totalArgs(q) });
}

/** "86/100 Khá" or "18/100 (chưa chấm xong)" for a table cell. */
export function qualityCell(t: Translate, q: MeetingQuality): string {
  return t("quality-csv-value", { ...totalArgs(q) });
}

const totalArgs = (q: MeetingQuality) => ({
  total: q.total,
  max: q.max,
  grade: q.gradeLabel ?? "",
  complete: q.complete ? "yes" : "no",
});

/** The whole score, item by item with why, then the total. */
export function qualityLines(t: Translate, q: MeetingQuality): string[] {
  return [
    t("quality-title"),
    ...q.items.map((i) =>
      t("quality-item-line", {
        label: i.label,
        points: i.points ?? "",
        max: i.max,
        scored: i.points === null ? "no" : "yes",
        by: i.by,
        why: i.why,
      }),
    ),
    qualityLine(t, q),
  ];
}

export interface SecretaryItem {
  /** Position in the rubric (short enough for a button's data). */
  index: number;
  key: string;
  label: string;
  max: number;
  partial: number;
  points: number | null;
}

export interface QualitySheet {
  meetingId: string;
  cell: string;
  startsAt: Date;
  quality: MeetingQuality;
  /** Scores can still be given or corrected (the roll call's correction window). */
  editable: boolean;
  correctableUntil: Date;
  secretaryItems: SecretaryItem[];
}
