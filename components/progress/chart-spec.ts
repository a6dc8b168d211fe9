// What a dashboard chart shows, as plain data: the server page builds it from lib/progress figures, the client chart
// (./chart.tsx) turns it into an ECharts option (formatters are functions, which cannot cross from server to client).

export type ChartSeries = {
  name: string;
  /** One value per category (yuan, a count or a percent, by the chart's unit); null: no value. */
  values: (number | null)[];
  color: string;
  /** A colour per value (e.g. townships above the exit threshold in red); null keeps the series colour. */
  colors?: (string | null)[];
  /** Stacked with the chart's other stacked series. */
  stack?: boolean;
};

export type ChartSpec = {
  /** data-chart id (tests) and the saved image's file name. */
  id: string;
  /** Shown as the saved image's title and file name. */
  title: string;
  locale: string;
  kind: "bar" | "line";
  /** Bars along the value axis, categories top to bottom (long names: townships, products). */
  horizontal?: boolean;
  /** Axis labels, one per category ("\n" for a second line). */
  categories: string[];
  /** Fuller category names for tooltips (e.g. "2019年7月"); the axis label when absent. */
  tooltipCategories?: string[];
  series: ChartSeries[];
  /** yuan: values in yuan (axis compact: 1.5万 / 1.5M); count: whole numbers; percent: values in percent. */
  unit: "yuan" | "count" | "percent";
  /** How a count reads in a tooltip, with {n} for the number ("{n} 人", "{n} people"). */
  countTemplate?: string;
  /** The value axis' name, with the unit ("元", "%"). */
  valueAxisName: string;
  /** Values printed on the bars or points (few categories). */
  labels?: boolean;
  /** A target line on the value axis (the exit threshold). */
  threshold?: { value: number; label: string };
  /** Per category: a page a click on its bar opens (the drill-down). */
  links?: (string | null)[];
  /** Chart height in px (the width follows the container). */
  height: number;
  /** Accessible name of the toolbox's "save as image" (also its hover title). */
  saveLabel: string;
  /** Total row in the tooltip of stacked series. */
  totalLabel?: string;
};
