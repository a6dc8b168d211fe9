// A dashboard chart with its figures as text: the ECharts drawing (client, loaded after the page paints) and, under
// it, the same numbers in a table behind a "数据表" disclosure, server-rendered, for screen readers, for copying into
// a document, and for anyone without JavaScript. The drawing is aria-hidden: the table is what assistive technology reads.
import { Table, Td, Th, Tr } from "@/components/ui/table";
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
        <div className="mt-2">
          <Table label={table.caption} className="text-xs sm:text-sm">
            <caption className="sr-only">{table.caption}</caption>
            <thead>
              <tr>
                {table.head.map((h, i) => <Th key={i} className={i === 0 ? "px-2 py-1" : "px-2 py-1 text-right"}>{h}</Th>)}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {table.rows.map((r) => (
                <Tr key={r.key}>
                  {r.cells.map((c, i) => (i === 0
                    ? <Td key={i} rowHeader primary wide className="px-2 py-1 font-normal">{c}</Td>
                    : <Td key={i} label={table.head[i]} className={num}>{c}</Td>))}
                </Tr>
              ))}
            </tbody>
            {table.foot ? (
              <tfoot className="border-t border-slate-300 font-medium">
                <Tr>
                  {table.foot.map((c, i) => (i === 0
                    ? <Td key={i} rowHeader primary wide className="px-2 py-1 font-medium">{c}</Td>
                    : <Td key={i} label={table.head[i]} className={num}>{c}</Td>))}
                </Tr>
              </tfoot>
            ) : null}
          </Table>
        </div>
      </details>
    </figure>
  );
}
