import { fileURLToPath } from "node:url";
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Tests here cover what runs without WebAssembly (decoding JPEG/PNG, input checks, scoring): workerd
// refuses to compile WebAssembly from bytes, and vite cannot pass a `.wasm` import through to it as a
// compiled module. The models and OpenJPEG are tested through the bundled Worker in apps/face-engine.
export default defineConfig({
  plugins: [
    cloudflareTest({
      miniflare: { compatibilityDate: "2026-11-01", compatibilityFlags: ["nodejs_compat"] },
    }),
  ],
  resolve: {
    alias: {
      "@tensorflow/tfjs-core": here("node_modules/@tensorflow/tfjs-core/dist/tf-core.fesm.js"),
    },
  },
  // Generous: npm test runs two packages at once on a shared machine, and the property tests do real work.
  test: { include: ["test/**/*.test.ts"], testTimeout: 60_000 },
});
