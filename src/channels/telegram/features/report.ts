import { Composer, InputFile } from "grammy";
import { createLogger } from "../../../logger.ts";
import { renderReportXlsx } from "../../../services/report/export.ts";
import {
  renderReportText,
  reportAsked,
  reportHint,
  reportMonthLabel,
} from "../../../services/report/index.ts";
import type { BotContext } from "../context.ts";
import { withUserErrors } from "../reply-error.ts";

/**
 * `/baocao [MM/yyyy]`: the monthly report of the secretary's cell or of the committee member's
 * units (last month by default): a text summary, plus the Excel file when it covers several
 * cells. Who may see which units is decided on the server (reportAsked).
 */
export const report = new Composer<BotContext>();

const logger = createLogger();

report.chatType("private").command("baocao", async (ctx) => {
  const { services } = ctx.deps;
  const data = await withUserErrors(ctx, ctx.t, () => reportAsked(services, ctx.actor!, ctx.match));
  if (!data) return;
  // Several cells: the text is a summary and the Excel file has every line.
  const withFile = data.units.length >= 2;
  const outro = [reportHint(ctx.t, services.clock.now())];
  await ctx.reply(renderReportText(ctx.t, data, { outro, withFile }));
  if (!withFile) return;
  const month = reportMonthLabel(data.month);
  try {
    const file = await renderReportXlsx(ctx.t, data);
    await ctx.replyWithDocument(new InputFile(file, `bao-cao-sinh-hoat-${data.month}.xlsx`), {
      caption: ctx.t("report-file-caption", { month, count: data.units.length }),
    });
  } catch (error) {
    // The text went out with every total: say the file is missing rather than fail the command.
    logger.error(
      { updateId: ctx.update.update_id, err: error instanceof Error ? error.message : error },
      "report file failed",
    );
    await ctx.reply(ctx.t("report-file-failed"));
  }
});
