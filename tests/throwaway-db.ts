// A fresh, migrated database for tests and benchmarks: in-memory PGlite, or a throwaway schema on the PostgreSQL
// server in DATABASE_URL. The client goes on globalThis, where lib/db picks it up; close() drops everything.
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import pg from "pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { createPrismaClient } from "../lib/db-client";
import { migrationSql } from "./migrations";

const g = globalThis as unknown as { rongshuiDb?: PrismaClient };

export type ThrowawayDatabase = { description: string; close(): Promise<void> };

export async function openThrowawayDatabase(schemaPrefix: string): Promise<ThrowawayDatabase> {
  const url = process.env.DATABASE_URL;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const schema = `${schemaPrefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: url.replace(/\?.*$/, "") });
    await admin.connect();
    await admin.query(`CREATE SCHEMA "${schema}"`);
    await admin.query(`SET search_path TO "${schema}"`);
    for (const sql of migrationSql()) await admin.query(sql);
    const withSchema = new URL(url);
    withSchema.searchParams.set("schema", schema);
    process.env.DATABASE_URL = withSchema.toString();
    g.rongshuiDb = createPrismaClient();
    return {
      description: `PostgreSQL ${withSchema.host}${withSchema.pathname}, throwaway schema ${schema}`,
      async close() {
        await g.rongshuiDb?.$disconnect();
        await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
        await admin.end();
      },
    };
  }
  const pglite = new PGlite("memory://");
  for (const sql of migrationSql()) await pglite.exec(sql);
  g.rongshuiDb = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    description: "PGlite (in memory)",
    async close() {
      await g.rongshuiDb?.$disconnect();
      await pglite.close();
    },
  };
}
