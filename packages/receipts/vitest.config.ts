import { defineConfig } from "vitest/config";

// HTTP-free and runtime-neutral (WebCrypto only): Node runs it without a workerd start per file.
export default defineConfig({
  test: { include: ["test/**/*.test.ts"], environment: "node", testTimeout: 30_000 },
});
