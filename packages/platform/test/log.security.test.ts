import { afterEach, describe, expect, it, vi } from "vitest";
import { createLogger, REDACTED, redact } from "../src/index.ts";

afterEach(() => {
  vi.restoreAllMocks();
});

function capture(method: "log" | "warn" | "error") {
  const lines: Record<string, unknown>[] = [];
  vi.spyOn(console, method).mockImplementation((line: string) => lines.push(JSON.parse(line)));
  return lines;
}

describe("logger redaction", () => {
  it("drops personal data and secrets by field name", () => {
    const lines = capture("log");
    createLogger({ app: "t", requestId: "req_1" }).info("partner called", {
      name: "ANNA ERIKSSON",
      email: "anna@example.org",
      phoneNumber: "+447700900123",
      document_number: "X1234567",
      dateOfBirth: "1990-01-02",
      dob: "1990-01-02",
      address: { line1: "1 High St" },
      iban: "GB33BUKB20201555555555",
      api_key: "ms_test_abc_def",
      authorization: "Bearer x",
      signature: "c2ln",
      payload: { anything: 1 },
      body: "{}",
      webhookUrl: "https://partner.example/hook?token=1",
      otp: "123456",
    });
    const [entry] = lines;
    expect(entry).toStrictEqual({
      level: "info",
      message: "partner called",
      time: expect.any(String),
      app: "t",
      requestId: "req_1",
      name: REDACTED,
      email: REDACTED,
      phoneNumber: REDACTED,
      document_number: REDACTED,
      dateOfBirth: REDACTED,
      dob: REDACTED,
      address: REDACTED,
      iban: REDACTED,
      api_key: REDACTED,
      authorization: REDACTED,
      signature: REDACTED,
      payload: REDACTED,
      body: REDACTED,
      webhookUrl: REDACTED,
      otp: REDACTED,
    });
  });

  it("allows ids, timings, counts and operational fields, and nothing unknown", () => {
    expect(
      redact({
        partnerId: "ptn_1",
        deliveryIds: ["dlv_1", "dlv_2"],
        keyId: "key_1",
        durationMs: 12,
        delaySeconds: 30,
        count: 3,
        sizeBytes: 1024,
        createdAt: "2026-01-01T00:00:00Z",
        status: "failed",
        statusCode: 502,
        retryable: true,
        holder: "ANNA ERIKSSON",
        msisdn: 447700900123,
        nested: { sessionId: "sess_1", surname: "ERIKSSON", list: [{ attempt: 2, score: 0.9 }] },
      }),
    ).toStrictEqual({
      partnerId: "ptn_1",
      deliveryIds: ["dlv_1", "dlv_2"],
      keyId: "key_1",
      durationMs: 12,
      delaySeconds: 30,
      count: 3,
      sizeBytes: 1024,
      createdAt: "2026-01-01T00:00:00Z",
      status: "failed",
      statusCode: 502,
      retryable: true,
      holder: REDACTED,
      msisdn: REDACTED,
      nested: { sessionId: "sess_1", surname: REDACTED, list: [{ attempt: 2, score: REDACTED }] },
    });
  });

  it("scrubs credentials, e-mail addresses and query strings out of allowed strings", () => {
    const lines = capture("error");
    createLogger({ app: "t" }).error("call failed for bob@example.com", {
      error: new Error(
        "401 from https://api.example/v1/x?api_key=abc with Bearer eyJhbGciOi.x.y, key ek_live_AbC_dEf, secret whsec_MDEy",
      ),
      reason: "Basic dXNlcjpwYXNz rejected",
    });
    const [entry] = lines;
    expect(entry).toMatchObject({
      level: "error",
      message: `call failed for ${REDACTED}`,
      error: `Error: 401 from https://api.example/v1/x?${REDACTED} with Bearer ${REDACTED}, key ${REDACTED}, secret ${REDACTED}`,
      reason: `Basic ${REDACTED} rejected`,
    });
  });

  it("does not let fields overwrite level, message, time, app or requestId", () => {
    const lines = capture("warn");
    createLogger({ app: "real", requestId: "req_real" }).warn("m", {
      level: "debug",
      message: "forged",
      app: "forged",
      requestId: "forged",
    });
    expect(lines[0]).toMatchObject({ level: "warn", message: "m", app: "real", requestId: "req_real" });
  });

  it("cuts long strings and deep nesting, and writes each level to its console method", () => {
    const logs = capture("log");
    const errors = capture("error");
    const log = createLogger({ app: "t" }).child({ partnerId: "ptn_9" });
    log.debug("d", { reason: "r".repeat(2000), a: { b: { c: { d: { e: { f: 1 } } } } } });
    log.error("e");
    expect(logs).toHaveLength(1);
    expect(errors).toHaveLength(1);
    expect(logs[0]?.reason).toHaveLength(501);
    expect(logs[0]).toMatchObject({ partnerId: "ptn_9", a: { b: { c: { d: "[nested]" } } } });
    expect(errors[0]).toMatchObject({ level: "error", partnerId: "ptn_9" });
  });
});
