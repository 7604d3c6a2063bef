// Fails when a drizzle schema has changes that no committed migration contains.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const packageDir = resolve(process.argv[2] ?? ".");
const schema = ["src/db/schema.ts", "src/accounts/schema.ts"].find((path) =>
  existsSync(join(packageDir, path)),
);
if (!schema) {
  console.log(`no drizzle schema in ${packageDir}`);
  process.exit(0);
}
const scratch = mkdtempSync(join(tmpdir(), "edgekyc-migrations-"));
try {
  cpSync(join(packageDir, "migrations"), scratch, { recursive: true });
  const before = readdirSync(scratch).filter((file) => file.endsWith(".sql")).length;
  const result = spawnSync(
    join(packageDir, "node_modules/.bin/drizzle-kit"),
    ["generate", "--dialect", "sqlite", "--schema", schema, "--out", scratch],
    { cwd: packageDir, encoding: "utf8" },
  );
  if (result.status !== 0) {
    console.error(`${result.stdout}${result.stderr}`);
    process.exit(1);
  }
  const after = readdirSync(scratch).filter((file) => file.endsWith(".sql")).length;
  if (after !== before) {
    console.error(
      `${schema} of ${packageDir} has changes without a migration: run \`drizzle-kit generate --name <what>\` there and commit it.`,
    );
    process.exit(1);
  }
  console.log(`migrations are current: ${packageDir}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
