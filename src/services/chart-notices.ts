// The attendance chart as a PNG in chat after /cuatoi and /baocao (issue 17): the series is read
// when the command is answered and written into the ledger; the image is drawn when it is sent.
import type { Delivery, Platform } from "@prisma/client";
import type { Actor } from "./actors.ts";
import type { LineChart } from "./charts.ts";
import type { Services } from "./context.ts";
import { writeIntents } from "./ledger.ts";
import type { OutgoingMessage } from "./messenger.ts";
import { addMonths, monthLabel, monthOf } from "./months.ts";
import { actorReportUnits } from "./report/index.ts";
import { monthlySeries } from "./web-views.ts";

interface ChartPayload {
  text: string;
  chart: LineChart;
  file: string;
}

/** Attendance rate per month for 12 months ending with `month`, over these meeting units. */
export async function rateSeries(services: Services, unitIds: string[], month: string) {
  const months = Array.from({ length: 12 }, (_, i) => addMonths(month, i - 11));
  const { rates } = await monthlySeries(services, unitIds, months);
  return { months, values: rates };
}

/**
 * Writes the chart of what the person just asked about: `/cuatoi` their cell, `/baocao` the units
 * they lead or are in charge of (the report's month). Nothing for a person without a cell or units.
 */
export async function writeChartNotice(
  services: Services,
  actor: Actor,
  chat: { platform: Platform; chatId: string },
  request: { command: "cuatoi" | "baocao"; month?: string; key: string },
) {
  const { t, clock } = services;
  const now = clock.now();
  const unitIds =
    request.command === "cuatoi" ? (actor.cellId ? [actor.cellId] : []) : actorReportUnits(actor);
  if (unitIds.length === 0) return;
  const month = request.month ?? monthOf(now);
  const { months, values } = await rateSeries(services, unitIds, month);
  const title =
    request.command === "cuatoi" && actor.cellName
      ? t("web-chart-rate-of", { name: actor.cellName })
      : t("web-chart-rate-scope", { count: unitIds.length });
  const payload: ChartPayload = {
    text: t("web-chart-caption", { from: monthLabel(months[0]!), to: monthLabel(months.at(-1)!) }),
    file: `ty-le-du-hop-${month}.png`,
    chart: {
      title,
      months,
      series: [{ name: t("web-chart-rate"), values }],
      threshold: Math.round(services.settings.policy.minRate * 1000) / 10,
    },
  };
  const created = await writeIntents(services.db, [
    {
      idempotencyKey: `chart_${request.command}_${actor.memberId}_${request.key}`,
      platform: chat.platform,
      chatId: chat.chatId,
      kind: "chart",
      payload: payload as never,
      dueAt: now,
      memberId: actor.memberId,
    },
  ]);
  await services.dispatcher.dispatch(created);
}

/** The ledger's preparer for "chart": the PNG drawn now (echarts loads only when one is sent). */
export async function prepareChart(t: Services["t"], delivery: Delivery): Promise<OutgoingMessage> {
  const payload = delivery.payload as unknown as ChartPayload;
  const { renderLineChartPng } = await import("./charts.ts");
  return {
    text: payload.text,
    file: { name: payload.file, content: renderLineChartPng(t, payload.chart) },
  };
}
