import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { SessionRecord } from "../../src/domain/session-record.ts";
import type { InitCodeObject } from "../../src/durable/init-code-object.ts";
import type { SessionObject } from "../../src/durable/session-object.ts";
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

async function sessionIdOf(partnerKey: string, initCode: string): Promise<string> {
  const { results } = await env.DB.prepare(
    "select id from sessions where init_code = ? order by created_at desc",
  )
    .bind(initCode)
    .all<{ id: string }>();
  expect(partnerKey).toBeTruthy();
  return (results[0] as { id: string }).id;
}

/** Moves the session's pending deadline into the past and fires its alarm, as time passing would. */
async function elapse(
  sessionId: string,
  field: "initCodeExpiresAt" | "flowDeadline" | "confirmationDeadline",
) {
  const stub = env.SESSIONS.get(env.SESSIONS.idFromName(sessionId));
  await runInDurableObject(stub, async (instance: SessionObject, state) => {
    const record = (await state.storage.get<SessionRecord>("session")) as SessionRecord;
    const past = { ...record, [field]: Date.now() - 1 };
    await state.storage.put("session", past);
    (instance as unknown as { record: SessionRecord }).record = past;
    await state.storage.setAlarm(Date.now() - 1);
  });
  expect(await runDurableObjectAlarm(stub)).toBe(true);
}

describe("session deadlines (Durable Object alarms)", () => {
  it("an init code nobody typed expires: the partner hears Session expired and the code is free again", async () => {
    const sent = captureResults();
    const partner = await createPartner();
    const initCode = await sessionInit(partner, { ref: "r-1" });
    const sessionId = await sessionIdOf(partner.apiKey, initCode);
    await elapse(sessionId, "initCodeExpiresAt");
    const status = await post("/nfc/v1/session_status", { api_key: partner.apiKey, init_code: initCode });
    expect(await status.json()).toMatchObject({
      data: { state: "expired", result: { code: 2002, message: "Session expired" } },
    });
    expect(sent[0]?.payload).toMatchObject({
      result: "Err",
      code: 2002,
      message: "Session expired",
      ref: "r-1",
    });
    const code = env.INIT_CODES.get(env.INIT_CODES.idFromName(initCode));
    expect(await code.peek()).toBeNull();
    expect(await readerApp().redeem(initCode)).toMatchObject({ status: 404 });
  });

  it("a user who stops mid-flow: the session expires and the app shows the error message", async () => {
    captureResults();
    const partner = await createPartner();
    const initCode = await sessionInit(partner);
    const app = readerApp();
    await app.redeem(initCode);
    await elapse(await sessionIdOf(partner.apiKey, initCode), "flowDeadline");
    expect((await app.status()).data).toMatchObject({
      state: "expired",
      message: expect.stringContaining("There was an error"),
    });
    expect(await app.challenge()).toMatchObject({ status: 410, code: 2002 });
  });

  it("no webhook_confirmation in time: the app shows the error message, a late OK is refused", async () => {
    captureResults();
    const partner = await createPartner();
    const face = fakeFace(11);
    const document = await trustedDocument({ faceImage: face });
    const initCode = await sessionInit(partner, { options: { redirect_URL: "https://partner.example/ok" } });
    const app = readerApp();
    const steps = await simulateReaderApp(app, initCode, document, { selfie: face, frames: [face] });
    expect(steps.at(-1)).toMatchObject({ step: "selfie", result: "Ok" });
    await elapse(await sessionIdOf(partner.apiKey, initCode), "confirmationDeadline");
    expect((await app.status()).data).toMatchObject({
      state: "confirmation_timeout",
      redirect_url: null,
      message:
        "There was an error in the process. Please return to the website where you started the process and follow further instructions.",
    });
    const late = await post("/nfc/v1/webhook_confirmation", {
      api_key: partner.apiKey,
      init_code: initCode,
      recv: "OK",
    });
    expect(late.status).toBe(410);
  });

  it("ERR from the partner: the app shows the error message; changing the answer is refused", async () => {
    captureResults();
    const partner = await createPartner();
    const face = fakeFace(12);
    const document = await trustedDocument({ faceImage: face });
    const initCode = await sessionInit(partner);
    const app = readerApp();
    await simulateReaderApp(app, initCode, document, { selfie: face, frames: [face] });
    expect(
      (
        await post("/nfc/v1/webhook_confirmation", {
          api_key: partner.apiKey,
          init_code: initCode,
          recv: "ERR",
        })
      ).status,
    ).toBe(200);
    expect((await app.status()).data).toMatchObject({
      state: "rejected",
      message: expect.stringContaining("There was an error"),
    });
    expect(
      (
        await post("/nfc/v1/webhook_confirmation", {
          api_key: partner.apiKey,
          init_code: initCode,
          recv: "OK",
        })
      ).status,
    ).toBe(409);
  });
});

describe("init codes (one Durable Object each)", () => {
  it("are reserved by one session at a time, even when reserved concurrently", async () => {
    const code = env.INIT_CODES.get(env.INIT_CODES.idFromName("Race"));
    const binding = (sessionId: string) => ({
      sessionId,
      partnerId: "ptn_x",
      redeemableUntil: Date.now() + 60_000,
      redeemed: false,
      reservedUntil: Date.now() + 120_000,
    });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => code.reserve(binding(`nfc_${i}`))));
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = `nfc_${results.indexOf(true)}`;
    // Redeemable once.
    expect(await code.redeem()).toMatchObject({ sessionId: winner });
    expect(await code.redeem()).toBeNull();
    await code.release("nfc_other");
    expect(await code.peek()).not.toBeNull();
    await code.release(winner);
    expect(await code.reserve(binding("nfc_next"))).toBe(true);
  });

  it("free themselves by alarm when the reservation runs out", async () => {
    const code = env.INIT_CODES.get(env.INIT_CODES.idFromName("Exp1"));
    await code.reserve({
      sessionId: "nfc_a",
      partnerId: "ptn_x",
      redeemableUntil: Date.now() + 1000,
      redeemed: false,
      reservedUntil: Date.now() + 2000,
    });
    await runInDurableObject(code, async (instance: InitCodeObject, state) => {
      const binding = {
        sessionId: "nfc_a",
        partnerId: "ptn_x",
        redeemableUntil: 0,
        redeemed: false,
        reservedUntil: Date.now() - 1,
      };
      await state.storage.put("binding", binding);
      (instance as unknown as { binding: unknown }).binding = binding;
    });
    await runDurableObjectAlarm(code);
    expect(await code.peek()).toBeNull();
  });
});
