import { runDialectAuthTests } from "@edgekyc/accounts/testing";
import { describe, expect, it } from "vitest";
import { call, createPartner } from "../support/poa-client.ts";

const PARTNER_ROUTES: [string, string, unknown?][] = [
  ["POST", "/api/v2/token", { clientId: "1" }],
  ["POST", "/api/v2/upload-additional-step", { scanRef: "x", step: "UTILITY_BILL", image: "AAAA" }],
  ["POST", "/api/v2/status", { scanRef: "x" }],
  ["POST", "/api/v2/delete", { scanRef: "x" }],
  ["POST", "/api/v2/reviewers", { name: "x" }],
  ["GET", "/api/v2/reviewers"],
  ["POST", "/api/v2/reviewers/rvw_01m82wpkpax6f2000tstyqkej8/revoke"],
];

for (const [method, path, json] of PARTNER_ROUTES) {
  describe(`${method} ${path}`, () => {
    runDialectAuthTests("idenfy", ({ headers, body }) => {
      const init: RequestInit = { method, headers: { "content-type": "application/json", ...headers } };
      if (json !== undefined) init.body = JSON.stringify({ ...(json as object), ...body });
      return new Request(`https://poa.test${path}`, init);
    });

    it("answers a refusal with iDenfy's body and a key of another dialect with 401", async () => {
      const partner = await createPartner();
      const res = await call(method, path, {
        basic: { user: partner.otherDialectKey, password: partner.basic.password },
        ...(json !== undefined ? { json } : {}),
      });
      const text = await res.text();
      expect(res.status, text).toBe(401);
      expect(JSON.parse(text)).toEqual({
        identifier: "UNAUTHORIZED",
        message: "missing or invalid credentials",
      });
    });
  });
}

describe("brute force", () => {
  it("answers TOO_MANY_REQUESTS with Retry-After once an address fails too often", async () => {
    const ip = "198.51.100.77";
    let last: Response | undefined;
    for (let i = 0; i < 25; i++) {
      last = await call("POST", "/api/v2/token", {
        ip,
        basic: { user: "idf_test_0000000000000000", password: "A".repeat(43) },
        json: { clientId: "1" },
      });
      if (last.status === 429) break;
    }
    expect(last?.status).toBe(429);
    expect(await last?.json()).toMatchObject({ identifier: "TOO_MANY_REQUESTS" });
    expect(last?.headers.get("retry-after")).toBeTruthy();
  });
});

describe("partners are isolated", () => {
  it("treats another partner's scanRef as unknown for status, upload and delete", async () => {
    const owner = await createPartner();
    const other = await createPartner();
    const token = await call("POST", "/api/v2/token", { basic: owner.basic, json: { clientId: "1" } });
    const { scanRef } = await token.json<{ scanRef: string }>();
    for (const [path, json] of [
      ["/api/v2/status", { scanRef }],
      ["/api/v2/delete", { scanRef }],
      ["/api/v2/upload-additional-step", { scanRef, step: "UTILITY_BILL", image: "iVBORw0KGgo=" }],
    ] as const) {
      const res = await call("POST", path, { basic: other.basic, json });
      expect(res.status, await res.clone().text()).toBe(404);
      expect(await res.json()).toMatchObject({ identifier: "BAD_VALUE" });
    }
    const still = await call("POST", "/api/v2/status", { basic: owner.basic, json: { scanRef } });
    expect(await still.json()).toMatchObject({ status: "ACTIVE" });
  });
});
