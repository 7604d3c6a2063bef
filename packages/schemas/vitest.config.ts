import { defineConfig } from "vitest/config";

// Pure zod contracts: no Workers APIs, so these tests run in Node.
export default defineConfig({ test: { include: ["test/**/*.test.ts"] } });
