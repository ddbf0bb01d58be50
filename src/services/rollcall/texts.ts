import { displayParts, showDate } from "../../domain/local-time.ts";
import type { Translate } from "../../i18n.ts";
import { writeCsv } from "../csv.ts";
import { percent } from "../format.ts";
import { qualityLine } from "../quality/view.ts";
import type { Minutes, MinutesRow, RosterView } from "./view.ts";
import { voteMinutesLines } from "./vote-texts.ts";

/** The roll call's texts for every channel: the roster's heading and closed line, the minutes. */

/** The roster's heading (cell, meeting, counts against R3's minimum), shared by every channel. */
export function rosterHeader(t: Translate, view: RosterView, minRate: number): string[] {
  const { meeting, counts } = view;
  const when = displayParts(meeting.startsAt);
  return [
    t("rollcall-title", { cell: meeting.cellName }),
    t("rollcall-meeting", {
      meetingKind: meeting.kind,
      weekday: t("weekday", { day: when.day }),
      date: when.date,
      time: when.time,
    }),
    "",
    t("rollcall-counts", {
      present: counts.present,
      eligible: counts.eligible,
      minimum: counts.minimumPresent,
      threshold: Math.round(minRate * 1000) / 10,
      excused: counts.excused,
      unexcused: counts.unexcused,
      unmarked: counts.unmarked,
    }),
    ...(counts.confirmedUnmarked > 0
      ? [t("rollcall-confirmed-line", { count: counts.confirmedUnmarked })]
      : []),
    ...(counts.selfChecked > 0
      ? [t("rollcall-self-checked-line", { count: counts.selfChecked })]
      : []),
  ];
}

/** "Closed at …, correctable until …" for a closed roster; null while it is open. */
export function rosterClosedLine(t: Translate, view: RosterView): string | null {
  if (!view.meeting.closedAt || !view.correctableUntil) return null;
  const closed = displayParts(view.meeting.closedAt);
  const until = displayParts(view.correctableUntil);
  return t(view.editable ? "rollcall-closed" : "rollcall-closed-final", {
    time: closed.time,
    date: closed.date,
    untilTime: until.time,
    untilDate: until.date,
  });
}

