import { cn } from "./cn";

// Tables, and below 640 px (`max-sm:`) the same markup as cards: each row a bordered card, its cells in two columns
// with their column's name above the value (`label`), the key cells (`primary`) first and larger, long ones across
// the card (`wide`). Nothing then needs sideways scrolling on a phone. Wider screens get the plain table; when it is
// wider than the screen its wrapper scrolls and can take the keyboard focus (so the scroll is reachable without a
// mouse). `cards={false}` keeps a narrow table (two or three columns) a table on phones too.

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
 * state) is a plain line instead.
 */
export function Tr({ className, group, ...props }: React.HTMLAttributes<HTMLTableRowElement> & { group?: boolean }) {
  return (
    <tr
      className={cn(
        group
          ? "max-sm:block max-sm:px-1 max-sm:pt-1"
          : "max-sm:grid max-sm:grid-flow-row-dense max-sm:grid-cols-2 max-sm:gap-x-3 max-sm:gap-y-2 max-sm:rounded-lg max-sm:border max-sm:border-slate-200 max-sm:bg-white max-sm:p-3 max-sm:shadow-xs",
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
        "max-sm:block max-sm:min-w-0 max-sm:p-0 max-sm:text-left max-sm:whitespace-normal max-sm:break-words max-sm:empty:hidden",
        // On a card a link sits among other text (and a phone has no hover): underlined, not told by colour alone.
        "max-sm:[&_a]:underline max-sm:[&_a]:underline-offset-2",
        label && "max-sm:before:block max-sm:before:font-sans max-sm:before:text-xs max-sm:before:font-normal max-sm:before:text-slate-600 max-sm:before:content-[attr(data-label)]",
        primary && "max-sm:order-first max-sm:text-base max-sm:font-semibold",
        (wide || !!props.colSpan) && "max-sm:col-span-2",
        className,
      )}
      {...props}
    />
  );
}
