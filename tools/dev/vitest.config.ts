import { defineConfig } from "vitest/config";

// Node-side tests of the dev tooling, including the end-to-end run of the `npm start` stack.
export default defineConfig({
  // The stack includes apps/face-engine (a 12 MB bundle with its models): starting it takes longer on a
  // loaded machine.
  test: { include: ["test/**/*.test.ts"], testTimeout: 120_000, hookTimeout: 300_000 },
});
