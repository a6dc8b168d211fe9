// npm run bench:http [-- --duration 20 --conns 1,8,32 --routes /,/households,/api/v1/overview,/income
//                       --processes 1,2 --fresh --base http://host:port]
//
// Pages against the JSON of their own data, on the production build, same server and same run, so the ratios are
// fair. Without --base it prepares a throwaway database with the demo (embedded PGlite under data/bench-http, or,
// with DATABASE_URL set, the schema bench_http on that PostgreSQL server; reused between runs, --fresh rebuilds
// it), builds when the sources changed, starts `scripts/serve.mjs` (with WEB_CONCURRENCY = each --processes value;
// the embedded database is always one process), signs in through next-auth's real routes as --user (default the
// demo STAFF), and for each route and connection count runs autocannon for --duration seconds: p50, p99, requests
// per second, non-2xx answers (they fail the run: a bench that measured error pages would be worthless), and the
// server's peak RSS (all its processes) while that cell ran. It also reports each page's HTML and RSC payload size.
// With --base it measures a server that is already running (no RSS). Results: bench/out/http.json.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { bin, buildIfNeeded, run as runStep } from "../scripts/steps.mjs";

const root = path.resolve(import.meta.dirname, "..");
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const GIVEN_BASE = arg("base", "");
const DURATION = Number(arg("duration", "20"));
const CONNS = arg("conns", "1,8,32").split(",").map(Number);
const ROUTES = arg("routes", "/,/households,/api/v1/overview,/income").split(",");
const PROCESSES = arg("processes", "1").split(",").map(Number);
const USER = arg("user", "staff@rongshui.example");
const PASSWORD = arg("password", process.env.BENCH_PASSWORD ?? "rongshui-demo");
const PORT = Number(arg("port", "3190"));
const pgUrl = process.env.DATABASE_URL && /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL) ? process.env.DATABASE_URL : null;

// ---- the server --------------------------------------------------------------------------------------------------

function databaseEnv(): Record<string, string> {
  if (!pgUrl) return { PGLITE_DIR: path.join(root, "data", "bench-http", "pglite"), DATABASE_URL: "" };
  const url = new URL(pgUrl);
  url.searchParams.set("schema", "bench_http");
  return { DATABASE_URL: url.toString() };
}

async function prepareDatabase(env: Record<string, string>) {
  const fresh = process.argv.includes("--fresh");
  if (!pgUrl) {
    if (fresh) rmSync(path.dirname(env.PGLITE_DIR), { recursive: true, force: true });
    if (existsSync(env.PGLITE_DIR)) return;
  } else {
    const pg = await import("pg");
    const client = new pg.default.Client({ connectionString: pgUrl });
    await client.connect();
    const has = await client.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = 'bench_http' AND table_name = 'User'`);
    const seeded = has.rowCount ? (await client.query(`SELECT count(*)::int AS n FROM bench_http."User"`)).rows[0].n > 0 : false;
    if (seeded && !fresh) return void (await client.end());
    await client.query("DROP SCHEMA IF EXISTS bench_http CASCADE");
    await client.end();
  }
  console.log("▶ preparing the demo database (once; --fresh rebuilds it)…");
  runStep(process.execPath, ["scripts/prisma.mjs", "migrate", "deploy"], env);
  runStep(bin("tsx"), ["--conditions=react-server", "prisma/seed/index.ts", "--demo-users"], env);
}

async function startServer(env: Record<string, string>, processes: number): Promise<ChildProcess> {
  const server = spawn(process.execPath, ["scripts/serve.mjs"], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, ...env, NODE_ENV: "production", PORT: String(PORT), HOST: "127.0.0.1", WEB_CONCURRENCY: String(processes), AUTH_SECRET: process.env.AUTH_SECRET ?? "bench-only-secret-not-for-production-0123456789" },
  });
  for (let i = 0; i < 240; i++) {
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode})`);
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/api/health`)).ok) {
        // Every worker must answer: wait until several health checks in a row succeed.
        for (let k = 0; k < 2 * processes; k++) await fetch(`http://127.0.0.1:${PORT}/api/health`);
        return server;
      }
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the server did not answer /api/health within 120 s");
}

/** Resident memory of a process and all its descendants (cluster workers), in MiB, from /proc. */
function treeRssMiB(pid: number): number {
  const parents = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      /* gone */
    }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) for (const [child, parent] of parents) if (parent === tree[i]) tree.push(child);
  let kib = 0;
  for (const p of tree) {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"));
      if (m) kib += Number(m[1]);
    } catch {
      /* gone */
    }
  }
  return Math.round(kib / 1024);
}

// ---- the load ----------------------------------------------------------------------------------------------------

/** Sign in like a browser: csrf cookie + token, then the credentials callback; returns the Cookie header. */
async function signIn(base: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  keep(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie(), origin: base },
    body: new URLSearchParams({ email: USER, password: PASSWORD, csrfToken, callbackUrl: `${base}/` }),
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`sign-in as ${USER} failed (${res.status} ${res.headers.get("location")})`);
  const me = await fetch(`${base}/api/v1/me`, { headers: { cookie: cookie() } });
  if (!me.ok) throw new Error(`signed in but /api/v1/me answered ${me.status}`);
  return cookie();
}

type Cell = { processes: number; route: string; connections: number; p50Ms: number; p99Ms: number; reqPerSec: number; requests: number; non2xx: number; errors: number; peakRssMiB: number | null };

