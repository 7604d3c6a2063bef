import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { unstable_readConfig } from "wrangler";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

export interface D1Info {
  binding: string;
  databaseName: string;
  databaseId: string;
  migrationsDir: string | undefined;
}

/** An app under apps/: its wrangler config, Worker name, public path prefixes and D1 databases. */
export interface AppInfo {
  name: string;
  dir: string;
  configPath: string;
  workerName: string;
  pathPrefixes: string[];
  d1: D1Info[];
  maxBundleGzipBytes: number;
}

export const DEFAULT_MAX_BUNDLE_GZIP_BYTES = 3 * 1024 * 1024;

/** Every app under apps/ (a folder with wrangler.jsonc); no list to maintain by hand. */
export function discoverApps(root = repoRoot): AppInfo[] {
  const appsDir = join(root, "apps");
  if (!existsSync(appsDir)) return [];
  return readdirSync(appsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(appsDir, entry.name, "wrangler.jsonc")))
    .map((entry) => {
      const dir = join(appsDir, entry.name);
      const configPath = join(dir, "wrangler.jsonc");
      const config = unstable_readConfig({ config: configPath }, { hideWarnings: true });
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
        edgekyc?: { pathPrefixes?: string[]; maxBundleGzipBytes?: number };
      };
      return {
        name: entry.name,
        dir,
        configPath,
        workerName: config.name ?? entry.name,
        pathPrefixes: pkg.edgekyc?.pathPrefixes ?? [`/docs/${entry.name}`],
        d1: config.d1_databases.map(
          (db: {
            binding: string;
            database_name?: string;
            database_id?: string;
            migrations_dir?: string;
          }) => ({
            binding: db.binding,
            databaseName: db.database_name ?? db.binding,
            databaseId: db.database_id ?? db.database_name ?? db.binding,
            migrationsDir: db.migrations_dir ? resolve(dir, db.migrations_dir) : undefined,
          }),
        ),
        maxBundleGzipBytes: pkg.edgekyc?.maxBundleGzipBytes ?? DEFAULT_MAX_BUNDLE_GZIP_BYTES,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
