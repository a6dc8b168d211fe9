import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "server-only": path.resolve(import.meta.dirname, "tests/server-only-stub.ts"),
      "@": path.resolve(import.meta.dirname),
    },
  },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next/**"],
    setupFiles: ["tests/setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: "forks",
    // next-auth's ESM imports "next/server" without an extension, which Node's resolver refuses; inlined, Vite
    // resolves it (tests/sessions.test.ts drives next-auth's real route handlers).
    server: { deps: { inline: ["next-auth"] } },
  },
});
