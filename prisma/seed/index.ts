// npm run db:seed (tsx prisma/seed/index.ts [--demo-users]): loads the demo data into an empty, migrated database.
// Demo users share a published password, so on a PostgreSQL server (DATABASE_URL) they are only created on request.
import { closePrismaClient, createPrismaClient, databaseKind } from "../../lib/db-client";
import { DEMO_PASSWORD, seedDemo, seedDemoUsers } from "./load";

async function main(): Promise<void> {
  const started = performance.now();
  const db = createPrismaClient();
  try {
    if ((await db.county.count()) > 0) {
      console.log("The database already has data: nothing seeded.");
      return;
    }
    const steps: string[] = [];
    const counts = await seedDemo(db, { onStep: (step, seconds, cpu) => steps.push(`${step} ${seconds.toFixed(1)} s, CPU ${cpu.toFixed(1)} s`) });
    console.log("Demo data loaded:");
    for (const [table, n] of Object.entries(counts)) console.log(`  ${table.padEnd(24)}${n.toLocaleString("en-US").padStart(9)}`);

    if (databaseKind() === "postgresql" && !process.argv.includes("--demo-users")) {
      console.log("DATABASE_URL is set: no demo users created. Pass --demo-users to create them, or use npm run user:create.");
    } else {
      const created = await seedDemoUsers(db);
      console.log(`Demo users created: ${created} (password "${DEMO_PASSWORD}", e.g. admin@rongshui.example)`);
    }
    const cpu = process.cpuUsage();
    console.log(`Elapsed: ${((performance.now() - started) / 1000).toFixed(1)} s, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (${steps.join("; ")})`);
  } finally {
    await closePrismaClient(db);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
