import { displayParts } from "../../domain/local-time.ts";
import type { Translate } from "../../i18n.ts";
import { type QualitySheet, qualityLine } from "./view.ts";

/** The scoring sheet as every channel shows it: the bot's items with why, the secretary's, the total. */
export function qualitySheetText(t: Translate, sheet: QualitySheet): string {
  const { quality } = sheet;
  const bot = quality.items.filter((i) => i.by === "bot");
  const secretary = quality.items.filter((i) => i.by === "secretary");
  return [
    t("quality-sheet-title", { cell: sheet.cell, date: displayParts(sheet.startsAt).date }),
    "",
    t("quality-bot-items"),
    ...bot.map((i) =>
      t("quality-item-line", {
        label: i.label,
        points: i.points ?? 0,
        max: i.max,
        scored: "yes",
        why: i.why,
      }),
    ),
    "",
    t("quality-secretary-items"),
    ...secretary.map((i) =>
      t("quality-secretary-line", {
        label: i.label,
        points: i.points ?? 0,
        max: i.max,
        scored: i.points === null ? "no" : "yes",
      }),
    ),
    "",
    qualityLine(t, quality),
  ].join("\n");
}

/** "Correctable until …" or "no longer correctable", in the channel's wording. */
export function qualityWindowText(t: Translate, sheet: QualitySheet, zalo = false): string {
  const until = displayParts(sheet.correctableUntil);
  const args = { time: until.time, date: until.date };
  return sheet.editable
    ? t(zalo ? "quality-edit-until-zalo" : "quality-edit-until", args)
    : t("quality-final", args);
}
