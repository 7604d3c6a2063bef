import { createTestPartner } from "@edgekyc/accounts/testing";
import { describe, expect, it } from "vitest";
import { admin } from "./support/admin-client.ts";

describe("key routes refuse bad input naming the field", () => {
  it("rotate with an unknown dialect, a missing mode or a too long grace period answers 422", async () => {
    const { partner } = await createTestPartner();
    const cases: [unknown, string][] = [
      [{ dialect: "onfido", mode: "test" }, "dialect"],
      [{ dialect: "ndt" }, "mode"],
      [{ dialect: "ndt", mode: "test", graceSeconds: 604_801 }, "graceSeconds"],
      [{ dialect: "ndt", mode: "test", graceSeconds: -1 }, "graceSeconds"],
    ];
    for (const [body, field] of cases) {
      const res = await admin("POST", `/admin/v1/partners/${partner.id}/keys/rotate`, { body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(await res.json()).toMatchObject({ code: "validation_failed", errors: [{ path: field }] });
    }
  });

  it("rotate or list for an unknown partner answers 404", async () => {
    const ghost = "ptn_00000000000000000000000000";
    const rotate = await admin("POST", `/admin/v1/partners/${ghost}/keys/rotate`, {
      body: { dialect: "ndt", mode: "test" },
    });
    expect(rotate.status).toBe(404);
    expect((await admin("GET", `/admin/v1/partners/${ghost}/keys`)).status).toBe(404);
  });

  it("revoke of an unknown or malformed key id answers 404 or 400", async () => {
    const { partner } = await createTestPartner();
    expect(
      (await admin("POST", `/admin/v1/partners/${partner.id}/keys/key_00000000000000000000000000/revoke`))
        .status,
    ).toBe(404);
    const malformed = await admin("POST", `/admin/v1/partners/${partner.id}/keys/nope/revoke`);
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ errors: [{ path: "keyId" }] });
  });
});