function load(base: string, route: string, connections: number, cookie: string, processes: number, serverPid: number | null): Promise<Cell> {
  let peak = 0;
  const sampler = serverPid ? setInterval(() => (peak = Math.max(peak, treeRssMiB(serverPid))), 250) : null;
  return new Promise((resolve, reject) => {
    autocannon({ url: `${base}${route}`, connections, duration: DURATION, headers: { cookie, "accept-language": "zh-CN" } }, (err, r) => {
      if (sampler) clearInterval(sampler);
      if (err) return reject(err);
      resolve({
        processes,
        route,
        connections,
        p50Ms: r.latency.p50,
        p99Ms: r.latency.p99,
        reqPerSec: Math.round(r.requests.average * 10) / 10,
        requests: r.requests.total,
        non2xx: r.non2xx,
        errors: r.errors + r.timeouts,
        peakRssMiB: serverPid ? peak : null,
      });
    });
  });
}

async function sizes(base: string, route: string, cookie: string) {
  const html = await fetch(`${base}${route}`, { headers: { cookie } });
  const htmlBytes = (await html.arrayBuffer()).byteLength;
  if (route.startsWith("/api/")) return { route, htmlBytes, rscBytes: null };
  const rsc = await fetch(`${base}${route}`, { headers: { cookie, rsc: "1" } });
  return { route, htmlBytes, rscBytes: (await rsc.arrayBuffer()).byteLength };
}

async function measure(base: string, processes: number, serverPid: number | null): Promise<Cell[]> {
  const cookie = await signIn(base);
  console.log(`\nserver ${base}${serverPid ? `, ${processes} process${processes > 1 ? "es" : ""}` : ""}, signed in as ${USER}; ${DURATION} s per cell`);
  for (const s of await Promise.all(ROUTES.map((r) => sizes(base, r, cookie)))) {
    console.log(`  ${s.route.padEnd(22)} HTML ${(s.htmlBytes / 1024).toFixed(1)} KiB${s.rscBytes === null ? "" : `, RSC payload ${(s.rscBytes / 1024).toFixed(1)} KiB`}`);
    payload.push({ processes, ...s });
  }
  const cells: Cell[] = [];
  for (const route of ROUTES) {
    for (const c of CONNS) {
      const cell = await load(base, route, c, cookie, processes, serverPid);
      cells.push(cell);
      console.log(`  ${route.padEnd(22)} c=${String(c).padStart(2)}  p50 ${String(cell.p50Ms).padStart(6)} ms  p99 ${String(cell.p99Ms).padStart(6)} ms  ${String(cell.reqPerSec).padStart(7)} req/s${cell.peakRssMiB ? `  peak RSS ${cell.peakRssMiB} MiB` : ""}${cell.non2xx || cell.errors ? `  ✗ ${cell.non2xx} non-2xx, ${cell.errors} errors` : ""}`);
    }
  }
  const at = (route: string, c: number) => cells.find((x) => x.route === route && x.connections === c);
  const api = at("/api/v1/overview", 8);
  if (api) for (const route of ROUTES.filter((r) => !r.startsWith("/api/"))) {
    const page = at(route, 8);
    if (page) ratios[`${processes}p ${route} req/s ÷ /api/v1/overview req/s (c=8)`] = Math.round((page.reqPerSec / api.reqPerSec) * 100) / 100;
  }
  for (const route of ROUTES) {
    const one = at(route, 1), many = at(route, 32);
    if (one && many && one.p50Ms > 0) ratios[`${processes}p ${route} p99 at c=32 ÷ p50 at c=1`] = Math.round((many.p99Ms / one.p50Ms) * 10) / 10;
  }
  const registry = at("/households", 1), ledger = at("/income", 1);
  if (registry && ledger) ratios[`${processes}p /income p50 ÷ /households p50 (c=1)`] = Math.round((ledger.p50Ms / registry.p50Ms) * 100) / 100;
  return cells;
}

const payload: { processes: number; route: string; htmlBytes: number; rscBytes: number | null }[] = [];
const ratios: Record<string, number> = {};

async function main() {
  const all: Cell[] = [];
  if (GIVEN_BASE) {
    all.push(...(await measure(GIVEN_BASE.replace(/\/$/, ""), 0, null)));
  } else {
    const env = databaseEnv();
    await prepareDatabase(env);
    buildIfNeeded();
    for (const processes of PROCESSES) {
      const server = await startServer(env, processes);
      try {
        all.push(...(await measure(`http://127.0.0.1:${PORT}`, processes, server.pid!)));
      } finally {
        server.kill("SIGTERM");
        await new Promise((r) => server.once("exit", r));
      }
    }
    if (PROCESSES.length > 1) {
      const [first, ...rest] = PROCESSES;
      for (const n of rest) for (const route of ROUTES.filter((r) => !r.startsWith("/api/"))) {
        const a = all.find((x) => x.processes === first && x.route === route && x.connections === 8);
        const b = all.find((x) => x.processes === n && x.route === route && x.connections === 8);
        if (a && b) ratios[`${route} req/s ${n}p ÷ ${first}p (c=8)`] = Math.round((b.reqPerSec / a.reqPerSec) * 100) / 100;
      }
    }
  }
  console.log("\nratios:");
  for (const [k, v] of Object.entries(ratios)) console.log(`  ${k.padEnd(58)} ${v}`);
  mkdirSync(path.join(root, "bench", "out"), { recursive: true });
  writeFileSync(path.join(root, "bench", "out", "http.json"), JSON.stringify({ database: pgUrl ? "postgresql" : "pglite", duration: DURATION, payload, cells: all, ratios }, null, 2));
  if (all.some((c) => c.non2xx || c.errors)) {
    console.error("✗ some requests failed: the figures above include error answers");
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
