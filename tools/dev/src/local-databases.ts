// The local D1 databases of `npm start`: every app's migrations applied with wrangler itself, once.
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import type { AppInfo } from "./apps.ts";
import { repoRoot } from "./apps.ts";
import { runChecked, wranglerBin } from "./processes.ts";

/** Written into a state folder once its databases are migrated to the digest it holds. */
const STAMP = "edgekyc-migrations.sha256";

/** Fresh, migrated states, one per migrations digest (state of no one; copied, never started). */
const TEMPLATES = join(repoRoot, ".wrangler/d1-templates");

interface Database {
  name: string;
  configPath: string;
  migrationsDir: string;
}

/** Each D1 database with migrations once (several apps bind the shared accounts database). */
function databases(apps: AppInfo[]): Database[] {
  const seen = new Map<string, Database>();
  for (const app of apps) {
    for (const db of app.d1) {
      if (!db.migrationsDir || seen.has(db.databaseId)) continue;
      seen.set(db.databaseId, {
        name: db.databaseName,
        configPath: app.configPath,
        migrationsDir: db.migrationsDir,
      });
    }
  }
  return [...seen.values()];
}

/** SHA-256 over every database's name and its migration files (names and contents), in order. */
function migrationsDigest(list: Database[]): string {
  const hash = createHash("sha256");
  for (const db of list) {
    hash.update(`${db.name}\0`);
    const dir = db.migrationsDir;
    const files = existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => f.endsWith(".sql"))
          .sort()
      : [];
    for (const file of files)
      hash
        .update(`${file}\0`)
        .update(readFileSync(join(dir, file)))
        .update("\0");
  }
  return hash.digest("hex");
}

async function applyMigrations(
  list: Database[],
  persistTo: string,
  env: NodeJS.ProcessEnv,
  quiet: boolean,
): Promise<void> {
  for (const db of list) {
    if (!quiet) console.log(`[edgekyc] applying migrations of ${db.name}`);
    await runChecked(
      wranglerBin(),
      ["d1", "migrations", "apply", db.name, "--local", "-c", db.configPath, "--persist-to", persistTo],
      { cwd: repoRoot, env, quiet: true },
    );
  }
}

/**
 * Brings the local databases under `persistTo` up to the apps' migrations. `wrangler d1 migrations apply`
 * costs seconds per database even with nothing to apply, so a state folder records the digest it was
 * migrated to and is skipped while that still holds; a new state starts as a copy of a migrated template
 * (built once per digest, with wrangler), which keeps the many fresh stacks of the end-to-end tests cheap.
 */
export async function prepareLocalDatabases(
  apps: AppInfo[],
  persistTo: string,
  env: NodeJS.ProcessEnv,
  quiet: boolean,
): Promise<void> {
  const list = databases(apps);
  const digest = migrationsDigest(list);
  const stamp = join(persistTo, STAMP);
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === digest) return;
  const fresh = !existsSync(join(persistTo, "v3", "d1"));
  const template = join(TEMPLATES, digest);
  if (fresh && !existsSync(join(template, STAMP))) {
    // Built aside and renamed into place, so concurrent starts never copy a half-migrated template.
    const building = `${template}.${process.pid}.${Date.now()}`;
    await applyMigrations(list, building, env, quiet);
    writeFileSync(join(building, STAMP), digest);
    try {
      renameSync(building, template);
    } catch {
      rmSync(building, { recursive: true, force: true }); // another start got there first
    }
  }
  if (fresh) {
    mkdirSync(persistTo, { recursive: true });
    cpSync(join(template, "v3", "d1"), join(persistTo, "v3", "d1"), { recursive: true });
  } else {
    await applyMigrations(list, persistTo, env, quiet);
  }
  writeFileSync(stamp, digest);
}
