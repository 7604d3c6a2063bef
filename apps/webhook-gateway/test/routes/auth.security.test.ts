import { describe, expect, it } from "vitest";
import { adminToken, createKeyedPartner, gateway } from "../support/http.ts";

/** Every partner-API route, with a body that would be valid. */
const PARTNER_ROUTES: [string, string, unknown?][] = [
  ["POST", "/webhooks/v1/endpoints", { url: "https://hooks.example.com/x" }],
  ["GET", "/webhooks/v1/endpoints"],
  ["GET", "/webhooks/v1/endpoints/whe_01m82wpkpax6f2000tstyqkej8"],
  ["PATCH", "/webhooks/v1/endpoints/whe_01m82wpkpax6f2000tstyqkej8", { disabled: true }],
  ["DELETE", "/webhooks/v1/endpoints/whe_01m82wpkpax6f2000tstyqkej8"],
  ["POST", "/webhooks/v1/endpoints/whe_01m82wpkpax6f2000tstyqkej8/rotate-secret", {}],
  ["POST", "/webhooks/v1/endpoints/whe_01m82wpkpax6f2000tstyqkej8/test"],
  ["GET", "/webhooks/v1/deliveries"],
  ["GET", "/webhooks/v1/deliveries/dlv_01m82wpkpax6f2000tstyqkej8"],
  ["POST", "/webhooks/v1/deliveries/dlv_01m82wpkpax6f2000tstyqkej8/replay"],
  ["POST", "/webhooks/v1/deliveries/replay", { since: "2026-01-01T00:00:00Z" }],
  ["DELETE", "/webhooks/v1/events/evt-1"],
];

const ADMIN_ROUTES: [string, string, unknown?][] = [
  ["POST", "/admin/v1/partners", { name: "x" }],
  ["GET", "/admin/v1/partners"],
  ["GET", "/admin/v1/partners/ptn_01m82wpkpax6f2000tstyqkej8"],
  ["GET", "/admin/v1/partners/ptn_01m82wpkpax6f2000tstyqkej8/keys"],
  ["POST", "/admin/v1/partners/ptn_01m82wpkpax6f2000tstyqkej8/keys/rotate", { dialect: "ndt", mode: "test" }],
  ["POST", "/admin/v1/partners/ptn_01m82wpkpax6f2000tstyqkej8/keys/key_01m82wpkpax6f2000tstyqkej8/revoke"],
  ["GET", "/admin/v1/partners/ptn_01m82wpkpax6f2000tstyqkej8/settings/nfc-session"],
  ["PUT", "/admin/v1/partners/ptn_01m82wpkpax6f2000tstyqkej8/settings/nfc-session", {}],
  [
    "PUT",
    "/admin/v1/partners/ptn_01m82wpkpax6f2000tstyqkej8/webhook-endpoints",
    { mode: "test", url: "https://x.example.com" },
  ],
  [
    "POST",
    "/admin/v1/partners/ptn_01m82wpkpax6f2000tstyqkej8/webhook-endpoints/whe_01m82wpkpax6f2000tstyqkej8/rotate-secret",
    {},
  ],
  ["GET", "/admin/v1/dead-letters"],
];

describe.each(PARTNER_ROUTES)("partner API %s %s", (method, path, body) => {
  it("refuses a missing, malformed, wrong or revoked key, and the admin token, with 401 problem details", async () => {
    const partner = await createKeyedPartner();
    const revoked = await createKeyedPartner("Revoked");
    const keys = await (
      await gateway("GET", `/admin/v1/partners/${revoked.id}/keys`, { token: adminToken() })
    ).json<{
      data: { id: string; dialect: string }[];
    }>();
    const keyId = keys.data.find((k) => k.dialect === "edgekyc")?.id;
    await gateway("POST", `/admin/v1/partners/${revoked.id}/keys/${keyId}/revoke`, { token: adminToken() });

    const wrongSecret = `${partner.key.slice(0, -4)}AAAA`;
    for (const token of [
      undefined,
      "garbage",
      wrongSecret,
      revoked.key,
      adminToken(),
      partner.credentials.ndt?.api_key,
    ]) {
      const res = await gateway(method, path, {
        ...(token ? { token } : {}),
        ...(body === undefined ? {} : { body }),
      });
      expect(res.status, `${token ?? "no token"}: ${await res.clone().text()}`).toBe(401);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(await res.json()).toMatchObject({
        code: "unauthorized",
        detail: "missing or invalid credentials",
      });
    }
  });
});

describe.each(ADMIN_ROUTES)("admin API %s %s", (method, path, body) => {
  it("refuses a missing or wrong admin token and a partner's key", async () => {
    const partner = await createKeyedPartner();
    for (const token of [undefined, `${adminToken()}x`, partner.key]) {
      const res = await gateway(method, path, {
        ...(token ? { token } : {}),
        ...(body === undefined ? {} : { body }),
      });
      expect(res.status, await res.clone().text()).toBe(401);
    }
  });
});
