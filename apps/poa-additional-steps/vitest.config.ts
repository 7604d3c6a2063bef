import { appTestConfig } from "@edgekyc/accounts/vitest";
import { defineConfig } from "vitest/config";

// Two projects: the Worker's tests in workerd (the platform's app test config), and the pages in a real
// headless Chromium from Node.
const workers = appTestConfig(import.meta.url, {
  migrations: { DB: "./migrations" },
  bindings: { MAX_FILE_BYTES: String(1024 * 1024) },
});

export default defineConfig({
  test: {
    projects: [
      {
        ...workers,
        test: {
          ...workers.test,
          name: "workers",
          // Whole flows (token → upload → review → callback) on 2 shared cores take seconds under load.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "browser",
          include: ["test-browser/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
