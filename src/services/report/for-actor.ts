import type { Translate } from "../../i18n.ts";
import type { Actor } from "../actors.ts";
import type { Services } from "../context.ts";
import { UserError } from "../errors.ts";
import { monthlyReport } from "./compute.ts";
import { defaultReportMonth, isReportMonth, reportMonthFromText } from "./month.ts";
import { reportMonthLabel } from "./text.ts";
import type { MonthlyReport } from "./types.ts";

/**
 * `/baocao` for a person, in either channel: which units they may see and the month as they typed
 * it; a refusal or an unreadable month is a UserError.
 */

/**
 * The meeting units a person may see a report of: the cell they lead (secretary or deputy) and the
 * units they are in charge of as a committee member. A plain member gets none.
 */
export function actorReportUnits(actor: Actor): string[] {
  const units = new Set(actor.inChargeOf);
  if (actor.leads && actor.cellId) units.add(actor.cellId);
  return [...units];
}

/** `/baocao`: the month's report for what the person leads or is in charge of; refused otherwise. */
export async function reportForActor(
  services: Services,
  actor: Actor,
  month: string,
): Promise<MonthlyReport> {
  const unitIds = actorReportUnits(actor);
  if (unitIds.length === 0) throw new UserError("report-not-allowed");
  const now = services.clock.now();
  if (!isReportMonth(month))
    throw new UserError("report-bad-month", {
      example: reportMonthLabel(defaultReportMonth(now)),
    });
  return monthlyReport(services, {
    month,
    scope: { kind: "units", unitIds },
    now,
  });
}

/**
 * `/baocao [month]` as typed in chat (Telegram and Zalo): the month read (last month when empty),
 * then the report of what the person leads or is in charge of. A month that cannot be read or has
 * not begun is a UserError naming it as the person would write it.
 */
export async function reportAsked(services: Services, actor: Actor, text: string) {
  const parsed = reportMonthFromText(text, services.clock.now());
  if ("error" in parsed)
    throw new UserError(parsed.error, {
      example: reportMonthLabel(defaultReportMonth(services.clock.now())),
      month: "month" in parsed ? reportMonthLabel(parsed.month) : "",
    });
  return reportForActor(services, actor, parsed.month);
}

/** The line after a report in chat: how to ask for another month. */
export const reportHint = (t: Translate, now: Date) =>
  t("report-hint", { example: reportMonthLabel(defaultReportMonth(now)) });
