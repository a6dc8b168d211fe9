import { cn } from "./cn";

// Tables, and below 640 px the same markup as cards: each row a bordered card, its cells in two columns with their
// column's name above the value (`label`), the key cells (`primary`) first and larger, long ones across the card
// (`wide`). Nothing then needs sideways scrolling on a phone. Wider screens get the plain table; when it is wider than
// the screen its wrapper scrolls and can take the keyboard focus (so the scroll is reachable without a mouse).
//
// `cards={false}` keeps a narrow table (two or three columns, or with its minor columns `hidden sm:table-cell`) a
// real table on phones too. The card styles of Tr and Td use the `cards:` variant (app/globals.css): below 640 px and
// only inside a `<table data-cards>`, which is what Table renders unless `cards={false}`. So the same Tr and Td serve
// both, with no client context (these are server components). The variant matches inside the table, so a class on
// the Table itself that only its card form needs is written `max-sm:`. The card styles are one utility each
// (`card-row`, `card-cell`, … in app/globals.css), so a 50-row page does not repeat a dozen classes on every cell.

export function Table({ className, label, cards = true, ...props }: React.TableHTMLAttributes<HTMLTableElement> & { label?: string; cards?: boolean }) {
  return (
    <div
      // Focusable and named: axe's scrollable-region-focusable, and a screen reader says what the region holds.
      tabIndex={0}
      role={label ? "region" : undefined}
      aria-label={label}
      className={cn(
        "overflow-x-auto rounded-lg border border-slate-200 bg-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600",
        cards && "max-sm:overflow-visible max-sm:rounded-none max-sm:border-0 max-sm:bg-transparent",
      )}
    >
      <table
        data-cards={cards ? "" : undefined}
        className={cn(
          "min-w-full divide-y divide-slate-200 text-sm",
          cards && "max-sm:block max-sm:divide-y-0 max-sm:[&>thead]:hidden max-sm:[&>tbody]:block max-sm:[&>tbody]:space-y-2 max-sm:[&>tfoot]:mt-2 max-sm:[&>tfoot]:block max-sm:[&>tbody+tbody]:mt-2",
          className,
        )}
        {...props}
      />
    </div>
  );
}

export function Th({ className, ...props }: React.ThHTMLAttributes<HTMLTableCellElement>) {
  // Headers may wrap (long English ones), so a wide table still fits a 1366 px screen; the values decide the widths.
  return <th scope="col" className={cn("bg-slate-50 px-2 py-2 text-left align-bottom font-medium text-slate-700", className)} {...props} />;
}

/**
 * A row. On a phone it is a card (two columns of cells); a `group` row (a year heading inside the ledger, an empty
 * state) is a plain line instead. In a `cards={false}` table it is a plain table row everywhere.
 */
export function Tr({ className, group, ...props }: React.HTMLAttributes<HTMLTableRowElement> & { group?: boolean }) {
  return (
    <tr
      className={cn(
        group ? "cards:card-group" : "cards:card-row",
        className,
      )}
      {...props}
    />
  );
}

type CellProps = {
  /** The column's name, shown above the value when the row is a card (phones). */
  label?: string;
  /** A key figure: first in the card and larger. */
  primary?: boolean;
  /** Spans both columns of the card (names, notes, lists). */
  wide?: boolean;
  /** The row's header cell (`<th scope="row">`), styled as a data cell. */
  rowHeader?: boolean;
};

export function Td({ className, label, primary, wide, rowHeader, ...props }: React.TdHTMLAttributes<HTMLTableCellElement> & CellProps) {
  const Cell = rowHeader ? "th" : "td";
  return (
    <Cell
      scope={rowHeader ? "row" : undefined}
      data-label={label}
      className={cn(
        "px-2 py-2 align-top text-slate-800",
        rowHeader && "text-left",
        // The card form (app/globals.css: card-cell, card-label, card-primary, card-wide).
        "cards:card-cell",
        label && "cards:card-label",
        primary && "cards:card-primary",
        (wide || !!props.colSpan) && "cards:card-wide",
        className,
      )}
      {...props}
    />
  );
}
