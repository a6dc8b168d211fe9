// Charts as plain HTML bars: server-rendered, no chart library and no client JavaScript, so the dashboard stays light
// on a township's slow connection, reads the same on a phone (labels wrap, nothing shrinks to an unreadable SVG) and
// prints (colours forced on for print). Each chart also carries its numbers as text for screen readers.
import Link from "next/link";
import { cn } from "@/components/ui/cn";

const PRINT_COLOURS = { WebkitPrintColorAdjust: "exact", printColorAdjust: "exact" } as const;

export type Series = { key: string; label: string; className: string };

/** Vertical stacked columns, one per label (months, years). */
export function ColumnChart({
  rows, series, format, caption, height = 160,
}: {
  rows: { label: string; short?: string; values: Record<string, number> }[];
  series: Series[];
  format: (v: number) => string;
  caption: string;
  height?: number;
}) {
  const totals = rows.map((r) => series.reduce((s, x) => s + Math.max(0, r.values[x.key] ?? 0), 0));
  const max = Math.max(1, ...totals);
  return (
    <figure className="space-y-2" aria-label={caption}>
      <div className="flex items-end gap-[2px] sm:gap-1" style={{ height }} role="img" aria-label={rows.map((r, i) => `${r.label}: ${format(totals[i])}`).join("; ")}>
        {rows.map((r, i) => (
          <div key={r.label} className="group relative flex h-full min-w-0 flex-1 flex-col justify-end" title={`${r.label}: ${format(totals[i])}`}>
            {series.map((x) => {
              const v = Math.max(0, r.values[x.key] ?? 0);
              return v > 0 ? <div key={x.key} className={cn("w-full first:rounded-t-sm", x.className)} style={{ height: `${(v / max) * 100}%`, ...PRINT_COLOURS }} /> : null;
            })}
          </div>
        ))}
      </div>
      <div className="flex gap-[2px] sm:gap-1" aria-hidden="true">
        {rows.map((r) => (
          <div key={r.label} className="min-w-0 flex-1 truncate text-center text-[10px] text-slate-500 sm:text-xs">{r.short ?? r.label}</div>
        ))}
      </div>
      {series.length > 1 ? (
        <figcaption className="flex flex-wrap gap-3 text-xs text-slate-600">
          {series.map((x) => (
            <span key={x.key} className="inline-flex items-center gap-1">
              <span className={cn("inline-block h-2.5 w-2.5 rounded-sm", x.className)} style={PRINT_COLOURS} />
              {x.label}
            </span>
          ))}
        </figcaption>
      ) : null}
    </figure>
  );
}

/** Horizontal bars with their values; an optional marker line (e.g. the exit threshold). */
export function BarList({
  rows, format, caption, marker, max: maxIn,
}: {
  rows: { key: string; label: string; value: number | null; href?: string; tone?: "brand" | "red" | "amber" | "slate"; note?: string }[];
  format: (v: number | null) => string;
  caption: string;
  marker?: { value: number; label: string };
  max?: number;
}) {
  const max = Math.max(1e-9, maxIn ?? 0, marker?.value ?? 0, ...rows.map((r) => r.value ?? 0));
  const tones = { brand: "bg-brand-600", red: "bg-red-500", amber: "bg-amber-500", slate: "bg-slate-400" };
  return (
    <figure aria-label={caption}>
      <ul className="space-y-1.5">
        {rows.map((r) => (
          // Narrow screens: label and value on one line, the bar full width under them; wider: one grid row each.
          <li key={r.key} className="text-sm sm:grid sm:grid-cols-[minmax(5rem,9rem)_1fr_auto] sm:items-center sm:gap-2">
            <div className="flex items-baseline justify-between gap-2 sm:contents">
              <span className="truncate text-slate-700 sm:order-1" title={r.label}>
                {r.href ? <Link className="text-brand-700 hover:underline" href={r.href}>{r.label}</Link> : r.label}
              </span>
              <span className="whitespace-nowrap text-right tabular-nums text-slate-800 sm:order-3">
                {format(r.value)}
                {r.note ? <span className="ml-1 text-xs text-slate-500">{r.note}</span> : null}
              </span>
            </div>
            <span className="relative mt-0.5 block h-3 rounded-sm bg-slate-100 sm:order-2 sm:mt-0" style={PRINT_COLOURS}>
              <span className={cn("absolute inset-y-0 left-0 rounded-sm", tones[r.tone ?? "brand"])} style={{ width: `${((r.value ?? 0) / max) * 100}%`, ...PRINT_COLOURS }} />
              {marker ? <span className="absolute inset-y-[-3px] w-0.5 bg-slate-900" style={{ left: `${(marker.value / max) * 100}%`, ...PRINT_COLOURS }} aria-hidden="true" /> : null}
            </span>
          </li>
        ))}
      </ul>
      {marker ? (
        <figcaption className="mt-2 flex items-center gap-1 text-xs text-slate-600">
          <span className="inline-block h-3 w-0.5 bg-slate-900" style={PRINT_COLOURS} /> {marker.label}
        </figcaption>
      ) : null}
    </figure>
  );
}
