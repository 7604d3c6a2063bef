import { env } from "cloudflare:workers";
import type { Dialect } from "@edgekyc/schemas";
import { SignJWT, UnsecuredJWT } from "jose";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AUTH_CACHE_TTL_MS } from "../src/auth-cache.ts";
import { type Credentials, getAccounts } from "../src/index.ts";
import {
  assureAccessToken,
  authenticatedCall,
  basic,
  bodyWithoutRequestId,
  type CallOptions,
  call,
  freshAddress,
  newPartner,
  smileBody,
  tokenRequest,
} from "./support/auth-app.ts";

afterEach(() => {
  vi.useRealTimers();
});

type Partner = Awaited<ReturnType<typeof newPartner>>;

/** Partners whose keys are good (a, b), revoked (revoked) and expired after a rotation's grace (expired). */
async function cast(dialect: Dialect) {
  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
  const accounts = await getAccounts(env);
  const [a, b, revoked, expired] = await Promise.all([
    newPartner("A"),
    newPartner("B"),
    newPartner("C"),
    newPartner("D"),
  ]);
  // Tokens are taken while their keys still work.
  const tokens =
    dialect === "assure"
      ? {
          revoked: await assureAccessToken(revoked.credentials.assure),
          expired: await assureAccessToken(expired.credentials.assure),
        }
      : undefined;
  const revokedKey = (await accounts.keys.list(revoked.partner.id)).find((k) => k.dialect === dialect);
  await accounts.keys.revoke(revoked.partner.id, revokedKey?.id as string);
  await accounts.keys.rotate(expired.partner.id, dialect, "test", 60);
  vi.setSystemTime(Date.now() + 61_000);
  return { a, b, revoked, expired, tokens };
}

function split(compositeKey: string) {
  const cut = compositeKey.lastIndexOf("_");
  return { publicId: compositeKey.slice(0, cut), secret: compositeKey.slice(cut + 1) };
}

const compositeKeyOf = (dialect: "machinesense" | "ndt" | "edgekyc", c: Credentials) => c[dialect].api_key;
const OTHER_DIALECT: Record<"machinesense" | "ndt" | "edgekyc", "edgekyc" | "machinesense"> = {
  machinesense: "edgekyc",
  ndt: "machinesense",
  edgekyc: "machinesense",
};

