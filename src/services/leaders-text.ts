import { displayParts } from "../domain/local-time.ts";
import type { Translate } from "../i18n.ts";
import type {
  committeeOverview,
  FindingView,
  UnitMeetingView,
  UnitMonthView,
} from "./committee.ts";
import { byName, meetingArgs } from "./format.ts";
import { monthLabel } from "./months.ts";
import type { NudgeResult } from "./nudge.ts";
import type { answersOverview } from "./overview.ts";

/**
 * The channel-neutral texts of the leaders' and the committee's reports (/tinhhinh, /nhacnho,
 * /donvi): built from the services' data, sent by Telegram and Zalo alike.
 */

const names = (t: Translate, people: { fullName: string }[]) =>
  people.length
    ? byName(people)
        .map((p) => p.fullName)
        .join(", ")
    : t("tinhhinh-nobody");

type Overview = NonNullable<Awaited<ReturnType<typeof answersOverview>>>;

/**
 * /tinhhinh: who answered what for the next meeting, with the projection. Reasons are private:
 * only ever sent to a leader's private chat.
 */
export function answersOverviewLines(t: Translate, overview: Overview, minRate: number): string[] {
  const p = overview.projection;
  const lines = [
    t("tinhhinh-title", { cell: overview.meeting.unit.name, ...meetingArgs(t, overview.meeting) }),
    "",
    t("tinhhinh-attending", {
      count: overview.attending.length,
      names: names(t, overview.attending),
    }),
    overview.declined.length
      ? t("tinhhinh-declined", { count: overview.declined.length })
      : `${t("tinhhinh-declined", { count: 0 })} ${t("tinhhinh-nobody")}`,
    ...byName(overview.declined.map((d) => ({ ...d, fullName: d.member.fullName }))).map((d) =>
      t("tinhhinh-declined-item", { name: d.fullName, reason: d.reason }),
    ),
    t("tinhhinh-silent", { count: overview.silent.length, names: names(t, overview.silent) }),
    ...overview.sends.map((send) => reminderSendLine(t, send)),
    "",
  ];
  if (p.eligible === 0) lines.push(t("tinhhinh-no-eligible"));
  else {
    const args = {
      attending: p.attending,
      eligible: p.eligible,
      declined: p.declined,
      minimum: p.minimumPresent,
      needed: p.needed,
      possible: p.eligible - p.declined,
      rate: Math.round(minRate * 1000) / 10,
    };
    lines.push(t(p.needed > 0 ? "tinhhinh-projection" : "tinhhinh-projection-ok", args));
    if (p.atRisk) lines.push(t("tinhhinh-at-risk", args));
  }
  return lines;
}

const nearestMinute = (d: Date) => new Date(Math.round(d.getTime() / 60_000) * 60_000);

/** When a reminder kind really goes out (planned under the send capacity), and if it is late. */
function reminderSendLine(t: Translate, send: Overview["sends"][number]): string {
  const match = /^([dhms])(\d+)$/.exec(send.kind);
  // To the nearest minute, as people say it: a fan-out ending at 19:29:55 goes out "at 19:30".
  const first = displayParts(nearestMinute(send.first));
  const last = displayParts(nearestMinute(send.last));
  const args = {
    unit: match?.[1] ?? "s",
    amount: Number(match?.[2] ?? 0),
    date: last.date,
    from: first.time,
    to: last.time,
    fromDate: first.date,
  };
  const sameMinute = first.date === last.date && first.time === last.time;
  const line = t(sameMinute ? "tinhhinh-reminder-at" : "tinhhinh-reminder-between", args);
  if (!send.target || send.last <= send.target) return line;
  const target = displayParts(send.target);
  return `${line} ${t("tinhhinh-reminder-late", { time: target.time, date: target.date })}`;
}

/** /nhacnho: whom the nudge reached and whom it could not. */
export function nudgeLines(t: Translate, result: NudgeResult): string[] {
  const args = meetingArgs(t, result.meeting);
  const { nudged, unreachable } = result;
  const lines: string[] = [];
  if (nudged.length === 0 && unreachable.length === 0) lines.push(t("nhacnho-all-answered", args));
  else if (nudged.length > 0)
    lines.push(t("nhacnho-done", { ...args, count: nudged.length, names: names(t, nudged) }));
  else lines.push(t("nhacnho-none-reachable", args));
  if (unreachable.length > 0)
    lines.push(
      t("nhacnho-unreachable", { count: unreachable.length, names: names(t, unreachable) }),
    );
  return lines;
}

function meetingLine(t: Translate, m: UnitMeetingView): string {
  const when = displayParts(m.startsAt);
  const args = {
    weekday: t("weekday", { day: when.day }),
    date: when.date,
    time: when.time,
    meetingKind: m.kind,
  };
  if (m.state !== "held" || !m.outcome) return t(`donvi-meeting-${m.state}`, args);
  const { present, eligible, rate, rateOk } = m.outcome;
  if (rate === null) return t("donvi-meeting-held-nobody", args);
  return t("donvi-meeting-held", {
    ...args,
    present,
    eligible,
    percent: rate * 100,
    verdict: rateOk ? "ok" : "failed",
  });
}

function findingLine(t: Translate, f: FindingView): string {
  const parts = [t("finding", { type: f.type })];
  if (f.memberName) parts.push(f.memberName);
  if (f.meetingStartsAt) parts.push(displayParts(f.meetingStartsAt).date);
  else if (f.month) parts.push(monthLabel(f.month));
  return t("donvi-finding", { text: parts.join(" — ") });
}

function unitBlock(t: Translate, unit: UnitMonthView): string {
  const lines = [t("donvi-unit", { cell: unit.name })];
  if (unit.meetings.length === 0) lines.push(t("donvi-no-meeting"));
  for (const m of unit.meetings) lines.push(meetingLine(t, m));
  lines.push(t("donvi-open-alerts", { count: unit.openAlerts }));
  for (const f of unit.findings) lines.push(findingLine(t, f));
  return lines.join("\n");
}

/** /donvi: this month in each unit in charge; a unit's block is never split across messages. */
export function committeeMessages(
  t: Translate,
  overview: Awaited<ReturnType<typeof committeeOverview>>,
  limit: number,
): string[] {
  const header = t("donvi-header", {
    month: monthLabel(overview.month),
    count: overview.units.length,
  });
  if (overview.units.length === 0) return [`${header}\n\n${t("donvi-none")}`];
  const messages: string[] = [header];
  for (const block of overview.units.map((u) => unitBlock(t, u))) {
    const last = messages.length - 1;
    if (messages[last]!.length + block.length + 2 <= limit)
      messages[last] = `${messages[last]}\n\n${block}`;
    else messages.push(block);
  }
  return messages;
}
