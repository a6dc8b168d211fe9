import { db } from "./db";
import { databaseKind } from "./db-client";

/** Liveness for load balancers and the start script: the database answers a query. */
export async function health() {
  await db.$queryRaw`SELECT 1`;
  return { status: "ok" as const, database: databaseKind() };
}
