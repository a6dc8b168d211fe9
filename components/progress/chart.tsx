"use client";

// One dashboard chart drawn by Apache ECharts. The library is loaded with a dynamic import after the page has
// painted (its own chunk: the figures and the data tables never wait for it); until then the chart's box keeps its
// height, so nothing moves. Axes carry their units, a tap or a hover shows the values (tooltip on the axis, touch
// included), labels are in the page's language, and a toolbox button saves the chart as a PNG. The SVG it draws gets
// a viewBox, so print CSS (app/globals.css) can scale it to the paper's width.
import { useEffect, useRef } from "react";
import { useRouter } from "next/navigation";
import type { ECharts } from "echarts/core";
import { formatNumber, formatPercent, formatYuan } from "@/lib/format";
import type { ChartSpec } from "./chart-spec";

const SLATE_600 = "#475569";
const SLATE_200 = "#e2e8f0";
const BRAND_700 = "#17643a";
const THRESHOLD = "#b91c1c";
/**
 * The toolbox's "save as image" button: ECharts' own saveAsImage glyph in a square. The square is filled (white), so
 * a tap anywhere on the button hits it; ECharts hit-tests an unfilled icon on its thin strokes only.
 */
const SAVE_ICON = "path://M-10,-10L68,-10L68,68L-10,68Z M4.7,22.9L29.3,45.5L54.7,23.4M4.6,43.6L4.6,58L53.8,58L53.8,43.6M29.2,45.1L29.2,0";
/** Toolbox button size and padding (px): the button's centre is SAVE_INSET + SAVE_SIZE / 2 from the top right. */
const SAVE_SIZE = 20;
const SAVE_INSET = 4;
/** Below this width (px) labels get smaller and long category names wrap. */
const NARROW = 420;
/** The width (px) charts are drawn at for printing: an A4 page's text column at 96 dpi. */
const PRINT_WIDTH = 680;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The chart's number formats: full (tooltips), on the axis (compact money), and on bars or points. */
function formats(spec: ChartSpec) {
  const { locale, unit } = spec;
  const compact = new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 1 });
  const full = (v: number) =>
    unit === "yuan"
      ? formatYuan(Math.round(v * 100), locale, { decimals: 0 })
      : unit === "percent"
        ? formatPercent(v, locale, 2)
        : (spec.countTemplate ?? "{n}").replace("{n}", formatNumber(v, locale));
  const axis = (v: number) => (unit === "yuan" ? compact.format(v) : unit === "percent" ? formatPercent(v, locale, Number.isInteger(v) ? 0 : 1) : formatNumber(v, locale, 1));
  const label = (v: number) => (unit === "yuan" ? compact.format(v) : unit === "percent" ? formatPercent(v, locale, 2) : formatNumber(v, locale));
  /** On a phone, counts on bars are compact too (2.3万 / 23K): the tooltip and the table keep them exact. */
  const narrowLabel = (v: number) => (unit === "count" && v >= 1000 ? compact.format(v) : label(v));
  return { full, axis, label, narrowLabel };
}

