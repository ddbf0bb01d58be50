// Charts for the web console and the chat (issue 17): drawn by Apache ECharts on the server
// (SSR, SVG string), and the same SVG rasterised to PNG by resvg for a chat attachment.
import { Resvg } from "@resvg/resvg-js";
import * as echarts from "echarts";
import type { Translate } from "../i18n.ts";
import { monthLabel } from "./months.ts";

export interface LineChart {
  title: string;
  months: string[];
  series: { name: string; values: (number | null)[] }[];
  /** The R3 threshold drawn as a line, in percent. */
  threshold?: number;
}

const COLORS = ["#1d4ed8", "#b45309", "#047857"];

/** The chart as an SVG document (percent axis 0–100, one point per month). */
export function renderLineChartSvg(
  t: Translate,
  chart: LineChart,
  size: { width: number; height: number; narrow?: boolean } = { width: 720, height: 320 },
) {
  const { narrow = false, ...dimensions } = size;
  const instance = echarts.init(null, null, { renderer: "svg", ssr: true, ...dimensions });
  try {
    instance.setOption({
      animation: false,
      color: COLORS,
      textStyle: { fontFamily: "DejaVu Sans, Arial, sans-serif" },
      backgroundColor: "#ffffff",
      title: {
        text: chart.title,
        left: 8,
        top: 4,
        textStyle: {
          fontSize: narrow ? 13 : 14,
          color: "#111827",
          width: dimensions.width - (narrow ? 48 : 16),
          overflow: "break",
        },
      },
      // One series: the title says what it is; several: a legend names them.
      legend:
        chart.series.length > 1 ? { top: 28, left: 8, textStyle: { color: "#111827" } } : undefined,
      grid: {
        left: narrow ? 44 : 48,
        right: narrow ? 12 : 24,
        top: (chart.series.length > 1 ? 64 : 44) + (narrow ? 16 : 0),
        bottom: narrow ? 52 : 36,
      },
      xAxis: {
        type: "category",
        data: chart.months.map(monthLabel),
        // A phone has no room for 12 month labels side by side: they lean.
        axisLabel: narrow
          ? { color: "#374151", fontSize: 11, rotate: 45, interval: 0 }
          : { color: "#374151", fontSize: 11 },
      },
      yAxis: {
        type: "value",
        min: 0,
        max: 100,
        axisLabel: { color: "#374151", formatter: "{value}%" },
      },
      series: chart.series.map((s, i) => ({
        name: s.name,
        type: "line",
        data: s.values,
        connectNulls: false,
        showAllSymbol: true,
        symbolSize: 7,
        lineStyle: { width: 2 },
        ...(i === 0 && chart.threshold !== undefined
          ? {
              markLine: {
                silent: true,
                symbol: "none",
                label: {
                  // At the left, under the line: the recent months (at the right) are where the points are.
                  position: "insideStartBottom",
                  color: "#b91c1c",
                  formatter: t("web-chart-threshold", { rate: chart.threshold }),
                },
                lineStyle: { color: "#b91c1c", type: "dashed" },
                data: [{ yAxis: chart.threshold }],
              },
            }
          : {}),
      })),
    });
    return instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
}

/** The same chart as a PNG image (for Telegram), with the system's DejaVu fonts. */
export function renderLineChartPng(t: Translate, chart: LineChart): Buffer {
  const svg = renderLineChartSvg(t, chart);
  const png = new Resvg(svg, {
    background: "#ffffff",
    fitTo: { mode: "width", value: 1080 },
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" },
  })
    .render()
    .asPng();
  return Buffer.from(png);
}
