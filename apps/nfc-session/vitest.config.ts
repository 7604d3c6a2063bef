import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { TEST_SECRETS } from "@edgekyc/accounts/vitest";
import { defineConfig } from "vitest/config";

// appTestConfig (@edgekyc/accounts/vitest) plus two things it cannot express yet: an auxiliary Worker for
// the FACE_ENGINE service binding, and binary test files (`?bytes`). Same secrets, migrations and setup.

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Test-only private JWK of the chip-upload key ring (the simulator encrypts to its public half).
const TEST_JWE_KEYS = JSON.stringify([
  {
    kty: "EC",
    crv: "P-256",
    x: "1gtf2VAuDuhqB2X6DEzMnfLM3vuPTycoKxEToEqpNPY",
    y: "i9Kb3mMgG293s0x2ubqKa6_AyYzen3nNqu6yQ6qSXFc",
    d: "X1WcW4jV0u5bhLAcYPpn_NPeDH5_JP1X9Oco8mVd6uo",
    kid: "test-1",
  },
]);

/** `import bytes from "…/file.bin?bytes"`: binary test files (the eMRTD corpus) as a Uint8Array in workerd. */
function bytesImports() {
  return {
    name: "nfc-bytes",
    enforce: "pre" as const,
    load(id: string) {
      if (!id.endsWith("?bytes")) return undefined;
      const base64 = readFileSync(id.slice(0, -"?bytes".length)).toString("base64");
      return `const text = atob(${JSON.stringify(base64)});\nconst bytes = new Uint8Array(text.length);\nfor (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);\nexport default bytes;\n`;
    },
  };
}

export default defineConfig({
  plugins: [
    bytesImports(),
    cloudflareTest(async () => ({
      wrangler: { configPath: "./wrangler.jsonc" },
      miniflare: {
        bindings: {
          ...TEST_SECRETS,
          NFC_JWE_KEYS: TEST_JWE_KEYS,
          REDEEM_CLIENT_FAILURES: "5",
          REDEEM_GLOBAL_FAILURES: "40",
          ACCOUNTS_MIGRATIONS: await readD1Migrations(here("../../packages/accounts/migrations")),
          DB_MIGRATIONS: await readD1Migrations(here("./migrations")),
        },
        // FACE_ENGINE reaches a light, deterministic engine here (test/support/light-face-engine.js): the
        // real models cost seconds per test file. tools/dev/test/stack/nfc-session.e2e.test.ts runs the real apps/face-engine.
        workers: [
          {
            name: "edgekyc-face-engine",
            modules: true,
            scriptPath: here("./test/support/light-face-engine.js"),
            compatibilityDate: "2026-11-01",
          },
        ],
      },
    })),
  ],
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: [here("../../packages/accounts/src/testing/apply-test-migrations.ts")],
  },
});
