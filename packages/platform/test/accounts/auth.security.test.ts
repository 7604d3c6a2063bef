import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { getAccounts, smileIdSignature } from "../../src/accounts/index.ts";
import { call, freshAddress, newPartner } from "./auth-harness.ts";

const basic = (user: string, pass: string) => `Basic ${btoa(`${user}:${pass}`)}`;

async function smileBody(partnerId: string, apiKey: string, at = new Date()) {
  const timestamp = at.toISOString();
  return {
    partner_id: partnerId,
    timestamp,
    signature: await smileIdSignature(apiKey, timestamp, partnerId),
    job: 1,
  };
}

async function assureToken(clientId: string, secret: string) {
  const res = await call("/token", {
    body: "grant_type=client_credentials",
    headers: { "content-type": "application/x-www-form-urlencoded", authorization: basic(clientId, secret) },
  });
  return { res, json: await res.json<{ access_token?: string; error?: string }>() };
}

describe("every dialect accepts its own credentials", () => {
  it("MachineSense, NDT, iDenfy, Smile ID, Assure and EdgeKYC keys each authenticate", async () => {
    const { partner, credentials: c } = await newPartner();
    const expectPrincipal = async (res: Response, dialect: string) => {
      expect(res.status, await res.clone().text()).toBe(200);
      expect(await res.json()).toMatchObject({ partnerId: partner.id, dialect, mode: "test" });
    };
    await expectPrincipal(
      await call("/ms", { body: { api_key: c.machinesense?.api_key, ref: "x" } }),
      "machinesense",
    );
    await expectPrincipal(
      await call("/ndt", {
        headers: { authorization: `Bearer ${c.ndt?.api_key}`, "merchant-id": c.ndt?.merchant_id as string },
      }),
      "ndt",
    );
    await expectPrincipal(
      await call("/idenfy", {
        headers: { authorization: basic(c.idenfy?.api_key as string, c.idenfy?.api_secret as string) },
      }),
      "idenfy",
    );
    await expectPrincipal(
      await call("/smile", {
        body: await smileBody(c.smileid?.partner_id as string, c.smileid?.api_key as string),
      }),
      "smileid",
    );
    await expectPrincipal(
      await call("/ek", { headers: { authorization: `Bearer ${c.edgekyc?.api_key}` } }),
      "edgekyc",
    );
    const token = await assureToken(c.assure?.client_id as string, c.assure?.client_secret as string);
    expect(token.res.status).toBe(200);
    await expectPrincipal(
      await call("/assure", { headers: { authorization: `Bearer ${token.json.access_token}` } }),
      "assure",
    );
  });
});

describe("wrong, missing, revoked, expired and other dialects' keys are refused alike", () => {
  it("answers 401 in the dialect's error body, never saying why", async () => {
    const { credentials: c } = await newPartner();
    const ms = c.machinesense?.api_key as string;
    const tampered = `${ms.slice(0, -2)}${ms.endsWith("A") ? "BB" : "AA"}`;
    for (const body of [
      {},
      { api_key: tampered },
      { api_key: c.edgekyc?.api_key },
      { api_key: "ms_test_x_y" },
      "[1]",
    ]) {
      const res = await call("/ms", { body });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({
        result: "Err",
        code: 1002,
        message: "missing or invalid credentials",
        data: null,
      });
    }
    const ndt = await call("/ndt", {
      headers: { authorization: `Bearer ${c.ndt?.api_key}`, "merchant-id": crypto.randomUUID() },
    });
    expect(ndt.status).toBe(401);
    expect(await ndt.json()).toMatchObject({ status: "unauthorized" });
    const idenfy = await call("/idenfy", {
      headers: { authorization: basic(c.idenfy?.api_key as string, "wrong") },
    });
    expect(await idenfy.json()).toMatchObject({ identifier: "UNAUTHORIZED" });
    expect((await call("/ek", { headers: { authorization: "Bearer " } })).status).toBe(401);
    expect((await call("/ek", { headers: { authorization: `Basic ${c.edgekyc?.api_key}` } })).status).toBe(
      401,
    );
  });

  it("refuses another partner's NDT merchant id with its own key", async () => {
    const mine = await newPartner("Mine");
    const theirs = await newPartner("Theirs");
    const res = await call("/ndt", {
      headers: {
        authorization: `Bearer ${mine.credentials.ndt?.api_key}`,
        "merchant-id": theirs.credentials.ndt?.merchant_id as string,
      },
    });
    expect(res.status).toBe(401);
  });

  it("stops a revoked key at once and a rotated key after its grace period", async () => {
    const { partner, credentials: c } = await newPartner();
    const accounts = await getAccounts(env);
    const auth = { authorization: `Bearer ${c.edgekyc?.api_key}` };
    expect((await call("/ek", { headers: auth })).status).toBe(200);
    const keyId = (await accounts.listKeys(partner.id)).find((k) => k.dialect === "edgekyc")?.id as string;
    await accounts.revokeKey(partner.id, keyId);
    expect((await call("/ek", { headers: auth })).status).toBe(401);

    const idenfy = basic(c.idenfy?.api_key as string, c.idenfy?.api_secret as string);
    const rotated = await accounts.rotateKeys(partner.id, "idenfy", "test", 0);
    expect((await call("/idenfy", { headers: { authorization: idenfy } })).status).toBe(401);
    const fresh = rotated?.credentials as Record<string, string>;
    expect(
      (
        await call("/idenfy", {
          headers: { authorization: basic(fresh.api_key as string, fresh.api_secret as string) },
        })
      ).status,
    ).toBe(200);

    const graceful = await accounts.rotateKeys(partner.id, "machinesense", "test", 3600);
    expect(graceful).not.toBeNull();
    expect((await call("/ms", { body: { api_key: c.machinesense?.api_key } })).status).toBe(200);
  });

  it("answers 429 once an address has failed too often (brute force)", async () => {
    const ip = freshAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      statuses.push(
        (await call("/ek", { headers: { authorization: `Bearer ek_test_guess${i}_x` }, ip })).status,
      );
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.at(-1)).toBe(429);
    const limited = await call("/ek", { headers: { authorization: "Bearer nope" }, ip });
    expect(limited.headers.get("retry-after")).toBe("60");
  });
});

