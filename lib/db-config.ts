import path from "node:path";

/** Which database the app talks to: a PostgreSQL server when DATABASE_URL says so, else embedded PGlite. */
export type DbTarget =
  | { kind: "postgresql"; connectionString: string; schema?: string }
  | { kind: "pglite"; dataDir: string };

export function dbTarget(env: NodeJS.ProcessEnv = process.env): DbTarget {
  const url = env.DATABASE_URL;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const parsed = new URL(url);
    const schema = parsed.searchParams.get("schema") ?? undefined;
    parsed.searchParams.delete("schema");
    const options = schema ? `-c search_path=${schema}` : undefined;
    if (options) parsed.searchParams.set("options", options);
    return { kind: "postgresql", connectionString: parsed.toString(), schema };
  }
  // PGLITE_DIR=memory:// gives a throwaway in-memory database (tests).
  const dataDir = env.PGLITE_DIR ?? path.join(process.cwd(), "data", "pglite");
  return { kind: "pglite", dataDir };
}

/**
 * Whether this is the embedded demo (PGlite, the database the demo seed and its published password come with). A
 * PostgreSQL server is a real installation: its sign-in page must not advertise the demo password.
 */
export function isEmbeddedDemo(env: NodeJS.ProcessEnv = process.env): boolean {
  return dbTarget(env).kind === "pglite";
}
