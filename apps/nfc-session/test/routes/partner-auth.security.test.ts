import { runDialectAuthTests } from "@edgekyc/accounts/testing";
import { describe } from "vitest";

// The shared authentication suite (own key in; missing, wrong, revoked, mixed-partner → 401; another
// capability's key → 403; over the failure limit → 429) on every partner route. Bodies are valid apart from
// the credential, so "in" means the route's own answer (200, or 404 for an init code nobody holds).
const ROUTES: [string, Record<string, unknown>][] = [
  ["/nfc/v1/session_init", { method: "enroll" }],
  ["/nfc/v1/webhook_confirmation", { init_code: "Zz00", recv: "OK" }],
  ["/nfc/v1/session_status", { init_code: "Zz00" }],
  ["/nfc/v1/session_cancel", { init_code: "Zz00" }],
  ["/nfc/v1/session_erase", { init_code: "Zz00" }],
  ["/nfc/v1/lost_stolen/add", { issuing_state: "NLD", document_number: "SPECI2014" }],
  ["/nfc/v1/lost_stolen/remove", { id: "lst_01kbz3c6q4y8w2m5n7p9r1t3v5" }],
  ["/nfc/v1/lost_stolen/list", {}],
];

for (const [path, body] of ROUTES) {
  describe(path, () => {
    runDialectAuthTests(
      "machinesense",
      ({ headers, body: credentials }) =>
        new Request(`https://nfc.test${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: JSON.stringify({ ...body, ...credentials }),
        }),
    );
  });
}
