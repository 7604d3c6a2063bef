import { runDialectAuthTests } from "@edgekyc/accounts/testing";

// The shared authentication suite (what every capability app runs) on the partner webhooks API.
runDialectAuthTests(
  "edgekyc",
  ({ headers }) => new Request("https://gateway.test/webhooks/v1/endpoints", { method: "GET", headers }),
);
