import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [
    cloudflareTest(async () => ({
      miniflare: {
        compatibilityDate: "2026-11-01",
        compatibilityFlags: ["nodejs_compat"],
        d1Databases: ["ACCOUNTS"],
        r2Buckets: ["UPLOADS"],
        ratelimits: { AUTH_FAILURES: { namespace_id: "1001", simple: { limit: 5, period: 60 } } },
        bindings: {
          ENCRYPTION_KEYS: "test1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
          TOKEN_SIGNING_KEY: "test-token-signing-key-0123456789abcdef",
          ADMIN_TOKEN: "test-admin-token-0123456789",
          ACCOUNTS_MIGRATIONS: await readD1Migrations(
            fileURLToPath(new URL("./migrations", import.meta.url)),
          ),
        },
      },
    })),
  ],
  test: { include: ["test/**/*.test.ts"], setupFiles: ["./test/setup/apply-migrations.ts"] },
});
