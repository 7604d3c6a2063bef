import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  plugins: [
    cloudflareTest(async () => ({
      wrangler: { configPath: "./wrangler.jsonc" },
      miniflare: {
        // Test values only; deployed Workers get theirs from `wrangler secret put`.
        bindings: {
          ENVIRONMENT: "test",
          ENCRYPTION_KEYS: "test1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
          ACCOUNTS_MIGRATIONS: await readD1Migrations(here("../../packages/platform/migrations")),
          EKYC_MIGRATIONS: await readD1Migrations(here("./migrations")),
        },
      },
    })),
  ],
  // Route tests make many requests through auth, D1 and Durable Objects; CI machines can be busy.
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["./test/setup/apply-migrations.ts"],
    testTimeout: 30_000,
  },
});
