// @edgekyc/accounts/vitest (runs in Node, in vitest.config.ts): an app's whole test configuration.
import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

/** Test values only; deployed Workers get theirs from `wrangler secret put`. */
export const TEST_SECRETS = {
  ENVIRONMENT: "test",
  ADMIN_TOKEN: "test-admin-token-0123456789",
  ENCRYPTION_KEYS: "test1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
  TOKEN_SIGNING_KEY: "test-token-signing-key-0123456789abcdef",
} as const;

const ACCOUNTS_MIGRATIONS_DIR = fileURLToPath(new URL("../../migrations", import.meta.url));
const SETUP_FILE = fileURLToPath(new URL("./apply-test-migrations.ts", import.meta.url));

export interface AppTestOptions {
  /** Extra or overriding bindings (strings, numbers, objects). */
  bindings?: Record<string, unknown>;
  /** The app's own D1 databases: binding name → migrations folder relative to the app (e.g. `{ DB: "./migrations" }`). */
  migrations?: Record<string, string>;
  /** More setup files, after the one that applies the migrations. */
  setupFiles?: string[];
}

/**
 * The vitest config of a capability app: its `wrangler.jsonc` in workerd, TEST_SECRETS, the accounts
 * migrations and the app's own applied before the tests, `test/**\/*.test.ts`.
 *
 * ```ts
 * // apps/<name>/vitest.config.ts
 * import { appTestConfig } from "@edgekyc/accounts/vitest";
 * export default appTestConfig(import.meta.url, { migrations: { DB: "./migrations" } });
 * ```
 */
export function appTestConfig(appConfigUrl: string, options: AppTestOptions = {}) {
  const here = (path: string) => fileURLToPath(new URL(path, appConfigUrl));
  return defineConfig({
    plugins: [
      cloudflareTest(async () => {
        const migrations: Record<string, unknown> = {
          ACCOUNTS_MIGRATIONS: await readD1Migrations(ACCOUNTS_MIGRATIONS_DIR),
        };
        for (const [binding, dir] of Object.entries(options.migrations ?? {})) {
          migrations[`${binding}_MIGRATIONS`] = await readD1Migrations(here(dir));
        }
        return {
          wrangler: { configPath: here("./wrangler.jsonc") },
          miniflare: { bindings: { ...TEST_SECRETS, ...options.bindings, ...migrations } },
        };
      }),
    ],
    test: {
      include: ["test/**/*.test.ts"],
      setupFiles: [SETUP_FILE, ...(options.setupFiles ?? []).map(here)],
    },
  });
}
