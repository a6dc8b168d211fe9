#!/usr/bin/env node
// The production server: Next.js behind Node's own HTTP server, for one reason. Methods outside HTTP's usual set
// (TRACE above all) make Next build a fetch Request, which refuses them, so Next answers 500 before any of our code
// (proxy.ts included) runs. Here they get 405 first; everything else goes to Next's request handler unchanged.
// Node's HTTP parser itself answers a method it does not know at all (e.g. "FOO") with 400.
//
// Processes: on PostgreSQL (DATABASE_URL), one worker per core, or WEB_CONCURRENCY, with Node's cluster module
// sharing the port. The workers share nothing in memory: sessions are signed cookies re-checked against the
// database, the sign-in limiter's counters are in the database, uploads are files under UPLOADS_DIR (a directory
// every worker sees), and the app keeps no other cache. A worker that dies is replaced. The embedded PGlite
// default is one process, always: PGlite is one session inside one process and locks its directory.
import cluster from "node:cluster";
import http from "node:http";
import os from "node:os";
import next from "next";
import { refuseUnusualMethod } from "./method-guard.mjs";

const port = Number(process.env.PORT ?? 3000);
// HOST, not HOSTNAME: shells and containers often export HOSTNAME as the machine's name.
const hostname = process.env.HOST ?? "0.0.0.0";
const embedded = !/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "");
const requested = Number.parseInt(process.env.WEB_CONCURRENCY ?? "", 10);
const processes = embedded ? 1 : Number.isInteger(requested) && requested > 0 ? requested : os.availableParallelism();
const url = `http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`;

if (embedded && requested > 1) console.warn(`WEB_CONCURRENCY=${requested} ignored: the embedded database serves from one process`);

if (processes > 1 && cluster.isPrimary) {
  let stopping = false;
  const recentDeaths = [];
  const fork = () => cluster.fork();
  for (let i = 0; i < processes; i++) fork();
  let listening = 0;
  cluster.on("listening", () => {
    if (++listening === processes) console.log(`✔ serving on ${url} with ${processes} processes`);
  });
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    // Replace a dead worker, but do not spin: five deaths within a minute means something is wrong at start-up.
    const now = Date.now();
    recentDeaths.push(now);
    while (recentDeaths.length && now - recentDeaths[0] > 60_000) recentDeaths.shift();
    console.error(`worker ${worker.process.pid} exited (${signal ?? code}); ${recentDeaths.length > 5 ? "too many deaths in a minute, stopping" : "starting another"}`);
    if (recentDeaths.length > 5) {
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.kill("SIGTERM");
      process.exitCode = 1;
      return;
    }
    setTimeout(fork, 500);
  });
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.kill("SIGTERM");
      setTimeout(() => process.exit(0), 10_000).unref();
    });
  }
} else {
  const app = next({ dev: false, hostname, port, dir: new URL("..", import.meta.url).pathname });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = http.createServer((req, res) => {
    if (!refuseUnusualMethod(req, res)) handle(req, res);
  });
  server.listen(port, hostname, () => {
    if (!cluster.isWorker) console.log(`✔ serving on ${url}`);
  });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
}
