import { describe, expect, it } from "vitest";
import { ProviderError, resilientFetch } from "../src/index.ts";

function scripted(...replies: (Response | "network" | "hang")[]) {
  const calls: Request[] = [];
  const fetcher: typeof fetch = async (input, init) => {
    calls.push(new Request(input, init));
    const reply = replies.shift() ?? new Response("ok");
    if (reply === "network") throw new TypeError("connection refused");
    if (reply === "hang") {
      return new Promise((_, reject) =>
        init?.signal?.addEventListener("abort", () => reject(init.signal?.reason)),
      );
    }
    return reply;
  };
  return { fetcher, calls };
}

const noSleep = { sleep: async () => undefined, random: () => 0 };

describe("resilientFetch", () => {
  it("retries a 503 then succeeds, sending the idempotency key on every attempt", async () => {
    const { fetcher, calls } = scripted(new Response("", { status: 503 }), new Response("done"));
    const res = await resilientFetch(
      "https://api.example.com/x",
      { method: "POST", body: "a" },
      {
        provider: "example",
        idempotencyKey: "otp-123",
        fetcher,
        ...noSleep,
      },
    );
    expect(await res.text()).toBe("done");
    expect(calls.map((c) => c.headers.get("idempotency-key"))).toEqual(["otp-123", "otp-123"]);
  });

  it("never retries a 4xx other than 429, nor a POST without an idempotency key", async () => {
    const bad = scripted(new Response("", { status: 400 }));
    expect(
      (
        await resilientFetch(
          "https://x",
          { method: "GET" },
          { provider: "p", fetcher: bad.fetcher, ...noSleep },
        )
      ).status,
    ).toBe(400);
    expect(bad.calls).toHaveLength(1);
    const post = scripted(new Response("", { status: 503 }));
    expect(
      (
        await resilientFetch(
          "https://x",
          { method: "POST" },
          { provider: "p", fetcher: post.fetcher, ...noSleep },
        )
      ).status,
    ).toBe(503);
    expect(post.calls).toHaveLength(1);
  });

  it("honours Retry-After, and gives up when it asks for too long", async () => {
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
    };
    const ok = scripted(
      new Response("", { status: 429, headers: { "retry-after": "2" } }),
      new Response("ok"),
    );
    await resilientFetch("https://x", {}, { provider: "p", fetcher: ok.fetcher, sleep });
    expect(waits).toEqual([2000]);
    const long = scripted(new Response("", { status: 429, headers: { "retry-after": "3600" } }));
    expect(
      (await resilientFetch("https://x", {}, { provider: "p", fetcher: long.fetcher, sleep })).status,
    ).toBe(429);
  });

  it("turns timeouts and network errors into retryable ProviderErrors without request data", async () => {
    const { fetcher } = scripted("hang");
    const error = await resilientFetch(
      "https://x/?phone=+447700900123",
      {},
      { provider: "twilio", fetcher, timeoutMs: 20, retries: 0 },
    ).catch((e) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: "timeout", retryable: true });
    expect(String(error.message)).not.toContain("447700900123");
    const network = scripted("network", "network", "network");
    await expect(
      resilientFetch("https://x", {}, { provider: "p", fetcher: network.fetcher, ...noSleep }),
    ).rejects.toMatchObject({
      kind: "network",
    });
    expect(network.calls).toHaveLength(3);
  });
});
