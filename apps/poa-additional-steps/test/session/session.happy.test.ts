import { describe, expect, it } from "vitest";
import { JPEG, PNG, pdf } from "../support/files.ts";
import { call, createPartner, createToken, sentResults } from "../support/poa-client.ts";

const eventsFor = (scanRef: string) =>
  sentResults.filter((e) => (e.payload as { scanRef?: string }).scanRef === scanRef);

describe("the end user's session", () => {
  it("shows the steps in the session's locale with the utility-bill selection, takes a file and finishes", async () => {
    const partner = await createPartner({
      additionalSteps: {
        UTILITY_BILL: {
          type: "UPLOAD",
          texts: {
            en: { name: "Proof of address", description: "A bill" },
            de: { name: "Adressnachweis", description: "Eine Rechnung" },
          },
        },
      },
    });
    const token = await createToken(partner, {
      clientId: "c1",
      locale: "de",
      successUrl: "https://partner.example/done",
    });
    const view = await call("GET", "/api/v2/session", { bearer: token.authToken });
    expect(view.status, await view.clone().text()).toBe(200);
    const session = await view.json<Record<string, unknown>>();
    expect(session).toMatchObject({
      state: "ACTIVE",
      locale: "de",
      scopeNeeded: { country: false, documentType: false },
      steps: [
        {
          name: "UTILITY_BILL",
          type: "UPLOAD",
          title: "Adressnachweis",
          description: "Eine Rechnung",
          selectDocumentType: true,
          uploaded: false,
          settings: { canUpload: true, canCapture: true, canUploadPDF: true },
        },
      ],
    });
    expect(session.poaDocuments).toHaveLength(21);
    expect(session.poaDocuments).toContain("BANK_STATEMENT");

    // An unknown locale of the request falls back to the token's; a locale without text falls back to en.
    const english = await call("GET", "/api/v2/session?locale=fr", { bearer: token.authToken });
    expect(await english.json()).toMatchObject({ steps: [{ title: "Proof of address" }] });

    const upload = await call(
      "PUT",
      "/api/v2/session/steps/UTILITY_BILL/file?source=UPLOAD&documentType=BANK_STATEMENT",
      {
        bearer: token.authToken,
        body: pdf(),
        headers: { "content-type": "image/png" },
      },
    );
    expect(upload.status, await upload.clone().text()).toBe(200);
    expect(await upload.json()).toEqual({
      step: "UTILITY_BILL",
      contentType: "application/pdf",
      size: pdf().byteLength,
      documentType: "BANK_STATEMENT",
    });

    // A new file replaces the earlier one.
    const again = await call(
      "PUT",
      "/api/v2/session/steps/UTILITY_BILL/file?source=CAPTURE&documentType=GAS_BILL",
      {
        bearer: token.authToken,
        body: JPEG,
      },
    );
    expect(await again.json()).toMatchObject({ contentType: "image/jpeg", documentType: "GAS_BILL" });

    const finish = await call("POST", "/api/v2/session/finish", { bearer: token.authToken });
    expect(finish.status, await finish.clone().text()).toBe(200);
    expect(await finish.json()).toEqual({
      status: "APPROVED",
      final: true,
      redirectUrl: "https://partner.example/done",
    });

    // UPLOAD only: one callback, already final.
    const events = eventsFor(token.scanRef);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      capability: "poa-additional-steps",
      type: "poa.verification.final",
      signatures: ["idenfy"],
      payload: {
        final: true,
        status: {
          overall: "APPROVED",
          additionalSteps: "VALID",
          additionalStepStatuses: { UTILITY_BILL: "VALID" },
        },
        clientId: "c1",
        externalRef: null,
        scanRef: token.scanRef,
      },
    });
    const payload = events[0]?.payload as {
      startTime: number;
      finishTime: number;
      additionalStepPdfUrls: Record<string, string>;
    };
    expect(payload.finishTime).toBeGreaterThanOrEqual(payload.startTime);
    const link = payload.additionalStepPdfUrls.UTILITY_BILL as string;
    const file = await call("GET", link.replace("https://poa.test", ""));
    expect(file.status, await file.clone().text()).toBe(200);
    expect(file.headers.get("content-type")).toBe("image/jpeg");
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(JPEG);

    // Finishing again repeats nothing harmful; the page sees FINISHED.
    const second = await call("POST", "/api/v2/session/finish", { bearer: token.authToken });
    expect(await second.json()).toMatchObject({ status: "APPROVED", final: true });
    expect(eventsFor(token.scanRef).every((e) => e.eventId === events[0]?.eventId)).toBe(true);
    expect(await (await call("GET", "/api/v2/session", { bearer: token.authToken })).json()).toMatchObject({
      state: "FINISHED",
    });
  });

  it("asks for the country and document type when the steps depend on them", async () => {
    const partner = await createPartner({
      additionalSteps: {
        UTILITY_BILL: { type: "UPLOAD", texts: { en: { name: "Bill", description: "" } } },
        ADDITIONAL_DOCUMENT: { type: "UPLOAD", texts: { en: { name: "Extra", description: "" } } },
      },
    });
    const token = await createToken(partner, {
      clientId: "c",
      documents: ["PASSPORT", "ID_CARD"],
      additionalSteps: { LT: { PASSPORT: ["ADDITIONAL_DOCUMENT"] }, ALL: { ALL: ["UTILITY_BILL"] } },
    });
    const first = await (await call("GET", "/api/v2/session", { bearer: token.authToken })).json();
    expect(first).toMatchObject({
      scopeNeeded: { country: true, documentType: true },
      countries: ["LT"],
      documents: ["PASSPORT", "ID_CARD"],
      steps: [],
    });
    const lt = await call("POST", "/api/v2/session/scope", {
      bearer: token.authToken,
      json: { country: "LT", documentType: "PASSPORT" },
    });
    expect(lt.status, await lt.clone().text()).toBe(200);
    const chosen = await lt.json<{ steps: { name: string }[] }>();
    expect(chosen.steps.map((s) => s.name).sort()).toEqual(["ADDITIONAL_DOCUMENT", "UTILITY_BILL"]);
    const other = await call("POST", "/api/v2/session/scope", {
      bearer: token.authToken,
      json: { country: "LV", documentType: "ID_CARD" },
    });
    expect((await other.json<{ steps: { name: string }[] }>()).steps.map((s) => s.name)).toEqual([
      "UTILITY_BILL",
    ]);
    const png = await call("PUT", "/api/v2/session/steps/UTILITY_BILL/file?documentType=WATER_BILL", {
      bearer: token.authToken,
      body: PNG,
    });
    expect(png.status, await png.clone().text()).toBe(200);
  });

  it("finishes a token without steps at once, APPROVED and final", async () => {
    const partner = await createPartner();
    const token = await createToken(partner, { clientId: "none", additionalSteps: { ALL: { ALL: {} } } });
    expect(await (await call("GET", "/api/v2/session", { bearer: token.authToken })).json()).toMatchObject({
      steps: [],
    });
    const finish = await call("POST", "/api/v2/session/finish", { bearer: token.authToken });
    expect(await finish.json()).toMatchObject({ status: "APPROVED", final: true });
    expect(eventsFor(token.scanRef)[0]?.payload).toMatchObject({
      final: true,
      status: { overall: "APPROVED", additionalSteps: null },
    });
  });
});
