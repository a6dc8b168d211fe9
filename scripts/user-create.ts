// `npm run user:create -- --email a@b.cn --name 张三 --role ADMIN [--station RS-V001]`: creates a user on the
// configured database (the way to make the first admin on PostgreSQL, where no demo users exist).
// The password is read from USER_PASSWORD or asked for on the terminal.
import { parseArgs } from "node:util";
import { createInterface } from "node:readline/promises";
import { closePrismaClient, createPrismaClient } from "../lib/db-client";

const client = createPrismaClient();
(globalThis as { rongshuiDb?: unknown }).rongshuiDb = client;

async function main() {
  const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string", default: "ADMIN" }, station: { type: "string" } } });
  const { createUser } = await import("../lib/users");
  let password = process.env.USER_PASSWORD;
  if (!password) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    password = await rl.question("Password (at least 10 characters): ");
    rl.close();
  }
  const station = values.station ? await client.station.findUnique({ where: { code: values.station } }) : null;
  if (values.station && !station) throw new Error(`No station with code ${values.station}`);
  const user = await createUser("system", { email: values.email, name: values.name ?? values.email, password, role: values.role, stationId: station?.id });
  console.log(`Created ${user.role} ${user.email} (id ${user.id})`);
  await closePrismaClient(client);
}

main().catch((error) => {
  const fields = (error as { fields?: Record<string, { key: string }> }).fields;
  console.error(fields ? `Invalid input: ${JSON.stringify(fields)}` : error);
  process.exit(1);
});
