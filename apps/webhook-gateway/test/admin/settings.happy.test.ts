import { createTestPartner } from "@edgekyc/accounts/testing";
import { CAPABILITIES, defaultCapabilitySettings } from "@edgekyc/schemas";
import { describe, expect, it } from "vitest";
import { admin } from "./support/admin-client.ts";

describe("GET /admin/v1/partners/{partnerId}/settings/{capability}", () => {
  it.each(CAPABILITIES)("answers the %s defaults for a new partner", async (capability) => {
    const { partner } = await createTestPartner();
    const res = await admin("GET", `/admin/v1/partners/${partner.id}/settings/${capability}`);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toEqual(defaultCapabilitySettings(capability));
  });
});

describe("PUT /admin/v1/partners/{partnerId}/settings/{capability}", () => {
  it("stores the settings and answers them with defaults filled in", async () => {
    const { partner } = await createTestPartner();
    const path = `/admin/v1/partners/${partner.id}/settings/biometric-liveness`;
    const res = await admin("PUT", path, {
      body: { facetec: { acceptMatchLevel: 7 }, liveness: { minConfidence: 80 } },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const expected = {
      ...defaultCapabilitySettings("biometric-liveness"),
      facetec: { ...defaultCapabilitySettings("biometric-liveness").facetec, acceptMatchLevel: 7 },
      liveness: { minConfidence: 80 },
    };
    expect(await res.json()).toEqual(expected);
    expect(await (await admin("GET", path)).json()).toEqual(expected);
  });

  it("replaces: fields left out go back to their defaults", async () => {
    const { partner } = await createTestPartner();
    const path = `/admin/v1/partners/${partner.id}/settings/nfc-session`;
    await admin("PUT", path, { body: { numImagesLiveness: 5, forceMrzConsent: true } });
    await admin("PUT", path, { body: { numImagesLiveness: 2 } });
    expect(await (await admin("GET", path)).json()).toEqual({
      ...defaultCapabilitySettings("nfc-session"),
      numImagesLiveness: 2,
    });
  });
});
