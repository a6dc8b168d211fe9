// npm run bench:load [-- --base http://127.0.0.1:3000 --duration 20 --conns 1,8,32 --routes /,/households,...]
//
// Throughput and latency of pages against the JSON of their own data, on a server that is already running
// (`npm start`, or with DATABASE_URL set, several processes). Same server, same run, so the ratios are fair.
// Signs in once through next-auth's real routes (csrf, callback/credentials) as --user (default the demo STAFF),
// then, for each route and each connection count, runs autocannon for --duration seconds and reports p50, p99,
// requests per second and any non-2xx answer (a bench that measured error pages would be worthless: non-2xx fail it).
// It also reports each page's HTML size and its RSC payload size (what a client-side navigation fetches).
// Results are printed and written to bench/out/load.json.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";

const root = path.resolve(import.meta.dirname, "..");
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const BASE = arg("base", process.env.BENCH_BASE ?? "http://127.0.0.1:3000").replace(/\/$/, "");
const DURATION = Number(arg("duration", "20"));
const CONNS = arg("conns", "1,8,32").split(",").map(Number);
const ROUTES = arg("routes", "/,/households,/api/v1/overview,/income").split(",");
const USER = arg("user", "staff@rongshui.example");
const PASSWORD = arg("password", process.env.BENCH_PASSWORD ?? "rongshui-demo");

/** Sign in like a browser: csrf cookie + token, then the credentials callback; returns the Cookie header. */
async function signIn(): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrfRes = await fetch(`${BASE}/api/auth/csrf`);
  keep(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie(), origin: BASE },
    body: new URLSearchParams({ email: USER, password: PASSWORD, csrfToken, callbackUrl: `${BASE}/` }),
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`sign-in as ${USER} failed (${res.status} ${res.headers.get("location")})`);
  const me = await fetch(`${BASE}/api/v1/me`, { headers: { cookie: cookie() } });
  if (!me.ok) throw new Error(`signed in but /api/v1/me answered ${me.status}`);
  return cookie();
}

type Cell = { route: string; connections: number; p50Ms: number; p99Ms: number; reqPerSec: number; requests: number; non2xx: number; errors: number };

function run(route: string, connections: number, cookie: string): Promise<Cell> {
  return new Promise((resolve, reject) => {
    autocannon(
      { url: `${BASE}${route}`, connections, duration: DURATION, headers: { cookie, "accept-language": "zh-CN" } },
      (err, r) => {
        if (err) return reject(err);
        resolve({
          route,
          connections,
          p50Ms: r.latency.p50,
          p99Ms: r.latency.p99,
          reqPerSec: Math.round(r.requests.average * 10) / 10,
          requests: r.requests.total,
          non2xx: r.non2xx,
          errors: r.errors + r.timeouts,
        });
      },
    );
  });
}

async function sizes(route: string, cookie: string) {
  const html = await fetch(`${BASE}${route}`, { headers: { cookie } });
  const htmlBytes = (await html.arrayBuffer()).byteLength;
  if (route.startsWith("/api/")) return { route, htmlBytes, rscBytes: null };
  const rsc = await fetch(`${BASE}${route}`, { headers: { cookie, rsc: "1" } });
  return { route, htmlBytes, rscBytes: (await rsc.arrayBuffer()).byteLength };
}

async function main() {
  const cookie = await signIn();
  console.log(`server ${BASE}, signed in as ${USER}; ${DURATION} s per cell`);
  const payload = await Promise.all(ROUTES.map((r) => sizes(r, cookie)));
  for (const s of payload) console.log(`  ${s.route.padEnd(22)} HTML ${(s.htmlBytes / 1024).toFixed(1)} KiB${s.rscBytes === null ? "" : `, RSC ${(s.rscBytes / 1024).toFixed(1)} KiB`}`);
  const cells: Cell[] = [];
  for (const route of ROUTES) {
    for (const c of CONNS) {
      const cell = await run(route, c, cookie);
      cells.push(cell);
      console.log(`  ${route.padEnd(22)} c=${String(c).padStart(2)}  p50 ${String(cell.p50Ms).padStart(6)} ms  p99 ${String(cell.p99Ms).padStart(6)} ms  ${String(cell.reqPerSec).padStart(7)} req/s${cell.non2xx || cell.errors ? `  ✗ ${cell.non2xx} non-2xx, ${cell.errors} errors` : ""}`);
    }
  }
  const at = (route: string, c: number) => cells.find((x) => x.route === route && x.connections === c);
  const api = at("/api/v1/overview", 8);
  const ratios: Record<string, number> = {};
  if (api) {
    for (const route of ROUTES.filter((r) => !r.startsWith("/api/"))) {
      const page = at(route, 8);
      if (page) ratios[`${route} req/s ÷ overview API (c=8)`] = Math.round((page.reqPerSec / api.reqPerSec) * 100) / 100;
    }
  }
  for (const route of ROUTES) {
    const one = at(route, 1), many = at(route, 32);
    if (one && many && one.p50Ms > 0) ratios[`${route} p99 c=32 ÷ p50 c=1`] = Math.round((many.p99Ms / one.p50Ms) * 10) / 10;
  }
  const registry = at("/households", 8), ledger = at("/income", 8);
  if (registry && ledger) ratios["/income ÷ /households req/s (c=8)"] = Math.round((ledger.reqPerSec / registry.reqPerSec) * 100) / 100;
  console.log("ratios:");
  for (const [k, v] of Object.entries(ratios)) console.log(`  ${k.padEnd(44)} ${v}`);
  mkdirSync(path.join(root, "bench", "out"), { recursive: true });
  writeFileSync(path.join(root, "bench", "out", "load.json"), JSON.stringify({ base: BASE, duration: DURATION, payload, cells, ratios }, null, 2));
  if (cells.some((c) => c.non2xx || c.errors)) {
    console.error("✗ some requests failed: the figures above include error answers");
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
