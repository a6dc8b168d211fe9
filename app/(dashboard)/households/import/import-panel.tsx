"use client";

import Link from "next/link";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { Button, buttonClass } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";
import { Table, Td, Th, Tr } from "@/components/ui/table";

type Report = {
  total: number; toCreate: number; unchanged: number; errorCount: number; committed: boolean; format: string; encoding?: string;
  errors: { row: number; column: string | null; message: string }[];
  preview?: { headers: string[]; keys?: (string | null)[]; rows: string[][] };
};
type Phase = { name: "idle" } | { name: "uploading"; pct: number; commit: boolean } | { name: "processing"; commit: boolean } | { name: "report"; report: Report } | { name: "done"; report: Report } | { name: "failed"; message: string; problems?: string[] };

const MAX_BYTES = 10 * 1024 * 1024;

/** POSTs the file with XMLHttpRequest, which (unlike fetch) reports upload progress: what a slow line needs to see. */
function send(url: string, file: File, onProgress: (pct: number) => void): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100)); };
    xhr.onload = () => resolve({ status: xhr.status, body: xhr.response });
    xhr.onerror = () => reject(new Error("network"));
    const form = new FormData();
    form.append("file", file);
    xhr.send(form);
  });
}

/**
 * Two honest steps: "Check" uploads the file and the server validates every row without writing (the per-row report);
 * "Import" uploads it again and the server re-validates and writes all rows in one transaction, or none.
 */
export function ImportPanel({ kind, listHref }: { kind: "households" | "income"; listHref: string }) {
  const t = useTranslations("import");
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ name: "idle" });
  const busy = phase.name === "uploading" || phase.name === "processing";

  async function run(commit: boolean) {
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setPhase({ name: "failed", message: t("tooLargeClient", { maxMb: 10 }) });
      return;
    }
    setPhase({ name: "uploading", pct: 0, commit });
    try {
      const { status, body } = await send(`/api/v1/${kind}/import${commit ? "?commit=1" : ""}`, file, (pct) => {
        setPhase(pct >= 100 ? { name: "processing", commit } : { name: "uploading", pct, commit });
      });
      if (status >= 400 || !body) {
        const error = (body as { error?: { message?: string; details?: { problems?: string[] } } } | null)?.error;
        setPhase({ name: "failed", message: error?.message ?? t("failed"), problems: error?.details?.problems });
        return;
      }
      const report = body as Report;
      setPhase(report.committed ? { name: "done", report } : { name: "report", report });
    } catch {
      setPhase({ name: "failed", message: t("network") });
    }
  }

  return (
    <div className="space-y-4">
      <Card className="space-y-3">
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span>{t("template")}:</span>
          <a className="text-brand-700 hover:underline" href={`/api/v1/${kind}/import/template?format=xlsx`}>XLSX</a>
          <a className="text-brand-700 hover:underline" href={`/api/v1/${kind}/import/template?format=csv`}>CSV</a>
        </div>
        <p className="text-sm text-slate-600">{t(`help.${kind}`)}</p>
        <div className="flex flex-wrap items-center gap-3">
          <label htmlFor="import-file" className="text-sm font-medium">{t("file")}</label>
          <input id="import-file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className="max-w-full text-sm" disabled={busy}
            onChange={(e) => { setFile(e.target.files?.[0] ?? null); setPhase({ name: "idle" }); }} />
          <Button type="button" variant="secondary" disabled={!file || busy} onClick={() => run(false)}>{t("check")}</Button>
        </div>
        {phase.name === "uploading" || phase.name === "processing" ? (
          <div aria-live="polite" className="space-y-1">
            <div className="h-2 w-full overflow-hidden rounded bg-slate-200" role="progressbar" aria-valuemin={0} aria-valuemax={100}
              aria-valuenow={phase.name === "uploading" ? phase.pct : undefined} aria-label={t("progress")}>
              <div className={phase.name === "uploading" ? "h-full bg-brand-600 transition-all" : "h-full w-1/3 animate-pulse bg-brand-600"}
                style={phase.name === "uploading" ? { width: `${phase.pct}%` } : undefined} />
            </div>
            <p className="text-sm text-slate-600">
              {phase.name === "uploading" ? t("uploading", { pct: phase.pct }) : phase.commit ? t("writing") : t("validating")}
            </p>
          </div>
        ) : null}
      </Card>

      {phase.name === "failed" ? (
        <Alert tone="error">
          {phase.message}
          {phase.problems && phase.problems.length > 1 ? <ul className="mt-1 list-disc pl-5">{phase.problems.map((p) => <li key={p}>{p}</li>)}</ul> : null}
        </Alert>
      ) : null}

      {phase.name === "report" || phase.name === "done" ? (
        <Card className="space-y-3" data-testid="import-report">
          <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
            <div><dt className="inline text-slate-600">{t("rows")}: </dt><dd className="inline font-semibold">{phase.report.total}</dd></div>
            <div><dt className="inline text-slate-600">{phase.name === "done" ? t("created") : t("toCreate")}: </dt><dd className="inline font-semibold" data-testid="to-create">{phase.report.toCreate}</dd></div>
            <div><dt className="inline text-slate-600">{t("unchanged")}: </dt><dd className="inline font-semibold">{phase.report.unchanged}</dd></div>
            <div><dt className="inline text-slate-600">{t("errorRows")}: </dt><dd className="inline font-semibold" data-testid="error-count">{phase.report.errorCount}</dd></div>
          </dl>
          {/* Outside the list: a <dl> holds only its terms and values (axe: definition-list). */}
          {phase.report.encoding ? (
            <p className="text-sm text-slate-500" data-testid="import-encoding">
              {t("encoding", { encoding: t.has(`encodingNames.${phase.report.encoding}`) ? t(`encodingNames.${phase.report.encoding}`) : phase.report.encoding })}
            </p>
          ) : null}
          {phase.name === "report" && phase.report.preview && phase.report.preview.rows.length > 0 ? <Preview preview={phase.report.preview} kind={kind} /> : null}
          {phase.name === "done" ? (
            <Alert tone="success">
              {t("done", { created: phase.report.toCreate, unchanged: phase.report.unchanged })}{" "}
              <Link className="underline" href={listHref}>{t("openList")}</Link>
            </Alert>
          ) : phase.report.errorCount > 0 ? (
            <>
              <Alert tone="error">{t("hasErrors", { count: phase.report.errorCount })}</Alert>
              <Table label={t("hasErrors", { count: phase.report.errorCount })}>
                <thead><tr><Th>{t("row")}</Th><Th>{t("column")}</Th><Th>{t("problem")}</Th></tr></thead>
                <tbody className="divide-y divide-slate-100">
                  {phase.report.errors.map((e, i) => (
                    <Tr key={`${e.row}-${e.column}-${i}`} data-testid="import-error">
                      <Td label={t("row")} className="tabular-nums">{e.row}</Td><Td label={t("column")}>{e.column ?? "—"}</Td><Td label={t("problem")} wide>{e.message}</Td>
                    </Tr>
                  ))}
                </tbody>
              </Table>
              {phase.report.errorCount > phase.report.errors.length ? <p className="text-sm text-slate-600">{t("moreErrors", { count: phase.report.errorCount - phase.report.errors.length })}</p> : null}
            </>
          ) : phase.report.toCreate === 0 ? (
            <Alert tone="info">{t("nothingNew")}</Alert>
          ) : (
            <div className="flex flex-wrap items-center gap-3">
              <Alert tone="success">{t("allValid", { count: phase.report.toCreate })}</Alert>
              <Button type="button" onClick={() => run(true)}>{t("commit", { count: phase.report.toCreate })}</Button>
            </div>
          )}
        </Card>
      ) : null}
      <Link className={buttonClass("ghost")} href={listHref}>{t("back")}</Link>
    </div>
  );
}

