import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { TEST_SECRETS } from "./src/testing/vitest-config.ts";

// No wrangler.jsonc here (a package, not a Worker): the bindings the auth middlewares need, by hand.
export default defineConfig({
  plugins: [
    cloudflareTest(async () => ({
      miniflare: {
        compatibilityDate: "2026-11-01",
        compatibilityFlags: ["nodejs_compat"],
        d1Databases: ["ACCOUNTS"],
        ratelimits: { AUTH_FAILURES: { namespace_id: "1001", simple: { limit: 5, period: 60 } } },
        bindings: {
          ...TEST_SECRETS,
          ACCOUNTS_MIGRATIONS: await readD1Migrations(
            fileURLToPath(new URL("./migrations", import.meta.url)),
          ),
        },
      },
    })),
  ],
  test: { include: ["test/**/*.test.ts"], setupFiles: ["./src/testing/apply-test-migrations.ts"] },
});
