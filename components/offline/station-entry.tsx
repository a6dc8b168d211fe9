"use client";
// The operator's station entry, online or not: income entries, sales with their supplier households, trainings and
// hardship reports. Each form checks its input in the browser with the server's own zod schema (lib/validation),
// then puts the write in the queue (IndexedDB) with a fresh Idempotency-Key, and the queue is sent at once when
// online, or when the connection returns. Pickers read the station's households and the products from the copy in
// IndexedDB, so they work offline.
import { useMemo, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input, Select, Textarea } from "@/components/ui/input";
import { INCOME_CATEGORIES, INCOME_SOURCES, SOURCE_CATEGORY, newIncomeEntrySchema } from "@/lib/validation/income";
import { saleInputSchema } from "@/lib/validation/sales";
import { trainingInputSchema } from "@/lib/validation/trainings";
import { HARDSHIP_TYPES, hardshipFormSchema } from "@/lib/validation/monitoring";
import { MAX_FEN, yuanSchema } from "@/lib/validation/primitives";
import { offlineStore, newIdempotencyKey, type CachedHousehold, type CachedProduct, type EntryKind, type QueueItem } from "./store";
import { syncQueue } from "./sync";
import { countyTodayText, useFieldMessages, useLive, useOnline, yuanText } from "./hooks";
import { QueuePanel } from "./queue-panel";

const PLATFORMS = ["TAOBAO", "JD", "PINDUODUO", "DOUYIN", "WECHAT", "OTHER"] as const;
type Station = { id: number; code: string; name: string };
type Form = Record<string, unknown>;
type Draft = { kind: EntryKind; url: string; body: Record<string, unknown>; summary: string; form: Form };

function householdLabel(h: CachedHousehold | undefined) {
  return h ? `${h.code} ${h.headName}` : "?";
}

/** A household picker over the cached station households: a filter box and a select. */
function HouseholdSelect({ id, value, onChange, households, invalid, label }: { id: string; value: string; onChange: (v: string) => void; households: CachedHousehold[]; invalid?: boolean; label: string }) {
  const t = useTranslations("offline.fields");
  const [filter, setFilter] = useState("");
  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    const list = f ? households.filter((h) => h.code.toLowerCase().includes(f) || h.headName.includes(f)) : households;
    const chosen = households.find((h) => String(h.id) === value);
    return chosen && !list.includes(chosen) ? [chosen, ...list] : list;
  }, [filter, households, value]);
  return (
    <div className="space-y-1">
      <Input aria-label={`${label} · ${t("filter")}`} placeholder={t("filter")} value={filter} onChange={(e) => setFilter(e.target.value)} data-testid={`${id}-filter`} />
      <Select id={id} value={value} onChange={(e) => onChange(e.target.value)} invalid={invalid}>
        <option value="">{t("choose")}</option>
        {shown.map((h) => (
          <option key={h.id} value={h.id}>
            {householdLabel(h)}
            {h.village ? ` · ${h.village}` : ""}
          </option>
        ))}
      </Select>
    </div>
  );
}

/** yuan text → fen, or the text itself when it is not an amount (the schema then reports it). */
function fenOf(yuan: unknown): unknown {
  if (yuan === undefined || yuan === null || String(yuan).trim() === "") return undefined;
  const r = yuanSchema(MAX_FEN).safeParse(yuan);
  return r.success ? r.data : yuan;
}

function useSubmit(onSave: (d: Draft) => Promise<void>) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [note, setNote] = useState<string | null>(null);
  return { errors, setErrors, note, setNote, onSave };
}

/**
 * What every entry form starts with: its values (the blank form, or the queued item being corrected), a setter per
 * text field, the browser's field errors over the server's, and the zod issues as messages.
 */
function useEntryForm<T extends Record<string, unknown>>(blank: T, initial: Form | undefined, serverFields: Record<string, string> | undefined, onSave: (d: Draft) => Promise<void>) {
  const [v, setV] = useState<T>({ ...blank, ...(initial as Partial<T>) });
  const s = useSubmit(onSave);
  const errors: Record<string, string> = { ...(serverFields ?? {}), ...s.errors };
  const set = (k: keyof T & string) => (e: { target: { value: string } }) => setV((old) => ({ ...old, [k]: e.target.value }));
  return { v, setV, set, s, errors, messages: useFieldMessages() };
}

