import { env } from "cloudflare:workers";
import { getAccounts } from "@edgekyc/accounts";
import { describe, expect, it } from "vitest";
import { createPartner, post, readerApp, sessionInit } from "../support/nfc-harness.ts";

describe("session_init", () => {
  it("answers the vendor's envelope with a fresh 4-character code per call", async () => {
    const partner = await createPartner();
    const res = await post("/nfc/v1/session_init", { api_key: partner.apiKey, method: "enroll" });
    const body = await res.json<{
      result: string;
      code: number;
      message: string;
      data: { init_code: string };
    }>();
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ result: "Ok", code: 0, message: "" });
    expect(Object.keys(body.data)).toEqual(["init_code"]);
    const codes = new Set(await Promise.all(Array.from({ length: 12 }, () => sessionInit(partner))));
    expect(codes.size).toBe(12);
  });

  it("takes the account's settings, and per-call options over them", async () => {
    const partner = await createPartner();
    const accounts = await getAccounts(env);
    await accounts.settings.put(partner.id, "nfc-session", {
      forceMrzConsent: true,
      numImagesLiveness: 4,
      initCodeTtlSeconds: 120,
    });
    const fromSettings = readerApp();
    const redeemed = await fromSettings.redeem(await sessionInit(partner));
    expect(redeemed.data.session).toMatchObject({
      consent_modes: ["mrz", "manual"],
      num_images_liveness: 4,
      next_step: "consent",
    });
    const status = await post("/nfc/v1/session_status", {
      api_key: partner.apiKey,
      init_code: await sessionInit(partner),
    });
    const view = await status.json<{ data: { created_at: string; init_code_expires_at: string } }>();
    expect(Date.parse(view.data.init_code_expires_at) - Date.parse(view.data.created_at)).toBe(120_000);

    const overridden = readerApp();
    await overridden.redeem(
      await sessionInit(partner, { options: { force_mrz_consent: false, num_images_liveness: 1 } }),
    );
    expect((await overridden.status()).data).toMatchObject({
      consent_modes: ["mrz"],
      num_images_liveness: 1,
    });
  });
});
