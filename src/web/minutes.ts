// A held meeting's minutes as a CSV download (attendance part): the figures and each member's
// mark with the reason, as the cell page shows them (web-views computes them with the rules).
import { displayParts, showDate } from "../domain/local-time.ts";
import type { Translate } from "../i18n.ts";
import type { Services } from "../services/context.ts";
import { writeCsv } from "../services/csv.ts";
import type { WebViewer } from "../services/web-access.ts";
import { cellYear } from "../services/web-views.ts";

export async function meetingMinutesCsv(
  services: Services,
  t: Translate,
  viewer: WebViewer,
  meetingId: string,
): Promise<{ name: string; content: string } | null> {
  const meeting = await services.db.meeting.findUnique({ where: { id: meetingId } });
  if (meeting?.status !== "HELD") return null;
  const year = displayParts(meeting.startsAt).date.slice(6);
  const cell = await cellYear(services, viewer, meeting.unitId, year);
  const held = cell.held.find((m) => m.id === meetingId);
  const report = cell.meetings.find((m) => m.id === meetingId);
  if (!held || !report?.attendance) return null;
  const a = report.attendance;
  const rows: (string | number | null)[][] = [
    [t("web-minutes-title"), cell.unit.name],
    [t("web-col-date"), showDate(held.date), displayParts(meeting.startsAt).time],
    [t("web-minutes-total"), a.members],
    [t("report-col-eligible"), a.eligible],
    [t("report-col-present"), a.present],
    [t("report-col-excused"), a.excused],
    [t("report-col-unexcused"), a.unexcused],
    [t("report-col-rate-percent"), a.rate === null ? null : Math.floor(a.rate * 1000) / 10],
    [],
    [t("web-col-member"), t("web-col-mark"), t("web-import-reason")],
  ];
  for (const m of cell.members) {
    const mark = m.marks[meetingId];
    if (!mark || mark.mark === "outside") continue;
    rows.push([m.fullName, t("web-mark", { mark: mark.mark }), mark.reason ?? ""]);
  }
  return { name: `bien-ban-${cell.unit.code}-${held.date}.csv`, content: writeCsv(rows) };
}
