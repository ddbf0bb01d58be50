import { UserError } from "../../../services/errors.ts";
import {
  actorReportUnits,
  renderReportText,
  reportAsked,
  reportHint,
} from "../../../services/report/index.ts";
import { guarded } from "../dialog.ts";
import type { ZaloFeature } from "../feature.ts";
import type { LinkedTurn } from "../turn.ts";

/** `baocao [MM/yyyy]`: last month's (or that month's) report of the cell or the units in charge. */
async function monthReport(turn: LinkedTurn, month: string) {
  const { t } = turn;
  const data = await guarded(turn, () => reportAsked(turn.services, turn.actor, month));
  if (!data) return;
  // Text only on Zalo; the messenger splits it at line ends into messages of 2,000 characters.
  const text = renderReportText(t, data, { limit: 12_000, outro: [reportHint(t, turn.now())] });
  await turn.reply(text);
}

/** `bienban`: the minutes' Word file cannot be sent on Zalo (text only); said plainly. */
async function minutesFile(turn: LinkedTurn) {
  const allowed = await guarded(turn, async () => {
    if (actorReportUnits(turn.actor).length === 0) throw new UserError("report-not-allowed");
    return true;
  });
  if (allowed) await turn.reply(turn.t("mdoc-zalo-unavailable"));
}

/** The month's report as text (Telegram also attaches the workbook). */
export const report: ZaloFeature = {
  commands: [{ names: ["bienban", "minutes"], run: minutesFile }],
  // Only a month after it: "báo cáo tình hình…" typed as an agenda is not this command.
  phrases: [
    {
      pattern: /^bao ?cao(?: ((?:thang )?[\d/.-]+))?$/,
      run: (turn, match) => monthReport(turn, match[1] ?? ""),
    },
  ],
};
