import { defineConfig } from "vitest/config";

// Node-side tests of the dev tooling. The `stack` project runs against two shared `npm start` stacks
// (http and https, started once by its global setup); the restart test starts and stops its own.
export default defineConfig({
  test: {
    testTimeout: 120_000,
    // A stack includes apps/face-engine (a 12 MB bundle with its models): starting takes long on a
    // loaded machine.
    hookTimeout: 300_000,
    projects: [
      {
        extends: true,
        test: { name: "tools", include: ["test/**/*.test.ts"], exclude: ["test/stack/**"] },
      },
      {
        extends: true,
        test: {
          name: "stack",
          include: ["test/stack/**/*.test.ts"],
          globalSetup: ["test/support/local-stacks.ts"],
        },
      },
    ],
  },
});
