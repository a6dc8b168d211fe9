"use client";

import { useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field, Input, OtherFieldErrors, RequiredNote, Select, Textarea } from "@/components/ui/input";
import { Alert } from "@/components/ui/card";
import { StationField } from "@/components/network/station-field";
import { HouseholdPicker, type PickedHousehold } from "@/components/network/household-picker";
import { useFormAction } from "@/components/network/use-form-action";
import { Platform } from "@/lib/generated/prisma/enums";
import { formatYuan } from "@/lib/format";
import { yuanToFen } from "@/lib/validation/money";
import type { FormState } from "@/lib/api/form";
import { recordSaleAction, searchSuppliersAction } from "../actions";

type Option = { id: number; label: string };

export function SaleForm({ today, stationId, stationLocked, stations, products }: {
  today: string;
  stationId: number | null;
  stationLocked: boolean;
  stations: Option[];
  products: (Option & { priceFen: number })[];
}) {
  const t = useTranslations("sales");
  const tCommon = useTranslations("common");
  const tEnum = useTranslations("enums");
  const locale = useLocale();
  const { state, onSubmit, pending } = useFormAction<FormState>(recordSaleAction, {});
  const [station, setStation] = useState<number | null>(stationId);
  const [amount, setAmount] = useState("");
  const [rows, setRows] = useState<PickedHousehold[]>([]);
  const fe = state.fields ?? {};
  const fen = (v: string | undefined) => {
    const x = yuanToFen(v ?? "");
    return typeof x === "number" ? x : 0;
  };
  const payoutSum = rows.reduce((sum, r) => sum + fen(r.payout), 0);
  const amountFen = fen(amount);

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <OtherFieldErrors fields={fe} shown={["stationId", "productId", "channel", "date", "quantity", "amountFen", "note", "suppliers", "suppliers."]} />
      <RequiredNote text={tCommon("requiredNote")} />
      <div className="grid gap-3 sm:grid-cols-2">
        <StationField label={t("station")} stations={stations} value={station} onChange={setStation} locked={stationLocked} error={fe.stationId} required />
        <Field label={t("product")} htmlFor="productId" error={fe.productId} required>
          <Select id="productId" name="productId" defaultValue="" invalid={!!fe.productId} aria-required="true">
            <option value="">{t("choose")}</option>
            {products.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
          </Select>
        </Field>
        <Field label={t("channel")} htmlFor="channel" error={fe.channel} required>
          <Select id="channel" name="channel" defaultValue="" invalid={!!fe.channel} aria-required="true">
            <option value="">{t("choose")}</option>
            {Object.values(Platform).map((c) => <option key={c} value={c}>{tEnum(`Platform.${c}`)}</option>)}
          </Select>
        </Field>
        <Field label={t("date")} htmlFor="date" error={fe.date} required>
          <Input id="date" name="date" type="date" max={today} defaultValue={today} invalid={!!fe.date} aria-required="true" />
        </Field>
        <Field label={t("quantity")} htmlFor="quantity" error={fe.quantity} required>
          <Input id="quantity" name="quantity" inputMode="decimal" invalid={!!fe.quantity} aria-required="true" autoComplete="off" />
        </Field>
        <Field label={t("amountYuan")} htmlFor="amount" error={fe.amountFen} required>
          <Input id="amount" name="amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} invalid={!!fe.amountFen} aria-required="true" autoComplete="off" />
        </Field>
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">{t("suppliers")}</legend>
        <p className="text-xs text-slate-600">{t("suppliersHint")}</p>
        <HouseholdPicker search={searchSuppliersAction} stationId={station} idName="supplierHouseholdId" payoutName="supplierPayout"
          errors={fe} errorPrefix="suppliers" onChange={setRows} label={t("suppliers")} />
        {rows.length > 0 ? (
          <p className={payoutSum > amountFen ? "text-sm font-medium text-red-700" : "text-sm text-slate-700"} data-testid="payout-sum">
            {t("payoutSum", { sum: formatYuan(payoutSum, locale) })} / {t("amount")} {formatYuan(amountFen, locale)}
          </p>
        ) : null}
      </fieldset>
      <Field label={t("note")} htmlFor="note" error={fe.note}>
        <Textarea id="note" name="note" rows={2} maxLength={500} invalid={!!fe.note} />
      </Field>
      <Button type="submit" disabled={pending}>{pending ? t("saving") : t("save")}</Button>
    </form>
  );
}
