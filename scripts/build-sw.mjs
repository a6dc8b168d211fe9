#!/usr/bin/env node
// Builds the service worker (sw/sw.ts, using Serwist's strategies) into public/sw.js with esbuild, before `next
// build` (scripts/steps.mjs) and `next dev`. It is bundled from node_modules, offline: no download, no CDN at build
// or run time. Separate from Turbopack on purpose: Next bundles pages, not a worker script, and this keeps the
// worker one small, self-contained file whatever bundler builds the app.
import { build } from "esbuild";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
await build({
  entryPoints: [path.join(root, "sw", "sw.ts")],
  outfile: path.join(root, "public", "sw.js"),
  bundle: true,
  format: "iife",
  target: "es2020",
  minify: true,
  legalComments: "none",
  define: { "process.env.NODE_ENV": '"production"' },
  logLevel: "warning",
});
console.log("✔ public/sw.js built");
