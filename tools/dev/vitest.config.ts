import { defineConfig } from "vitest/config";

// Node-side tests of the dev tooling, including the end-to-end run of the `npm start` stack.
export default defineConfig({
  test: { include: ["test/**/*.test.ts"], testTimeout: 120_000, hookTimeout: 180_000 },
});
