// Vitest setup file (workerd) of appTestConfig: applies every `<BINDING>_MIGRATIONS` binding to the D1
// database `<BINDING>` (ACCOUNTS first). applyD1Migrations skips what is applied already.
import { applyD1Migrations, type D1Migration } from "cloudflare:test";
import { env } from "cloudflare:workers";

const bindings = env as unknown as Record<string, unknown>;
const names = Object.keys(bindings)
  .filter((name) => name.endsWith("_MIGRATIONS"))
  .sort((a, b) => Number(b === "ACCOUNTS_MIGRATIONS") - Number(a === "ACCOUNTS_MIGRATIONS"));
for (const name of names) {
  const database = bindings[name.slice(0, -"_MIGRATIONS".length)] as D1Database | undefined;
  if (!database)
    throw new Error(`${name} has no D1 binding ${name.slice(0, -"_MIGRATIONS".length)} to apply to`);
  await applyD1Migrations(database, bindings[name] as D1Migration[]);
}