/** The minutes as one text message and one CSV file (UTF-8 with BOM, so Excel shows Vietnamese). */
export function minutesMessages(
  t: Translate,
  m: Minutes,
): { text: string; caption: string; file: { name: string; content: string } } {
  const date = displayParts(m.start).date;
  const meetingDate = showDate(m.date);
  const common = { cell: m.cell, date: meetingDate, meetingKind: m.meetingKind };
  const of = (status: MinutesRow["status"]) => m.rows.filter((r) => r.status === status);
  const excused = of("excused");
  const unexcused = of("unexcused");
  const exempt = m.rows.filter((r) => r.standing === "exempt" || r.standing === "special_duty");
  const guests = m.rows.filter((r) => r.role === "guest" && r.status === "present");
  const rate = percent(m.rate);

  const lines = [
    t("minutes-title", { corrected: m.revision > 0 ? "yes" : "no" }),
    t("minutes-meeting", common),
    t("minutes-time", {
      start: displayParts(m.start).time,
      end: displayParts(m.end).time,
      startDate: date,
      endDate: displayParts(m.end).date,
    }),
    "",
    t("minutes-total", { total: m.total }),
    t("minutes-eligible", { eligible: m.eligible }),
    t("minutes-present", { present: m.present, eligible: m.eligible, rate: rate ?? "—" }),
    t(
      m.rateOk === null
        ? "minutes-rate-none"
        : m.rateOk
          ? "minutes-rate-ok"
          : "minutes-rate-failed",
      {
        threshold: percent(m.threshold),
        minimum: m.minimumPresent,
        eligible: m.eligible,
      },
    ),
    t("minutes-excused", { count: excused.length }),
    ...excused.map((r) =>
      t("minutes-excused-line", {
        name: r.name,
        reason: short(r.reason ?? t("minutes-no-reason")),
      }),
    ),
    t("minutes-unexcused", { count: unexcused.length }),
    ...unexcused.map((r) =>
      r.reasonRejected
        ? t("minutes-unexcused-rejected-line", { name: r.name, reason: short(r.reason ?? "") })
        : t("minutes-unexcused-line", { name: r.name }),
    ),
    t("minutes-exempt", { count: exempt.length }),
    ...exempt.map((r) =>
      t("minutes-exempt-line", {
        name: r.name,
        standing: r.standing,
        attended: r.status === "present" ? "yes" : "no",
      }),
    ),
    t("minutes-guests", { count: guests.length }),
    ...guests.map((r) => t("minutes-guest-line", { name: r.name })),
    ...(m.selfChecked ? [t("minutes-self-checked", { count: m.selfChecked })] : []),
    ...voteMinutesLines(t, m.votes ?? []),
    "",
    t("minutes-findings"),
    ...(m.findings.length === 0
      ? [t("minutes-no-findings")]
      : m.findings.map((f) => t(`minutes-finding-${f.type}`, f.args))),
    ...(m.quality ? ["", qualityLine(t, m.quality)] : []),
  ];
  let text = lines.join("\n");
  // Telegram takes 4,096 characters; the file always has everything.
  if (text.length > 3800) text = `${text.slice(0, 3800)}…\n${t("minutes-see-file")}`;

  const csv: (string | number)[][] = [
    [t("minutes-csv-title")],
    [t("minutes-csv-cell"), m.cell],
    [t("minutes-csv-meeting"), t("meeting-kind", { meetingKind: m.meetingKind })],
    [t("minutes-csv-date"), meetingDate],
    [t("minutes-csv-start"), `${displayParts(m.start).time} ${date}`],
    [t("minutes-csv-end"), `${displayParts(m.end).time} ${displayParts(m.end).date}`],
    [t("minutes-csv-total"), m.total],
    [t("minutes-csv-eligible"), m.eligible],
    [t("minutes-csv-present"), m.present],
    [t("minutes-csv-rate"), rate === null ? "" : `${t("minutes-csv-percent", { rate })}`],
    [t("minutes-csv-excused"), excused.length],
    [t("minutes-csv-unexcused"), unexcused.length],
    [t("minutes-csv-exempt"), exempt.length],
    [t("minutes-csv-guests"), guests.length],
    ...(m.quality
      ? [
          [
            t("quality-csv-label"),
            t("quality-csv-value", {
              total: m.quality.total,
              max: m.quality.max,
              grade: m.quality.gradeLabel ?? "",
              complete: m.quality.complete ? "yes" : "no",
            }),
          ],
        ]
      : []),
    [],
    [
      t("minutes-csv-no"),
      t("minutes-csv-name"),
      t("minutes-csv-role"),
      t("minutes-csv-status"),
      t("minutes-csv-reason"),
    ],
    ...m.rows.map((r, i) => [
      i + 1,
      r.name,
      t("minutes-csv-role-value", { role: r.role }),
      t("minutes-csv-status-value", {
        status: r.reasonRejected ? "rejected" : r.status,
        standing: r.standing,
      }),
      r.reason ?? "",
    ]),
    ...(m.votes ?? []).flatMap((v, i) => [
      [],
      [t("minutes-csv-vote", { n: i + 1 }), v.text],
      [t("minutes-csv-vote-counts"), v.approve, v.reject, v.abstain, v.of],
      [t("minutes-csv-vote-result"), t("vote-result", { passed: v.passed ? "yes" : "no" })],
    ]),
  ];
  return {
    text,
    caption: t("minutes-file-caption", common),
    file: {
      name: `bien-ban-${slug(m.cell)}-${m.date}.csv`,
      content: writeCsv(csv),
    },
  };
}

function short(text: string, max = 200): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max).join("")}…`;
}

function slug(name: string): string {
  return (
    name
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "chi-bo"
  );
}
