import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { dbTarget, type DbTarget } from "./db-config";

export type Db = PrismaClient;

/** Opens a Prisma client on PGlite or PostgreSQL. Scripts and tests call this; the app uses `db` from lib/db. */
export function createPrismaClient(target: DbTarget = dbTarget()): PrismaClient {
  if (target.kind === "postgresql") {
    const adapter = new PrismaPg({ connectionString: target.connectionString, max: 10 }, target.schema ? { schema: target.schema } : undefined);
    return new PrismaClient({ adapter });
  }
  if (!target.dataDir.startsWith("memory://")) mkdirSync(path.dirname(target.dataDir), { recursive: true });
  return new PrismaClient({ adapter: new PrismaPGlite(new PGlite(target.dataDir)) });
}

export function databaseKind(): DbTarget["kind"] {
  return dbTarget().kind;
}