/** Requests that must all be refused alike, by cause. */
async function refusedRequests(dialect: Dialect): Promise<Record<string, [string, CallOptions]>> {
  const { a, b, revoked, expired, tokens } = await cast(dialect);
  switch (dialect) {
    case "machinesense":
    case "ndt":
    case "edgekyc": {
      const mine = split(compositeKeyOf(dialect, a.credentials));
      const theirs = split(compositeKeyOf(dialect, b.credentials));
      const send = (key: string | null, owner: Partner = a): [string, CallOptions] => {
        if (dialect === "machinesense")
          return ["/machinesense", { body: key === null ? { ref: "r" } : { api_key: key } }];
        const headers: Record<string, string> = key === null ? {} : { authorization: `Bearer ${key}` };
        if (dialect === "ndt") headers["merchant-id"] = owner.credentials.ndt.merchant_id;
        return [`/${dialect}`, { headers }];
      };
      return {
        missing: send(null),
        malformed: send("definitely-not-a-key"),
        unknown: send(`${mine.publicId.slice(0, -16)}${"0".repeat(16)}_${mine.secret}`),
        wrong: send(`${mine.publicId}_${"x".repeat(43)}`),
        "another partner's secret": send(`${mine.publicId}_${theirs.secret}`),
        "another dialect's key": send(compositeKeyOf(OTHER_DIALECT[dialect], a.credentials)),
        revoked: send(compositeKeyOf(dialect, revoked.credentials), revoked),
        "expired after grace": send(compositeKeyOf(dialect, expired.credentials), expired),
        ...(dialect === "ndt" ? { "another partner's Merchant-Id": send(a.credentials.ndt.api_key, b) } : {}),
      };
    }
    case "idenfy": {
      const send = (user: string, password: string): [string, CallOptions] => [
        "/idenfy",
        { headers: { authorization: basic(user, password) } },
      ];
      const mine = a.credentials.idenfy;
      return {
        missing: ["/idenfy", {}],
        malformed: ["/idenfy", { headers: { authorization: "Basic !!!" } }],
        bearer: ["/idenfy", { headers: { authorization: `Bearer ${mine.api_secret}` } }],
        unknown: send(`${mine.api_key.slice(0, -16)}${"0".repeat(16)}`, mine.api_secret),
        wrong: send(mine.api_key, "x".repeat(43)),
        "another partner's secret": send(mine.api_key, b.credentials.idenfy.api_secret),
        "another dialect's key": send(a.credentials.assure.client_id, a.credentials.assure.client_secret),
        revoked: send(revoked.credentials.idenfy.api_key, revoked.credentials.idenfy.api_secret),
        "expired after grace": send(
          expired.credentials.idenfy.api_key,
          expired.credentials.idenfy.api_secret,
        ),
      };
    }
    case "smileid": {
      const mine = a.credentials.smileid;
      const send = async (partnerId: string, apiKey: string, at?: Date): Promise<[string, CallOptions]> => [
        "/smileid",
        { body: await smileBody(partnerId, apiKey, at) },
      ];
      const signed = await smileBody(mine.partner_id, mine.api_key);
      return {
        missing: ["/smileid", { body: { partner_id: mine.partner_id } }],
        malformed: ["/smileid", { body: { ...signed, signature: "abc" } }],
        "unknown partner_id": await send("1", mine.api_key),
        wrong: await send(mine.partner_id, "x".repeat(43)),
        "another partner's key": await send(mine.partner_id, b.credentials.smileid.api_key),
        "signature for another partner_id": [
          "/smileid",
          { body: { ...signed, partner_id: b.credentials.smileid.partner_id } },
        ],
        "stale timestamp": await send(mine.partner_id, mine.api_key, new Date(Date.now() - 16 * 60_000)),
        "future timestamp": await send(mine.partner_id, mine.api_key, new Date(Date.now() + 16 * 60_000)),
        revoked: await send(revoked.credentials.smileid.partner_id, revoked.credentials.smileid.api_key),
        "expired after grace": await send(
          expired.credentials.smileid.partner_id,
          expired.credentials.smileid.api_key,
        ),
      };
    }
    case "assure": {
      const good = await assureAccessToken(a.credentials.assure);
      const [header, payload] = good.split(".");
      const forged = await new SignJWT({ pid: a.partner.id, mode: "test" })
        .setProtectedHeader({ alg: "HS256", typ: "at+jwt" })
        .setIssuer("edgekyc")
        .setAudience("edgekyc:assure")
        .setSubject(JSON.parse(atob((payload as string).replace(/-/g, "+").replace(/_/g, "/"))).sub)
        .setJti(crypto.randomUUID())
        .setIssuedAt()
        .setExpirationTime("1h")
        .sign(new TextEncoder().encode(env.TOKEN_SIGNING_KEY));
      const unsecured = new UnsecuredJWT({ pid: a.partner.id })
        .setSubject("key_x")
        .setIssuer("edgekyc")
        .encode();
      const send = (token: string): [string, CallOptions] => [
        "/assure",
        { headers: { authorization: `Bearer ${token}` } },
      ];
      return {
        missing: ["/assure", {}],
        malformed: send("not.a.jwt"),
        "client secret instead of a token": send(a.credentials.assure.client_secret),
        "forged (signed with another key)": send(forged),
        "tampered signature": send(`${header}.${payload}.${"A".repeat(43)}`),
        "alg none": send(unsecured),
        "revoked key's token": send(tokens?.revoked as string),
        "expired key's token": send(tokens?.expired as string),
      };
    }
  }
}

