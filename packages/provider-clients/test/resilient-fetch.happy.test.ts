import { describe, expect, it } from "vitest";
import { backoffDelay, parseRetryAfter, resilientFetch } from "../src/index.ts";
import { recordedSleep, scriptedFetcher } from "./support/scripted-fetcher.ts";

const post = (body = '{"amount":1}') =>
  new Request("https://provider.example/v1/payments", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });

describe("resilientFetch", () => {
  it("returns a success at once", async () => {
    const { fetcher, seen } = scriptedFetcher(Response.json({ ok: true }));
    const res = await resilientFetch(new Request("https://provider.example/v1/thing"), {
      provider: "example",
      fetcher,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(seen).toHaveLength(1);
  });

  it("retries a 503 then succeeds, sending the same body and idempotency key on every attempt", async () => {
    const { fetcher, seen } = scriptedFetcher(
      new Response("busy", { status: 503 }),
      new Response("busy", { status: 503 }),
      Response.json({ id: "pay_1" }, { status: 201 }),
    );
    const { sleep, waits } = recordedSleep();
    const res = await resilientFetch(post(), {
      provider: "example",
      idempotencyKey: "otp-7f3a",
      fetcher,
      sleep,
      random: () => 0.5,
    });
    expect(res.status, await res.clone().text()).toBe(201);
    expect(seen).toHaveLength(3);
    for (const request of seen) {
      expect(request.method).toBe("POST");
      expect(request.headers.get("idempotency-key")).toBe("otp-7f3a");
      expect(request.headers.get("content-type")).toBe("application/json");
      expect(request.body).toBe('{"amount":1}');
    }
    // Full jitter: half of the 250 ms cap, then half of the doubled cap.
    expect(waits).toEqual([125, 250]);
  });

  it("uses the provider's own idempotency header when told", async () => {
    const { fetcher, seen } = scriptedFetcher(new Response("", { status: 500 }), new Response("ok"));
    await resilientFetch(post(), {
      provider: "twilio",
      idempotencyKey: "k-1",
      idempotencyHeader: "I-Twilio-Idempotency-Token",
      fetcher,
      sleep: recordedSleep().sleep,
    });
    expect(seen.map((r) => r.headers.get("i-twilio-idempotency-token"))).toEqual(["k-1", "k-1"]);
    expect(seen[0]?.headers.has("idempotency-key")).toBe(false);
  });

  it("retries a GET after a network error and after a timeout, without any idempotency key", async () => {
    const { fetcher, seen } = scriptedFetcher("network-error", "hang", Response.json({ ok: true }));
    const res = await resilientFetch(new Request("https://provider.example/v1/status"), {
      provider: "example",
      timeoutMs: 20,
      fetcher,
      sleep: recordedSleep().sleep,
    });
    expect(res.status).toBe(200);
    expect(seen).toHaveLength(3);
  });

  it("honours Retry-After in seconds and as an HTTP date", async () => {
    const seconds = scriptedFetcher(
      new Response("", { status: 429, headers: { "retry-after": "3" } }),
      new Response("ok"),
    );
    const first = recordedSleep();
    await resilientFetch(new Request("https://provider.example/a"), {
      provider: "example",
      fetcher: seconds.fetcher,
      sleep: first.sleep,
    });
    expect(first.waits).toEqual([3000]);

    const at = new Date(Date.now() + 5000).toUTCString();
    const date = scriptedFetcher(
      new Response("", { status: 503, headers: { "retry-after": at } }),
      new Response("ok"),
    );
    const second = recordedSleep();
    const res = await resilientFetch(new Request("https://provider.example/b"), {
      provider: "example",
      fetcher: date.fetcher,
      sleep: second.sleep,
    });
    expect(res.status).toBe(200);
    expect(second.waits[0]).toBeGreaterThan(3000);
    expect(second.waits[0]).toBeLessThanOrEqual(5000);
  });

  it("computes backoff with full jitter under a growing, capped ceiling", () => {
    const policy = { initialMs: 100, maxMs: 1000 };
    expect([0, 1, 2, 3, 4, 10].map((retry) => backoffDelay(retry, policy, () => 0.999999))).toEqual([
      99, 199, 399, 799, 999, 999,
    ]);
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
    expect(parseRetryAfter("120")).toBe(120_000);
    expect(
      parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", Date.parse("Wed, 21 Oct 2015 07:27:00 GMT")),
    ).toBe(60_000);
    expect(parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", Date.parse("2030-01-01T00:00:00Z"))).toBe(0);
    expect(parseRetryAfter("soon")).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });
});
