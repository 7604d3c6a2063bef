import { createTestPartner } from "@edgekyc/accounts/testing";
import { describe, expect, it } from "vitest";
import { admin } from "./support/admin-client.ts";

describe("PUT settings refuses invalid settings with 422 naming the field", () => {
  it("names a nested field with a wrong value", async () => {
    const { partner } = await createTestPartner();
    const res = await admin("PUT", `/admin/v1/partners/${partner.id}/settings/biometric-liveness`, {
      body: { facetec: { acceptMatchLevel: 11 } },
    });
    expect(res.status).toBe(422);
    const body = await res.json<{ detail: string; errors: { path: string }[] }>();
    expect(body).toMatchObject({
      type: "https://edgekyc.dev/errors/validation_failed",
      code: "validation_failed",
      errors: [{ path: "facetec.acceptMatchLevel", message: expect.any(String) }],
    });
    expect(body.detail).toContain("facetec.acceptMatchLevel");
  });

  it("names an unknown setting", async () => {
    const { partner } = await createTestPartner();
    const res = await admin("PUT", `/admin/v1/partners/${partner.id}/settings/nfc-session`, {
      body: { numImagesLiveness: 2, webhookUrl: "https://hooks.example.com" },
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({
      errors: [{ path: "webhookUrl", message: "is not a known setting" }],
    });
  });

  it("names a rule between fields", async () => {
    const { partner } = await createTestPartner();
    const res = await admin("PUT", `/admin/v1/partners/${partner.id}/settings/biometric-liveness`, {
      body: { smileId: { returnHistory: true } },
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ errors: [{ path: "smileId.returnHistory" }] });
  });

  it("refuses a body that is not an object", async () => {
    const { partner } = await createTestPartner();
    const res = await admin("PUT", `/admin/v1/partners/${partner.id}/settings/nfc-session`, { body: [1, 2] });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ code: "validation_failed" });
  });

  it("keeps the previous settings when refusing new ones", async () => {
    const { partner } = await createTestPartner();
    const path = `/admin/v1/partners/${partner.id}/settings/nfc-session`;
    await admin("PUT", path, { body: { numImagesLiveness: 3 } });
    expect((await admin("PUT", path, { body: { numImagesLiveness: 0 } })).status).toBe(422);
    expect(await (await admin("GET", path)).json()).toMatchObject({ numImagesLiveness: 3 });
  });

  it("answers 400 for an unknown capability and 404 for an unknown partner", async () => {
    const { partner } = await createTestPartner();
    const capability = await admin("GET", `/admin/v1/partners/${partner.id}/settings/face-match`);
    expect(capability.status).toBe(400);
    expect(await capability.json()).toMatchObject({ errors: [{ path: "capability" }] });
    const ghost = await admin(
      "PUT",
      "/admin/v1/partners/ptn_00000000000000000000000000/settings/nfc-session",
      {
        body: {},
      },
    );
    expect(ghost.status).toBe(404);
  });
});
