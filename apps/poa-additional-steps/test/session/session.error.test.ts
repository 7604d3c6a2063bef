import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { describe, expect, it } from "vitest";
import { verifications } from "../../src/db/schema.ts";
import { JPEG, PNG, pdf } from "../support/files.ts";
import { call, createPartner, createToken } from "../support/poa-client.ts";

const db = drizzle(env.DB);
const shift = (scanRef: string, set: Partial<typeof verifications.$inferInsert>) =>
  db.update(verifications).set(set).where(eq(verifications.scanRef, scanRef));

async function expectError(res: Response, status: number, identifier: string, message?: RegExp) {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  const body = JSON.parse(text);
  expect(body.identifier, text).toBe(identifier);
  if (message) expect(body.message).toMatch(message);
}

const NO_PDF = {
  additionalSteps: {
    UTILITY_BILL: {
      type: "UPLOAD",
      texts: { en: { name: "Bill", description: "" } },
      settings: { canUpload: true, canCapture: false, canUploadPDF: false },
    },
  },
};

describe("the end user's session refuses", () => {
  it("a token used after expiryTime, and a session used after sessionLength, with TOKEN_NOT_VALID", async () => {
    const partner = await createPartner();
    const unused = await createToken(partner);
    await shift(unused.scanRef, { tokenExpiresAt: Date.now() - 1000 });
    await expectError(
      await call("GET", "/api/v2/session", { bearer: unused.authToken }),
      401,
      "TOKEN_NOT_VALID",
      /expired/,
    );

    const started = await createToken(partner);
    expect((await call("GET", "/api/v2/session", { bearer: started.authToken })).status).toBe(200);
    // Once started, the token's own expiry no longer matters; the session's length does.
    await shift(started.scanRef, { tokenExpiresAt: Date.now() - 1000 });
    expect((await call("GET", "/api/v2/session", { bearer: started.authToken })).status).toBe(200);
    await shift(started.scanRef, { sessionExpiresAt: Date.now() - 1000 });
    await expectError(
      await call("PUT", "/api/v2/session/steps/UTILITY_BILL/file?documentType=OTHER", {
        bearer: started.authToken,
        body: PNG,
      }),
      401,
      "TOKEN_NOT_VALID",
      /session has ended/,
    );
  });

  it("an unknown or malformed authToken", async () => {
    await expectError(
      await call("GET", "/api/v2/session", { bearer: "A".repeat(40) }),
      401,
      "TOKEN_NOT_VALID",
    );
    await expectError(await call("GET", "/api/v2/session", { bearer: "short" }), 401, "TOKEN_NOT_VALID");
    await expectError(await call("GET", "/api/v2/session"), 401, "TOKEN_NOT_VALID");
  });

  it("a PDF where canUploadPDF is false, a capture where canCapture is false, and bytes that are no image", async () => {
    const partner = await createPartner(NO_PDF);
    const token = await createToken(partner);
    const put = (query: string, body: Uint8Array, headers: Record<string, string> = {}) =>
      call("PUT", `/api/v2/session/steps/UTILITY_BILL/file?${query}`, {
        bearer: token.authToken,
        body,
        headers,
      });
    await expectError(await put("documentType=OTHER", pdf()), 415, "BAD_VALUE", /PDF is not allowed/);
    await expectError(await put("documentType=OTHER&source=CAPTURE", JPEG), 400, "BAD_VALUE", /capturing/);
    const html = new TextEncoder().encode("<html><script>alert(1)</script></html>");
    await expectError(
      await put("documentType=OTHER", html, { "content-type": "image/jpeg" }),
      415,
      "BAD_VALUE",
      /JPEG or PNG/,
    );
    // A PNG signature alone, without its header chunk, is not a PNG.
    await expectError(await put("documentType=OTHER", PNG.slice(0, 8)), 415, "BAD_VALUE");
  });

  it("a utility bill without a document type or with one that is not offered, and a step the token lacks", async () => {
    const partner = await createPartner({ ...NO_PDF, poaDocuments: ["BANK_STATEMENT"] });
    const token = await createToken(partner);
    const put = (path: string) => call("PUT", path, { bearer: token.authToken, body: PNG });
    await expectError(
      await put("/api/v2/session/steps/UTILITY_BILL/file"),
      400,
      "MISSING_VALUE",
      /documentType/,
    );
    await expectError(
      await put("/api/v2/session/steps/UTILITY_BILL/file?documentType=GAS_BILL"),
      400,
      "BAD_VALUE",
      /BANK_STATEMENT/,
    );
    await expectError(await put("/api/v2/session/steps/SELFIE/file"), 404, "BAD_VALUE", /no step SELFIE/);
  });

  it("a file over the size cap, by Content-Length before reading and by counting a stream", async () => {
    const partner = await createPartner();
    const token = await createToken(partner);
    const big = pdf(1024 * 1024 + 10);
    await expectError(
      await call("PUT", "/api/v2/session/steps/UTILITY_BILL/file?documentType=OTHER", {
        bearer: token.authToken,
        body: big,
      }),
      413,
      "BAD_VALUE",
      /larger than 1048576/,
    );
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 40; i++) controller.enqueue(new Uint8Array(64 * 1024));
        controller.close();
      },
    });
    await expectError(
      await call("PUT", "/api/v2/session/steps/UTILITY_BILL/file?documentType=OTHER", {
        bearer: token.authToken,
        body: stream,
      }),
      413,
      "BAD_VALUE",
    );
    await expectError(
      await call("PUT", "/api/v2/session/steps/UTILITY_BILL/file?documentType=OTHER", {
        bearer: token.authToken,
        body: new Uint8Array(0),
      }),
      400,
      "MISSING_VALUE",
    );
  });

  it("finishing before every step has a file, and input after finishing", async () => {
    const partner = await createPartner();
    const token = await createToken(partner);
    await expectError(
      await call("POST", "/api/v2/session/finish", { bearer: token.authToken }),
      409,
      "BAD_VALUE",
      /UTILITY_BILL/,
    );
    await call("PUT", "/api/v2/session/steps/UTILITY_BILL/file?documentType=OTHER", {
      bearer: token.authToken,
      body: PNG,
    });
    expect((await call("POST", "/api/v2/session/finish", { bearer: token.authToken })).status).toBe(200);
    await expectError(
      await call("PUT", "/api/v2/session/steps/UTILITY_BILL/file?documentType=OTHER", {
        bearer: token.authToken,
        body: PNG,
      }),
      401,
      "TOKEN_NOT_VALID",
      /already finished/,
    );
  });
});
