import { env } from "cloudflare:workers";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { adminToken, createKeyedPartner, gateway } from "../support/http.ts";

describe("webhook endpoints through the partner API", () => {
  it("creates, lists, updates, rotates and deletes an endpoint; the secret is shown only on create and rotate", async () => {
    const partner = await createKeyedPartner();
    const created = await gateway("POST", "/webhooks/v1/endpoints", {
      token: partner.key,
      body: { url: "https://hooks.example.com/kyc" },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const endpoint = await created.json<{ id: string; secret: string; capability: null; mode: string }>();
    expect(endpoint).toMatchObject({ capability: null, mode: "test", disabled: false });
    expect(endpoint.secret).toMatch(/^whsec_/);

    const list = await (await gateway("GET", "/webhooks/v1/endpoints", { token: partner.key })).json<{
      data: unknown[];
    }>();
    expect(list.data).toHaveLength(1);
    expect(JSON.stringify(list)).not.toContain("whsec_");

    const duplicate = await gateway("POST", "/webhooks/v1/endpoints", {
      token: partner.key,
      body: { url: "https://other.example.com/" },
    });
    expect(duplicate.status).toBe(409);

    const patched = await gateway("PATCH", `/webhooks/v1/endpoints/${endpoint.id}`, {
      token: partner.key,
      body: { disabled: true },
    });
    expect(await patched.json()).toMatchObject({ disabled: true, disabledReason: "disabled by the partner" });

    const rotated = await gateway("POST", `/webhooks/v1/endpoints/${endpoint.id}/rotate-secret`, {
      token: partner.key,
      body: { graceSeconds: 0 },
    });
    expect((await rotated.json<{ secret: string }>()).secret).not.toBe(endpoint.secret);

    expect(
      (await gateway("DELETE", `/webhooks/v1/endpoints/${endpoint.id}`, { token: partner.key })).status,
    ).toBe(204);
    expect(
      (await gateway("GET", `/webhooks/v1/endpoints/${endpoint.id}`, { token: partner.key })).status,
    ).toBe(404);
  });

  it("refuses URLs the SSRF guard rejects with 422 naming the field", async () => {
    const live = await createKeyedPartner("Live", "live");
    for (const url of [
      "http://hooks.example.com/",
      "https://10.0.0.1/x",
      "https://169.254.169.254/",
      "https://localhost/x",
      "https://localhost./x",
      "https://printer.local./",
      "https://localhost%2e/",
      "https://[::127.0.0.1]/",
    ]) {
      const res = await gateway("POST", "/webhooks/v1/endpoints", { token: live.key, body: { url } });
      expect(res.status, url).toBe(422);
      expect(await res.json()).toMatchObject({ errors: [{ path: "url" }] });
    }
    const test = await createKeyedPartner();
    // The test environment is not production, so a test-mode key may use a loopback receiver.
    const local = await gateway("POST", "/webhooks/v1/endpoints", {
      token: test.key,
      body: { url: "http://127.0.0.1:3000/hook" },
    });
    expect(local.status).toBe(201);
  });

  it("answers 404 for another partner's endpoint and delivery, and for the other mode's", async () => {
    const owner = await createKeyedPartner("Owner");
    const intruder = await createKeyedPartner("Intruder");
    const endpoint = await (
      await gateway("POST", "/webhooks/v1/endpoints", {
        token: owner.key,
        body: { url: "https://hooks.example.com/o" },
      })
    ).json<{ id: string }>();
    const sent = await (
      await gateway("POST", `/webhooks/v1/endpoints/${endpoint.id}/test`, { token: owner.key })
    ).json<{ deliveryId: string }>();
    for (const [method, path] of [
      ["GET", `/webhooks/v1/endpoints/${endpoint.id}`],
      ["DELETE", `/webhooks/v1/endpoints/${endpoint.id}`],
      ["POST", `/webhooks/v1/endpoints/${endpoint.id}/test`],
      ["GET", `/webhooks/v1/deliveries/${sent.deliveryId}`],
      ["POST", `/webhooks/v1/deliveries/${sent.deliveryId}/replay`],
    ] as const) {
      expect((await gateway(method, path, { token: intruder.key })).status, path).toBe(404);
    }
    const list = await (await gateway("GET", "/webhooks/v1/deliveries", { token: intruder.key })).json<{
      data: unknown[];
    }>();
    expect(list.data).toEqual([]);
    const mine = await (
      await gateway("GET", `/webhooks/v1/deliveries/${sent.deliveryId}`, { token: owner.key })
    ).json();
    expect(mine).toMatchObject({ id: sent.deliveryId, kind: "test", eventType: "webhook.test" });
  });

  it("validates query and body input with 400/422 problem details", async () => {
    const partner = await createKeyedPartner();
    const badQuery = await gateway("GET", "/webhooks/v1/deliveries?limit=1000&status=lost", {
      token: partner.key,
    });
    expect(badQuery.status).toBe(400);
    expect((await badQuery.json<{ errors: { path: string }[] }>()).errors.map((e) => e.path).sort()).toEqual([
      "limit",
      "status",
    ]);
    const badBody = await gateway("POST", "/webhooks/v1/deliveries/replay", {
      token: partner.key,
      body: { since: "last week" },
    });
    expect(badBody.status).toBe(422);
    const extra = await gateway("POST", "/webhooks/v1/endpoints", {
      token: partner.key,
      body: { url: "https://a.example.com", secret: "mine" },
    });
    expect(extra.status).toBe(422);
    const huge = await gateway("POST", "/webhooks/v1/endpoints", {
      token: partner.key,
      body: { url: `https://a.example.com/${"a".repeat(3 * 1024 * 1024)}` },
    });
    expect(huge.status).toBe(413);
  });
});

describe("the admin API", () => {
  it("creates partners whose credentials work, rotates and revokes keys", async () => {
    const partner = await createKeyedPartner("Admin Co");
    expect(Object.keys(partner.credentials).sort()).toEqual([
      "assure",
      "edgekyc",
      "idenfy",
      "machinesense",
      "ndt",
      "smileid",
    ]);
    const got = await gateway("GET", `/admin/v1/partners/${partner.id}`, { token: adminToken() });
    expect(await got.json()).toMatchObject({ id: partner.id, name: "Admin Co" });

    const rotated = await gateway("POST", `/admin/v1/partners/${partner.id}/keys/rotate`, {
      token: adminToken(),
      body: { dialect: "edgekyc", mode: "test", graceSeconds: 0 },
    });
    expect(rotated.status).toBe(201);
    const fresh = (await rotated.json<{ credentials: { edgekyc: { api_key: string } } }>()).credentials
      .edgekyc.api_key;
    expect((await gateway("GET", "/webhooks/v1/endpoints", { token: partner.key })).status).toBe(401);
    expect((await gateway("GET", "/webhooks/v1/endpoints", { token: fresh })).status).toBe(200);
    expect(
      (await gateway("GET", "/admin/v1/partners/ptn_01m82wpkpax6f2000tstyqkej8", { token: adminToken() }))
        .status,
    ).toBe(404);
  });

  it("reads defaults and refuses wrong settings with the field that is wrong", async () => {
    const partner = await createKeyedPartner();
    const path = `/admin/v1/partners/${partner.id}/settings/ekyc-otp-pennydrop`;
    expect(await (await gateway("GET", path, { token: adminToken() })).json()).toMatchObject({
      otpCodeLength: 6,
    });
    const bad = await gateway("PUT", path, {
      token: adminToken(),
      body: { otpCodeLength: 2, unknownKnob: true },
    });
    expect(bad.status).toBe(422);
    const problem = await bad.json<{ errors: { path: string }[]; detail: string }>();
    expect(problem.errors.map((e) => e.path)).toEqual(expect.arrayContaining(["otpCodeLength"]));
    expect(problem.detail).toContain("otpCodeLength");
    const good = await gateway("PUT", path, { token: adminToken(), body: { otpCodeLength: 8 } });
    expect(await good.json()).toMatchObject({ otpCodeLength: 8, maximumNumberOfInvalidValidates: 5 });
    expect(
      (
        await gateway("GET", `/admin/v1/partners/${partner.id}/settings/unknown-capability`, {
          token: adminToken(),
        })
      ).status,
    ).toBe(400);
  });

  it("sets webhook endpoints per capability and rotates their secrets", async () => {
    const partner = await createKeyedPartner();
    const path = `/admin/v1/partners/${partner.id}/webhook-endpoints`;
    const created = await gateway("PUT", path, {
      token: adminToken(),
      body: { mode: "test", capability: "nfc-session", url: "https://n.example.com/h" },
    });
    expect(created.status).toBe(201);
    const endpoint = await created.json<{ id: string; secret: string }>();
    const updated = await gateway("PUT", path, {
      token: adminToken(),
      body: { mode: "test", capability: "nfc-session", url: "https://m.example.com/h" },
    });
    expect(updated.status).toBe(200);
    expect(await updated.json()).toMatchObject({ id: endpoint.id, url: "https://m.example.com/h" });
    const rotated = await gateway("POST", `${path}/${endpoint.id}/rotate-secret`, {
      token: adminToken(),
      body: {},
    });
    expect((await rotated.json<{ secret: string }>()).secret).toMatch(/^whsec_/);
    const refused = await gateway("PUT", path, {
      token: adminToken(),
      body: { mode: "live", url: "http://x.example.com" },
    });
    expect(refused.status).toBe(422);
  });
});

describe("docs and development routes", () => {
  it("serves the OpenAPI document and the docs page, and hides /dev outside development", async () => {
    const doc = await (await gateway("GET", "/docs/webhook-gateway/openapi.json")).json<{
      paths: Record<string, unknown>;
    }>();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/admin/v1/partners", "/webhooks/v1/endpoints", "/webhooks/v1/deliveries"]),
    );
    expect((await gateway("GET", "/docs/webhook-gateway")).headers.get("content-type")).toContain(
      "text/html",
    );
    expect(env.ENVIRONMENT).toBe("test");
    expect((await gateway("POST", "/dev/sink/demo", { body: {} })).status).toBe(404);
    expect(
      (await gateway("POST", "/dev/results", { token: adminToken(), body: { events: [{}] } })).status,
    ).toBe(404);
  });

  it("lets a receiver verify a test event's signature (signing as delivered)", async () => {
    const { signDelivery } = await import("../../src/delivery/signing.ts");
    const secret = `whsec_${btoa("0123456789abcdef01234567")}`;
    const body = JSON.stringify({ type: "webhook.test" });
    const headers = await signDelivery({
      messageId: "test_1",
      body,
      secrets: [secret],
      signatures: [],
      at: new Date(),
    });
    expect(new Webhook(secret).verify(body, headers)).toEqual({ type: "webhook.test" });
    expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow();
  });
});
