// A dashboard chart with its figures as text: the ECharts drawing (client, loaded after the page paints) and, under
// it, the same numbers in a table behind a "数据表" disclosure, server-rendered, for screen readers, for copying into
// a document, and for anyone without JavaScript. The drawing is aria-hidden: the table is what assistive technology reads.
import { Chart } from "./chart";
import type { ChartSpec } from "./chart-spec";

export type ChartTable = {
  /** The table's caption (the chart's title). */
  caption: string;
  head: string[];
  rows: { key: string; cells: React.ReactNode[] }[];
  foot?: React.ReactNode[];
};

export function ChartFigure({ spec, table, tableLabel, note }: { spec: ChartSpec; table: ChartTable; tableLabel: string; note?: React.ReactNode }) {
  const num = "whitespace-nowrap px-2 py-1 text-right tabular-nums";
  return (
    <figure className="min-w-0" data-chart={spec.id}>
      <Chart spec={spec} />
      {note ? <figcaption className="mt-1 text-xs text-slate-600">{note}</figcaption> : null}
      <details className="no-print mt-2 text-sm" data-chart-table={spec.id}>
        <summary className="cursor-pointer text-brand-700 hover:underline">{tableLabel}</summary>
        {/* Focusable so a keyboard can scroll it when a phone is narrower than the table. */}
        <div className="mt-2 overflow-x-auto rounded border border-slate-200" role="region" aria-label={table.caption} tabIndex={0}>
          <table className="min-w-full text-xs sm:text-sm">
            <caption className="sr-only">{table.caption}</caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                {table.head.map((h, i) => (
                  <th key={i} scope="col" className={i === 0 ? "px-2 py-1 text-left font-medium" : "px-2 py-1 text-right font-medium"}>{h}</th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {table.rows.map((r) => (
                <tr key={r.key}>
                  {r.cells.map((c, i) => (i === 0 ? <th key={i} scope="row" className="px-2 py-1 text-left font-normal">{c}</th> : <td key={i} className={num}>{c}</td>))}
                </tr>
              ))}
            </tbody>
            {table.foot ? (
              <tfoot className="border-t border-slate-300 font-medium">
                <tr>
                  {table.foot.map((c, i) => (i === 0 ? <th key={i} scope="row" className="px-2 py-1 text-left">{c}</th> : <td key={i} className={num}>{c}</td>))}
                </tr>
              </tfoot>
            ) : null}
          </table>
        </div>
      </details>
    </figure>
  );
}
