"use client";

import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Button } from "@/components/ui/button";
import type { SupplierOption } from "@/lib/sales/suppliers";

export type PickedHousehold = { id: number; code: string; headName: string; villageName: string; covered: boolean | null; payout?: string };

type Search = (q: string, stationId: number | null) => Promise<SupplierOption[]>;

/**
 * Picks households by a code or head's-name search (only those the viewer may name: the server limits it). With
 * `payoutName`, each picked household gets a payout field (yuan). Picked rows post as repeated `idName` (and
 * `payoutName`) values in order, so an error on "<errorPrefix>.<i>.<field>" shows under row i.
 */
export function HouseholdPicker({
  search, stationId, idName, payoutName, initial = [], errors = {}, errorPrefix, onChange, label,
}: {
  search: Search;
  stationId: number | null;
  idName: string;
  payoutName?: string;
  initial?: PickedHousehold[];
  errors?: Record<string, string>;
  errorPrefix: string;
  onChange?: (rows: PickedHousehold[]) => void;
  label: string;
}) {
  const t = useTranslations("sales");
  const [rows, setRows] = useState<PickedHousehold[]>(initial);
  const [q, setQ] = useState("");
  const [results, setResults] = useState<SupplierOption[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState(false);
  const request = useRef(0);
  const searchBox = useRef<HTMLDivElement>(null);

  // Debounced search; a slower, older answer never overwrites a newer one.
  useEffect(() => {
    if (!open) return;
    const n = ++request.current;
    const timer = setTimeout(async () => {
      setBusy(true);
      try {
        const found = await search(q.trim(), stationId);
        if (n === request.current) setResults(found);
      } catch {
        if (n === request.current) setResults([]);
      } finally {
        if (n === request.current) setBusy(false);
      }
    }, 350);
    return () => clearTimeout(timer);
  }, [q, stationId, open, search]);

  // Coverage flags follow the chosen station.
  useEffect(() => {
    if (rows.length === 0) return;
    let cancelled = false;
    Promise.all(rows.map((r) => search(r.code, stationId).then((found) => found.find((h) => h.id === r.id)?.covered ?? r.covered)))
      .then((flags) => {
        if (!cancelled) update(rows.map((r, i) => ({ ...r, covered: flags[i] })));
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
    // Only a change of station re-checks coverage; the picked rows themselves are not a trigger.
  }, [stationId]);

  function update(next: PickedHousehold[]) {
    setRows(next);
    onChange?.(next);
  }

  const picked = new Set(rows.map((r) => r.id));
  const listError = errors[errorPrefix];

  return (
    <div className="space-y-2">
      {rows.length > 0 ? (
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200" aria-label={label}>
          {rows.map((r, i) => {
            const idError = errors[`${errorPrefix}.${i}.householdId`];
            const payoutError = errors[`${errorPrefix}.${i}.payoutFen`];
            return (
              <li key={r.id} className="flex flex-wrap items-start gap-2 p-2" data-testid="picked-household">
                <input type="hidden" name={idName} value={r.id} />
                <div className="min-w-40 flex-1 text-sm">
                  <div className="font-medium">{r.headName}</div>
                  <div className="text-xs text-slate-600">
                    {r.code} · {r.villageName} {r.covered === false ? <Badge tone="amber" className="whitespace-normal">{t("outsideCoverage")}</Badge> : null}
                  </div>
                  {idError ? <p className="text-sm text-red-700" role="alert">{idError}</p> : null}
                </div>
                {payoutName ? (
                  <div className="w-36">
                    <label className="sr-only" htmlFor={`payout-${r.id}`}>{t("payoutYuan")} {r.headName}</label>
                    <Input
                      id={`payout-${r.id}`} name={payoutName} inputMode="decimal" placeholder={t("payoutYuan")} value={r.payout ?? ""} invalid={!!payoutError}
                      onChange={(e) => update(rows.map((x) => (x.id === r.id ? { ...x, payout: e.target.value } : x)))}
                    />
                    {payoutError ? <p className="text-sm text-red-700" role="alert">{payoutError}</p> : null}
                  </div>
                ) : null}
                <Button type="button" variant="ghost" className="px-2 py-1 text-xs" onClick={() => update(rows.filter((x) => x.id !== r.id))}>
                  {t("removeSupplier")}
                </Button>
              </li>
            );
          })}
        </ul>
      ) : null}
      {listError ? <p className="text-sm text-red-700" role="alert">{listError}</p> : null}
      <div ref={searchBox} className="relative" onBlur={(e) => { if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOpen(false); }}>
        <Input
          type="search" value={q} placeholder={t("searchHousehold")} aria-label={t("searchHousehold")} autoComplete="off"
          onFocus={() => setOpen(true)} onChange={(e) => { setQ(e.target.value); setOpen(true); }}
          onKeyDown={(e) => { if (e.key === "Enter") e.preventDefault(); if (e.key === "Escape") setOpen(false); }}
        />
        {open ? (
          <div className="mt-1 max-h-64 overflow-y-auto rounded-md border border-slate-200 bg-white shadow-xs" data-testid="household-results">
            {busy && !results ? <p className="p-2 text-sm text-slate-500">{t("searching")}</p> : null}
            {results && results.length === 0 ? <p className="p-2 text-sm text-slate-500">{t("noMatches")}</p> : null}
            <ul>
              {(results ?? []).filter((h) => !picked.has(h.id)).map((h) => (
                <li key={h.id}>
                  <button
                    type="button" className="flex w-full flex-wrap items-center gap-x-2 px-2 py-1.5 text-left text-sm hover:bg-brand-50"
                    onClick={() => {
                      update([...rows, { id: h.id, code: h.code, headName: h.headName, villageName: h.villageName, covered: h.covered, payout: "" }]);
                      searchBox.current?.querySelector("input")?.focus(); // keep the list open for the next pick
                    }}
                  >
                    <span className="font-medium">{h.headName}</span>
                    <span className="text-xs text-slate-600">{h.code} · {h.villageName}{h.stationCode ? ` · ${h.stationCode}` : ""}</span>
                    {h.covered === false ? <Badge tone="amber" className="whitespace-normal">{t("outsideCoverage")}</Badge> : null}
                    <span className="ml-auto text-xs text-brand-700">{t("addSupplier")}</span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    </div>
  );
}