function FormFooter({ editing, onCancel, note, hasErrors }: { editing: boolean; onCancel?: () => void; note: string | null; hasErrors: boolean }) {
  const t = useTranslations("offline");
  return (
    <div className="space-y-2">
      {hasErrors ? <p className="text-sm text-red-700" role="alert">{t("fixErrors")}</p> : null}
      {note ? <p className="text-sm text-green-700" role="status" data-testid="entry-saved">{note}</p> : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" data-testid="entry-save">{editing ? t("saveCorrected") : t("save")}</Button>
        {editing && onCancel ? <Button type="button" variant="secondary" onClick={onCancel}>{t("cancelEdit")}</Button> : null}
      </div>
    </div>
  );
}

type FormProps = { station: Station; households: CachedHousehold[]; products: CachedProduct[]; initial?: Form; serverFields?: Record<string, string>; onSave: (d: Draft) => Promise<void>; onCancel?: () => void };

function IncomeForm({ households, initial, serverFields, onSave, onCancel }: FormProps) {
  const t = useTranslations("offline.fields");
  const tEnum = useTranslations("enums");
  const tOff = useTranslations("offline");
  const locale = useLocale();
  const blank = { householdId: "", date: countyTodayText(), source: "MIGRANT_WORK", category: "WAGE", amount: "", note: "" };
  const { v, setV, set, s, errors, messages } = useEntryForm(blank, initial, serverFields, onSave);
  return (
    <form
      noValidate
      className="space-y-3"
      data-testid="form-income"
      onSubmit={async (e) => {
        e.preventDefault();
        const parsed = newIncomeEntrySchema.safeParse({ householdId: v.householdId, date: v.date, category: v.category, source: v.source, amount: v.amount, note: v.note }, { reportInput: true });
        if (!parsed.success) {
          s.setErrors(messages(parsed.error));
          s.setNote(null);
          return;
        }
        s.setErrors({});
        const d = parsed.data;
        const h = households.find((x) => x.id === d.householdId);
        await onSave({
          kind: "income",
          url: `/api/v1/households/${d.householdId}/income`,
          body: { date: v.date, category: d.category, source: d.source, amountFen: d.amountFen, ...(d.note ? { note: d.note } : {}) },
          summary: `${v.date} · ${householdLabel(h)} · ${tEnum(`IncomeSource.${d.source}`)} ${yuanText(d.amountFen, locale)}`,
          form: v,
        });
        s.setNote(tOff("saved"));
        setV({ ...blank, date: v.date, source: v.source, category: v.category });
      }}
    >
      <Field label={t("household")} htmlFor="inc-household" error={errors.householdId} required>
        <HouseholdSelect id="inc-household" label={t("household")} value={v.householdId} onChange={(x) => setV((o) => ({ ...o, householdId: x }))} households={households} invalid={!!errors.householdId} />
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t("date")} htmlFor="inc-date" error={errors.date} required>
          <Input id="inc-date" type="date" value={v.date} onChange={set("date")} invalid={!!errors.date} />
        </Field>
        <Field label={t("amount")} htmlFor="inc-amount" error={errors.amount ?? errors.amountFen} required>
          <Input id="inc-amount" inputMode="decimal" value={v.amount} onChange={set("amount")} invalid={!!(errors.amount ?? errors.amountFen)} />
        </Field>
        <Field label={t("source")} htmlFor="inc-source" error={errors.source} required>
          <Select id="inc-source" value={v.source} onChange={(e) => setV((o) => ({ ...o, source: e.target.value, category: SOURCE_CATEGORY[e.target.value as keyof typeof SOURCE_CATEGORY] ?? o.category }))}>
            {INCOME_SOURCES.map((x) => <option key={x} value={x}>{tEnum(`IncomeSource.${x}`)}</option>)}
          </Select>
        </Field>
        <Field label={t("category")} htmlFor="inc-category" error={errors.category} required>
          <Select id="inc-category" value={v.category} onChange={set("category")}>
            {INCOME_CATEGORIES.map((x) => <option key={x} value={x}>{tEnum(`IncomeCategory.${x}`)}</option>)}
          </Select>
        </Field>
      </div>
      <Field label={t("note")} htmlFor="inc-note" error={errors.note}>
        <Input id="inc-note" value={v.note} onChange={set("note")} />
      </Field>
      <FormFooter editing={!!initial} onCancel={onCancel} note={s.note} hasErrors={Object.keys(errors).length > 0} />
    </form>
  );
}

