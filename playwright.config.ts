import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: "zh-CN",
    // Tests call the API with page.request (the page's cookies, but no page): a browser sends Origin on every POST,
    // and cookie-authenticated API writes require it (CSRF), so these calls say where they come from too.
    extraHTTPHeaders: { Origin: `http://127.0.0.1:${PORT}` },
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-gpu", "--disable-quic", "--no-first-run"],
    },
    screenshot: "only-on-failure",
  },
  webServer: {
    // The production build, on the database prepared by scripts/test-e2e.mjs (PGLITE_DIR in the environment).
    command: `node scripts/serve.mjs`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    env: { PORT: String(PORT), NODE_ENV: "production", PGLITE_DIR: process.env.PGLITE_DIR ?? "", DATABASE_URL: "", AUTH_SECRET: "e2e-only-secret-not-for-production-0123456789" },
  },
});
