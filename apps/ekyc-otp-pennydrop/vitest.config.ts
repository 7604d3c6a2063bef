import { appTestConfig } from "@edgekyc/accounts/vitest";
import { mergeConfig } from "vitest/config";

// Route tests make many requests through auth, D1 and Durable Objects; CI machines can be busy.
export default mergeConfig(appTestConfig(import.meta.url, { migrations: { DB: "./migrations" } }), {
  test: { testTimeout: 30_000 },
});
