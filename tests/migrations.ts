import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** The committed migration SQL, in order: tests apply exactly what `prisma migrate deploy` applies. */
export function migrationSql(): string[] {
  const dir = path.join(__dirname, "..", "prisma", "migrations");
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => readFileSync(path.join(dir, name, "migration.sql"), "utf8"));
}