describe("refusals look the same whatever the cause", () => {
  it.each(["machinesense", "ndt", "edgekyc", "idenfy", "smileid", "assure"] as const)(
    "%s: missing, malformed, unknown, wrong, another's, revoked and expired credentials",
    async (dialect) => {
      const requests = await refusedRequests(dialect);
      const bodies = new Map<string, unknown>();
      for (const [cause, [path, options]] of Object.entries(requests)) {
        const res = await call(path, options);
        expect(res.status, `${cause}: ${await res.clone().text()}`).toBe(401);
        bodies.set(cause, await bodyWithoutRequestId(res));
      }
      const [first] = bodies.values();
      for (const [cause, body] of bodies) expect(body, cause).toEqual(first);
    },
  );

  it("answers in each dialect's own error body", async () => {
    const bodies = Object.fromEntries(
      await Promise.all(
        (["machinesense", "ndt", "edgekyc", "idenfy", "smileid", "assure", "admin"] as const).map(
          async (path) => {
            const res = await call(`/${path}`, { body: {} });
            expect(res.status).toBe(401);
            return [path, await bodyWithoutRequestId(res)] as const;
          },
        ),
      ),
    );
    expect(bodies).toEqual({
      machinesense: { result: "Err", code: 1002, message: "missing or invalid credentials", data: null },
      ndt: { status: "unauthorized", errors: [{ message: "missing or invalid credentials" }] },
      edgekyc: expect.objectContaining({
        status: 401,
        code: "unauthorized",
        detail: "missing or invalid credentials",
      }),
      idenfy: { identifier: "UNAUTHORIZED", message: "missing or invalid credentials" },
      smileid: { code: "2205", error: "You are not authorized to do that." },
      assure: expect.objectContaining({
        status: 401,
        title: "Unauthorized",
        detail: "missing or invalid credentials",
      }),
      admin: expect.objectContaining({ status: 401, code: "unauthorized" }),
    });
  });

  it("stops a revoked key at once, in the isolate that revoked it", async () => {
    const { partner, credentials } = await newPartner();
    expect((await authenticatedCall("edgekyc", credentials)).status).toBe(200);
    const accounts = await getAccounts(env);
    const key = (await accounts.keys.list(partner.id)).find((k) => k.dialect === "edgekyc");
    await accounts.keys.revoke(partner.id, key?.id as string);
    expect((await authenticatedCall("edgekyc", credentials)).status).toBe(401);
  });

  it("honours a revocation made by another isolate within the lookup cache's TTL", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    const { partner, credentials } = await newPartner();
    expect((await authenticatedCall("edgekyc", credentials)).status).toBe(200);
    // Another isolate revokes the key: this isolate's cache does not know yet.
    await env.ACCOUNTS.prepare(
      "update api_keys set revoked_at = ? where partner_id = ? and dialect = 'edgekyc'",
    )
      .bind(Date.now(), partner.id)
      .run();
    vi.setSystemTime(Date.now() + AUTH_CACHE_TTL_MS + 1);
    expect((await authenticatedCall("edgekyc", credentials)).status).toBe(401);
  });

  it("never lets a cached lookup turn a wrong secret into a success", async () => {
    const { credentials } = await newPartner();
    const { api_key, api_secret } = credentials.idenfy;
    expect((await call("/idenfy", { headers: { authorization: basic(api_key, api_secret) } })).status).toBe(
      200,
    );
    expect(
      (await call("/idenfy", { headers: { authorization: basic(api_key, "x".repeat(43)) } })).status,
    ).toBe(401);
    expect((await call("/idenfy", { headers: { authorization: basic(api_key, api_secret) } })).status).toBe(
      200,
    );
  });

  it("refuses every key of an erased partner", async () => {
    const { partner, credentials } = await newPartner();
    expect((await authenticatedCall("idenfy", credentials)).status).toBe(200);
    expect(await (await getAccounts(env)).partners.erase(partner.id)).toBe(true);
    for (const dialect of ["idenfy", "smileid", "ndt"] as const) {
      expect((await authenticatedCall(dialect, credentials)).status, dialect).toBe(401);
    }
  });
});

