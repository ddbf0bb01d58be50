import { Composer } from "grammy";
import { displayParts } from "../../../domain/local-time.ts";
import { monthLabel } from "../../../services/alert-sweep.ts";
import {
  committeeOverview,
  type FindingView,
  type UnitMeetingView,
  type UnitMonthView,
} from "../../../services/committee.ts";
import type { BotContext } from "../context.ts";
import { withUserErrors } from "../reply-error.ts";

/** What a committee member in charge sees: `/donvi`, this month in each of their units. */
export const committee = new Composer<BotContext>();

/** Telegram allows 4096 characters per message; units are never split across messages. */
const MESSAGE_LIMIT = 4000;

function meetingLine(ctx: BotContext, m: UnitMeetingView): string {
  const when = displayParts(m.startsAt);
  const args = {
    weekday: ctx.t("weekday", { day: when.day }),
    date: when.date,
    time: when.time,
    meetingKind: m.kind,
  };
  if (m.state !== "held" || !m.outcome) return ctx.t(`donvi-meeting-${m.state}`, args);
  const { present, eligible, rate, rateOk } = m.outcome;
  if (rate === null) return ctx.t("donvi-meeting-held-nobody", args);
  return ctx.t("donvi-meeting-held", {
    ...args,
    present,
    eligible,
    percent: rate * 100,
    verdict: rateOk ? "ok" : "failed",
  });
}

function findingLine(ctx: BotContext, f: FindingView): string {
  const parts = [ctx.t("finding", { type: f.type })];
  if (f.memberName) parts.push(f.memberName);
  if (f.meetingStartsAt) parts.push(displayParts(f.meetingStartsAt).date);
  else if (f.month) parts.push(monthLabel(f.month));
  return ctx.t("donvi-finding", { text: parts.join(" — ") });
}

function unitBlock(ctx: BotContext, unit: UnitMonthView): string {
  const lines = [ctx.t("donvi-unit", { cell: unit.name })];
  if (unit.meetings.length === 0) lines.push(ctx.t("donvi-no-meeting"));
  for (const m of unit.meetings) lines.push(meetingLine(ctx, m));
  lines.push(ctx.t("donvi-open-alerts", { count: unit.openAlerts }));
  for (const f of unit.findings) lines.push(findingLine(ctx, f));
  return lines.join("\n");
}

committee.chatType("private").command("donvi", async (ctx) => {
  const actor = ctx.actor!;
  const overview = await withUserErrors(ctx, ctx.t, () =>
    committeeOverview(ctx.deps.services, actor),
  );
  if (!overview) return;
  const header = ctx.t("donvi-header", {
    month: monthLabel(overview.month),
    count: overview.units.length,
  });
  if (overview.units.length === 0) {
    await ctx.reply(`${header}\n\n${ctx.t("donvi-none")}`);
    return;
  }
  const messages: string[] = [header];
  for (const block of overview.units.map((u) => unitBlock(ctx, u))) {
    const last = messages.length - 1;
    if (messages[last]!.length + block.length + 2 <= MESSAGE_LIMIT)
      messages[last] = `${messages[last]}\n\n${block}`;
    else messages.push(block);
  }
  for (const text of messages) await ctx.reply(text);
});
