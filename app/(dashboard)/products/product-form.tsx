"use client";

import { useLocale, useTranslations } from "next-intl";
import { KNOWN_UNITS, unitLabel } from "@/lib/units";
import { Button } from "@/components/ui/button";
import { Field, Input, OtherFieldErrors, RequiredNote, Select } from "@/components/ui/input";
import { Alert } from "@/components/ui/card";
import { HouseholdPicker, type PickedHousehold } from "@/components/network/household-picker";
import { useFormAction } from "@/components/network/use-form-action";
import { ListingStatus, Platform, ProductCategory } from "@/lib/generated/prisma/enums";
import type { FormState } from "@/lib/api/form";
import { createProductAction, updateProductAction } from "./actions";
import { searchSuppliersAction } from "../sales/actions";

export type ProductFormValues = {
  code: string; name: string; nameEn: string; category: string; unit: string; price: string; stationId: number | null; active: boolean;
  listings: { platform: string; status: string; url: string; listedOn: string }[];
  suppliers: PickedHousehold[];
  supplierTotal: number;
  /** The version the editor saw (optimistic locking); only when editing. */
  version?: number;
};

/** Create or edit a product (ADMIN/STAFF): one listing row per platform, and the supplier households. */
export function ProductForm({ productId, initial, stations }: { productId?: number; initial: ProductFormValues; stations: { id: number; label: string }[] }) {
  const t = useTranslations("products");
  const tCommon = useTranslations("common");
  const tEnum = useTranslations("enums");
  const locale = useLocale();
  const action = productId ? updateProductAction.bind(null, productId) : createProductAction;
  const { state, onSubmit, pending } = useFormAction<FormState>(action, {});
  const fe = state.fields ?? {};
  const listing = new Map(initial.listings.map((l) => [l.platform, l]));
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {productId && initial.version !== undefined ? <input type="hidden" name="version" value={initial.version} /> : null}
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <OtherFieldErrors fields={fe} shown={["code", "category", "name", "nameEn", "unit", "priceFen", "stationId", "listing.", "supplierHouseholdIds", "supplierHouseholdIds.", "addSupplierHouseholdIds", "addSupplierHouseholdIds."]} />
      <RequiredNote text={tCommon("requiredNote")} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t("code")} htmlFor="code" error={fe.code} required>
          <Input id="code" name="code" defaultValue={initial.code} maxLength={30} invalid={!!fe.code} aria-required="true" />
        </Field>
        <Field label={t("category")} htmlFor="category" error={fe.category} required>
          <Select id="category" name="category" defaultValue={initial.category} invalid={!!fe.category} aria-required="true">
            {Object.values(ProductCategory).map((c) => <option key={c} value={c}>{tEnum(`ProductCategory.${c}`)}</option>)}
          </Select>
        </Field>
        <Field label={t("name")} htmlFor="name" error={fe.name} required>
          <Input id="name" name="name" defaultValue={initial.name} maxLength={100} invalid={!!fe.name} aria-required="true" />
        </Field>
        <Field label={t("nameEn")} htmlFor="nameEn" error={fe.nameEn}>
          <Input id="nameEn" name="nameEn" defaultValue={initial.nameEn} maxLength={100} invalid={!!fe.nameEn} />
        </Field>
        <Field label={t("unit")} htmlFor="unit" error={fe.unit} required>
          <Input id="unit" name="unit" defaultValue={initial.unit} maxLength={20} invalid={!!fe.unit} aria-required="true" list="known-units" />
          <datalist id="known-units">{KNOWN_UNITS.map((u) => <option key={u} value={u}>{unitLabel(u, locale)}</option>)}</datalist>
        </Field>
        <Field label={t("priceYuan")} htmlFor="price" error={fe.priceFen} required>
          <Input id="price" name="price" inputMode="decimal" defaultValue={initial.price} invalid={!!fe.priceFen} aria-required="true" autoComplete="off" />
        </Field>
        <Field label={t("station")} htmlFor="stationId" error={fe.stationId}>
          <Select id="stationId" name="stationId" defaultValue={initial.stationId ?? ""} invalid={!!fe.stationId}>
            <option value="">{t("none")}</option>
            {stations.map((s) => <option key={s.id} value={s.id}>{s.label}</option>)}
          </Select>
        </Field>
        <label className="flex items-center gap-2 self-end pb-2 text-sm">
          <input type="checkbox" name="active" defaultChecked={initial.active} /> {t("active")}
        </label>
      </div>

      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-700">{t("listings")}</legend>
        <div className="space-y-2">
          {Object.values(Platform).map((p) => {
            const l = listing.get(p);
            const err = (f: string) => fe[`listing.${p}.${f}`];
            return (
              <div key={p} className="grid grid-cols-2 gap-2 rounded-md border border-slate-200 p-2 sm:grid-cols-[8rem_9rem_1fr_10rem] sm:items-start">
                <div className="col-span-2 pt-2 text-sm font-medium sm:col-span-1">{tEnum(`Platform.${p}`)}</div>
                <div>
                  <Select name={`listing.${p}.status`} defaultValue={l?.status ?? ""} aria-label={`${tEnum(`Platform.${p}`)} ${t("listingStatus")}`}>
                    <option value="">{t("notListed")}</option>
                    {Object.values(ListingStatus).map((s) => <option key={s} value={s}>{tEnum(`ListingStatus.${s}`)}</option>)}
                  </Select>
                  {err("status") || err("platform") ? <p className="text-sm text-red-700" role="alert">{err("status") ?? err("platform")}</p> : null}
                </div>
                <div className="col-span-2 sm:col-span-1">
                  <Input name={`listing.${p}.url`} type="url" defaultValue={l?.url ?? ""} placeholder={t("url")} aria-label={`${tEnum(`Platform.${p}`)} ${t("url")}`} invalid={!!err("url")} />
                  {err("url") ? <p className="text-sm text-red-700" role="alert">{err("url")}</p> : null}
                </div>
                <div className="col-span-2 sm:col-span-1">
                  <Input name={`listing.${p}.listedOn`} type="date" defaultValue={l?.listedOn ?? ""} aria-label={`${tEnum(`Platform.${p}`)} ${t("listedOn")}`} invalid={!!err("listedOn")} />
                  {err("listedOn") ? <p className="text-sm text-red-700" role="alert">{err("listedOn")}</p> : null}
                </div>
              </div>
            );
          })}
        </div>
      </fieldset>

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">{t("suppliers")}{productId ? ` (${initial.supplierTotal})` : ""}</legend>
        {productId && initial.suppliers.length > 0 ? (
          <details className="rounded-md border border-slate-200 p-2 text-sm">
            <summary className="cursor-pointer">{t("removeSuppliers")}{initial.supplierTotal > initial.suppliers.length ? ` · ${t("firstN", { n: initial.suppliers.length })}` : ""}</summary>
            <div className="mt-2 grid max-h-64 grid-cols-1 gap-1 overflow-y-auto sm:grid-cols-2">
              {initial.suppliers.map((h) => (
                <label key={h.id} className="flex items-center gap-1.5">
                  <input type="checkbox" name="removeSupplierHouseholdIds" value={h.id} /> {h.headName} <span className="text-xs text-slate-500">{h.code} · {h.villageName}</span>
                </label>
              ))}
            </div>
          </details>
        ) : null}
        {productId ? <p className="text-xs text-slate-600">{t("addSuppliers")}</p> : null}
        <HouseholdPicker search={searchSuppliersAction} stationId={null} idName={productId ? "addSupplierHouseholdIds" : "supplierHouseholdIds"}
          errors={fe} errorPrefix={productId ? "addSupplierHouseholdIds" : "supplierHouseholdIds"} label={t("suppliers")} />
      </fieldset>
      <Button type="submit" disabled={pending}>{t("save")}</Button>
    </form>
  );
}
