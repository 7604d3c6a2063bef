import { createTestPartner } from "@edgekyc/accounts/testing";
import type { Dialect } from "@edgekyc/schemas";
import { describe, expect, it } from "vitest";
import { admin } from "./support/admin-client.ts";
import { authenticateAs } from "./support/dialect-probe.ts";

interface Key {
  id: string;
  dialect: Dialect;
  mode: string;
  status: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

async function keysOf(partnerId: string): Promise<Key[]> {
  const res = await admin("GET", `/admin/v1/partners/${partnerId}/keys`);
  expect(res.status).toBe(200);
  return (await res.json<{ data: Key[] }>()).data;
}

describe("GET /admin/v1/partners/{partnerId}/keys", () => {
  it("lists one key per dialect without any secret", async () => {
    const { partner, credentials } = await createTestPartner();
    const res = await admin("GET", `/admin/v1/partners/${partner.id}/keys`);
    const text = await res.text();
    expect(JSON.parse(text).data).toHaveLength(6);
    for (const secret of [
      credentials.idenfy.api_secret,
      credentials.smileid.api_key,
      credentials.assure.client_secret,
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});

describe("POST /admin/v1/partners/{partnerId}/keys/rotate", () => {
  it("answers 201 with new credentials; the old key works until the grace period ends", async () => {
    const { partner, credentials } = await createTestPartner();
    const res = await admin("POST", `/admin/v1/partners/${partner.id}/keys/rotate`, {
      body: { dialect: "assure", mode: "test", graceSeconds: 3600 },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const rotated = await res.json<{
      key: Key;
      credentials: { assure: { client_id: string; client_secret: string } };
    }>();
    expect(rotated).toMatchObject({
      key: { dialect: "assure", mode: "test", status: "active" },
      credentials: {
        assure: { client_id: expect.stringMatching(/^as_test_/), client_secret: expect.any(String) },
      },
    });
    expect((await authenticateAs("assure", rotated.credentials)).status).toBe(200);
    expect((await authenticateAs("assure", credentials)).status).toBe(200);
    const old = (await keysOf(partner.id)).find(
      (key) => key.dialect === "assure" && key.id !== rotated.key.id,
    );
    expect(old?.expiresAt).toEqual(expect.any(String));
  });

  it("with graceSeconds 0 ends the old key at once", async () => {
    const { partner, credentials } = await createTestPartner();
    const res = await admin("POST", `/admin/v1/partners/${partner.id}/keys/rotate`, {
      body: { dialect: "ndt", mode: "test", graceSeconds: 0 },
    });
    expect(res.status).toBe(201);
    const rotated = await res.json<{ credentials: { ndt: { api_key: string; merchant_id: string } } }>();
    expect(rotated.credentials.ndt.merchant_id).toBe(credentials.ndt.merchant_id);
    expect((await authenticateAs("ndt", credentials)).status).toBe(401);
    expect((await authenticateAs("ndt", rotated.credentials)).status).toBe(200);
  });

  it("defaults the grace period to a day", async () => {
    const { partner } = await createTestPartner();
    const before = Date.now();
    await admin("POST", `/admin/v1/partners/${partner.id}/keys/rotate`, {
      body: { dialect: "edgekyc", mode: "test" },
    });
    const keys = (await keysOf(partner.id)).filter((key) => key.dialect === "edgekyc");
    const old = keys.find((key) => key.expiresAt !== null);
    const expiresIn = Date.parse(old?.expiresAt as string) - before;
    expect(expiresIn).toBeGreaterThan(86_400_000 - 60_000);
    expect(expiresIn).toBeLessThanOrEqual(86_400_000 + 60_000);
  });
});

describe("POST /admin/v1/partners/{partnerId}/keys/{keyId}/revoke", () => {
  it("answers 200 with the revoked key, which is refused from then on", async () => {
    const { partner, credentials } = await createTestPartner();
    const key = (await keysOf(partner.id)).find((k) => k.dialect === "smileid") as Key;
    expect((await authenticateAs("smileid", credentials)).status).toBe(200);
    const res = await admin("POST", `/admin/v1/partners/${partner.id}/keys/${key.id}/revoke`);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ id: key.id, status: "revoked", revokedAt: expect.any(String) });
    expect((await authenticateAs("smileid", credentials)).status).toBe(401);
  });

  it("answers 404 for another partner's key", async () => {
    const mine = await createTestPartner({ name: "Mine" });
    const theirs = await createTestPartner({ name: "Theirs" });
    const theirKey = (await keysOf(theirs.partner.id))[0] as Key;
    const res = await admin("POST", `/admin/v1/partners/${mine.partner.id}/keys/${theirKey.id}/revoke`);
    expect(res.status).toBe(404);
    expect((await authenticateAs(theirKey.dialect, theirs.credentials)).status).toBe(200);
  });
});
