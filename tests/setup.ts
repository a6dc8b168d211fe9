// Gives every test file a fresh, migrated database: in-memory PGlite by default, or a throwaway schema on the
// PostgreSQL server in DATABASE_URL (npm run test:pg). lib/db picks up the client placed on globalThis.
import { afterAll } from "vitest";
import { openThrowawayDatabase } from "./throwaway-db";

const database = await openThrowawayDatabase("t");
afterAll(() => database.close());
