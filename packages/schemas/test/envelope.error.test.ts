import { describe, expect, it } from "vitest";
import { MAX_PAYLOAD_DEPTH, RESULT_EVENT_MAX_INLINE_BYTES, ResultEventEnvelope } from "../src/index.ts";
import { nestedPayload as nested, resultEvent } from "./envelope-fixtures.ts";

function issues(input: unknown) {
  const result = ResultEventEnvelope.safeParse(input);
  expect(result.success, "expected the envelope to be refused").toBe(false);
  return result.error?.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })) ?? [];
}

const ref = { r2Key: "partners/p/nfc-session/s/result.json", sha256: "0".repeat(64) };

describe("ResultEventEnvelope refuses", () => {
  it("both payload and payloadRef", () => {
    expect(issues(resultEvent({ payloadRef: ref }))).toEqual([
      { path: "payloadRef", message: "exactly one of payload and payloadRef is allowed, got both" },
    ]);
  });

  it("neither payload nor payloadRef", () => {
    expect(issues(resultEvent({ payload: undefined }))).toEqual([
      { path: "payload", message: "exactly one of payload and payloadRef is required, got neither" },
    ]);
  });

  it.each([MAX_PAYLOAD_DEPTH + 1, 1000, 5000, 100_000])(
    "a payload nested %i levels deep, with a message that says so (no stack overflow)",
    (depth) => {
      expect(issues(resultEvent({ payload: nested(depth) }))).toEqual([
        {
          path: "payload",
          message: `payload is nested more than ${MAX_PAYLOAD_DEPTH} levels deep; flatten it`,
        },
      ]);
    },
  );

  it("unknown top-level keys", () => {
    const found = issues({ ...resultEvent(), secret: "x" });
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toMatch(/secret/);
  });

  it("an inline payload over the limit", () => {
    const payload = { blob: "x".repeat(RESULT_EVENT_MAX_INLINE_BYTES) };
    expect(issues(resultEvent({ payload }))[0]).toMatchObject({
      path: "payload",
      message: expect.stringMatching(/must be stored in R2 and sent as payloadRef/),
    });
  });

  it("scalar and non-JSON payloads", () => {
    expect(issues(resultEvent({ payload: "text" }))[0]?.path).toBe("payload");
    expect(issues(resultEvent({ payload: { at: new Date() } }))[0]?.path).toMatch(/^payload/);
    expect(issues(resultEvent({ payload: { n: Number.NaN } }))[0]?.path).toMatch(/^payload/);
  });

  it("malformed fields, naming each", () => {
    const found = issues(
      resultEvent({
        specVersion: "2",
        eventId: "evt 1",
        partnerId: "",
        mode: "prod",
        capability: "billing",
        type: "Completed",
        occurredAt: "2026-11-22T10:15:00",
        webhookUrl: "ftp://partner.example/x",
        signatures: ["idenfy", "idenfy"],
      }),
    );
    expect(found.map((issue) => issue.path).sort()).toEqual(
      [
        "specVersion",
        "eventId",
        "partnerId",
        "mode",
        "capability",
        "type",
        "occurredAt",
        "webhookUrl",
        "signatures",
      ].sort(),
    );
    expect(issues(resultEvent({ payload: undefined, payloadRef: { ...ref, sha256: "ABC" } }))[0]?.path).toBe(
      "payloadRef.sha256",
    );
    expect(issues(resultEvent({ signatures: ["hmac"] }))[0]?.path).toBe("signatures.0");
  });
});
