import { describe, expect, it } from "vitest";
import { TD3 } from "../support/mrz-specimens.ts";
import {
  chipJwe,
  createPartner,
  fakeFace,
  post,
  readerApp,
  readyForChip,
  sessionInit,
  trustedDocument,
} from "../support/nfc-harness.ts";

describe("reader app: steps out of order and bad input", () => {
  it("refuses each step before its turn with code 2008, and a code redeemed twice", async () => {
    const partner = await createPartner();
    const initCode = await sessionInit(partner);
    const app = readerApp();
    expect((await app.redeem(initCode)).result).toBe("Ok");
    const second = await readerApp().redeem(initCode);
    expect(second).toMatchObject({ status: 404, code: 2012 });

    const early = await app.challenge();
    expect(early).toMatchObject({ status: 409, result: "Err", code: 2008 });
    expect(early.message).toContain("asking for a challenge is not possible while the session is redeemed");
    expect(await app.uploadChip("a.b.c.d.e")).toMatchObject({ status: 409, code: 2008 });
    expect(await app.selfie(fakeFace(1), [fakeFace(2)])).toMatchObject({ status: 409, code: 2008 });
  });

  it("validates consent check digits and honours force_mrz_consent", async () => {
    const partner = await createPartner();
    const strict = readerApp();
    await strict.redeem(await sessionInit(partner));
    const wrong = await strict.consent({ mrz: TD3.replace("L898902C36", "L898902C37") });
    expect(wrong).toMatchObject({ status: 422, code: 2010 });
    expect(wrong.message).toContain("document number check digit");
    const typed = await strict.consent({
      document_number: "L898902C3",
      date_of_birth: "740812",
      date_of_expiry: "120415",
    });
    expect(typed).toMatchObject({ status: 422, code: 2010 });
    expect((await strict.status()).data).toMatchObject({ consent_modes: ["mrz"], next_step: "consent" });

    const lenient = readerApp();
    await lenient.redeem(await sessionInit(partner, { options: { force_mrz_consent: true } }));
    expect((await lenient.status()).data).toMatchObject({ consent_modes: ["mrz", "manual"] });
    const ok = await lenient.consent({
      document_number: "L898902C3",
      date_of_birth: "740812",
      date_of_expiry: "120415",
      document_number_check_digit: "6",
    });
    expect(ok).toMatchObject({ status: 200, result: "Ok", data: { next_step: "challenge" } });
  });

  it("refuses a selfie without the session's number of liveness frames", async () => {
    const partner = await createPartner();
    const face = fakeFace(9);
    const document = await trustedDocument({ faceImage: face });
    const ready = await readyForChip(partner, document, { init: { options: { num_images_liveness: 2 } } });
    const { app } = ready;
    const jwe = await chipJwe(ready, document);
    expect(await app.uploadChip(jwe)).toMatchObject({ status: 200, data: { next_step: "selfie" } });
    expect(await app.uploadChip(jwe)).toMatchObject({ status: 409, code: 2008 });
    const short = await app.selfie(face, [face]);
    expect(short).toMatchObject({ status: 422, code: 2015 });
    expect(short.message).toContain("exactly 2");
    const notBase64 = await post(
      "/nfc/v1/app/selfie",
      { selfie: "!".repeat(200), liveness_frames: ["x"] },
      { authorization: `Bearer ${app.token}` },
    );
    expect(notBase64.status).toBe(422);
    expect(await app.selfie(face, [face, face])).toMatchObject({
      status: 200,
      data: { state: "awaiting_confirmation" },
    });
  });

  it("answers 401 without a session token and 404 with a wrong one", async () => {
    const none = await readerApp().status();
    expect(none).toMatchObject({ status: 401, result: "Err" });
    const partner = await createPartner();
    const app = readerApp();
    await app.redeem(await sessionInit(partner));
    app.token = `${(app.token as string).split(".")[0]}.${"A".repeat(43)}`;
    expect(await app.status()).toMatchObject({ status: 404, code: 2012 });
  });
});
