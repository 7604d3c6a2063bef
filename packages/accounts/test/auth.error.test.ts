import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { assureAccessToken, call, newPartner } from "./support/auth-app.ts";

describe("NDT Session-Id", () => {
  it("is refused with 400 in NDT's body, naming the header, when malformed", async () => {
    const { credentials } = await newPartner();
    const res = await call("/ndt", {
      headers: {
        authorization: `Bearer ${credentials.ndt.api_key}`,
        "merchant-id": credentials.ndt.merchant_id,
        "session-id": "x".repeat(129),
      },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      status: "invalidRequest",
      errors: [{ field: "Session-Id", message: expect.any(String) }],
    });
  });
});

describe("misconfiguration", () => {
  it("answers 503 rather than accept an admin token shorter than 16 characters", async () => {
    const res = await call("/admin", {
      headers: { authorization: "Bearer short" },
      bindings: { ...env, ADMIN_TOKEN: "short" },
    });
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ code: "unavailable" });
  });

  it("answers 503 when TOKEN_SIGNING_KEY is too short to sign Assure tokens", async () => {
    const { credentials } = await newPartner();
    const token = await assureAccessToken(credentials.assure);
    const res = await call("/assure", {
      headers: { authorization: `Bearer ${token}` },
      bindings: { ...env, TOKEN_SIGNING_KEY: "too-short" },
    });
    expect(res.status).toBe(503);
  });

  it("answers 503 when the accounts database is not bound", async () => {
    const { ACCOUNTS: _accounts, ...unbound } = env;
    const res = await call("/edgekyc", {
      headers: { authorization: "Bearer ek_test_x_y" },
      bindings: unbound,
    });
    expect(res.status).toBe(503);
  });

  it("issues no Assure token either with a short TOKEN_SIGNING_KEY", async () => {
    const { credentials } = await newPartner();
    const res = await call("/token", {
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: credentials.assure.client_id,
        client_secret: credentials.assure.client_secret,
      }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
      bindings: { ...env, TOKEN_SIGNING_KEY: "too-short" },
    });
    expect(res.status).toBe(503);
  });
});