describe("Smile ID signatures", () => {
  it("refuses a stale timestamp, a replayed signature and a signature made with another key", async () => {
    const { credentials: c } = await newPartner();
    const partnerId = c.smileid?.partner_id as string;
    const key = c.smileid?.api_key as string;
    const stale = await call("/smile", {
      body: await smileBody(partnerId, key, new Date(Date.now() - 20 * 60_000)),
    });
    expect(stale.status).toBe(401);
    expect(await stale.json()).toMatchObject({ code: "2205" });

    const body = await smileBody(partnerId, key);
    expect((await call("/smile", { body })).status).toBe(200);
    const replay = await call("/smile", { body });
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ error: expect.stringContaining("already used") });

    const other = await newPartner("Other");
    expect(
      (
        await call("/smile", {
          body: await smileBody(partnerId, other.credentials.smileid?.api_key as string),
        })
      ).status,
    ).toBe(401);
  });

  it("keeps Smile ID keys encrypted (the signature needs the key) and every other secret hashed", async () => {
    await newPartner();
    const rows = await env.ACCOUNTS.prepare(
      "select dialect, secret_hash, secret_ciphertext from api_keys",
    ).all<{
      dialect: string;
      secret_hash: string | null;
      secret_ciphertext: string | null;
    }>();
    for (const row of rows.results) {
      if (row.dialect === "smileid") expect(row.secret_ciphertext).toMatch(/^v1\./);
      else expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    }
  });
});

describe("Signicat Assure tokens", () => {
  it("issues OAuth errors for bad grants and clients, and refuses forged or revoked tokens", async () => {
    const { partner, credentials: c } = await newPartner();
    const wrong = await assureToken(c.assure?.client_id as string, "wrong");
    expect(wrong.res.status).toBe(401);
    expect(wrong.json).toEqual({
      error: "invalid_client",
      error_description: "unknown client or wrong secret",
    });
    const grant = await call("/token", {
      body: "grant_type=password",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(await grant.json()).toMatchObject({ error: "unsupported_grant_type" });

    const { json } = await assureToken(c.assure?.client_id as string, c.assure?.client_secret as string);
    const token = json.access_token as string;
    const [header, payload] = token.split(".");
    const forged = `${header}.${payload}.${btoa("forged").replace(/=/g, "")}`;
    expect((await call("/assure", { headers: { authorization: `Bearer ${forged}` } })).status).toBe(401);

    const accounts = await getAccounts(env);
    const keyId = (await accounts.listKeys(partner.id)).find((k) => k.dialect === "assure")?.id as string;
    await accounts.revokeKey(partner.id, keyId);
    const revoked = await call("/assure", { headers: { authorization: `Bearer ${token}` } });
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toMatchObject({ status: 401, title: "Unauthorized" });
  });
});

describe("the admin token", () => {
  it("is compared in constant time and refused when wrong or absent", async () => {
    expect((await call("/admin", { headers: { authorization: `Bearer ${env.ADMIN_TOKEN}` } })).status).toBe(
      200,
    );
    expect((await call("/admin", { headers: { authorization: `Bearer ${env.ADMIN_TOKEN}x` } })).status).toBe(
      401,
    );
    expect((await call("/admin")).status).toBe(401);
  });
});
