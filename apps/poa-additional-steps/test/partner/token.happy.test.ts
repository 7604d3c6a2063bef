import { UTILITY_BILL_TEXT_EN } from "@edgekyc/schemas";
import { describe, expect, it } from "vitest";
import { call, createPartner } from "../support/poa-client.ts";

const TOKEN_KEYS = [
  "message",
  "authToken",
  "scanRef",
  "clientId",
  "personScanRef",
  "firstName",
  "lastName",
  "successUrl",
  "errorUrl",
  "unverifiedUrl",
  "callbackUrl",
  "locale",
  "country",
  "expiryTime",
  "sessionLength",
  "documents",
  "dateOfBirth",
  "dateOfExpiry",
  "dateOfIssue",
  "nationality",
  "personalNumber",
  "documentNumber",
  "sex",
  "address",
  "showInstructions",
  "tokenType",
  "utilityBill",
  "additionalSteps",
  "additionalData",
  "externalRef",
  "digitString",
];

const EXTRACT_BILL = {
  type: "EXTRACT",
  texts: {
    en: UTILITY_BILL_TEXT_EN,
    de: { name: "Bitte laden Sie einen Adressnachweis hoch", description: "Adresse" },
  },
  fields: ["address"],
  settings: { canUpload: true, canCapture: false, canUploadPDF: true },
};

describe("POST /api/v2/token", () => {
  it("answers {clientId} with the whole token object, the account's UTILITY_BILL step and utilityBill true", async () => {
    const partner = await createPartner();
    const res = await call("POST", "/api/v2/token", { basic: partner.basic, json: { clientId: "123" } });
    expect(res.status, await res.clone().text()).toBe(201);
    const token = await res.json<Record<string, unknown>>();
    expect(Object.keys(token).sort()).toEqual([...TOKEN_KEYS].sort());
    expect(token).toMatchObject({
      message: "Token created successfully",
      clientId: "123",
      personScanRef: "123",
      firstName: null,
      locale: null,
      expiryTime: 3600,
      sessionLength: 600,
      documents: ["ID_CARD", "PASSPORT", "DRIVER_LICENSE", "RESIDENCE_PERMIT"],
      showInstructions: true,
      tokenType: "IDENTIFICATION",
      utilityBill: true,
      additionalSteps: {
        ALL: {
          ALL: {
            UTILITY_BILL: {
              type: "UPLOAD",
              texts: { en: UTILITY_BILL_TEXT_EN },
              fields: [],
              settings: { canUpload: true, canCapture: true, canUploadPDF: true },
            },
          },
        },
      },
      additionalData: null,
      externalRef: null,
      digitString: null,
    });
    expect(token.authToken).toMatch(/^[0-9A-Za-z]{40}$/);
    expect(token.scanRef).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("echoes every request field, with a digitString when asked", async () => {
    const partner = await createPartner();
    const request = {
      clientId: "c-42",
      externalRef: "ext-1",
      firstName: "Jane",
      lastName: "Doe",
      successUrl: "https://partner.example/ok",
      errorUrl: "https://partner.example/error",
      unverifiedUrl: "https://partner.example/unverified",
      callbackUrl: "https://partner.example/hook",
      locale: "de",
      country: "lt",
      expiryTime: 7200,
      sessionLength: 900,
      documents: ["PASSPORT"],
      dateOfBirth: "1990-01-31",
      dateOfExpiry: "2030-05-01",
      dateOfIssue: "2020-05-01",
      nationality: "LT",
      personalNumber: "39001310000",
      documentNumber: "AB123456",
      sex: "F",
      address: "Gedimino pr. 1, Vilnius",
      tokenType: "DOCUMENT",
      showInstructions: false,
      generateDigitString: true,
    };
    const res = await call("POST", "/api/v2/token", { basic: partner.basic, json: request });
    expect(res.status, await res.clone().text()).toBe(201);
    const { generateDigitString: _, ...echoed } = request;
    const token = await res.json<Record<string, unknown>>();
    expect(token).toMatchObject({ ...echoed, country: "LT" });
    expect(token.digitString).toMatch(/^\d{10}$/);
  });

  it('creates a token without steps for {"ALL":{"ALL":{}}}', async () => {
    const partner = await createPartner();
    const res = await call("POST", "/api/v2/token", {
      basic: partner.basic,
      json: { clientId: "1", additionalSteps: { ALL: { ALL: {} } } },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await res.json()).toMatchObject({ additionalSteps: null, utilityBill: null });
  });

  it("keeps only the listed steps, and returns additionalData for an EXTRACT step (utilityBill null)", async () => {
    const partner = await createPartner({
      additionalSteps: {
        UTILITY_BILL: EXTRACT_BILL,
        ADDITIONAL_DOCUMENT: { type: "UPLOAD", texts: { en: { name: "Another document", description: "" } } },
      },
    });
    const only = await call("POST", "/api/v2/token", {
      basic: partner.basic,
      json: { clientId: "1", additionalSteps: { ALL: { ALL: ["ADDITIONAL_DOCUMENT"] } } },
    });
    expect(only.status, await only.clone().text()).toBe(201);
    const onlyToken = await only.json<{
      additionalSteps: Record<string, Record<string, Record<string, unknown>>>;
    }>();
    expect(Object.keys(onlyToken.additionalSteps.ALL?.ALL ?? {})).toEqual(["ADDITIONAL_DOCUMENT"]);

    const data = { UTILITY_BILL: { address: "1234, Drive/Street, City/State, postcode, etc." } };
    const res = await call("POST", "/api/v2/token", {
      basic: partner.basic,
      json: { clientId: "123", additionalData: data },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await res.json()).toMatchObject({
      utilityBill: null,
      additionalData: data,
      additionalSteps: {
        ALL: { ALL: { UTILITY_BILL: EXTRACT_BILL, ADDITIONAL_DOCUMENT: { type: "UPLOAD" } } },
      },
    });
  });

  it("overrides type, texts, fields and settings per country and document type", async () => {
    const partner = await createPartner();
    const override = {
      type: "COMPARE",
      texts: { de: { name: "Bitte laden Sie einen Adressnachweis hoch", description: "Beschreibung" } },
      fields: ["address"],
      settings: { canUpload: false, canCapture: true, canUploadPDF: false },
    };
    const res = await call("POST", "/api/v2/token", {
      basic: partner.basic,
      json: {
        clientId: "1",
        additionalSteps: { LT: { PASSPORT: { UTILITY_BILL: override } }, ALL: { ALL: ["UTILITY_BILL"] } },
      },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await res.json()).toMatchObject({
      additionalSteps: {
        LT: {
          PASSPORT: {
            UTILITY_BILL: {
              type: "COMPARE",
              // The request's texts are added to the account's.
              texts: { en: UTILITY_BILL_TEXT_EN, de: override.texts.de },
              fields: ["address"],
              settings: override.settings,
            },
          },
        },
        ALL: { ALL: { UTILITY_BILL: { type: "UPLOAD" } } },
      },
    });
  });

  it("uses the account's token defaults", async () => {
    const partner = await createPartner({
      expiryTime: 120,
      sessionLength: 300,
      documents: ["PASSPORT"],
      additionalSteps: {},
    });
    const res = await call("POST", "/api/v2/token", { basic: partner.basic, json: { clientId: "1" } });
    expect(await res.json()).toMatchObject({
      expiryTime: 120,
      sessionLength: 300,
      documents: ["PASSPORT"],
      additionalSteps: null,
      utilityBill: null,
    });
  });
});
