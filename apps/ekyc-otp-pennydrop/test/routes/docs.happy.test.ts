import { describe, expect, it } from "vitest";
import { call } from "../support/harness.ts";

describe("docs", () => {
  it("serves the OpenAPI document with every endpoint under both scopes, and the docs page", async () => {
    const res = await call(null, "GET", "/docs/ekyc-otp-pennydrop/openapi.json");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, unknown> };
    for (const base of [
      "/acquisition/v2/applications/{applicationId}",
      "/servicing/v2/accounts/{accountId}",
    ]) {
      for (const path of [
        "",
        "/kycauthentications",
        "/kycauthentications/otp",
        "/kycauthentications/otp/{authId}/validate",
        "/kycauthentications/otp/{authId}/resend",
        "/kycauthentications/pennydrop",
        "/kycauthentications/pennydrop/{authId}/validate",
      ]) {
        expect(Object.keys(doc.paths), `${base}${path}`).toContain(`${base}${path}`);
      }
    }
    const page = await call(null, "GET", "/docs/ekyc-otp-pennydrop");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Initiate Penny Drop");
  });
});
