"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field, Input, OtherFieldErrors, RequiredNote, Select } from "@/components/ui/input";
import { Alert, Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { formatYuan } from "@/lib/format";
import { INCOME_CATEGORIES, INCOME_SOURCES, SOURCE_CATEGORY, type IncomeSourceKey } from "@/lib/validation/income";
import { searchHouseholdsAction } from "../../households/actions";
import { createIncomeAction } from "../actions";

export type PickedHousehold = { id: number; code: string; headName: string; village: string; size: number };
type Recent = { id: number; householdId: number; label: string; date: string; amountFen: number; source: string };

const DEBOUNCE_MS = 250;

/**
 * Quick income entry for operators: type a code or a name, Enter picks the household and jumps to the amount,
 * Enter again saves. Date, source and category stay for the next entry, so a batch of twenty takes minutes.
 */
export function QuickEntry({ initialHousehold, today }: { initialHousehold: PickedHousehold | null; today: string }) {
  const t = useTranslations("income");
  const tEnum = useTranslations("enums");
  const tImport = useTranslations("import");
  const tCommon = useTranslations("common");
  const locale = useLocale();
  const [household, setHousehold] = useState<PickedHousehold | null>(initialHousehold);
  const [keepHousehold, setKeepHousehold] = useState(initialHousehold !== null);
  const [query, setQuery] = useState(initialHousehold ? `${initialHousehold.code} ${initialHousehold.headName}` : "");
  const [results, setResults] = useState<PickedHousehold[]>([]);
  const [highlight, setHighlight] = useState(0);
  const [searching, setSearching] = useState(false);
  const [date, setDate] = useState(today);
  const [source, setSource] = useState<IncomeSourceKey>("MIGRANT_WORK");
  const [category, setCategory] = useState<string>(SOURCE_CATEGORY.MIGRANT_WORK);
  const [amount, setAmount] = useState("");
  const [note, setNote] = useState("");
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [recent, setRecent] = useState<Recent[]>([]);
  // Own flag, not useTransition: a transition stays pending through router refreshes, and a disabled submit button
  // would swallow the next Enter.
  const [pending, setPending] = useState(false);
  // The UI kit's Input takes no ref: focus by id.
  const householdRef = { get current() { return document.getElementById("household") as HTMLInputElement | null; } };
  const amountRef = { get current() { return document.getElementById("amount") as HTMLInputElement | null; } };
  const searchSeq = useRef(0);

  useEffect(() => {
    (initialHousehold ? amountRef : householdRef).current?.focus();
  }, [initialHousehold]);

  // Debounced search: only the latest answer is shown (slow networks answer out of order).
  useEffect(() => {
    if (household || query.trim().length === 0) {
      setResults([]);
      return;
    }
    const seq = ++searchSeq.current;
    const timer = setTimeout(async () => {
      setSearching(true);
      try {
        const found = await searchHouseholdsAction(query.trim());
        if (seq === searchSeq.current) {
          setResults(found.map((h) => ({ id: h.id, code: h.code, headName: h.headName, village: h.village, size: h.size })));
          setHighlight(0);
        }
      } finally {
        if (seq === searchSeq.current) setSearching(false);
      }
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, household]);

  function pick(h: PickedHousehold) {
    setHousehold(h);
    setQuery(`${h.code} ${h.headName}`);
    setResults([]);
    setFields((f) => ({ ...f, householdId: "" }));
    amountRef.current?.focus();
  }

  function onHouseholdKey(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown" && results.length) {
      e.preventDefault();
      setHighlight((i) => (i + 1) % results.length);
    } else if (e.key === "ArrowUp" && results.length) {
      e.preventDefault();
      setHighlight((i) => (i - 1 + results.length) % results.length);
    } else if (e.key === "Enter") {
      if (!household) e.preventDefault();
      if (results[highlight]) pick(results[highlight]);
    } else if (e.key === "Escape") {
      setResults([]);
    }
  }

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (pending) return;
    // Without a household the server is still asked, so every other field's error shows at once too.
    const input = { householdId: household ? String(household.id) : "", date, category, source, amount, note };
    setPending(true);
    void (async () => {
      let res: Awaited<ReturnType<typeof createIncomeAction>>;
      try {
        res = await createIncomeAction(input);
      } catch {
        setError(tImport("network"));
        return;
      } finally {
        setPending(false);
      }
      if (!res.ok || !res.entry) {
        setError(res.error ?? null);
        const got = { ...(res.fields ?? {}), ...(household ? {} : { householdId: t("pickHousehold") }) };
        setFields(got);
        const first = household ? Object.keys(got)[0] : "householdId";
        (first === "householdId" ? householdRef.current : first === "amount" || first === "amountFen" ? amountRef.current : null)?.focus();
        return;
      }
      const entry = res.entry;
      setRecent((r) => [{ id: entry.id, householdId: entry.householdId, label: `${entry.householdCode} ${entry.headName}`, date: entry.date, amountFen: entry.amountFen, source: entry.source }, ...r]);
      setError(null);
      setFields({});
      setAmount("");
      setNote("");
      if (keepHousehold) {
        amountRef.current?.focus();
      } else {
        setHousehold(null);
        setQuery("");
        householdRef.current?.focus();
      }
    })();
  }

  return (
    <div className="grid gap-4 lg:grid-cols-5">
      <Card className="lg:col-span-3">
        <form onSubmit={submit} className="space-y-3" noValidate aria-label={t("quickEntry")}>
          {error ? <Alert tone="error">{error}</Alert> : null}
          <OtherFieldErrors fields={fields} shown={["householdId", "amount", "amountFen", "date", "source", "category", "note"]} />
          <RequiredNote text={tCommon("requiredNote")} />
          <Field label={t("household")} htmlFor="household" error={fields.householdId} required>
            <div className="relative">
              <Input
                id="household" value={query} autoComplete="off" role="combobox" aria-autocomplete="list"
                aria-expanded={results.length > 0} aria-controls="household-results" invalid={!!fields.householdId} aria-required="true"
                aria-activedescendant={results[highlight] ? `household-option-${results[highlight].id}` : undefined}
                placeholder={t("householdPlaceholder")}
                onChange={(e) => { setQuery(e.target.value); setHousehold(null); }}
                onKeyDown={onHouseholdKey}
              />
              {results.length > 0 ? (
                <ul id="household-results" role="listbox" className="absolute z-10 mt-1 max-h-72 w-full overflow-auto rounded-md border border-slate-200 bg-white shadow-lg">
                  {results.map((h, i) => (
                    <li key={h.id} id={`household-option-${h.id}`} role="option" aria-selected={i === highlight}
                      className={cn("cursor-pointer px-3 py-2 text-sm", i === highlight ? "bg-brand-50" : "hover:bg-slate-50")}
                      onMouseDown={(e) => { e.preventDefault(); pick(h); }}>
                      <span className="font-mono text-xs">{h.code}</span> {h.headName} <span className="text-slate-500">· {h.village} · {t("people", { count: h.size })}</span>
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
            <p className="text-xs text-slate-500" aria-live="polite">
              {household ? t("picked", { code: household.code, name: household.headName, village: household.village, size: household.size })
                : searching ? t("searching") : query.trim() && results.length === 0 ? t("noMatch") : t("pickHint")}
            </p>
          </Field>
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label={t("amountYuan")} htmlFor="amount" error={fields.amount ?? fields.amountFen} required>
              <Input id="amount" aria-required="true" value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" autoComplete="off"
                placeholder="0.00" invalid={!!(fields.amount ?? fields.amountFen)} className="text-right tabular-nums" />
            </Field>
            <Field label={t("date")} htmlFor="date" error={fields.date} required>
              <Input id="date" type="date" aria-required="true" value={date} max={today} onChange={(e) => setDate(e.target.value)} invalid={!!fields.date} />
            </Field>
            <Field label={t("source")} htmlFor="source" error={fields.source} required>
              <Select id="source" aria-required="true" invalid={!!fields.source} value={source} onChange={(e) => { const s = e.target.value as IncomeSourceKey; setSource(s); setCategory(SOURCE_CATEGORY[s]); }}>
                {INCOME_SOURCES.map((s) => <option key={s} value={s}>{tEnum(`IncomeSource.${s}`)}</option>)}
              </Select>
            </Field>
            <Field label={t("category")} htmlFor="category" error={fields.category} required>
              <Select id="category" aria-required="true" invalid={!!fields.category} value={category} onChange={(e) => setCategory(e.target.value)}>
                {INCOME_CATEGORIES.map((c) => <option key={c} value={c}>{tEnum(`IncomeCategory.${c}`)}</option>)}
              </Select>
            </Field>
          </div>
          <Field label={t("note")} htmlFor="note" error={fields.note}>
            <Input id="note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} autoComplete="off" invalid={!!fields.note} />
          </Field>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={keepHousehold} onChange={(e) => setKeepHousehold(e.target.checked)} /> {t("keepHousehold")}
          </label>
          <div className="flex items-center gap-3">
            <Button type="submit" disabled={pending}>{pending ? t("saving") : t("save")}</Button>
            <span className="text-xs text-slate-500">{t("keyboardHint")}</span>
          </div>
        </form>
      </Card>
      <Card className="lg:col-span-2">
        <h2 className="mb-2 font-medium">{t("recentTitle", { count: recent.length })}</h2>
        {recent.length === 0 ? <p className="text-sm text-slate-500">{t("recentEmpty")}</p> : (
          <ol className="divide-y divide-slate-100 text-sm" data-testid="recent-entries">
            {recent.map((r) => (
              <li key={r.id} className="flex items-center justify-between gap-2 py-1.5">
                <span className="min-w-0 truncate"><Link className="text-brand-700 hover:underline" href={`/households/${r.householdId}`}>{r.label}</Link> · {r.date} · {tEnum(`IncomeSource.${r.source}`)}</span>
                <span className="shrink-0 tabular-nums">{formatYuan(r.amountFen, locale)}</span>
              </li>
            ))}
          </ol>
        )}
      </Card>
    </div>
  );
}
