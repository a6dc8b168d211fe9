import path from "node:path";
import { defineConfig } from "prisma/config";
import { migrationAdapter } from "./lib/db-adapter-migrate";

// engine "js": migrations run through Prisma's bundled WebAssembly schema engine and a driver adapter, so the CLI
// needs no native engine binary (which an offline machine cannot download).
export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations"), seed: "tsx prisma/seed/index.ts" },
  engine: "js",
  experimental: { adapter: true },
  adapter: migrationAdapter,
});
