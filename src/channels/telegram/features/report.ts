import { Composer, InputFile } from "grammy";
import { displayParts } from "../../../domain/local-time.ts";
import { createLogger } from "../../../logger.ts";
import { fromShortId, shortId } from "../../../services/callback-data.ts";
import { minutesForActor } from "../../../services/minutes/index.ts";
import { renderReportXlsx } from "../../../services/report/export.ts";
import {
  renderReportText,
  reportAsked,
  reportHint,
  reportMonthLabel,
} from "../../../services/report/index.ts";
import type { BotContext } from "../context.ts";
import { inlineKeyboard } from "../messenger.ts";
import { withUserErrors } from "../reply-error.ts";

/**
 * `/baocao [MM/yyyy]`: the monthly report of the secretary's cell or of the committee member's
 * units (last month by default): a text summary, plus the Excel file when it covers several
 * cells. Who may see which units is decided on the server (reportAsked).
 */
export const report = new Composer<BotContext>();

const logger = createLogger();
/** More held meetings than this (a committee's many cells): the report alone, no buttons. */
const MINUTES_BUTTONS = 8;

report.chatType("private").command("baocao", async (ctx) => {
  const { services } = ctx.deps;
  const data = await withUserErrors(ctx, ctx.t, () => reportAsked(services, ctx.actor!, ctx.match));
  if (!data) return;
  // Several cells: the text is a summary and the Excel file has every line.
  const withFile = data.units.length >= 2;
  const outro = [reportHint(ctx.t, services.clock.now())];
  // The minutes of each held meeting as a Word file, one button each (issue 15), for a few cells.
  const held = data.units.flatMap((u) =>
    u.meetings.filter((m) => m.state === "held").map((m) => ({ unit: u, meeting: m })),
  );
  const buttons =
    held.length > 0 && held.length <= MINUTES_BUTTONS
      ? held.map(({ unit, meeting }) => [
          {
            label: ctx.t("mdoc-button", {
              cell: unit.name,
              date: displayParts(meeting.startsAt).date,
            }),
            data: `mn:${shortId(meeting.id)}`,
          },
        ])
      : undefined;
  await ctx.reply(renderReportText(ctx.t, data, { outro, withFile }), {
    reply_markup: buttons ? inlineKeyboard(buttons) : undefined,
  });
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

/** `mn:<meeting>`: that meeting's minutes as a Word file, for who may see them (checked again). */
report.callbackQuery(/^mn:([A-Za-z0-9_-]{22})$/, async (ctx) => {
  const meetingId = fromShortId(ctx.match[1]!);
  if (!meetingId || !ctx.actor) {
    await ctx.answerCallbackQuery({ text: ctx.t("error-stale-button"), show_alert: true });
    return;
  }
  const minutes = await withUserErrors(ctx, ctx.t, () =>
    minutesForActor(ctx.deps.services, ctx.actor!, meetingId),
  );
  if (!minutes) return;
  await ctx.answerCallbackQuery();
  await ctx.replyWithDocument(new InputFile(minutes.file.content, minutes.file.name), {
    caption: minutes.text,
  });
});