type SupplierRow = { householdId: string; payout: string };

function SaleForm({ station, households, products, initial, serverFields, onSave, onCancel }: FormProps) {
  const t = useTranslations("offline.fields");
  const tEnum = useTranslations("enums");
  const tOff = useTranslations("offline");
  const locale = useLocale();
  const blank = { productId: "", channel: "PINDUODUO", date: countyTodayText(), quantity: "", amount: "", note: "", suppliers: [{ householdId: "", payout: "" }] as SupplierRow[] };
  const { v, setV, s, errors, messages } = useEntryForm(blank, initial, serverFields, onSave);
  const setSupplier = (i: number, k: keyof SupplierRow, x: string) => setV((o) => ({ ...o, suppliers: o.suppliers.map((r, j) => (j === i ? { ...r, [k]: x } : r)) }));
  return (
    <form
      noValidate
      className="space-y-3"
      data-testid="form-sale"
      onSubmit={async (e) => {
        e.preventDefault();
        const candidate = {
          productId: v.productId, stationId: station.id, channel: v.channel, date: v.date, quantity: v.quantity, amountFen: fenOf(v.amount), note: v.note,
          suppliers: v.suppliers.filter((r) => r.householdId || r.payout).map((r) => ({ householdId: r.householdId, payoutFen: fenOf(r.payout) })),
        };
        const parsed = saleInputSchema.safeParse(candidate, { reportInput: true });
        if (!parsed.success) {
          s.setErrors(messages(parsed.error));
          s.setNote(null);
          return;
        }
        s.setErrors({});
        const d = parsed.data;
        const product = products.find((p) => p.id === d.productId);
        await onSave({
          kind: "sale",
          url: "/api/v1/sales",
          body: { productId: d.productId, stationId: d.stationId, channel: d.channel, date: v.date, quantity: d.quantity, amountFen: d.amountFen, ...(d.note ? { note: d.note } : {}), suppliers: d.suppliers },
          summary: `${v.date} · ${product ? (locale === "en" && product.nameEn ? product.nameEn : product.name) : "?"} × ${d.quantity} · ${yuanText(d.amountFen, locale)} · ${d.suppliers.map((x) => householdLabel(households.find((h) => h.id === x.householdId))).join("、")}`,
          form: v,
        });
        s.setNote(tOff("saved"));
        setV({ ...blank, date: v.date, channel: v.channel });
      }}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t("product")} htmlFor="sale-product" error={errors.productId} required>
          <Select id="sale-product" value={v.productId} onChange={(e) => setV((o) => ({ ...o, productId: e.target.value }))} invalid={!!errors.productId}>
            <option value="">{t("choose")}</option>
            {products.map((p) => <option key={p.id} value={p.id}>{p.code} {locale === "en" && p.nameEn ? p.nameEn : p.name}</option>)}
          </Select>
        </Field>
        <Field label={t("channel")} htmlFor="sale-channel" error={errors.channel} required>
          <Select id="sale-channel" value={v.channel} onChange={(e) => setV((o) => ({ ...o, channel: e.target.value }))}>
            {PLATFORMS.map((x) => <option key={x} value={x}>{tEnum(`Platform.${x}`)}</option>)}
          </Select>
        </Field>
        <Field label={t("date")} htmlFor="sale-date" error={errors.date} required>
          <Input id="sale-date" type="date" value={v.date} onChange={(e) => setV((o) => ({ ...o, date: e.target.value }))} invalid={!!errors.date} />
        </Field>
        <Field label={t("quantity")} htmlFor="sale-quantity" error={errors.quantity} required>
          <Input id="sale-quantity" inputMode="decimal" value={v.quantity} onChange={(e) => setV((o) => ({ ...o, quantity: e.target.value }))} invalid={!!errors.quantity} />
        </Field>
        <Field label={t("saleAmount")} htmlFor="sale-amount" error={errors.amountFen} required>
          <Input id="sale-amount" inputMode="decimal" value={v.amount} onChange={(e) => setV((o) => ({ ...o, amount: e.target.value }))} invalid={!!errors.amountFen} />
        </Field>
      </div>
      <fieldset className="space-y-2 rounded-md border border-slate-200 p-2">
        <legend className="px-1 text-sm font-medium text-slate-700">{t("suppliers")}</legend>
        {errors.suppliers ? <p className="text-sm text-red-700" role="alert">{errors.suppliers}</p> : null}
        {v.suppliers.map((r, i) => (
          <div key={i} className="grid gap-2 sm:grid-cols-[1fr_9rem_auto]" data-testid="supplier-row">
            <Field label={`${t("household")} ${i + 1}`} htmlFor={`sale-supplier-${i}`} error={errors[`suppliers.${i}.householdId`]}>
              <HouseholdSelect id={`sale-supplier-${i}`} label={`${t("household")} ${i + 1}`} value={r.householdId} onChange={(x) => setSupplier(i, "householdId", x)} households={households} invalid={!!errors[`suppliers.${i}.householdId`]} />
            </Field>
            <Field label={t("payout")} htmlFor={`sale-payout-${i}`} error={errors[`suppliers.${i}.payoutFen`]}>
              <Input id={`sale-payout-${i}`} inputMode="decimal" value={r.payout} onChange={(e) => setSupplier(i, "payout", e.target.value)} invalid={!!errors[`suppliers.${i}.payoutFen`]} />
            </Field>
            <div className="flex items-end">
              <Button type="button" variant="ghost" onClick={() => setV((o) => ({ ...o, suppliers: o.suppliers.filter((_, j) => j !== i) }))}>{t("removeSupplier")}</Button>
            </div>
          </div>
        ))}
        <Button type="button" variant="secondary" onClick={() => setV((o) => ({ ...o, suppliers: [...o.suppliers, { householdId: "", payout: "" }] }))} data-testid="add-supplier">
          {t("addSupplier")}
        </Button>
      </fieldset>
      <Field label={t("note")} htmlFor="sale-note" error={errors.note}>
        <Input id="sale-note" value={v.note} onChange={(e) => setV((o) => ({ ...o, note: e.target.value }))} />
      </Field>
      <FormFooter editing={!!initial} onCancel={onCancel} note={s.note} hasErrors={Object.keys(errors).length > 0} />
    </form>
  );
}

