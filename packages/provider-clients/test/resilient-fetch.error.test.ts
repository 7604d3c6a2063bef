import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ProviderError, readProviderJson, resilientFetch } from "../src/index.ts";
import { recordedSleep, scriptedFetcher } from "./support/scripted-fetcher.ts";

const PII_URL = "https://provider.example/v1/lookup?phone=%2B447700900123&email=anna%40example.org";

describe("resilientFetch does not retry", () => {
  it("a 4xx other than 429, even a GET", async () => {
    for (const status of [400, 401, 403, 404, 409, 422]) {
      const { fetcher, seen } = scriptedFetcher(new Response("no", { status }));
      const res = await resilientFetch(new Request("https://provider.example/x"), {
        provider: "example",
        fetcher,
        sleep: recordedSleep().sleep,
      });
      expect(res.status).toBe(status);
      expect(seen, `status ${status}`).toHaveLength(1);
    }
  });

  it("a POST without an idempotency key, whatever the failure", async () => {
    const unavailable = scriptedFetcher(new Response("", { status: 503 }));
    const res = await resilientFetch(
      new Request("https://provider.example/x", { method: "POST", body: "a" }),
      {
        provider: "example",
        fetcher: unavailable.fetcher,
        sleep: recordedSleep().sleep,
      },
    );
    expect(res.status).toBe(503);
    expect(unavailable.seen).toHaveLength(1);

    const lost = scriptedFetcher("network-error", new Response("ok"));
    await expect(
      resilientFetch(new Request("https://provider.example/x", { method: "POST", body: "a" }), {
        provider: "example",
        fetcher: lost.fetcher,
      }),
    ).rejects.toMatchObject({ kind: "network", attempts: 1 });
    expect(lost.seen).toHaveLength(1);
  });

  it("when Retry-After asks for longer than the cap, returning that answer", async () => {
    const { fetcher, seen } = scriptedFetcher(
      new Response("", { status: 429, headers: { "retry-after": "3600" } }),
      new Response("ok"),
    );
    const { sleep, waits } = recordedSleep();
    const res = await resilientFetch(new Request("https://provider.example/x"), {
      provider: "example",
      fetcher,
      sleep,
      maxRetryAfterMs: 30_000,
    });
    expect(res.status).toBe(429);
    expect(seen).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it("failures that retryOn excludes, and 501 by default", async () => {
    const excluded = scriptedFetcher(new Response("", { status: 502 }), new Response("ok"));
    const res = await resilientFetch(new Request("https://provider.example/x"), {
      provider: "example",
      fetcher: excluded.fetcher,
      sleep: recordedSleep().sleep,
      retryOn: (failure) => failure.kind !== "http",
    });
    expect(res.status).toBe(502);
    expect(excluded.seen).toHaveLength(1);

    const notImplemented = scriptedFetcher(new Response("", { status: 501 }), new Response("ok"));
    expect(
      (
        await resilientFetch(new Request("https://provider.example/x"), {
          provider: "example",
          fetcher: notImplemented.fetcher,
        })
      ).status,
    ).toBe(501);
  });

  it("beyond the retry budget, returning the last retryable answer", async () => {
    const { fetcher, seen } = scriptedFetcher(new Response("", { status: 500 }));
    const res = await resilientFetch(new Request("https://provider.example/x"), {
      provider: "example",
      retries: 3,
      fetcher,
      sleep: recordedSleep().sleep,
    });
    expect(res.status).toBe(500);
    expect(seen).toHaveLength(4);
  });
});

describe("resilientFetch throws ProviderError", () => {
  it("on timeouts, per attempt, naming only the provider", async () => {
    const { fetcher, seen } = scriptedFetcher("hang");
    const started = Date.now();
    const error = await resilientFetch(new Request(PII_URL), {
      provider: "twilio",
      timeoutMs: 25,
      retries: 1,
      fetcher,
      sleep: recordedSleep().sleep,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({
      provider: "twilio",
      kind: "timeout",
      retryable: true,
      attempts: 2,
      status: null,
    });
    expect((error as Error).message).toBe("twilio timed out after 2 attempts");
    expect(seen).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("on network errors once retries are spent, without the URL or the runtime's message", async () => {
    const { fetcher, seen } = scriptedFetcher("network-error");
    const error = await resilientFetch(new Request(PII_URL), {
      provider: "example",
      fetcher,
      sleep: recordedSleep().sleep,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "network", retryable: true, attempts: 3 });
    expect((error as Error).message).toBe("example could not be reached after 3 attempts");
    expect((error as Error).cause).toBeUndefined();
    expect(seen).toHaveLength(3);
  });

  it("not when the caller aborts: that reason is rethrown and nothing is retried", async () => {
    const controller = new AbortController();
    const { fetcher, seen } = scriptedFetcher("hang");
    const pending = resilientFetch(new Request("https://provider.example/x"), {
      provider: "example",
      fetcher,
      signal: controller.signal,
    });
    controller.abort(new Error("client went away"));
    await expect(pending).rejects.toThrow("client went away");
    expect(seen.length).toBeLessThanOrEqual(1);
  });
});

describe("readProviderJson", () => {
  const Shape = z.object({ id: z.string() });

  it("returns the validated body of a 2xx", async () => {
    expect(
      await readProviderJson(Response.json({ id: "x", extra: 1 }), { provider: "p", schema: Shape }),
    ).toEqual({
      id: "x",
    });
  });

  it("turns an error answer into an http ProviderError with the provider's code, not its message", async () => {
    const error = await readProviderJson(
      Response.json(
        { code: 21211, message: "The 'To' number +447700900123 is not a valid phone number." },
        { status: 400 },
      ),
      { provider: "twilio", schema: Shape, errorCode: (body) => (body as { code: number }).code },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "http", status: 400, providerCode: "21211", retryable: false });
    expect((error as Error).message).toBe("twilio refused the request (HTTP 400, code 21211)");
    const busy = await readProviderJson(new Response("<html>", { status: 503 }), {
      provider: "p",
      schema: Shape,
    }).catch((e: unknown) => e);
    expect(busy).toMatchObject({ kind: "http", status: 503, providerCode: null, retryable: true });
  });

  it("refuses a 2xx body that is not JSON or not the expected shape, naming only paths", async () => {
    await expect(
      readProviderJson(new Response("<html>"), { provider: "p", schema: Shape }),
    ).rejects.toMatchObject({
      kind: "invalid_response",
      status: 200,
    });
    const error = await readProviderJson(Response.json({ id: 42, name: "Anna Example" }), {
      provider: "p",
      schema: Shape,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "invalid_response" });
    expect((error as Error).message).toBe("p answered with an unexpected body at id (HTTP 200)");
  });
});
