#!/usr/bin/env node
// `npm run test:pg`: the data-layer suite against the PostgreSQL server in DATABASE_URL. First `prisma migrate
// deploy` runs on a fresh schema (the production path), then every test file gets its own fresh schema
// (tests/setup.ts), all dropped afterwards.
import pg from "pg";
import { bin, run } from "./steps.mjs";

const url = process.env.DATABASE_URL;
if (!url || !/^postgres(ql)?:\/\//.test(url)) {
  console.error("test:pg needs DATABASE_URL=postgresql://… (for example postgresql://postgres@127.0.0.1:5432/test)");
  process.exit(2);
}
const schema = `migrate_check_${Date.now().toString(36)}`;
const base = new URL(url);
base.searchParams.set("schema", schema);
const client = new pg.Client({ connectionString: url.replace(/\?.*$/, "") });
await client.connect();
try {
  run(process.execPath, ["scripts/prisma.mjs", "migrate", "deploy"], { DATABASE_URL: base.toString() });
  const { rows } = await client.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1", [schema]);
  console.log(`✔ prisma migrate deploy on PostgreSQL created ${rows[0].n} tables in schema ${schema}`);
} finally {
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
}
run(bin("vitest"), ["run", ...process.argv.slice(2)], { DATABASE_URL: url });