function TrainingForm({ station, households, initial, serverFields, onSave, onCancel }: FormProps) {
  const t = useTranslations("offline.fields");
  const tOff = useTranslations("offline");
  const blank = { date: countyTodayText(), topic: "", attendeeCount: "", householdIds: [] as string[] };
  const { v, setV, s, errors, messages } = useEntryForm(blank, initial, serverFields, onSave);
  return (
    <form
      noValidate
      className="space-y-3"
      data-testid="form-training"
      onSubmit={async (e) => {
        e.preventDefault();
        const parsed = trainingInputSchema.safeParse({ stationId: station.id, date: v.date, topic: v.topic, attendeeCount: v.attendeeCount, householdIds: v.householdIds }, { reportInput: true });
        if (!parsed.success) {
          s.setErrors(messages(parsed.error));
          s.setNote(null);
          return;
        }
        s.setErrors({});
        const d = parsed.data;
        await onSave({
          kind: "training",
          url: "/api/v1/trainings",
          body: { stationId: d.stationId, date: v.date, topic: d.topic, attendeeCount: d.attendeeCount, householdIds: d.householdIds },
          summary: `${v.date} · ${d.topic} · ${d.attendeeCount}`,
          form: v,
        });
        s.setNote(tOff("saved"));
        setV({ ...blank, date: v.date });
      }}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t("date")} htmlFor="tr-date" error={errors.date} required>
          <Input id="tr-date" type="date" value={v.date} onChange={(e) => setV((o) => ({ ...o, date: e.target.value }))} invalid={!!errors.date} />
        </Field>
        <Field label={t("attendeeCount")} htmlFor="tr-count" error={errors.attendeeCount} required>
          <Input id="tr-count" inputMode="numeric" value={v.attendeeCount} onChange={(e) => setV((o) => ({ ...o, attendeeCount: e.target.value }))} invalid={!!errors.attendeeCount} />
        </Field>
      </div>
      <Field label={t("topic")} htmlFor="tr-topic" error={errors.topic} required>
        <Input id="tr-topic" value={v.topic} onChange={(e) => setV((o) => ({ ...o, topic: e.target.value }))} invalid={!!errors.topic} />
      </Field>
      <Field label={t("attendees")} htmlFor="tr-households" error={errors.householdIds}>
        <Select
          id="tr-households"
          multiple
          size={Math.min(8, Math.max(3, households.length))}
          value={v.householdIds}
          onChange={(e) => setV((o) => ({ ...o, householdIds: Array.from(e.target.selectedOptions, (x) => x.value) }))}
        >
          {households.map((h) => <option key={h.id} value={h.id}>{householdLabel(h)}</option>)}
        </Select>
      </Field>
      <FormFooter editing={!!initial} onCancel={onCancel} note={s.note} hasErrors={Object.keys(errors).length > 0} />
    </form>
  );
}

