"use client";

// A download with feedback: fetch the file, read the body chunk by chunk (bytes received, and rows for CSV), then
// save it under the server's file name (Content-Disposition) through a Blob URL. Cancel aborts the request. A
// refusal or a bad filter comes back as the API's error JSON: its message (already in the user's language) is shown,
// never the JSON itself.
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";

export type DownloadState =
  | { status: "idle" }
  | { status: "busy"; bytes: number; rows: number | null }
  | { status: "done"; name: string; bytes: number }
  | { status: "cancelled" }
  | { status: "error"; message: string };

/** The file name of a Content-Disposition header (the UTF-8 form first), or `fallback`. */
export function filenameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (utf8) {
    try {
      return decodeURIComponent(utf8[1].trim());
    } catch {
      // fall through to the ASCII form
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : fallback;
}

/** The error message of an API error answer ({"error":{"message","fields"}}), or null when it is not one. */
async function errorMessage(res: Response): Promise<string | null> {
  if (!(res.headers.get("content-type") ?? "").includes("json")) return null;
  try {
    const body = (await res.json()) as { error?: { message?: string; fields?: Record<string, string> } };
    if (!body.error?.message) return null;
    const fields = Object.values(body.error.fields ?? {});
    return fields.length ? `${body.error.message} ${fields.join(" ")}` : body.error.message;
  } catch {
    return null;
  }
}

export function useDownload() {
  const t = useTranslations("download");
  const [state, setState] = useState<DownloadState>({ status: "idle" });
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const start = useCallback(
    async (url: string) => {
      controller.current?.abort();
      const abort = new AbortController();
      controller.current = abort;
      setState({ status: "busy", bytes: 0, rows: null });
      try {
        const res = await fetch(url, { signal: abort.signal, credentials: "same-origin" });
        if (!res.ok) {
          setState({ status: "error", message: t("failed", { message: (await errorMessage(res)) ?? `HTTP ${res.status}` }) });
          return;
        }
        const csv = (res.headers.get("content-type") ?? "").includes("csv");
        const chunks: Uint8Array<ArrayBuffer>[] = [];
        let bytes = 0;
        let lines = 0;
        let shown = 0;
        const reader = res.body!.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          chunks.push(value as Uint8Array<ArrayBuffer>);
          bytes += value.byteLength;
          if (csv) for (let i = 0; i < value.length; i++) if (value[i] === 10) lines++;
          // Re-render at most every ~64 KB, not per chunk.
          if (bytes - shown >= 65_536) {
            shown = bytes;
            setState({ status: "busy", bytes, rows: csv ? Math.max(0, lines - 1) : null });
          }
        }
        const name = filenameOf(res.headers.get("content-disposition"), "download");
        const href = URL.createObjectURL(new Blob(chunks, { type: res.headers.get("content-type") ?? "application/octet-stream" }));
        const a = document.createElement("a");
        a.href = href;
        a.download = name;
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(href), 60_000);
        setState({ status: "done", name, bytes });
      } catch (error) {
        if (abort.signal.aborted) setState({ status: "cancelled" });
        else setState({ status: "error", message: t("network") });
        void error;
      } finally {
        if (controller.current === abort) controller.current = null;
      }
    },
    [t],
  );

  const cancel = useCallback(() => controller.current?.abort(), []);
  return { state, start, cancel };
}

/** Bytes as people read them: 12.3 MB, 845 KB. */
export function formatBytes(bytes: number, locale: string): string {
  const n = (v: number, digits: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(v);
  if (bytes >= 1024 * 1024) return `${n(bytes / 1024 / 1024, 1)} MB`;
  return `${n(Math.max(bytes, 1) / 1024, 0)} KB`;
}
