import "server-only";
import { createPrismaClient, type Db } from "./db-client";

// One client per process, kept on globalThis so Next.js dev reloads do not open PGlite twice (PGlite is a single
// session in one process). Tests put their own client there before this module loads (tests/setup.ts).
const globalForDb = globalThis as unknown as { rongshuiDb?: Db };

export const db: Db = globalForDb.rongshuiDb ?? (globalForDb.rongshuiDb = createPrismaClient());
