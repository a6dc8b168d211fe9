import "server-only";
import { createPrismaClient, type Db } from "./db-client";

// One client per process, kept on globalThis so Next.js dev reloads do not open PGlite twice (PGlite is a single
// session in one process). Opened on first use, not on import: `next build` loads these modules and must not open
// the database. Tests put their own client there first (tests/setup.ts).
const globalForDb = globalThis as unknown as { rongshuiDb?: Db };

function client(): Db {
  return (globalForDb.rongshuiDb ??= createPrismaClient());
}

export const db: Db = new Proxy({} as Db, {
  get(_target, property) {
    const value = Reflect.get(client(), property);
    return typeof value === "function" ? value.bind(client()) : value;
  },
});
