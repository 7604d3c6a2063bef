import type { Credentials } from "@edgekyc/accounts";
import { DIALECTS } from "@edgekyc/schemas";
import { describe, expect, it } from "vitest";
import { admin } from "./support/admin-client.ts";

/** A partner made through the admin API under test. */
async function createViaAdmin(name = "Acme Lending", mode: "test" | "live" = "test") {
  const res = await admin("POST", "/admin/v1/partners", { body: { name, mode } });
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json<{ partner: { id: string; name: string }; mode: string; credentials: Credentials }>();
}

import { authenticateAs } from "./support/dialect-probe.ts";

describe("POST /admin/v1/partners", () => {
  it("answers 201 with the partner and credentials for every dialect, shown once", async () => {
    const res = await admin("POST", "/admin/v1/partners", { body: { name: "Acme Lending" } });
    expect(res.status, await res.clone().text()).toBe(201);
    const body = await res.json<Record<string, unknown>>();
    expect(body).toMatchObject({
      partner: {
        id: expect.stringMatching(/^ptn_/),
        name: "Acme Lending",
        smileIdPartnerId: expect.stringMatching(/^[0-9]+$/),
        ndtMerchantId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        createdAt: expect.any(String),
      },
      mode: "test",
      credentials: {
        machinesense: { api_key: expect.stringMatching(/^ms_test_/) },
        idenfy: { api_key: expect.stringMatching(/^idf_test_/), api_secret: expect.any(String) },
        smileid: { partner_id: expect.any(String), api_key: expect.any(String) },
        assure: { client_id: expect.stringMatching(/^as_test_/), client_secret: expect.any(String) },
        ndt: { api_key: expect.stringMatching(/^ndt_test_/), merchant_id: expect.any(String) },
        edgekyc: { api_key: expect.stringMatching(/^ek_test_/) },
      },
    });
  });

  it.each(DIALECTS)("gives a %s credential that the dialect's auth middleware accepts", async (dialect) => {
    const { partner, credentials } = await createViaAdmin();
    const res = await authenticateAs(dialect, credentials);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ principal: { partnerId: partner.id, dialect, mode: "test" } });
  });

  it("issues live keys when asked", async () => {
    const { mode, credentials } = await createViaAdmin("Live Co", "live");
    expect(mode).toBe("live");
    expect(credentials.edgekyc.api_key).toMatch(/^ek_live_/);
    const res = await authenticateAs("ndt", credentials);
    expect(await res.json()).toMatchObject({ principal: { mode: "live" } });
  });
});

describe("GET /admin/v1/partners", () => {
  it("pages through partners newest first", async () => {
    const first = await createViaAdmin("Older");
    const second = await createViaAdmin("Newer");
    const res = await admin("GET", "/admin/v1/partners?limit=1");
    expect(res.status).toBe(200);
    const page = await res.json<{ data: { id: string }[]; nextCursor: string | null }>();
    expect(page.data).toHaveLength(1);
    expect(page.nextCursor).toEqual(expect.any(String));
    const ids: string[] = [];
    for (let cursor: string | null = null, guard = 0; guard < 50; guard++) {
      const next = await admin("GET", `/admin/v1/partners?limit=100${cursor ? `&cursor=${cursor}` : ""}`);
      const body = await next.json<{ data: { id: string }[]; nextCursor: string | null }>();
      ids.push(...body.data.map((p) => p.id));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    expect(ids).toContain(first.partner.id);
    expect(ids).toContain(second.partner.id);
  });
});

describe("GET /admin/v1/partners/{partnerId}", () => {
  it("answers the partner, never a secret", async () => {
    const { partner } = await createViaAdmin("Lookup Ltd");
    const res = await admin("GET", `/admin/v1/partners/${partner.id}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ...partner, erasedAt: null });
  });
});
