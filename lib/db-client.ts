import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { dbTarget, type DbTarget } from "./db-config";
import { openPgliteDir } from "./pglite-dir";

export type Db = PrismaClient;

// PrismaClient.$disconnect() does not close PGlite; scripts close it explicitly so the folder is shut down cleanly.
const pgliteOf = new WeakMap<PrismaClient, PGlite>();

/** Opens a Prisma client on PGlite or PostgreSQL. Scripts and tests call this; the app uses `db` from lib/db. */
export function createPrismaClient(target: DbTarget = dbTarget()): PrismaClient {
  if (target.kind === "postgresql") {
    const adapter = new PrismaPg({ connectionString: target.connectionString, max: 10 }, target.schema ? { schema: target.schema } : undefined);
    return new PrismaClient({ adapter });
  }
  // A folder: locked to this process and opened with real fsyncs (lib/pglite-dir.ts).
  const pglite = target.dataDir.startsWith("memory://") ? new PGlite(target.dataDir) : openPgliteDir(target.dataDir);
  const client = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  pgliteOf.set(client, pglite);
  return client;
}

/** Disconnects a client from createPrismaClient, closing its PGlite database when it has one. */
export async function closePrismaClient(client: PrismaClient): Promise<void> {
  await client.$disconnect();
  await pgliteOf.get(client)?.close();
}

export function databaseKind(): DbTarget["kind"] {
  return dbTarget().kind;
}
