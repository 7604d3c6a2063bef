import { appTestConfig } from "@edgekyc/accounts/vitest";

export default appTestConfig(import.meta.url, {
  migrations: { DB: "./migrations" },
  bindings: { WEBHOOK_TIMEOUT_SECONDS: "2" },
});
