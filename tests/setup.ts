// Gives every test file a fresh, migrated database: in-memory PGlite by default, or a throwaway schema on the
// PostgreSQL server in DATABASE_URL (npm run test:pg). lib/db picks up the client placed on globalThis here.
import { afterAll } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import pg from "pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { createPrismaClient } from "../lib/db-client";
import { migrationSql } from "./migrations";

const g = globalThis as unknown as { rongshuiDb?: PrismaClient };
const url = process.env.DATABASE_URL;

if (url && /^postgres(ql)?:\/\//.test(url)) {
  const schema = `t_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: url.replace(/\?.*$/, "") });
  await admin.connect();
  await admin.query(`CREATE SCHEMA "${schema}"`);
  await admin.query(`SET search_path TO "${schema}"`);
  for (const sql of migrationSql()) await admin.query(sql);
  const base = new URL(url);
  base.searchParams.set("schema", schema);
  process.env.DATABASE_URL = base.toString();
  g.rongshuiDb = createPrismaClient();
  afterAll(async () => {
    await g.rongshuiDb?.$disconnect();
    await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
    await admin.end();
  });
} else {
  const pglite = new PGlite("memory://");
  for (const sql of migrationSql()) await pglite.exec(sql);
  g.rongshuiDb = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  afterAll(async () => {
    await g.rongshuiDb?.$disconnect();
    await pglite.close();
  });
}