/** The columns a phone's card leads with (its title line): what identifies the row. */
const KEY_COLUMNS: Record<"households" | "income", readonly string[]> = { households: ["code", "headName"], income: ["householdCode", "headName"] };

/**
 * The first rows as the server decoded them: a user sees at a glance that 户主姓名 reads 韦某, not mojibake. On a wide
 * screen the file's own columns in its order (the region scrolls sideways if there are many, and can be focused to
 * scroll by keyboard); on a phone each row is a card led by its key cells, every other cell under its file header.
 */
function Preview({ preview, kind }: { preview: NonNullable<Report["preview"]>; kind: "households" | "income" }) {
  const t = useTranslations("import");
  const keys = preview.keys ?? [];
  const isKey = (j: number) => KEY_COLUMNS[kind].includes(keys[j] ?? "");
  const title = t("previewTitle", { count: preview.rows.length });
  return (
    <section className="space-y-1">
      <h3 id="import-preview-title" className="text-sm font-medium">{title}</h3>
      <p className="text-xs text-slate-600">{t("previewHint")}</p>
      <Table label={title} className="sm:text-xs" data-testid="import-preview">
        <thead>
          <tr>{preview.headers.map((h, i) => <Th key={i} className="whitespace-nowrap px-2 py-1">{h}</Th>)}</tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {preview.rows.map((r, i) => (
            <Tr key={i} data-testid="import-preview-row">
              {r.map((c, j) => (isKey(j)
                // The card's title: the code (17 characters with its hyphen) on a line of its own, unbroken, the name under it.
                ? <Td key={j} primary wide className={keys[j] === KEY_COLUMNS[kind][0] ? "whitespace-nowrap px-2 py-1 cards:font-mono cards:text-sm! cards:whitespace-nowrap!" : "whitespace-nowrap px-2 py-1"}>{c}</Td>
                : <Td key={j} label={preview.headers[j] || "—"} className="whitespace-nowrap px-2 py-1">{c}</Td>))}
            </Tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}
