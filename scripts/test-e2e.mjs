#!/usr/bin/env node
// `npm run test:e2e`: Playwright against a production build on a freshly seeded embedded database, in Debian's
// Chromium (Playwright's own browser download cannot work offline).
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { bin, buildIfNeeded, migrateAndSeed, root, run } from "./steps.mjs";

if (!existsSync("/usr/bin/chromium")) {
  console.log("▶ installing Debian's chromium (needs root and the Debian package mirror)…");
  run("bash", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null"]);
}

const dataDir = path.join(root, "data", "e2e");
rmSync(dataDir, { recursive: true, force: true });
const env = { PGLITE_DIR: path.join(dataDir, "pglite"), DATABASE_URL: "" };
migrateAndSeed(env);
buildIfNeeded();
run(bin("playwright"), ["test", ...process.argv.slice(2)], env);
