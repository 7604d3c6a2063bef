import { env } from "cloudflare:workers";
import { createTestPartner } from "@edgekyc/accounts/testing";
import { describe, expect, it } from "vitest";
import { type AdminCallOptions, admin, freshAddress } from "./support/admin-client.ts";

const PTN = "ptn_01kbz3c6q4y8w2m5n7p9r1t3v5";
const KEY = "key_01kbz3c6q4y8w2m5n7p9r1t3v5";
const WHE = "whe_01kbz3c6q4y8w2m5n7p9r1t3v5";

/** Every admin route, with a body that would be valid. */
const ADMIN_ROUTES: [method: string, path: string, body?: unknown][] = [
  ["POST", "/admin/v1/partners", { name: "Acme" }],
  ["GET", "/admin/v1/partners"],
  ["GET", `/admin/v1/partners/${PTN}`],
  ["GET", `/admin/v1/partners/${PTN}/keys`],
  ["POST", `/admin/v1/partners/${PTN}/keys/rotate`, { dialect: "ndt", mode: "test" }],
  ["POST", `/admin/v1/partners/${PTN}/keys/${KEY}/revoke`],
  ["GET", `/admin/v1/partners/${PTN}/settings/nfc-session`],
  ["PUT", `/admin/v1/partners/${PTN}/settings/nfc-session`, {}],
  [
    "PUT",
    `/admin/v1/partners/${PTN}/webhook-endpoints`,
    { mode: "test", url: "https://hooks.example.com/x" },
  ],
  ["POST", `/admin/v1/partners/${PTN}/webhook-endpoints/${WHE}/rotate-secret`, {}],
  ["GET", "/admin/v1/dead-letters"],
];

describe("every admin route refuses a missing or wrong admin token", () => {
  it.each(ADMIN_ROUTES)("%s %s", async (method, path, body) => {
    const { partner } = await createTestPartner();
    const partnerKey = `Bearer ${(await createTestPartner()).credentials.edgekyc.api_key}`;
    const attempts: [string, AdminCallOptions][] = [
      ["no token", { token: null, body }],
      ["wrong token", { token: `${env.ADMIN_TOKEN}x`, body }],
      ["prefix of the token", { token: env.ADMIN_TOKEN.slice(0, -1), body }],
      [
        "Basic scheme",
        { token: null, headers: { authorization: `Basic ${btoa(`admin:${env.ADMIN_TOKEN}`)}` }, body },
      ],
      ["a partner's platform key", { token: null, headers: { authorization: partnerKey }, body }],
    ];
    if (method !== "GET") {
      // Authentication comes before validation: an invalid body tells a stranger nothing.
      attempts.push(["wrong token and an invalid body", { token: "nope", body: { unexpected: true } }]);
    }
    for (const [what, options] of attempts) {
      const res = await admin(method, path.replace(PTN, partner.id), options);
      expect(res.status, `${what}: ${await res.clone().text()}`).toBe(401);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(await res.json(), what).toMatchObject({
        type: "https://edgekyc.dev/errors/unauthorized",
        status: 401,
        code: "unauthorized",
        detail: "missing or invalid credentials",
        requestId: expect.any(String),
      });
    }
  });
});

describe("brute force on the admin token", () => {
  it("answers 429 with Retry-After to wrong tokens once an address is over the failure limit; the right token gets in", async () => {
    const ip = freshAddress();
    const statuses: number[] = [];
    // wrangler.jsonc allows 20 failures a minute per address.
    for (let attempt = 0; attempt < 21; attempt++) {
      statuses.push((await admin("GET", "/admin/v1/partners", { token: `guess-${attempt}`, ip })).status);
    }
    expect(
      statuses.slice(0, 20).every((status) => status === 401),
      String(statuses),
    ).toBe(true);
    expect(statuses[20]).toBe(429);
    const blocked = await admin("GET", "/admin/v1/partners", { token: "guess-again", ip });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("retry-after")).toBe("60");
    expect(await blocked.json()).toMatchObject({ code: "rate_limited", status: 429 });
    // Only failures are limited: the right token from the same address is let in.
    expect((await admin("GET", "/admin/v1/partners", { ip })).status).toBe(200);
    expect((await admin("GET", "/admin/v1/partners")).status).toBe(200);
  });
});

describe("the OpenAPI document", () => {
  it("lists every admin route behind the admin token", async () => {
    const res = await admin("GET", "/docs/webhook-gateway/openapi.json", { token: null });
    expect(res.status).toBe(200);
    const doc = await res.json<{
      paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>>;
    }>();
    for (const [method, path] of ADMIN_ROUTES) {
      const openapiPath = path
        .replace(PTN, "{partnerId}")
        .replace(KEY, "{keyId}")
        .replace(WHE, "{endpointId}")
        .replace("nfc-session", "{capability}");
      const operation = doc.paths[openapiPath]?.[method.toLowerCase()];
      expect(operation, `${method} ${openapiPath}`).toBeDefined();
      expect(operation?.security).toEqual([{ adminToken: [] }]);
      expect(Object.keys(operation?.responses ?? {})).toContain("401");
    }
  });
});