describe("Smile ID signatures", () => {
  it("accepts a signature once: a replay is refused like a wrong key", async () => {
    const { credentials } = await newPartner();
    const body = await smileBody(credentials.smileid.partner_id, credentials.smileid.api_key);
    const first = await call("/smileid", { body });
    expect(first.status, await first.clone().text()).toBe(200);
    const replay = await call("/smileid", { body: { ...body, job_id: "another-job" } });
    expect(replay.status).toBe(401);
    expect(await replay.json()).toEqual({ code: "2205", error: "You are not authorized to do that." });
  });

  it("accepts timestamps up to 15 minutes off the server's clock", async () => {
    const { credentials } = await newPartner();
    for (const offset of [-14 * 60_000, 14 * 60_000]) {
      const res = await call("/smileid", {
        body: await smileBody(
          credentials.smileid.partner_id,
          credentials.smileid.api_key,
          new Date(Date.now() + offset),
        ),
      });
      expect(res.status, await res.clone().text()).toBe(200);
    }
  });
});

describe("Assure tokens", () => {
  it("stop working when they expire", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    const { credentials } = await newPartner();
    const token = await assureAccessToken(credentials.assure);
    vi.setSystemTime(Date.now() + 3601_000);
    const res = await call("/assure", { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(401);
  });

  it("are not issued for wrong client credentials, bad grants or unknown scopes (OAuth error bodies)", async () => {
    const { credentials } = await newPartner();
    const { client_id, client_secret } = credentials.assure;
    const cases: [string, Response, number, string][] = [
      [
        "wrong secret",
        await tokenRequest(
          { grant_type: "client_credentials" },
          { authorization: basic(client_id, "x".repeat(43)) },
        ),
        401,
        "invalid_client",
      ],
      [
        "no client authentication",
        await tokenRequest({ grant_type: "client_credentials" }),
        401,
        "invalid_client",
      ],
      [
        "another dialect's key",
        await tokenRequest(
          { grant_type: "client_credentials" },
          { authorization: basic(credentials.idenfy.api_key, credentials.idenfy.api_secret) },
        ),
        401,
        "invalid_client",
      ],
      [
        "password grant",
        await tokenRequest({ grant_type: "password" }, { authorization: basic(client_id, client_secret) }),
        400,
        "unsupported_grant_type",
      ],
      [
        "missing grant_type",
        await tokenRequest({}, { authorization: basic(client_id, client_secret) }),
        400,
        "invalid_request",
      ],
      [
        "two client authentication methods",
        await tokenRequest(
          { grant_type: "client_credentials", client_id, client_secret },
          { authorization: basic(client_id, client_secret) },
        ),
        400,
        "invalid_request",
      ],
      [
        "JSON body",
        await call("/token", {
          body: { grant_type: "client_credentials", client_id, client_secret },
        }),
        400,
        "invalid_request",
      ],
      [
        "unknown scope",
        await tokenRequest(
          { grant_type: "client_credentials", scope: "admin" },
          { authorization: basic(client_id, client_secret) },
        ),
        400,
        "invalid_scope",
      ],
    ];
    for (const [name, res, status, error] of cases) {
      expect(res.status, name).toBe(status);
      expect(await res.json(), name).toEqual({ error, error_description: expect.any(String) });
    }
  });
});

describe("brute force", () => {
  it("answers 429 in the dialect to wrong keys once an address is over the failure limit, but lets a right key in", async () => {
    const { credentials } = await newPartner();
    const ip = freshAddress();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      const res = await call("/machinesense", {
        body: { api_key: `ms_test_${"0".repeat(16)}_${"x".repeat(43)}` },
        ip,
      });
      statuses.push(res.status);
    }
    // The limiter allows 5 failures a minute (vitest.config.ts): the sixth is over it.
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const blocked = await call("/machinesense", {
      body: { api_key: `ms_test_${"1".repeat(16)}_${"y".repeat(43)}` },
      ip,
    });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("retry-after")).toBe("60");
    expect(await blocked.json()).toMatchObject({ result: "Err", code: 1008 });
    // A valid key is not locked out by someone else's failures on a shared address.
    const right = await authenticatedCall("machinesense", credentials, ip);
    expect(right.status, await right.clone().text()).toBe(200);
    // Other addresses are not affected.
    expect((await authenticatedCall("machinesense", credentials)).status).toBe(200);
  });

  it("counts failed Assure client authentications and admin tokens too", async () => {
    const ip = freshAddress();
    for (let attempt = 0; attempt < 5; attempt++) {
      const res = await call("/admin", { headers: { authorization: "Bearer guess" }, ip });
      expect(res.status).toBe(401);
    }
    const token = await tokenRequest(
      { grant_type: "client_credentials" },
      { authorization: basic("as_test_x", "y") },
      ip,
    );
    expect(token.status).toBe(429);
    expect(await token.json()).toMatchObject({ error: "invalid_request" });
    const wrongAdmin = await call("/admin", { headers: { authorization: "Bearer guess" }, ip });
    expect(wrongAdmin.status).toBe(429);
    const admin = await call("/admin", { headers: { authorization: `Bearer ${env.ADMIN_TOKEN}` }, ip });
    expect(admin.status, "the right admin token still gets in").toBe(200);
  });
});

