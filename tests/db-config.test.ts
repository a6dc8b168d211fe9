import { describe, expect, it } from "vitest";
import { isEmbeddedDemo } from "@/lib/db-config";

describe("the embedded demo", () => {
  it("is the embedded PGlite database, never a PostgreSQL server", () => {
    expect(isEmbeddedDemo({} as unknown as NodeJS.ProcessEnv)).toBe(true);
    expect(isEmbeddedDemo({ PGLITE_DIR: "memory://" } as unknown as NodeJS.ProcessEnv)).toBe(true);
    expect(isEmbeddedDemo({ DATABASE_URL: "postgresql://app@db.example/rongshui" } as unknown as NodeJS.ProcessEnv)).toBe(false);
    expect(isEmbeddedDemo({ DATABASE_URL: "postgres://app@10.0.0.5:5432/rs?schema=county" } as unknown as NodeJS.ProcessEnv)).toBe(false);
  });
});