function HardshipForm({ households, initial, serverFields, onSave, onCancel }: FormProps) {
  const t = useTranslations("offline.fields");
  const tEnum = useTranslations("enums");
  const tOff = useTranslations("offline");
  const tRoot = useTranslations();
  const locale = useLocale();
  const blank = { householdId: "", type: "ILLNESS", date: countyTodayText(), amount: "", note: "" };
  const { v, setV, set, s, errors, messages } = useEntryForm(blank, initial, serverFields, onSave);
  return (
    <form
      noValidate
      className="space-y-3"
      data-testid="form-hardship"
      onSubmit={async (e) => {
        e.preventDefault();
        const parsed = hardshipFormSchema.safeParse({ type: v.type, date: v.date, amount: v.amount, note: v.note }, { reportInput: true });
        const householdMissing = !v.householdId;
        if (!parsed.success || householdMissing) {
          const fields = parsed.success ? {} : messages(parsed.error);
          if (householdMissing) fields.householdId = tRoot("validation.required");
          s.setErrors(fields);
          s.setNote(null);
          return;
        }
        s.setErrors({});
        const d = parsed.data;
        const h = households.find((x) => String(x.id) === v.householdId);
        await onSave({
          kind: "hardship",
          url: `/api/v1/households/${v.householdId}/hardships`,
          body: { type: d.type, date: v.date, ...(d.amountFen ? { amountFen: d.amountFen } : {}), ...(d.note ? { note: d.note } : {}) },
          summary: `${v.date} · ${householdLabel(h)} · ${tEnum(`HardshipType.${d.type}`)}${d.amountFen ? ` ${yuanText(d.amountFen, locale)}` : ""}`,
          form: v,
        });
        s.setNote(tOff("saved"));
        setV({ ...blank, date: v.date });
      }}
    >
      <Field label={t("household")} htmlFor="hs-household" error={errors.householdId} required>
        <HouseholdSelect id="hs-household" label={t("household")} value={v.householdId} onChange={(x) => setV((o) => ({ ...o, householdId: x }))} households={households} invalid={!!errors.householdId} />
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t("hardshipType")} htmlFor="hs-type" error={errors.type} required>
          <Select id="hs-type" value={v.type} onChange={set("type")}>
            {HARDSHIP_TYPES.map((x) => <option key={x} value={x}>{tEnum(`HardshipType.${x}`)}</option>)}
          </Select>
        </Field>
        <Field label={t("date")} htmlFor="hs-date" error={errors.date} required>
          <Input id="hs-date" type="date" value={v.date} onChange={set("date")} invalid={!!errors.date} />
        </Field>
        <Field label={t("cost")} htmlFor="hs-amount" error={errors.amount ?? errors.amountFen}>
          <Input id="hs-amount" inputMode="decimal" value={v.amount} onChange={set("amount")} invalid={!!(errors.amount ?? errors.amountFen)} />
        </Field>
      </div>
      <Field label={t("note")} htmlFor="hs-note" error={errors.note}>
        <Textarea id="hs-note" rows={2} value={v.note} onChange={set("note")} />
      </Field>
      <FormFooter editing={!!initial} onCancel={onCancel} note={s.note} hasErrors={Object.keys(errors).length > 0} />
    </form>
  );
}

