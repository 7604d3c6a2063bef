import { env } from "cloudflare:workers";
import { getAccounts } from "@edgekyc/accounts";
import { embeddedScorer, sandboxSmileIdApi } from "@edgekyc/provider-clients";
import { defaultCapabilitySettings, type ResultEvent } from "@edgekyc/schemas";
import { afterEach, describe, expect, it, vi } from "vitest";
import { partnerFaceComparer } from "../../src/adapters/partner-face-comparer.ts";
import { nfcConfig } from "../../src/config.ts";
import { simulateReaderApp } from "../../src/reader-app/index.ts";
import {
  captureResults,
  createPartner,
  fakeFace,
  post,
  readerApp,
  sessionInit,
  trustedDocument,
} from "../support/nfc-harness.ts";

afterEach(() => vi.restoreAllMocks());

describe("an NFC session, end to end in the Worker", () => {
  it("goes from session_init to the webhook and the app's redirect after the partner's OK", async () => {
    const sent = captureResults();
    const partner = await createPartner();
    const face = fakeFace(1);
    const document = await trustedDocument({ faceImage: face });
    const initCode = await sessionInit(partner, {
      ref: "customer-42",
      send_scan: ["selfie", "docface"],
      options: { num_images_liveness: 3, redirect_URL: "https://partner.example/done" },
    });
    expect(initCode).toMatch(/^[A-Za-z0-9]{4}$/);

    const app = readerApp();
    const steps = await simulateReaderApp(app, initCode, document, {
      selfie: face,
      frames: [fakeFace(2), fakeFace(3)],
    });
    expect(steps.map((s) => `${s.step}:${s.result}:${s.message}`)).toEqual([
      "redeem:Ok:",
      "consent:Ok:",
      "challenge:Ok:",
      "chip:Ok:",
      "selfie:Ok:",
    ]);

    const waiting = await app.status();
    expect(waiting.data).toMatchObject({
      state: "awaiting_confirmation",
      next_step: "wait",
      message: "Please wait while your data is being processed and submitted.",
      redirect_url: null,
    });

    expect(sent).toHaveLength(1);
    const event = sent[0] as ResultEvent;
    expect(event).toMatchObject({
      partnerId: partner.id,
      mode: "test",
      capability: "nfc-session",
      type: "nfc.session.result",
    });
    const payload = event.payload as Record<string, unknown>;
    expect(payload).toMatchObject({
      result: "Ok",
      code: 0,
      ref: "customer-42",
      data: {
        name: "ANNA MARIA ERIKSSON",
        document_number: "L898902C3",
        document_type: "P",
        nationality: "UTO",
        issuing_state: "UTO",
        date_of_birth: "1974-08-12",
        date_of_expiry: "2034-04-15",
        sex: "F",
      },
      face_match: 0.12,
      face_match_confidence: 88,
      liveness_confidence: 92,
      liveness_confidence_array: [92, 92, 92],
      doc_face_image: btoa(String.fromCharCode(...face)),
      selfie_image: btoa(String.fromCharCode(...face)),
    });
    expect(payload.doc_face_vector).toHaveLength(8);
    expect(payload.selfie_vector).toEqual(payload.doc_face_vector);
    const checks = payload.checks as Record<string, { ran: boolean; passed: boolean }>;
    for (const name of [
      "signature",
      "hashes",
      "chain",
      "issuing_state",
      "active_authentication",
      "consent",
      "document_expiry",
      "lost_or_stolen",
    ]) {
      expect(checks[name], name).toMatchObject({ ran: true, passed: true });
    }
    expect(checks.crl).toMatchObject({ ran: false });

    // The partner may poll instead: the same body.
    const status = await post("/nfc/v1/session_status", { api_key: partner.apiKey, init_code: initCode });
    const polled = await status.json<{
      data: { state: string; webhook: unknown; result: { code: number } };
    }>();
    expect(status.status, JSON.stringify(polled)).toBe(200);
    expect(polled.data).toMatchObject({ state: "awaiting_confirmation", result: { code: 0 } });
    expect(polled.data.webhook).toEqual(payload);

    const confirmed = await post("/nfc/v1/webhook_confirmation", {
      api_key: partner.apiKey,
      init_code: initCode,
      recv: "OK",
    });
    expect(confirmed.status, await confirmed.clone().text()).toBe(200);
    expect((await app.status()).data).toMatchObject({
      state: "confirmed",
      next_step: "done",
      redirect_url: "https://partner.example/done",
      message: null,
    });
    // Repeating the confirmation is harmless.
    const again = await post("/nfc/v1/webhook_confirmation", {
      api_key: partner.apiKey,
      init_code: initCode,
      recv: "OK",
    });
    expect(again.status).toBe(200);
  });

  it("shows the thank-you message when no redirect URL is set, and omits scans not asked for", async () => {
    const sent = captureResults();
    const partner = await createPartner();
    const face = fakeFace(5);
    const document = await trustedDocument({ faceImage: face, format: "TD1", activeAuthentication: "ecdsa" });
    const initCode = await sessionInit(partner);
    const app = readerApp();
    const steps = await simulateReaderApp(app, initCode, document, { selfie: fakeFace(6), frames: [] });
    expect(steps.at(-1), JSON.stringify(steps)).toMatchObject({ step: "selfie", result: "Ok" });
    const payload = sent[0]?.payload as Record<string, unknown>;
    expect(payload).not.toHaveProperty("doc_face_image");
    expect(payload).not.toHaveProperty("selfie_image");
    expect(payload).toMatchObject({
      result: "Ok",
      ref: "",
      face_match: 0.81,
      liveness_confidence_array: [92],
    });
    await post("/nfc/v1/webhook_confirmation", { api_key: partner.apiKey, init_code: initCode, recv: "OK" });
    expect((await app.status()).data).toMatchObject({
      state: "confirmed",
      redirect_url: null,
      message:
        "Thank you for using our services. Please return to the website where you started the process.",
    });
  });

  it("with faceEngine smileid and test keys: the sandbox Smile ID API compares and scores, nothing leaves", async () => {
    const sent = captureResults();
    const partner = await createPartner();
    const accounts = await getAccounts(env);
    await accounts.settings.put(partner.id, "nfc-session", { faceEngine: "smileid" });
    const outbound = vi.spyOn(globalThis, "fetch");
    const face = fakeFace(7);
    const document = await trustedDocument({ faceImage: face });
    const initCode = await sessionInit(partner, { options: { num_images_liveness: 2 } });
    const steps = await simulateReaderApp(readerApp(), initCode, document, {
      selfie: face,
      frames: [fakeFace(8), fakeFace(9)],
    });
    expect(steps.at(-1), JSON.stringify(steps)).toMatchObject({ step: "selfie", result: "Ok" });
    // Smile ID's answers on MachineSense's scales: its confidence, its pass/fail liveness, no vectors.
    expect(sent[0]?.payload).toMatchObject({
      result: "Ok",
      face_match: 0.12,
      face_match_confidence: 88,
      liveness_confidence: 100,
      liveness_confidence_array: [100, 100],
      doc_face_vector: null,
      selfie_vector: null,
    });
    expect(outbound).not.toHaveBeenCalled();
  });

  it("with faceEngine smileid and live keys: the platform's Smile ID account is called at its URL", async () => {
    const calls: string[] = [];
    const smileId = sandboxSmileIdApi(embeddedScorer(env.FACE_ENGINE as never), {
      partnerId: "platform-1",
      apiKey: "platform-key",
      baseUrl: "https://smile.partner.test/v1",
    });
    vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      const request = new Request(input as RequestInfo, init);
      calls.push(`${request.method} ${new URL(request.url).pathname}`);
      if (!request.url.startsWith("https://smile.partner.test/"))
        throw new Error(`unexpected ${request.url}`);
      return smileId(request);
    });
    const config = {
      ...nfcConfig(env),
      SMILE_ID_FACE_URL: "https://smile.partner.test/v1",
      SMILE_ID_FACE_PARTNER_ID: "platform-1",
      SMILE_ID_FACE_API_KEY: "platform-key",
    };
    const comparer = partnerFaceComparer(
      env.FACE_ENGINE as never,
      config,
      { mode: "live", referenceId: "nfc-live-1" },
      { ...defaultCapabilitySettings("nfc-session"), faceEngine: "smileid" },
      { pollSleep: async () => {} },
    );
    const scores = await comparer.compare({
      portrait: fakeFace(1),
      selfie: fakeFace(2),
      frames: [fakeFace(3)],
    });
    expect(scores).toMatchObject({ face_match: 0.81, face_match_confidence: 19, liveness_confidence: 100 });
    expect(calls.filter((c) => c === "POST /v1/upload")).toHaveLength(2);
    expect(calls.filter((c) => c === "POST /v1/job_status").length).toBeGreaterThanOrEqual(2);
  });
});
