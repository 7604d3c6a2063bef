import type { AttemptOutcome } from "../db/schema.ts";
import { parseRetryAfter } from "./retry-schedule.ts";

/** How much of a receiver's answer is kept for the delivery log. */
const RESPONSE_EXCERPT_BYTES = 1024;

export interface AttemptResult {
  outcome: AttemptOutcome;
  statusCode: number | null;
  durationMs: number;
  /** First KiB of the response body as text. */
  excerpt: string | null;
  truncated: boolean;
  retryAfterSeconds: number | null;
  error: string | null;
}

export interface PostOptions {
  url: URL;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  fetcher?: typeof fetch;
  now?: () => number;
}

/**
 * POSTs one webhook. Only 2xx counts as success. Redirects are not followed: a 3xx could point the
 * gateway at an internal address the SSRF guard never saw. At most the first KiB of the response is read.
 */
export async function postWebhook(options: PostOptions): Promise<AttemptResult> {
  const now = options.now ?? Date.now;
  const fetcher = options.fetcher ?? fetch;
  const started = now();
  const signal = AbortSignal.timeout(options.timeoutMs);
  let response: Response;
  try {
    response = await fetcher(options.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "EdgeKYC-Webhooks/1.0",
        ...options.headers,
      },
      body: options.body,
      redirect: "manual",
      signal,
    });
  } catch (error) {
    const timedOut = signal.aborted;
    return {
      outcome: timedOut ? "timeout" : "network_error",
      statusCode: null,
      durationMs: now() - started,
      excerpt: null,
      truncated: false,
      retryAfterSeconds: null,
      error: timedOut
        ? `no response within ${Math.round(options.timeoutMs / 1000)} s`
        : `connection failed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300),
    };
  }
  const { text, truncated } = await readExcerpt(response, signal);
  const ok = response.status >= 200 && response.status < 300;
  return {
    outcome: ok ? "success" : "http_error",
    statusCode: response.status,
    durationMs: now() - started,
    excerpt: text,
    truncated,
    retryAfterSeconds: ok ? null : parseRetryAfter(response.headers.get("retry-after"), now()),
    error: ok ? null : `receiver answered HTTP ${response.status}`,
  };
}

async function readExcerpt(
  response: Response,
  signal: AbortSignal,
): Promise<{ text: string | null; truncated: boolean }> {
  if (!response.body) return { text: null, truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  try {
    while (size < RESPONSE_EXCERPT_BYTES && !signal.aborted) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
    // Exactly a KiB read: one more read tells whether anything was left out.
    if (size === RESPONSE_EXCERPT_BYTES && !signal.aborted) truncated = !(await reader.read()).done;
  } catch {
    // A body cut off mid-way still tells what the receiver answered; keep what arrived.
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  const bytes = new Uint8Array(Math.min(size, RESPONSE_EXCERPT_BYTES));
  let offset = 0;
  for (const chunk of chunks) {
    const take = Math.min(chunk.byteLength, bytes.byteLength - offset);
    bytes.set(chunk.subarray(0, take), offset);
    offset += take;
    if (offset >= bytes.byteLength) break;
  }
  if (size > RESPONSE_EXCERPT_BYTES) truncated = true;
  return { text: new TextDecoder().decode(bytes), truncated };
}
