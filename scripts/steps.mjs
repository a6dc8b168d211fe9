// Steps shared by `npm start` and `npm run test:e2e`.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
export const bin = (name) => path.join(root, "node_modules", ".bin", name);

export function run(cmd, args, env = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`\n✗ ${[cmd, ...args].join(" ")} failed (exit ${result.status})`);
    process.exit(result.status ?? 1);
  }
}

/** Applies committed migrations, then seeds the demo when the embedded database is empty. */
export function migrateAndSeed(env = {}) {
  run(process.execPath, ["scripts/prisma.mjs", "migrate", "deploy"], env);
  const embedded = !/^postgres(ql)?:\/\//.test(env.DATABASE_URL ?? process.env.DATABASE_URL ?? "");
  if (embedded) run(bin("tsx"), ["--conditions=react-server", "prisma/seed/index.ts"], env);
}

// Rebuild only when what the build depends on has changed since the last build.
const BUILD_INPUTS = ["app", "components", "lib", "messages", "i18n", "sw", "public", "proxy.ts", "next.config.js", "postcss.config.mjs", "package-lock.json", "tsconfig.json"];

function sourceHash() {
  const hash = createHash("sha256");
  const walk = (p) => {
    if (!existsSync(p)) return;
    if (statSync(p).isDirectory()) {
      for (const name of readdirSync(p).sort()) if (name !== "generated") walk(path.join(p, name));
    } else {
      hash.update(path.relative(root, p));
      hash.update(readFileSync(p));
    }
  };
  for (const input of BUILD_INPUTS) walk(path.join(root, input));
  return hash.digest("hex");
}

export function buildIfNeeded() {
  // The service worker first (scripts/build-sw.mjs): public/sw.js is part of what the build serves.
  run(process.execPath, ["scripts/build-sw.mjs"]);
  const stamp = path.join(root, ".next", "source-hash");
  const current = sourceHash();
  if (existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(stamp) && readFileSync(stamp, "utf8") === current) return;
  console.log("▶ building the app (first start or sources changed)…");
  run(bin("next"), ["build"]);
  writeFileSync(stamp, current);
}
