import type { FetchFn } from "../../src/index.ts";

/** A request as the provider would have received it. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: Headers;
  body: string;
}

/** What the in-runtime "provider" does on one attempt. */
export type Reply = Response | (() => Response) | "network-error" | "hang";

/**
 * An injected fetcher standing in for the provider: answers each attempt with the next scripted reply
 * (the last one repeats) and records every request it saw.
 */
export function scriptedFetcher(...replies: Reply[]): { fetcher: FetchFn; seen: SeenRequest[] } {
  const seen: SeenRequest[] = [];
  let next = 0;
  const fetcher: FetchFn = async (request) => {
    // Bytes, then decode: workerd warns when .text() is called on a form-encoded body.
    const bytes = request.body === null ? new Uint8Array() : new Uint8Array(await request.arrayBuffer());
    seen.push({
      method: request.method,
      url: request.url,
      headers: new Headers(request.headers),
      body: new TextDecoder().decode(bytes),
    });
    const reply = replies[Math.min(next++, replies.length - 1)];
    if (reply === undefined) throw new Error("scriptedFetcher needs at least one reply");
    if (reply === "network-error") throw new TypeError("Network connection lost.");
    if (reply === "hang") return new Promise<Response>(() => {});
    return typeof reply === "function" ? reply() : reply.clone();
  };
  return { fetcher, seen };
}

/** Records waits instead of sleeping, so retry tests run instantly and can check the delays. */
export function recordedSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    sleep: async (ms) => {
      waits.push(ms);
    },
  };
}

export const TWILIO_SID = `AC${"0123456789abcdef".repeat(2)}`;
export const TWILIO_SERVICE = `MG${"fedcba9876543210".repeat(2)}`;
