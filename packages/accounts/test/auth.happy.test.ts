import { env } from "cloudflare:workers";
import { DIALECT_CAPABILITY, DIALECTS } from "@edgekyc/schemas";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { describe, expect, it } from "vitest";
import { getAccounts } from "../src/index.ts";
import {
  assureAccessToken,
  authenticatedCall,
  basic,
  call,
  newPartner,
  smileBody,
  tokenRequest,
} from "./support/auth-app.ts";

describe("every dialect's middleware lets its own credential in", () => {
  it.each(DIALECTS)("%s sets the principal of the key's partner", async (dialect) => {
    const { partner, credentials } = await newPartner();
    const keys = await (await getAccounts(env)).keys.list(partner.id);
    const key = keys.find((k) => k.dialect === dialect);
    const res = await authenticatedCall(dialect, credentials);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({
      principal: {
        partnerId: partner.id,
        keyId: key?.id,
        mode: "test",
        dialect,
        scopes: [DIALECT_CAPABILITY[dialect]],
      },
    });
  });

  it("passes NDT's Session-Id header through to the route", async () => {
    const { credentials } = await newPartner();
    const res = await call("/ndt", {
      headers: {
        authorization: `Bearer ${credentials.ndt.api_key}`,
        "merchant-id": credentials.ndt.merchant_id.toUpperCase(),
        "session-id": "sess-2026-0042",
      },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ sessionId: "sess-2026-0042" });
  });

  it("accepts the MachineSense key alongside the rest of the body", async () => {
    const { credentials } = await newPartner();
    const res = await call("/machinesense", {
      body: {
        api_key: credentials.machinesense.api_key,
        ref: "order-7",
        method: "enroll",
        send_scan: ["selfie"],
      },
    });
    expect(res.status, await res.clone().text()).toBe(200);
  });

  it("records when a key was last used", async () => {
    const { partner, credentials } = await newPartner();
    const res = await authenticatedCall("edgekyc", credentials);
    expect(res.status).toBe(200);
    // The write runs after the response; give it a moment.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const key = (await (await getAccounts(env)).keys.list(partner.id)).find((k) => k.dialect === "edgekyc");
    expect(key?.lastUsedAt).toEqual(expect.any(String));
  });
});

describe("the Assure token endpoint", () => {
  it("issues an hour-long HS256 access token with client_secret_basic", async () => {
    const { partner, credentials } = await newPartner();
    const res = await tokenRequest(
      { grant_type: "client_credentials", scope: "signicat-api" },
      { authorization: basic(credentials.assure.client_id, credentials.assure.client_secret) },
    );
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = await res.json<{ access_token: string }>();
    expect(body).toEqual({
      access_token: expect.any(String),
      token_type: "Bearer",
      expires_in: 3600,
      scope: "signicat-api",
    });
    const keyId = (await (await getAccounts(env)).keys.list(partner.id)).find(
      (k) => k.dialect === "assure",
    )?.id;
    expect(decodeProtectedHeader(body.access_token)).toMatchObject({ alg: "HS256", typ: "at+jwt" });
    const claims = decodeJwt(body.access_token);
    expect(claims).toMatchObject({
      iss: "edgekyc",
      aud: "edgekyc:assure",
      sub: keyId,
      jti: expect.any(String),
    });
    expect((claims.exp as number) - (claims.iat as number)).toBe(3600);
  });

  it("accepts client_secret_post as well, and grants the default scope when none is asked", async () => {
    const { credentials } = await newPartner();
    const res = await tokenRequest({
      grant_type: "client_credentials",
      client_id: credentials.assure.client_id,
      client_secret: credentials.assure.client_secret,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const { access_token, scope } = await res.json<{ access_token: string; scope: string }>();
    expect(scope).toBe("signicat-api");
    const api = await call("/assure", { headers: { authorization: `Bearer ${access_token}` } });
    expect(api.status, await api.clone().text()).toBe(200);
  });
});

describe("key rotation", () => {
  it("keeps the old key working during the grace period next to the new one", async () => {
    const { partner, credentials } = await newPartner();
    const rotated = await (await getAccounts(env)).keys.rotate(partner.id, "idenfy", "test", 3600);
    expect(rotated).not.toBeNull();
    const fresh = rotated?.credentials as { api_key: string; api_secret: string };
    for (const pair of [credentials.idenfy, fresh]) {
      const res = await call("/idenfy", { headers: { authorization: basic(pair.api_key, pair.api_secret) } });
      expect(res.status, await res.clone().text()).toBe(200);
    }
  });

  it("accepts Smile ID signatures made with either key during the grace period", async () => {
    const { partner, credentials } = await newPartner();
    const rotated = await (await getAccounts(env)).keys.rotate(partner.id, "smileid", "test", 3600);
    const fresh = rotated?.credentials as { partner_id: string; api_key: string };
    expect(fresh.partner_id).toBe(credentials.smileid.partner_id);
    for (const apiKey of [credentials.smileid.api_key, fresh.api_key]) {
      const res = await call("/smileid", { body: await smileBody(fresh.partner_id, apiKey) });
      expect(res.status, await res.clone().text()).toBe(200);
    }
  });

  it("issues live keys next to the test ones", async () => {
    const { partner } = await newPartner();
    const rotated = await (await getAccounts(env)).keys.rotate(partner.id, "edgekyc", "live", 0);
    const live = rotated?.credentials as { api_key: string };
    expect(live.api_key).toMatch(/^ek_live_[0-9a-z]{16}_[0-9A-Za-z]{43}$/);
    const res = await call("/edgekyc", { headers: { authorization: `Bearer ${live.api_key}` } });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ principal: { mode: "live" } });
  });

  it("lets a fresh Assure token through after its key was rotated with a grace period", async () => {
    const { partner, credentials } = await newPartner();
    const before = await assureAccessToken(credentials.assure);
    await (await getAccounts(env)).keys.rotate(partner.id, "assure", "test", 600);
    const res = await call("/assure", { headers: { authorization: `Bearer ${before}` } });
    expect(res.status, await res.clone().text()).toBe(200);
  });
});
