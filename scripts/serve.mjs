#!/usr/bin/env node
// The production server: Next.js behind Node's own HTTP server, for one reason. Methods outside HTTP's usual set
// (TRACE above all) make Next build a fetch Request, which refuses them, so Next answers 500 before any of our code
// (proxy.ts included) runs. Here they get 405 first; everything else goes to Next's request handler unchanged.
// Node's HTTP parser itself answers a method it does not know at all (e.g. "FOO") with 400.
import http from "node:http";
import next from "next";
import { refuseUnusualMethod } from "./method-guard.mjs";

const port = Number(process.env.PORT ?? 3000);
// HOST, not HOSTNAME: shells and containers often export HOSTNAME as the machine's name.
const hostname = process.env.HOST ?? "0.0.0.0";

const app = next({ dev: false, hostname, port, dir: new URL("..", import.meta.url).pathname });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  if (!refuseUnusualMethod(req, res)) handle(req, res);
});
server.listen(port, hostname, () => console.log(`✔ serving on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
