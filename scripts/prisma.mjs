#!/usr/bin/env node
// Runs the Prisma 6.19 CLI offline. The CLI still tries to download a query engine and a schema engine it never
// uses here (the client is Rust-free and migrations run through the bundled WebAssembly schema engine, see
// prisma.config.ts); pointing these variables at placeholder files stops the download. PRISMA_SCHEMA_URL only
// satisfies schema validation: the driver adapter chosen from DATABASE_URL is what connects.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const placeholders = path.join(root, "node_modules", ".prisma-offline");
mkdirSync(placeholders, { recursive: true });
for (const name of ["query-engine-placeholder", "schema-engine-placeholder"]) {
  const file = path.join(placeholders, name);
  if (!existsSync(file)) writeFileSync(file, "");
}
const env = {
  ...process.env,
  PRISMA_QUERY_ENGINE_LIBRARY: path.join(placeholders, "query-engine-placeholder"),
  PRISMA_SCHEMA_ENGINE_BINARY: path.join(placeholders, "schema-engine-placeholder"),
  PRISMA_SCHEMA_URL: "postgresql://driver-adapter-connects-instead/",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
};
const require = createRequire(import.meta.url);
const cli = require.resolve("prisma/build/index.js");
const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: "inherit", env, cwd: root });
process.exit(result.status ?? 1);
