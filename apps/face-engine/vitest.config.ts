import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const BUNDLE_DIR = here(".wrangler/test-bundle");

/**
 * The face engine runs in these tests as it is deployed: wrangler's own bundle, loaded as a second Worker
 * that the test Worker calls over service bindings (RPC entrypoint and HTTP). vite cannot hand workerd a
 * `.wasm` import as a compiled module, and the bundle keeps the 9 MB of models out of every test file.
 */
function bundleWorker(): void {
  execFileSync(
    here("node_modules/.bin/wrangler"),
    ["deploy", "--dry-run", "--outdir", BUNDLE_DIR, "--config", here("wrangler.jsonc")],
    { stdio: "ignore", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } },
  );
}

/** Test images as bindings FIXTURE_<NAME> and the calibration faces as FACE_<NAME>. */
function imageBindings(): Record<string, string> {
  const files = (dir: string, prefix: string) =>
    readdirSync(dir)
      .filter((name) => !name.endsWith(".md"))
      .map((name) => [`${prefix}${name.replace(/[^A-Za-z0-9]/g, "_").toUpperCase()}`, `${dir}/${name}`]);
  return Object.fromEntries([
    ...files(here("test/fixtures"), "FIXTURE_"),
    ...files(here("../../packages/face-engine/calibration/faces"), "FACE_"),
  ]);
}

/** The bundle's files as modules: the script, the compiled WebAssembly and the weights. */
function bundleModules() {
  const type = (file: string) =>
    file.endsWith(".wasm") ? "CompiledWasm" : file.endsWith(".bin") ? "Data" : "ESModule";
  const files = readdirSync(BUNDLE_DIR).filter((file) => /\.(js|wasm|bin)$/.test(file));
  // The entry module first.
  files.sort((a, b) => (a === "index.js" ? -1 : b === "index.js" ? 1 : a.localeCompare(b)));
  return files.map((file) => ({
    type: type(file) as "ESModule" | "CompiledWasm" | "Data",
    path: `${BUNDLE_DIR}/${file}`,
  }));
}

const engineWorker = (name: string, environment: string) => ({
  name,
  modulesRoot: BUNDLE_DIR,
  modules: bundleModules(),
  compatibilityDate: "2026-11-01",
  compatibilityFlags: ["nodejs_compat"],
  bindings: { ENVIRONMENT: environment },
});

export default defineConfig(() => {
  bundleWorker();
  return {
    plugins: [
      cloudflareTest({
        miniflare: {
          compatibilityDate: "2026-11-01",
          compatibilityFlags: ["nodejs_compat"],
          serviceBindings: {
            FACE_ENGINE: { name: "edgekyc-face-engine", entrypoint: "FaceEngine" },
            FACE_ENGINE_HTTP: "edgekyc-face-engine",
            FACE_ENGINE_PRODUCTION_HTTP: "edgekyc-face-engine-production",
          },
          dataBlobBindings: imageBindings(),
          workers: [
            engineWorker("edgekyc-face-engine", "development"),
            engineWorker("edgekyc-face-engine-production", "production"),
          ],
        },
      }),
    ],
    // One runner (and so one engine Worker, its models loaded once) for every file, one file at a time:
    // starting the 12 MB bundle per file is what takes the time on a shared machine.
    test: {
      include: ["test/**/*.test.ts"],
      testTimeout: 120_000,
      hookTimeout: 120_000,
      isolate: false,
      fileParallelism: false,
    },
  };
});
