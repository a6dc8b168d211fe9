"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

export function NavLinks({ items }: { items: { href: string; label: string; key: string }[] }) {
  const pathname = usePathname();
  return (
    <ul className="space-y-0.5">
      {items.map((item) => {
        const active = item.href === "/" ? pathname === "/" : pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <li key={item.key}>
            <Link
              href={item.href}
              data-nav={item.key}
              aria-current={active ? "page" : undefined}
              // The phone menu is a <details>: close it once a section is chosen, or it would cover the new page.
              onClick={(e) => e.currentTarget.closest("details")?.removeAttribute("open")}
              className={cn("block rounded-md px-3 py-2 text-sm", active ? "bg-brand-700 font-medium text-white" : "text-slate-700 hover:bg-brand-50")}
            >
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
