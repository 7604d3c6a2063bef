import { env } from "cloudflare:workers";
import { createLogger } from "@edgekyc/platform";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { describe, expect, it } from "vitest";
import { verifications } from "../../src/db/schema.ts";
import { runMaintenance } from "../../src/domain/partner-actions.ts";
import { poaServices } from "../../src/services.ts";
import { PNG, pdf, toBase64 } from "../support/files.ts";
import { call, createPartner, createToken, sentResults } from "../support/poa-client.ts";

const db = drizzle(env.DB);
const r2Keys = async (prefix: string) => (await env.UPLOADS.list({ prefix })).objects.map((o) => o.key);

describe("partner calls", () => {
  it("upload-additional-step stores a file for a step of the token before the user finished", async () => {
    const partner = await createPartner();
    const token = await createToken(partner);
    const res = await call("POST", "/api/v2/upload-additional-step", {
      basic: partner.basic,
      json: { scanRef: token.scanRef, image: toBase64(pdf()), step: "UTILITY_BILL", additionalData: {} },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toEqual({
      scanRef: token.scanRef,
      step: "UTILITY_BILL",
      contentType: "application/pdf",
    });
    const session = await (await call("GET", "/api/v2/session", { bearer: token.authToken })).json();
    expect(session).toMatchObject({
      steps: [{ name: "UTILITY_BILL", uploaded: true, contentType: "application/pdf" }],
    });
  });

  it("upload-additional-step refuses a step the verification lacks, bytes that are no file, and a PDF where not allowed", async () => {
    const partner = await createPartner({
      additionalSteps: {
        UTILITY_BILL: {
          type: "UPLOAD",
          texts: { en: { name: "B", description: "" } },
          settings: { canUpload: true, canCapture: true, canUploadPDF: false },
        },
      },
    });
    const token = await createToken(partner);
    for (const [json, status, identifier] of [
      [{ scanRef: token.scanRef, image: toBase64(PNG), step: "SELFIE" }, 404, "BAD_VALUE"],
      [{ scanRef: token.scanRef, image: btoa("not an image"), step: "UTILITY_BILL" }, 400, "BAD_VALUE"],
      [{ scanRef: token.scanRef, image: toBase64(pdf()), step: "UTILITY_BILL" }, 400, "BAD_VALUE"],
      [{ scanRef: token.scanRef, image: "***", step: "UTILITY_BILL" }, 400, "BAD_VALUE"],
      [{ scanRef: token.scanRef, step: "UTILITY_BILL" }, 400, "MISSING_VALUE"],
      [{ scanRef: "no-such-scan", image: toBase64(PNG), step: "UTILITY_BILL" }, 404, "BAD_VALUE"],
    ] as const) {
      const res = await call("POST", "/api/v2/upload-additional-step", { basic: partner.basic, json });
      expect(res.status, `${JSON.stringify(json).slice(0, 80)}: ${await res.clone().text()}`).toBe(status);
      expect(await res.json()).toMatchObject({ identifier });
    }
    const big = await call("POST", "/api/v2/upload-additional-step", {
      basic: partner.basic,
      json: { scanRef: token.scanRef, image: toBase64(pdf(1024 * 1024 + 1)), step: "UTILITY_BILL" },
    });
    expect(big.status).toBe(413);
  });

  it("status reports ACTIVE, then EXPIRED for an unused token past its expiry", async () => {
    const partner = await createPartner();
    const token = await createToken(partner, { clientId: "s-1", externalRef: "e-1" });
    const first = await call("POST", "/api/v2/status", {
      basic: partner.basic,
      json: { scanRef: token.scanRef },
    });
    expect(await first.json()).toMatchObject({
      status: "ACTIVE",
      scanRef: token.scanRef,
      clientId: "s-1",
      externalRef: "e-1",
      final: false,
      additionalStepStatuses: { UTILITY_BILL: "NOT_PROVIDED" },
    });
    await db
      .update(verifications)
      .set({ tokenExpiresAt: Date.now() - 1 })
      .where(eq(verifications.scanRef, token.scanRef));
    const later = await call("POST", "/api/v2/status", {
      basic: partner.basic,
      json: { scanRef: token.scanRef },
    });
    expect(await later.json()).toMatchObject({ status: "EXPIRED" });
  });

  it("delete erases the files under the partner's prefix and the personal data; the token stops working", async () => {
    const partner = await createPartner();
    const token = await createToken(partner, {
      clientId: "d",
      firstName: "Jane",
      additionalSteps: undefined,
    });
    await call("PUT", "/api/v2/session/steps/UTILITY_BILL/file?documentType=OTHER", {
      bearer: token.authToken,
      body: PNG,
    });
    const prefix = `partners/${partner.id}/poa-additional-steps/${token.scanRef}/`;
    expect(await r2Keys(prefix)).toHaveLength(1);
    // At rest the file is ciphertext, not the PNG.
    const stored = await env.UPLOADS.get((await r2Keys(prefix))[0] as string);
    expect(new Uint8Array(await (stored as R2ObjectBody).arrayBuffer()).slice(0, 8)).not.toEqual(
      PNG.slice(0, 8),
    );
    const [row] = await db.select().from(verifications).where(eq(verifications.scanRef, token.scanRef));
    expect(row?.privateCiphertext).not.toContain("Jane");

    const res = await call("POST", "/api/v2/delete", {
      basic: partner.basic,
      json: { scanRef: token.scanRef },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toEqual({ scanRef: token.scanRef, status: "DELETED" });
    expect(await r2Keys(prefix)).toEqual([]);
    const [erased] = await db.select().from(verifications).where(eq(verifications.scanRef, token.scanRef));
    expect(erased).toMatchObject({ status: "DELETED", privateCiphertext: null });
    expect((await call("GET", "/api/v2/session", { bearer: token.authToken })).status).toBe(401);
    expect(
      (await call("POST", "/api/v2/delete", { basic: partner.basic, json: { scanRef: token.scanRef } }))
        .status,
    ).toBe(200);
    expect(
      await (
        await call("POST", "/api/v2/status", { basic: partner.basic, json: { scanRef: token.scanRef } })
      ).json(),
    ).toMatchObject({
      status: "DELETED",
    });
  });

  it("maintenance erases verifications past retention and expires unused tokens with an EXPIRED callback", async () => {
    const partner = await createPartner({ retentionDays: 1 });
    const old = await createToken(partner);
    await call("PUT", "/api/v2/session/steps/UTILITY_BILL/file?documentType=OTHER", {
      bearer: old.authToken,
      body: PNG,
    });
    await db
      .update(verifications)
      .set({ retainUntil: Date.now() - 1 })
      .where(eq(verifications.scanRef, old.scanRef));
    const unused = await createToken(partner, { clientId: "never" });
    await db
      .update(verifications)
      .set({ tokenExpiresAt: Date.now() - 1 })
      .where(eq(verifications.scanRef, unused.scanRef));

    const counts = await runMaintenance(
      await poaServices(
        {
          ...env,
          RESULTS: { send: async (m: unknown) => void sentResults.push(m as never) },
        } as unknown as Env,
        createLogger({ app: "test" }),
      ),
      "",
    );
    expect(counts.erased).toBeGreaterThanOrEqual(1);
    expect(await r2Keys(`partners/${partner.id}/poa-additional-steps/${old.scanRef}/`)).toEqual([]);
    const expired = sentResults.find(
      (e) =>
        e.type === "poa.verification.expired" &&
        (e.payload as { scanRef: string }).scanRef === unused.scanRef,
    );
    expect(expired?.payload).toMatchObject({
      final: true,
      status: { overall: "EXPIRED" },
      clientId: "never",
    });
  });
});
