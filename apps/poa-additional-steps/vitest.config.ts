import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Two projects: the Worker's tests in workerd, and the review page in a real headless Chromium (Node).
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [
          cloudflareTest(async () => ({
            wrangler: { configPath: "./wrangler.jsonc" },
            miniflare: {
              // Test values only; deployed Workers get theirs from `wrangler secret put`.
              bindings: {
                ENVIRONMENT: "test",
                ENCRYPTION_KEYS: "test1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
                TOKEN_SIGNING_KEY: "test-token-signing-key-0123456789abcdef",
                MAX_FILE_BYTES: String(1024 * 1024),
                ACCOUNTS_MIGRATIONS: await readD1Migrations(here("../../packages/platform/migrations")),
                POA_MIGRATIONS: await readD1Migrations(here("./migrations")),
              },
            },
          })),
        ],
        test: {
          name: "workers",
          include: ["test/**/*.test.ts"],
          // Whole flows (token → upload → review → callback) on 2 shared cores take seconds under load.
          testTimeout: 30_000,
          setupFiles: ["./test/setup/apply-migrations.ts"],
        },
      },
      {
        test: {
          name: "browser",
          include: ["test-browser/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
