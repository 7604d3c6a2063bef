import { describe, expect, it } from "vitest";
import { call, createPartner } from "../support/poa-client.ts";

async function expectError(res: Response, status: number, identifier: string, message?: RegExp) {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/json");
  const body = JSON.parse(text) as { identifier: string; message: string };
  expect(Object.keys(body).sort()).toEqual(["identifier", "message"]);
  expect(body.identifier, text).toBe(identifier);
  if (message) expect(body.message).toMatch(message);
}

describe("POST /api/v2/token refuses bad input with iDenfy's identifiers", () => {
  it("MISSING_VALUE without clientId", async () => {
    const partner = await createPartner();
    await expectError(
      await call("POST", "/api/v2/token", { basic: partner.basic, json: {} }),
      400,
      "MISSING_VALUE",
      /clientId/,
    );
  });

  it("JSON_ERROR for a malformed body, and for a body that is not JSON", async () => {
    const partner = await createPartner();
    await expectError(
      await call("POST", "/api/v2/token", {
        basic: partner.basic,
        body: "{",
        headers: { "content-type": "application/json" },
      }),
      400,
      "JSON_ERROR",
    );
    await expectError(
      await call("POST", "/api/v2/token", {
        basic: partner.basic,
        body: "clientId=1",
        headers: { "content-type": "text/plain" },
      }),
      415,
      "JSON_ERROR",
    );
  });

  it.each([
    [{ clientId: "x".repeat(101) }, /clientId/],
    [{ clientId: "1", expiryTime: 2_592_001 }, /expiryTime/],
    [{ clientId: "1", sessionLength: 59 }, /sessionLength/],
    [{ clientId: "1", sessionLength: 3601 }, /sessionLength/],
    [{ clientId: "1", locale: "xx" }, /locale/],
    [{ clientId: "1", country: "XX" }, /country/],
    [{ clientId: "1", documents: ["PASSPORT", "PASSPORT"] }, /documents/],
    [{ clientId: "1", dateOfBirth: "1990-02-31" }, /dateOfBirth/],
    [{ clientId: "1", sex: "X" }, /sex/],
    [{ clientId: "1", callbackUrl: "ftp://x" }, /callbackUrl/],
    [{ clientId: "1", additionalSteps: { XX: { ALL: {} } } }, /additionalSteps/],
    [{ clientId: "1", additionalSteps: { ALL: { SELFIE: {} } } }, /additionalSteps/],
  ])("BAD_VALUE for %j", async (json, message) => {
    const partner = await createPartner();
    await expectError(
      await call("POST", "/api/v2/token", { basic: partner.basic, json }),
      400,
      "BAD_VALUE",
      message,
    );
  });

  it("BAD_VALUE for a step the account has not configured, in a list or an override", async () => {
    const partner = await createPartner();
    for (const additionalSteps of [
      { ALL: { ALL: ["ADDITIONAL_DOCUMENT"] } },
      { LT: { ALL: { SELFIE_WITH_NOTE: {} } } },
    ]) {
      await expectError(
        await call("POST", "/api/v2/token", {
          basic: partner.basic,
          json: { clientId: "1", additionalSteps },
        }),
        400,
        "BAD_VALUE",
        /not configured for this account/,
      );
    }
  });

  it("BAD_VALUE for a holderKey that is not a public P-256 or Ed25519 JWK", async () => {
    const partner = await createPartner();
    for (const holderKey of [
      { kty: "EC", crv: "P-256", x: "short", y: "short" },
      { kty: "OKP", crv: "X25519", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo" },
      { kty: "OKP", crv: "Ed25519", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", d: "private" },
    ]) {
      await expectError(
        await call("POST", "/api/v2/token", { basic: partner.basic, json: { clientId: "1", holderKey } }),
        400,
        "BAD_VALUE",
        /holderKey/,
      );
    }
  });

  it("BAD_VALUE when an override enables a setting the account's step does not allow", async () => {
    const partner = await createPartner({
      additionalSteps: {
        UTILITY_BILL: {
          type: "UPLOAD",
          texts: { en: { name: "Bill", description: "" } },
          settings: { canUpload: true, canCapture: false, canUploadPDF: false },
        },
      },
    });
    await expectError(
      await call("POST", "/api/v2/token", {
        basic: partner.basic,
        json: {
          clientId: "1",
          additionalSteps: { ALL: { ALL: { UTILITY_BILL: { settings: { canUploadPDF: true } } } } },
        },
      }),
      400,
      "BAD_VALUE",
      /canUploadPDF/,
    );
  });

  it("BAD_VALUE for a COMPARE override without fields, and additionalData for a step the token lacks", async () => {
    const partner = await createPartner();
    await expectError(
      await call("POST", "/api/v2/token", {
        basic: partner.basic,
        json: { clientId: "1", additionalSteps: { ALL: { ALL: { UTILITY_BILL: { type: "COMPARE" } } } } },
      }),
      400,
      "BAD_VALUE",
      /fields/,
    );
    await expectError(
      await call("POST", "/api/v2/token", {
        basic: partner.basic,
        json: {
          clientId: "1",
          additionalSteps: { ALL: { ALL: {} } },
          additionalData: { UTILITY_BILL: { address: "x" } },
        },
      }),
      400,
      "BAD_VALUE",
      /additionalData.UTILITY_BILL/,
    );
  });

  it("refuses a body over 256 KiB before reading it", async () => {
    const partner = await createPartner();
    await expectError(
      await call("POST", "/api/v2/token", {
        basic: partner.basic,
        body: JSON.stringify({ clientId: "1", address: "x".repeat(300 * 1024) }),
        headers: { "content-type": "application/json" },
      }),
      413,
      "BAD_VALUE",
    );
  });

  it("answers an unknown route with a 404 iDenfy body", async () => {
    await expectError(await call("GET", "/api/v2/nothing-here"), 404, "BAD_VALUE");
  });
});

describe("docs", () => {
  it("serves the OpenAPI document and the docs page", async () => {
    const spec = await call("GET", "/docs/poa-additional-steps/openapi.json");
    expect(spec.status).toBe(200);
    const doc = await spec.json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/v2/token", "/review/v1/queue", "/api/v2/session"]),
    );
    expect((await call("GET", "/docs/poa-additional-steps")).status).toBe(200);
    const page = await call("GET", "/review/");
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
  });
});
