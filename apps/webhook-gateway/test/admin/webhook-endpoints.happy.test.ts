import { createTestPartner } from "@edgekyc/accounts/testing";
import { describe, expect, it } from "vitest";
import { testServices } from "../support/services.ts";
import { admin } from "./support/admin-client.ts";

const webhookEndpoints = async () => (await testServices()).webhookEndpoints;

interface Endpoint {
  id: string;
  url: string;
  capability: string | null;
  mode: string;
  disabled: boolean;
  secret?: string;
}

describe("PUT /admin/v1/partners/{partnerId}/webhook-endpoints", () => {
  it("creates the default endpoint with its secret (201), then changes its URL (200, no secret)", async () => {
    const { partner } = await createTestPartner();
    const path = `/admin/v1/partners/${partner.id}/webhook-endpoints`;
    const created = await admin("PUT", path, { body: { mode: "test", url: "https://hooks.example.com/a" } });
    expect(created.status, await created.clone().text()).toBe(201);
    const endpoint = await created.json<Endpoint>();
    expect(endpoint).toEqual({
      id: expect.stringMatching(/^whe_/),
      url: "https://hooks.example.com/a",
      capability: null,
      mode: "test",
      disabled: false,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{32}$/),
    });
    const changed = await admin("PUT", path, {
      body: { mode: "test", capability: null, url: "https://hooks.example.com/b" },
    });
    expect(changed.status, await changed.clone().text()).toBe(200);
    const body = await changed.json<Endpoint>();
    expect(body).toMatchObject({ id: endpoint.id, url: "https://hooks.example.com/b" });
    expect(body.secret).toBeUndefined();
  });

  it("keeps a capability's endpoint apart from the default one, and delivery resolves to it", async () => {
    const { partner } = await createTestPartner();
    const path = `/admin/v1/partners/${partner.id}/webhook-endpoints`;
    const fallback = await (
      await admin("PUT", path, { body: { mode: "live", url: "https://hooks.example.com/all" } })
    ).json<Endpoint>();
    const nfc = await admin("PUT", path, {
      body: { mode: "live", capability: "nfc-session", url: "https://hooks.example.com/nfc" },
    });
    expect(nfc.status).toBe(201);
    const nfcEndpoint = await nfc.json<Endpoint>();
    const endpoints = await webhookEndpoints();
    expect(await endpoints.resolve(partner.id, "live", "nfc-session")).toMatchObject({
      id: nfcEndpoint.id,
      secrets: [nfcEndpoint.secret],
    });
    expect(await endpoints.resolve(partner.id, "live", "ekyc-otp-pennydrop")).toMatchObject({
      id: fallback.id,
      secrets: [fallback.secret],
    });
  });

  it("accepts http://localhost for test-mode endpoints outside production", async () => {
    const { partner } = await createTestPartner();
    const res = await admin("PUT", `/admin/v1/partners/${partner.id}/webhook-endpoints`, {
      body: { mode: "test", url: "http://localhost:8787/hooks" },
    });
    expect(res.status, await res.clone().text()).toBe(201);
  });
});

describe("POST /admin/v1/partners/{partnerId}/webhook-endpoints/{endpointId}/rotate-secret", () => {
  it("answers a new secret; deliveries are signed with both until the grace period ends", async () => {
    const { partner } = await createTestPartner();
    const endpoint = await (
      await admin("PUT", `/admin/v1/partners/${partner.id}/webhook-endpoints`, {
        body: { mode: "test", url: "https://hooks.example.com/r" },
      })
    ).json<Endpoint>();
    const res = await admin(
      "POST",
      `/admin/v1/partners/${partner.id}/webhook-endpoints/${endpoint.id}/rotate-secret`,
      {
        body: { graceSeconds: 600 },
      },
    );
    expect(res.status, await res.clone().text()).toBe(200);
    const rotated = await res.json<Endpoint>();
    expect(rotated).toMatchObject({ id: endpoint.id, secret: expect.stringMatching(/^whsec_/) });
    expect(rotated.secret).not.toBe(endpoint.secret);
    const resolved = await (await webhookEndpoints()).resolve(partner.id, "test", null);
    expect(resolved?.secrets).toEqual([rotated.secret, endpoint.secret]);
  });

  it("works without a body (a day of grace) and with graceSeconds 0 (the old secret ends now)", async () => {
    const { partner } = await createTestPartner();
    const endpoint = await (
      await admin("PUT", `/admin/v1/partners/${partner.id}/webhook-endpoints`, {
        body: { mode: "test", url: "https://hooks.example.com/r" },
      })
    ).json<Endpoint>();
    const path = `/admin/v1/partners/${partner.id}/webhook-endpoints/${endpoint.id}/rotate-secret`;
    const plain = await admin("POST", path);
    expect(plain.status, await plain.clone().text()).toBe(200);
    const now = await admin("POST", path, { body: { graceSeconds: 0 } });
    const latest = await now.json<Endpoint>();
    const resolved = await (await webhookEndpoints()).resolve(partner.id, "test", null);
    expect(resolved?.secrets).toEqual([latest.secret]);
  });
});
