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
        // Route tests use the marker engine (src/face/marker-engine.ts); an image without the test marker
        // reaching this binding is a test bug, answered as the engine being down.
        serviceBindings: {
          FACE_ENGINE: () => new Response("no face engine in this test run", { status: 503 }),
        },
        bindings: {
          ENVIRONMENT: "test",
          ADMIN_TOKEN: "test-admin-token-0123456789",
          ENCRYPTION_KEYS: "test1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
          TOKEN_SIGNING_KEY: "test-token-signing-key-0123456789abcdef",
          ACCOUNTS_MIGRATIONS: await readD1Migrations(here("../../packages/platform/migrations")),
          LIVENESS_MIGRATIONS: await readD1Migrations(here("./migrations")),
        },
      },
    })),
  ],
  test: { include: ["test/**/*.test.ts"], setupFiles: ["./test/setup/apply-migrations.ts"] },
});
