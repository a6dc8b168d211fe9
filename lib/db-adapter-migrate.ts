import type { PGlite } from "@electric-sql/pglite";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { dbTarget } from "./db-config";

// The Prisma CLI asks for the adapter more than once per command; two PGlite instances on one folder corrupt it,
// so the CLI process shares one, closed cleanly when the process ends.
let pglite: PGlite | undefined;

/**
 * Driver adapter used only by the Prisma CLI (migrate deploy / diff). For PostgreSQL it is @prisma/adapter-pg 7.x
 * (installed under the alias @prisma/adapter-pg-migrate): 6.19's adapter cannot read the `name` columns the schema
 * engine queries ("Column type 'name' could not be deserialized"), fixed upstream in 7.x. The app itself keeps
 * 6.19's adapter, which matches its client.
 */
export async function migrationAdapter(): Promise<SqlMigrationAwareDriverAdapterFactory> {
  const target = dbTarget();
  if (target.kind === "postgresql") {
    const { PrismaPg } = await import("@prisma/adapter-pg-migrate");
    const factory = new PrismaPg({ connectionString: target.connectionString }, target.schema ? { schema: target.schema } : undefined);
    // 7.x and 6.19 describe the same adapter interface with separately declared types.
    return {
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: async () => wholeScripts(await factory.connect()),
      connectToShadowDb: async () => wholeScripts(await factory.connectToShadowDb()),
    } as unknown as SqlMigrationAwareDriverAdapterFactory;
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  const { openPgliteDir } = await import("./pglite-dir");
  if (!pglite) {
    const instance = target.dataDir.startsWith("memory://") ? new PGlite(target.dataDir) : openPgliteDir(target.dataDir);
    pglite = instance;
    process.once("beforeExit", () => void instance.close());
  }
  return new PrismaPGlite(pglite);
}

type PgMigrationAdapter = Awaited<ReturnType<InstanceType<typeof import("@prisma/adapter-pg-migrate").PrismaPg>["connect"]>>;

// The 7.x adapter runs a migration by splitting it on every ";", which breaks function bodies ($$ … $$) and
// comments that contain one. PostgreSQL's simple query protocol runs the whole script as sent, in order.
function wholeScripts(adapter: PgMigrationAdapter): PgMigrationAdapter {
  const pool = adapter.underlyingDriver();
  adapter.executeScript = async (script: string) => {
    try {
      await pool.query(script);
    } catch (error) {
      (adapter as unknown as { onError(e: unknown): never }).onError(error);
    }
  };
  return adapter;
}
