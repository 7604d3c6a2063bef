import { describe, expect, it } from "vitest";
import { workerFetch } from "../support/nfc-harness.ts";

describe("docs", () => {
  it("serves the OpenAPI document with every route and the docs page", async () => {
    const res = await workerFetch()("/docs/nfc-session/openapi.json");
    expect(res.status).toBe(200);
    const doc = await res.json<{
      paths: Record<string, unknown>;
      components: { securitySchemes: Record<string, unknown> };
    }>();
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        "/nfc/v1/session_init",
        "/nfc/v1/webhook_confirmation",
        "/nfc/v1/session_status",
        "/nfc/v1/session_cancel",
        "/nfc/v1/session_erase",
        "/nfc/v1/lost_stolen/add",
        "/nfc/v1/lost_stolen/remove",
        "/nfc/v1/lost_stolen/list",
        "/nfc/v1/app/keys",
        "/nfc/v1/app/redeem",
        "/nfc/v1/app/status",
        "/nfc/v1/app/consent",
        "/nfc/v1/app/challenge",
        "/nfc/v1/app/chip",
        "/nfc/v1/app/selfie",
        "/nfc/admin/v1/trust/anchors",
        "/nfc/admin/v1/trust/{collection}",
        "/nfc/admin/v1/trust/anchors/{anchorId}",
        "/nfc/admin/v1/trust/imports/{importId}",
      ].sort(),
    );
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual([
      "adminToken",
      "machineSenseApiKey",
      "nfcAppSession",
    ]);
    const page = await workerFetch()("/docs/nfc-session");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("session_init");
  });

  it("publishes the chip-upload key without its private part", async () => {
    const res = await workerFetch()("/nfc/v1/app/keys");
    const { keys } = await res.json<{ keys: Record<string, string>[] }>();
    expect(keys).toEqual([
      expect.objectContaining({ kty: "EC", crv: "P-256", kid: "test-1", use: "enc", alg: "ECDH-ES" }),
    ]);
    expect(keys[0]).not.toHaveProperty("d");
  });
});
