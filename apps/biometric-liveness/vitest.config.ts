import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const ENGINE_BUNDLE = here(".wrangler/face-engine-bundle");
const FIXTURES = here("../face-engine/test/fixtures");

async function bindings() {
  // Test values only; deployed Workers get theirs from `wrangler secret put`.
  return {
    ENVIRONMENT: "test",
    ADMIN_TOKEN: "test-admin-token-0123456789",
    ENCRYPTION_KEYS: "test1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
    TOKEN_SIGNING_KEY: "test-token-signing-key-0123456789abcdef",
    ACCOUNTS_MIGRATIONS: await readD1Migrations(here("../../packages/accounts/migrations")),
    LIVENESS_MIGRATIONS: await readD1Migrations(here("./migrations")),
  };
}

/**
 * The real face engine for test/engine/: apps/face-engine bundled by wrangler (as deployed) and loaded as
 * a second Worker behind FACE_ENGINE. Only that project pays for loading the models.
 */
function faceEngineWorker() {
  execFileSync(
    here("node_modules/.bin/wrangler"),
    ["deploy", "--dry-run", "--outdir", ENGINE_BUNDLE, "--config", here("../face-engine/wrangler.jsonc")],
    { stdio: "ignore", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } },
  );
  const type = (file: string) =>
    file.endsWith(".wasm") ? "CompiledWasm" : file.endsWith(".bin") ? "Data" : "ESModule";
  const files = readdirSync(ENGINE_BUNDLE).filter((file) => /\.(js|wasm|bin)$/.test(file));
  files.sort((a, b) => (a === "index.js" ? -1 : b === "index.js" ? 1 : a.localeCompare(b)));
  return {
    name: "edgekyc-face-engine",
    modulesRoot: ENGINE_BUNDLE,
    modules: files.map((file) => ({
      type: type(file) as "ESModule" | "CompiledWasm" | "Data",
      path: `${ENGINE_BUNDLE}/${file}`,
    })),
    compatibilityDate: "2026-11-01",
    compatibilityFlags: ["nodejs_compat"],
    bindings: { ENVIRONMENT: "production" },
  };
}

/** The face engine's test photos as FACE_<NAME> data bindings (e.g. FACE_SELFIE_JPG). */
function faceBindings(): Record<string, string> {
  return Object.fromEntries(
    readdirSync(FIXTURES)
      .filter((name) => name.endsWith(".jpg"))
      .map((name) => [`FACE_${name.replace(/[^A-Za-z0-9]/g, "_").toUpperCase()}`, `${FIXTURES}/${name}`]),
  );
}

const setupFiles = ["./test/setup/apply-migrations.ts"];

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [
          cloudflareTest(async () => ({
            wrangler: { configPath: "./wrangler.jsonc" },
            miniflare: {
              // Route tests use the marker engine (src/face/marker-engine.ts). Images without the test marker
              // reach this binding: an engine that is down (every call throws), for the retry tests.
              serviceBindings: { FACE_ENGINE: { name: "face-engine-down", entrypoint: "FaceEngine" } },
              workers: [
                {
                  name: "face-engine-down",
                  modules: true,
                  compatibilityDate: "2026-11-01",
                  script: `import { WorkerEntrypoint } from "cloudflare:workers";
export class FaceEngine extends WorkerEntrypoint {
  compare() { throw new Error("the face engine is down (test project routes)"); }
  liveness() { throw new Error("the face engine is down (test project routes)"); }
}
export default { fetch: () => new Response("down", { status: 503 }) };`,
                },
              ],
              bindings: await bindings(),
            },
          })),
        ],
        test: {
          name: "routes",
          include: ["test/**/*.test.ts"],
          exclude: ["test/engine/**"],
          setupFiles,
          // Generous: the machine running the whole suite is often busy.
          testTimeout: 30_000,
        },
      },
      {
        plugins: [
          cloudflareTest(async () => ({
            wrangler: { configPath: "./wrangler.jsonc" },
            miniflare: {
              serviceBindings: { FACE_ENGINE: { name: "edgekyc-face-engine", entrypoint: "FaceEngine" } },
              workers: [faceEngineWorker()],
              dataBlobBindings: faceBindings(),
              bindings: await bindings(),
            },
          })),
        ],
        test: { name: "engine", include: ["test/engine/**/*.test.ts"], setupFiles, testTimeout: 60_000 },
      },
    ],
  },
});