const FORMS: Record<EntryKind, (p: FormProps) => React.ReactNode> = { income: IncomeForm, sale: SaleForm, training: TrainingForm, hardship: HardshipForm };
const KINDS: EntryKind[] = ["income", "sale", "training", "hardship"];

export function StationEntry({ station }: { station: Station }) {
  const t = useTranslations("offline");
  const locale = useLocale();
  const online = useOnline();
  const [kind, setKind] = useState<EntryKind>("income");
  const [editing, setEditing] = useState<QueueItem | null>(null);
  const households = useLive(() => offlineStore().households.orderBy("code").toArray().catch(() => [] as CachedHousehold[])) ?? [];
  const products = useLive(() => offlineStore().products.orderBy("code").toArray().catch(() => [] as CachedProduct[])) ?? [];
  const refreshedAt = useLive(() => offlineStore().meta.get("refreshedAt").then((m) => m?.v as string | undefined).catch(() => undefined));
  const sync = () => {
    if (navigator.onLine) void syncQueue({ offline: t("queue.networkFailed"), server: t("queue.serverFailed") });
  };

  const save = async (d: Draft) => {
    const queue = offlineStore().queue;
    if (editing?.id !== undefined) {
      // A corrected refusal keeps its key: the server stored nothing for it, so the corrected body may use it.
      await queue.update(editing.id, { url: d.url, body: d.body, summary: d.summary, form: d.form, state: "pending", message: undefined, fields: undefined, status: undefined });
      setEditing(null);
    } else {
      await queue.add({ key: newIdempotencyKey(), kind: d.kind, url: d.url, body: d.body, summary: d.summary, form: d.form, state: "pending", attempts: 0, createdAt: new Date().toISOString() });
    }
    sync();
  };

  const Active = FORMS[editing?.kind ?? kind];
  const when = refreshedAt ? new Intl.DateTimeFormat(locale, { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "short" }).format(new Date(refreshedAt)) : null;
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">{t("station", { name: `${station.code} ${station.name}` })}</p>
      <p className={online ? "text-sm text-green-700" : "text-sm font-medium text-amber-700"} data-testid="entry-online-state">{online ? t("online") : t("offlineNow")}</p>
      <p className="text-xs text-slate-500" data-testid="pickers-state" data-households={households.length}>
        {when ? t("pickersAsOf", { at: when, households: households.length, products: products.length }) : t("pickersNone")}
      </p>
      <QueuePanel always onEdit={(item) => setEditing(item)} />
      <Card className="space-y-3 p-3 sm:p-4">
        <div role="tablist" className="flex flex-wrap gap-1" aria-label={t("title")}>
          {KINDS.map((k) => (
            <button
              key={k}
              type="button"
              role="tab"
              aria-selected={(editing?.kind ?? kind) === k}
              disabled={!!editing}
              onClick={() => setKind(k)}
              className={(editing?.kind ?? kind) === k ? "rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white" : "rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-800"}
            >
              {t(`tabs.${k}`)}
            </button>
          ))}
        </div>
        <div role="tabpanel">
          <Active
            key={editing ? `edit-${editing.id}` : kind}
            station={station}
            households={households}
            products={products}
            initial={editing?.form}
            serverFields={editing?.fields}
            onSave={save}
            onCancel={() => setEditing(null)}
          />
        </div>
      </Card>
    </div>
  );
}
