import { env } from "cloudflare:workers";
import { getAccounts } from "@edgekyc/accounts";
import { describe, expect, it } from "vitest";
import { createPartner, post, sessionInit } from "../support/nfc-harness.ts";

async function answer(res: Response) {
  return { status: res.status, body: await res.json<{ result: string; code: number; message: string }>() };
}

describe("session_init refusals", () => {
  it("refuses an unsupported method with the list of supported ones", async () => {
    const partner = await createPartner();
    const { status, body } = await answer(
      await post("/nfc/v1/session_init", { api_key: partner.apiKey, method: "scan" }),
    );
    expect(status, JSON.stringify(body)).toBe(422);
    expect(body).toMatchObject({ result: "Err", code: 2009 });
    expect(body.message).toContain("supported: enroll");
  });

  it("refuses a live session whose faceEngine (smileid) has no platform account, naming what is missing", async () => {
    const partner = await createPartner("Live Smile", "live");
    const accounts = await getAccounts(env);
    await accounts.settings.put(partner.id, "nfc-session", { faceEngine: "smileid" });
    const { status, body } = await answer(
      await post("/nfc/v1/session_init", { api_key: partner.apiKey, method: "enroll" }),
    );
    expect(status, JSON.stringify(body)).toBe(409);
    expect(body).toMatchObject({ result: "Err", code: 2016 });
    expect(body.message).toContain("SMILE_ID_FACE_API_KEY");
    const refused = await accounts.settings.put(partner.id, "nfc-session", { faceEngine: "facetec" });
    expect(refused.ok).toBe(false);
  });

  it("refuses a missing method, bad options and bad scans with the field named", async () => {
    const partner = await createPartner();
    for (const [extra, field] of [
      [{}, "method"],
      [{ method: "enroll", send_scan: ["passport"] }, "send_scan"],
      [{ method: "enroll", options: { num_images_liveness: 9 } }, "options.num_images_liveness"],
      [{ method: "enroll", options: { force_mrz_consent: "yes" } }, "options.force_mrz_consent"],
      [{ method: "enroll", ref: "x".repeat(600) }, "ref"],
      // holder_key (EdgeKYC extension): a public P-256 / Ed25519 JWK only, never a private member.
      [{ method: "enroll", holder_key: { kty: "EC", crv: "P-256", x: "short", y: "short" } }, "holder_key"],
      [{ method: "enroll", holder_key: { kty: "EC", crv: "P-384", x: "a", y: "b" } }, "holder_key"],
      [
        {
          method: "enroll",
          holder_key: {
            kty: "OKP",
            crv: "Ed25519",
            x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
            d: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
          },
        },
        "holder_key",
      ],
    ] as const) {
      const { status, body } = await answer(
        await post("/nfc/v1/session_init", { api_key: partner.apiKey, ...extra }),
      );
      expect(status, JSON.stringify(body)).toBe(422);
      expect(body.code).toBe(1001);
      expect(body.message).toContain(field);
    }
  });

  it("refuses webhook and redirect URLs that are not http(s), or carry credentials", async () => {
    const partner = await createPartner();
    for (const options of [
      { webhook: "ftp://x.example/h" },
      { redirect_URL: "not a url" },
      { webhook: "https://u:p@x.example/" },
    ]) {
      const { status, body } = await answer(
        await post("/nfc/v1/session_init", { api_key: partner.apiKey, method: "enroll", options }),
      );
      expect(status, JSON.stringify(body)).toBe(422);
      expect(body.message).toMatch(/options\.(webhook|redirect_URL)/);
    }
  });

  it("refuses live keys' plain http URLs", async () => {
    const partner = await createPartner("Live Co", "live");
    const { status, body } = await answer(
      await post("/nfc/v1/session_init", {
        api_key: partner.apiKey,
        method: "enroll",
        options: { webhook: "http://x.example/h" },
      }),
    );
    expect(status).toBe(422);
    expect(body.message).toContain("must be an https URL");
  });

  it("answers malformed JSON, a wrong content type and an oversized body in the dialect", async () => {
    // The api_key is inside the body: a body that is not JSON holds no credentials.
    const bad = await answer(await post("/nfc/v1/session_init", "{not json"));
    expect(bad.status).toBe(401);
    expect(bad.body).toMatchObject({ result: "Err", code: 1002 });
    const text = await answer(
      await post("/nfc/v1/session_init", "api_key=x", { "content-type": "text/plain" }),
    );
    expect([401, 415]).toContain(text.status);
    const big = await answer(
      await post("/nfc/v1/session_init", { api_key: "x", ref: "x".repeat(7 * 1024 * 1024) }),
    );
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ result: "Err", code: 1006 });
  });
});

describe("partner calls on sessions", () => {
  it("answers 404 for unknown init codes and 409 for a confirmation before the result", async () => {
    const partner = await createPartner();
    const unknown = await answer(
      await post("/nfc/v1/session_status", { api_key: partner.apiKey, init_code: "Zz99" }),
    );
    expect(unknown.status).toBe(404);
    const initCode = await sessionInit(partner);
    const early = await answer(
      await post("/nfc/v1/webhook_confirmation", {
        api_key: partner.apiKey,
        init_code: initCode,
        recv: "OK",
      }),
    );
    expect(early.status, JSON.stringify(early.body)).toBe(409);
    expect(early.body.code).toBe(2008);
    const wrongRecv = await answer(
      await post("/nfc/v1/webhook_confirmation", {
        api_key: partner.apiKey,
        init_code: initCode,
        recv: "ok",
      }),
    );
    expect(wrongRecv.status).toBe(422);
  });

  it("cancels a running session (the app then shows the error message) and erases it", async () => {
    const partner = await createPartner();
    const initCode = await sessionInit(partner);
    const cancelled = await answer(
      await post("/nfc/v1/session_cancel", { api_key: partner.apiKey, init_code: initCode }),
    );
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body).toMatchObject({ data: { state: "cancelled" } });
    const redeem = await answer(await post("/nfc/v1/app/redeem", { init_code: initCode }));
    expect(redeem.status).toBe(404);
    const erased = await answer(
      await post("/nfc/v1/session_erase", { api_key: partner.apiKey, init_code: initCode }),
    );
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    const status = await answer(
      await post("/nfc/v1/session_status", { api_key: partner.apiKey, init_code: initCode }),
    );
    expect(status.body).toMatchObject({ data: { state: "erased", webhook: null } });
    const again = await answer(
      await post("/nfc/v1/session_erase", { api_key: partner.apiKey, init_code: initCode }),
    );
    expect(again.status).toBe(200);
  });
});
