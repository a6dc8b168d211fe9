"use client";

import { buttonClass } from "@/components/ui/button";
import { DownloadStatus } from "./download-status";
import { useDownload } from "./use-download";

/**
 * Export links (XLSX, CSV) with a busy state and progress: plain links without JavaScript; with it, the file is
 * fetched with bytes and rows shown, a cancel, and the server's message when it refuses.
 */
export function ExportButtons({ links }: { links: { href: string; label: string; testId?: string }[] }) {
  const { state, start, cancel } = useDownload();
  const busy = state.status === "busy";
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex flex-wrap gap-2">
        {links.map((l) => (
          <a
            key={l.href}
            href={l.href}
            data-testid={l.testId}
            aria-disabled={busy || undefined}
            className={buttonClass("secondary", busy ? "pointer-events-none opacity-60" : undefined)}
            onClick={(e) => {
              e.preventDefault();
              if (!busy) void start(l.href);
            }}
          >
            {l.label}
          </a>
        ))}
      </div>
      <DownloadStatus state={state} onCancel={cancel} />
    </div>
  );
}