describe("scopes", () => {
  it("refuses with 403 a valid key on a route of another capability", async () => {
    const { credentials } = await newPartner();
    const res = await call("/machinesense-for-liveness", {
      body: { api_key: credentials.machinesense.api_key },
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ result: "Err", code: 1003 });
  });
});

describe("the admin token", () => {
  it("lets the deployment's ADMIN_TOKEN in and refuses anything else", async () => {
    expect((await call("/admin", { headers: { authorization: `Bearer ${env.ADMIN_TOKEN}` } })).status).toBe(
      200,
    );
    for (const authorization of [
      `Bearer ${env.ADMIN_TOKEN}x`,
      `Bearer ${env.ADMIN_TOKEN.slice(0, -1)}`,
      `Basic ${env.ADMIN_TOKEN}`,
    ]) {
      expect((await call("/admin", { headers: { authorization } })).status, authorization).toBe(401);
    }
    expect((await call("/admin")).status).toBe(401);
  });
});

describe("secrets at rest", () => {
  it("stores SHA-256 hashes, and Smile ID keys only encrypted, never a secret in clear", async () => {
    const { partner, credentials } = await newPartner();
    const rows = await env.ACCOUNTS.prepare("select * from api_keys where partner_id = ?")
      .bind(partner.id)
      .all();
    const stored = JSON.stringify(rows.results);
    const secrets = [
      credentials.machinesense.api_key,
      credentials.idenfy.api_secret,
      credentials.smileid.api_key,
      credentials.assure.client_secret,
      credentials.ndt.api_key,
      credentials.edgekyc.api_key,
    ].map((value) => value.slice(-43));
    for (const secret of secrets) expect(stored).not.toContain(secret);
    for (const row of rows.results as {
      dialect: string;
      secret_hash: string | null;
      secret_ciphertext: string | null;
    }[]) {
      if (row.dialect === "smileid") {
        expect(row).toMatchObject({
          secret_hash: null,
          secret_ciphertext: expect.stringMatching(/^v1\.test1\./),
        });
      } else {
        expect(row).toMatchObject({
          secret_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
          secret_ciphertext: null,
        });
      }
    }
  });
});