/** The smallest "round" number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ⁿ) at or above v: a readable axis end. */
function niceCeil(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return ([1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((m) => m * p >= v - 1e-12) ?? 10) * p;
}

type AxisParam = { dataIndex: number; seriesName: string; value: unknown; marker: string };
const numberOf = (v: unknown): number | null => (typeof v === "number" ? v : v && typeof v === "object" && "value" in v ? numberOf((v as { value: unknown }).value) : null);

/** The ECharts option for a spec at a container width. */
export function chartOption(spec: ChartSpec, width: number, fontFamily = "sans-serif") {
  const f = formats(spec);
  const narrow = width < NARROW;
  const horizontal = spec.horizontal === true;
  const stacked = spec.series.filter((s) => s.stack).length > 1;
  const th = spec.threshold;
  const dataMax = Math.max(0, ...spec.series.flatMap((x) => x.values.filter((v): v is number => v !== null)));
  const text = { color: SLATE_600, fontSize: narrow ? 11 : 12 };

  const categoryAxis = {
    type: "category",
    data: spec.categories,
    inverse: horizontal, // first category on top
    axisTick: { alignWithLabel: true },
    axisLine: { lineStyle: { color: "#94a3b8" } },
    axisLabel: {
      ...text,
      // Every township / product named (wrapped onto two lines when long); months and years thin out by themselves
      // when they would overlap.
      ...(horizontal ? { interval: 0, hideOverlap: false, width: narrow ? 100 : 150, overflow: "break", lineHeight: 13 } : { interval: spec.categories.length * 34 <= width ? 0 : "auto", hideOverlap: true }),
      ...(spec.links ? { color: BRAND_700 } : {}),
    },
    triggerEvent: Boolean(spec.links),
  };
  const valueAxis = {
    type: "value",
    name: spec.valueAxisName,
    nameLocation: "end",
    nameTextStyle: { ...text, align: horizontal ? "right" : "left", verticalAlign: horizontal ? "top" : "bottom", padding: horizontal ? [22, 0, 0, 0] : [0, 0, 2, 0] },
    axisLabel: { ...text, formatter: f.axis, hideOverlap: true },
    splitLine: { lineStyle: { color: SLATE_200 } },
    ...(spec.unit === "count" ? { minInterval: 1 } : {}),
    // The target line stays inside the plot when every value is below it.
    ...(th && dataMax < th.value * 1.15 ? { max: niceCeil(th.value * 1.15) } : {}),
  };

  return {
    animation: false, // figures, not a show; and a printout must not catch a half-drawn bar
    // The page's font, named: ECharts measures labels with a canvas, which knows no "inherit" (labels would be
    // measured in another font than they are drawn in, and spill over the chart's edge).
    textStyle: { fontFamily },
    color: spec.series.map((s) => s.color),
    grid: {
      left: 4,
      // Value labels right of the longest bar need room beyond the plot.
      right: horizontal && spec.labels ? (narrow ? 44 : 56) : narrow ? 8 : 16,
      top: spec.series.length > 1 || !horizontal ? 44 : 32,
      bottom: horizontal ? 28 : 4,
      // The grid and its axis labels and names stay inside the chart's box (ECharts 6: outerBounds).
      outerBoundsMode: "same",
      outerBoundsContain: "all",
    },
    legend: {
      top: 0,
      left: 0,
      right: 28,
      type: "scroll",
      itemWidth: 14,
      itemHeight: 10,
      textStyle: { color: "#334155", fontSize: narrow ? 11 : 12 },
      data: spec.series.map((s) => s.name),
    },
    toolbox: {
      right: 0,
      top: 0,
      padding: SAVE_INSET,
      itemSize: SAVE_SIZE,
      iconStyle: { borderColor: SLATE_600, color: "#fff", borderWidth: 1 },
      emphasis: { iconStyle: { borderColor: BRAND_700, textFill: BRAND_700, textPosition: "left", textAlign: "right" } },
      feature: {
        // saveAsImage, as a PNG: the SVG renderer's own saveAsImage would save an .svg, which office software and
        // chat apps often cannot paste; the chart's SVG is rasterised at 2× instead (./chart.tsx savePng).
        mySavePng: { show: true, title: spec.saveLabel, icon: SAVE_ICON, onclick: () => undefined },
      },
    },
    tooltip: {
      trigger: "axis",
      triggerOn: "mousemove|click", // a tap on a phone shows the same tooltip as a hover
      confine: true,
      axisPointer: { type: spec.kind === "bar" ? "shadow" : "line" },
      formatter: (raw: unknown) => {
        const params = (Array.isArray(raw) ? raw : [raw]) as AxisParam[];
        if (params.length === 0) return "";
        const i = params[0].dataIndex;
        const head = (spec.tooltipCategories?.[i] ?? spec.categories[i] ?? "").replace(/\n/g, " ");
        const lines = params.map((p) => {
          const v = numberOf(p.value);
          return `${p.marker}${escapeHtml(p.seriesName)}：<b>${v === null ? "—" : escapeHtml(f.full(v))}</b>`;
        });
        if (stacked && spec.totalLabel) {
          const total = params.reduce((s, p) => s + (numberOf(p.value) ?? 0), 0);
          lines.push(`${escapeHtml(spec.totalLabel)}：<b>${escapeHtml(f.full(total))}</b>`);
        }
        if (th) lines.push(`<span style="color:${THRESHOLD}">${escapeHtml(th.label)}</span>`);
        return `<b>${escapeHtml(head)}</b><br/>${lines.join("<br/>")}`;
      },
    },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    series: spec.series.map((s, i) => ({
      type: spec.kind,
      name: s.name,
      ...(s.stack ? { stack: "total" } : {}),
      data: s.values.map((v, j) => (s.colors?.[j] ? { value: v, itemStyle: { color: s.colors[j] } } : v)),
      itemStyle: { color: s.color },
      ...(spec.kind === "bar" ? { barMaxWidth: horizontal ? 18 : 36 } : { symbolSize: 7, lineStyle: { width: 2.5 } }),
      ...(spec.labels
        ? {
            label: {
              show: true,
              position: horizontal ? "right" : "top",
              formatter: (p: { value: unknown }) => {
                const v = numberOf(p.value);
                return v === null ? "" : narrow ? f.narrowLabel(v) : f.label(v);
              },
              color: "#0f172a",
              fontSize: narrow ? 10 : 11,
              // Legible where the target line crosses a label.
              backgroundColor: "rgba(255,255,255,0.85)",
              padding: [1, 2],
              borderRadius: 2,
            },
            labelLayout: { hideOverlap: true },
          }
        : {}),
      ...(i === 0 && th
        ? {
            markLine: {
              silent: true,
              z: 1, // under the bars' value labels, which stay readable where the line crosses them
              symbol: "none",
              lineStyle: { color: THRESHOLD, type: "dashed", width: 1.5 },
              // Horizontal bars: the label at the line's top end, level; columns and lines: above the line at its start,
              // away from the latest (lowest) values.
              label: { formatter: th.label, position: horizontal ? "start" : "insideStartTop", color: THRESHOLD, fontSize: narrow ? 10 : 11 },
              data: [horizontal ? { xAxis: th.value } : { yAxis: th.value }],
            },
          }
        : {}),
    })),
  };
}

/** Saves the chart as a PNG at twice its size, its title above it (the file is named after the chart). */
async function savePng(chart: ECharts, spec: ChartSpec) {
  const url = chart.getDataURL({ type: "svg", backgroundColor: "#fff", excludeComponents: ["toolbox"] });
  const img = new Image();
  await new Promise<void>((resolve, reject) => {
    img.onload = () => resolve();
    img.onerror = () => reject(new Error("chart image"));
    img.src = url;
  });
  const scale = 2;
  const titleH = 36;
  const w = chart.getWidth();
  const h = chart.getHeight();
  const canvas = document.createElement("canvas");
  canvas.width = w * scale;
  canvas.height = (h + titleH) * scale;
  const ctx = canvas.getContext("2d")!;
  ctx.scale(scale, scale);
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, w, h + titleH);
  ctx.fillStyle = "#0f172a";
  ctx.font = `600 15px ${getComputedStyle(document.body).fontFamily}`;
  ctx.textBaseline = "middle";
  ctx.fillText(spec.title, 4, titleH / 2, w - 8);
  ctx.drawImage(img, 0, titleH, w, h);
  const a = document.createElement("a");
  a.download = `${spec.title.replace(/[\\/:*?"<>|]+/g, "-")}.png`;
  a.href = canvas.toDataURL("image/png");
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** Gives the drawn SVG a viewBox so print CSS can scale it to the page (ECharts draws it at the screen's size). */
function scalableSvg(host: HTMLElement, chart: ECharts) {
  const svg = host.querySelector("svg");
  if (svg) svg.setAttribute("viewBox", `0 0 ${chart.getWidth()} ${chart.getHeight()}`);
}

export function Chart({ spec }: { spec: ChartSpec }) {
  const host = useRef<HTMLDivElement>(null);
  const router = useRouter();
  // The spec is plain data from the server: its JSON is a stable key for "draw again".
  const key = JSON.stringify(spec);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    let chart: ECharts | null = null;
    let observer: ResizeObserver | null = null;
    let unlisten = () => {};
    let cancelled = false;
    void import("./echarts").then(({ echarts }) => {
      if (cancelled) return;
      const c = (chart = echarts.init(el, null, { renderer: "svg", locale: spec.locale === "en" ? "EN" : "ZH" }));
      let narrow = el.clientWidth < NARROW;
      const draw = () => {
        // Single quotes: the saved image serialises the SVG, and a double-quoted family name inside its style
        // attribute would break the XML (the image would not load).
        const option = chartOption(spec, el.clientWidth, getComputedStyle(el).fontFamily.replace(/"/g, "'"));
        option.toolbox.feature.mySavePng.onclick = () => void savePng(c, spec).catch((e: unknown) => console.error("chart image", e));
        c.setOption(option, true);
      };
      // Every render (first draw, redraws, resizes) re-stamps the viewBox at the drawn size.
      c.on("rendered", () => scalableSvg(el, c));
      draw();
      if (spec.links) {
        // A township's name opens its villages (a tap on its bar shows the values, as everywhere).
        c.on("click", (p: { componentType?: string; value?: unknown }) => {
          if (p.componentType !== "yAxis" && p.componentType !== "xAxis") return;
          const href = spec.links?.[spec.categories.indexOf(String(p.value))];
          if (href) router.push(href);
        });
      }
      observer = new ResizeObserver(() => {
        const now = el.clientWidth < NARROW;
        if (now !== narrow) {
          narrow = now;
          draw();
        }
        c.resize();
      });
      observer.observe(el);
      // Paper: drawn at about an A4 column's width (the viewBox then scales it to the page), so a chart drawn across
      // a wide screen does not print with tiny text; back to the screen's size afterwards.
      const printWidth = () => {
        c.setOption({ toolbox: { show: false } }); // no button on paper
        c.resize({ width: Math.min(el.clientWidth, PRINT_WIDTH) });
        c.getZr().flush();
      };
      const screenWidth = () => {
        c.setOption({ toolbox: { show: true } });
        c.resize();
      };
      window.addEventListener("beforeprint", printWidth);
      window.addEventListener("afterprint", screenWidth);
      unlisten = () => {
        window.removeEventListener("beforeprint", printWidth);
        window.removeEventListener("afterprint", screenWidth);
      };
      el.dataset.ready = "true";
    });
    return () => {
      cancelled = true;
      unlisten();
      observer?.disconnect();
      chart?.dispose();
    };
    // Keyed on the spec's JSON (`key`), not the spec object: a new object with the same data must not redraw.
  }, [key, router]);

  return <div ref={host} className="chart-host w-full" style={{ height: spec.height }} aria-hidden="true" data-chart-host={spec.id} />;
}
