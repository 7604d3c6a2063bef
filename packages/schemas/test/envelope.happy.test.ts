import { describe, expect, it } from "vitest";
import {
  MAX_PAYLOAD_DEPTH,
  RESULT_EVENT_MAX_INLINE_BYTES,
  ResultEventEnvelope,
  SignatureScheme,
} from "../src/index.ts";
import { nestedPayload, resultEvent } from "./envelope-fixtures.ts";

describe("ResultEventEnvelope", () => {
  it(`accepts a payload nested exactly ${MAX_PAYLOAD_DEPTH} levels deep`, () => {
    const payload = nestedPayload(MAX_PAYLOAD_DEPTH);
    expect(ResultEventEnvelope.parse(resultEvent({ payload })).payload).toEqual(payload);
  });

  it("accepts an inline payload and defaults signatures to none", () => {
    const input = resultEvent();
    const event = ResultEventEnvelope.parse(input);
    expect(event).toEqual({ ...input, signatures: [] });
  });

  it("accepts a payloadRef, an array payload, a webhook override and dialect signatures", () => {
    const byRef = ResultEventEnvelope.parse(
      resultEvent({
        capability: "biometric-liveness",
        type: "smileid.job.completed",
        payload: undefined,
        payloadRef: { r2Key: "partners/p/biometric-liveness/job_1/result.json", sha256: "a".repeat(64) },
        webhookUrl: "https://partner.example/callbacks/smile",
        signatures: ["smileid"],
        occurredAt: "2026-11-22T11:15:00+01:00",
      }),
    );
    expect(byRef.payloadRef?.sha256).toBe("a".repeat(64));
    expect(byRef.signatures).toEqual(["smileid"]);
    const list = ResultEventEnvelope.parse(
      resultEvent({ capability: "webhook-gateway", type: "webhook.test", payload: [{ ok: true }] }),
    );
    expect(list.payload).toEqual([{ ok: true }]);
    expect(SignatureScheme.options).toEqual(["idenfy", "smileid"]);
  });

  it("accepts a payload right at the inline limit", () => {
    const overhead = JSON.stringify({ blob: "" }).length;
    const payload = { blob: "x".repeat(RESULT_EVENT_MAX_INLINE_BYTES - overhead) };
    expect(ResultEventEnvelope.safeParse(resultEvent({ payload })).success).toBe(true);
  });
});
