#!/usr/bin/env node
// `npm start`: migrate, seed the embedded demo when empty, build when the sources changed, then serve.
// Each step runs in its own process, one after another: embedded PGlite is one session in one process.
import { spawn } from "node:child_process";
import { buildIfNeeded, migrateAndSeed, root } from "./steps.mjs";

const embedded = !/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "");
const port = process.env.PORT ?? "3000";

console.log(`▶ database: ${embedded ? "embedded PGlite under ./data/pglite" : "PostgreSQL (DATABASE_URL)"}`);
migrateAndSeed();
buildIfNeeded();

console.log(`
✔ Rongshui service center: http://localhost:${port}
${embedded ? `  Demo sign-ins (password rongshui-demo):
    admin@rongshui.example   (ADMIN)
    staff@rongshui.example   (STAFF)
    viewer@rongshui.example  (VIEWER)
    op-<station code>@rongshui.example, e.g. op-rs-t01@rongshui.example (station OPERATOR)` : "  PostgreSQL: create the first admin with `npm run user:create -- --email you@example.cn --name 管理员`."}
`);
const server = spawn(process.execPath, ["scripts/serve.mjs"], { cwd: root, stdio: "inherit", env: { ...process.env, NODE_ENV: "production", PORT: port } });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
