import { describe, expect, it } from "vitest";
import zhCN from "../messages/zh-CN.json";
import en from "../messages/en.json";

function keys(obj: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (v && typeof v === "object" ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe("messages", () => {
  it("zh-CN and en have exactly the same keys", () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
  });
});

describe("messages sent to the browser", () => {
  it("cover every namespace a client component reads, and nothing is missing from them", async () => {
    const { readdirSync, readFileSync, statSync } = await import("node:fs");
    const path = await import("node:path");
    const { CLIENT_NAMESPACES, clientMessages } = await import("@/lib/i18n");
    const root = path.resolve(__dirname, "..");
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = path.join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(name)) files.push(p);
      }
    };
    for (const dir of ["app", "components"]) walk(path.join(root, dir));
    const used = new Set<string>();
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      if (!/^\s*["']use client["']/m.test(text)) continue;
      for (const m of text.matchAll(/useTranslations\(\s*(?:["']([\w.]+)["'])?\s*\)/g)) used.add(m[1] ?? "(all)");
    }
    expect(used.size).toBeGreaterThan(5);
    // A client component without a namespace (the offline forms' field messages) renders the schemas' message keys:
    // every key a zod schema in lib/validation can produce must be in a namespace that is sent.
    used.delete("(all)");
    for (const file of readdirSync(path.join(root, "lib", "validation"))) {
      const text = readFileSync(path.join(root, "lib", "validation", file), "utf8");
      for (const m of text.matchAll(/(?:message|key): "([a-zA-Z]+\.[a-zA-Z.]+)"/g)) {
        const key = m[1];
        expect(CLIENT_NAMESPACES.some((c) => key.startsWith(`${c}.`)), `schema message ${key} (${file}) is not in a client namespace`).toBe(true);
      }
    }
    for (const ns of used) {
      const covered = CLIENT_NAMESPACES.some((c) => ns === c || ns.startsWith(`${c}.`));
      expect(covered, `client namespace "${ns}" is not in CLIENT_NAMESPACES (lib/i18n.ts)`).toBe(true);
    }
    // What is sent is what the catalogue holds under those names.
    const sent = clientMessages("en") as Record<string, Record<string, unknown>>;
    expect(sent.monitoring.cases).toEqual((en as unknown as Record<string, Record<string, unknown>>).monitoring.cases);
    expect(Object.keys(sent.monitoring).sort()).toEqual(["cases", "errors", "hardships"]);
  });
});
