"use client";

import { Button } from "@/components/ui/button";

/** Opens the browser's print dialog (the report page has A4 print styles). */
export function PrintButton({ label }: { label: string }) {
  return (
    <Button type="button" variant="secondary" onClick={() => window.print()}>
      {label}
    </Button>
  );
}
