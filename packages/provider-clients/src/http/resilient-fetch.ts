import { isRetryableStatus, ProviderError } from "./provider-error.ts";

/** What resilientFetch calls to send one attempt: `fetch`, a service binding's fetch, or a test handler. */
export type FetchFn = (request: Request) => Promise<Response>;

/** A failure that may be retried; `retryOn` sees only these, never a 2xx, 3xx or other 4xx. */
export type RetryableFailure = { kind: "timeout" } | { kind: "network" } | { kind: "http"; status: number };

export interface BackoffPolicy {
  /** Cap of the first wait; it doubles per retry (full jitter picks a wait between 0 and the cap). */
  initialMs: number;
  /** Largest cap, however many retries. */
  maxMs: number;
}

export interface ResilientFetchOptions {
  /** Short provider name for errors and logs, e.g. "twilio". */
  provider: string;
  /** Per attempt. Default 10 s. */
  timeoutMs?: number;
  /** Retries after the first attempt (only when the request is safe to repeat). Default 2. */
  retries?: number;
  /** Default { initialMs: 250, maxMs: 4000 }. */
  backoff?: Partial<BackoffPolicy>;
  /**
   * Longest Retry-After honoured. When a 429/503 asks for longer, its response is returned at once:
   * retrying sooner would only be refused again, and waiting longer would hold the caller's request.
   * Default 10 s.
   */
  maxRetryAfterMs?: number;
  /** Sent on every attempt; makes a POST safe to repeat when the provider honours it. */
  idempotencyKey?: string;
  /** Header that carries idempotencyKey. Default "Idempotency-Key". */
  idempotencyHeader?: string;
  /**
   * Narrows which retryable failures are retried. Never widens: other 4xx answers are never retried.
   * Default: everything except 501 and 505, which will not change on a second try.
   */
  retryOn?: (failure: RetryableFailure) => boolean;
  /** Cancels the whole call (all attempts and waits); its reason is rethrown as is. */
  signal?: AbortSignal;
  fetcher?: FetchFn;
  /** Injected in tests to skip real waiting. */
  sleep?: (ms: number) => Promise<void>;
  /** Injected in tests; Math.random by default. */
  random?: () => number;
}

export const RESILIENT_FETCH_DEFAULTS = {
  timeoutMs: 10_000,
  retries: 2,
  backoff: { initialMs: 250, maxMs: 4000 },
  maxRetryAfterMs: 10_000,
  idempotencyHeader: "Idempotency-Key",
} as const;

/** Methods that change nothing, so repeating them is always safe. */
const SAFE_METHODS = new Set(["GET", "HEAD"]);

export function defaultRetryOn(failure: RetryableFailure): boolean {
  return failure.kind !== "http" || (failure.status !== 501 && failure.status !== 505);
}

/** Milliseconds a Retry-After header asks to wait (delta-seconds or an HTTP date), or null if absent/invalid. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** Full jitter (AWS architecture blog): a uniform wait between 0 and the exponentially growing cap. */
export function backoffDelay(retry: number, policy: BackoffPolicy, random: () => number): number {
  const cap = Math.min(policy.maxMs, policy.initialMs * 2 ** retry);
  return Math.floor(random() * cap);
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Rejects when the signal aborts, even if the fetcher ignores the signal. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/**
 * fetch for calls to external providers: a timeout per attempt, and retries with exponential backoff and
 * full jitter — only for network errors, timeouts, 429 and 5xx, and only when the request is safe to
 * repeat (GET/HEAD, or an idempotency key that the provider honours, sent on every attempt). Retry-After
 * is honoured up to `maxRetryAfterMs`.
 *
 * Any answer that is not retried (2xx, 3xx, other 4xx, or the last retryable one) is returned as is, so
 * the caller can read the provider's error body; `readProviderJson` turns it into a ProviderError.
 * Throws ProviderError (kind timeout or network) when no answer came at all.
 */
export async function resilientFetch(request: Request, options: ResilientFetchOptions): Promise<Response> {
  const timeoutMs = options.timeoutMs ?? RESILIENT_FETCH_DEFAULTS.timeoutMs;
  const backoff = { ...RESILIENT_FETCH_DEFAULTS.backoff, ...options.backoff };
  const maxRetryAfterMs = options.maxRetryAfterMs ?? RESILIENT_FETCH_DEFAULTS.maxRetryAfterMs;
  const retryOn = options.retryOn ?? defaultRetryOn;
  const fetcher = options.fetcher ?? ((req: Request) => fetch(req));
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;

  const method = request.method.toUpperCase();
  const repeatable = SAFE_METHODS.has(method) || options.idempotencyKey !== undefined;
  const retries = repeatable
    ? Math.max(0, Math.floor(options.retries ?? RESILIENT_FETCH_DEFAULTS.retries))
    : 0;

  const headers = new Headers(request.headers);
  if (options.idempotencyKey !== undefined) {
    headers.set(
      options.idempotencyHeader ?? RESILIENT_FETCH_DEFAULTS.idempotencyHeader,
      options.idempotencyKey,
    );
  }
  // A body stream can be read once; keep the bytes so every attempt sends the same body.
  const body = request.body === null ? null : await request.arrayBuffer();

  for (let attempt = 1; ; attempt++) {
    const mayRetry = attempt <= retries;
    options.signal?.throwIfAborted();
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    const attemptRequest = new Request(request.url, {
      method,
      headers,
      body,
      redirect: request.redirect,
      signal,
    });

    let response: Response;
    try {
      response = await untilAborted(fetcher(attemptRequest), signal);
    } catch {
      if (options.signal?.aborted) throw options.signal.reason;
      const failure: RetryableFailure = { kind: timeout.aborted ? "timeout" : "network" };
      if (!mayRetry || !retryOn(failure)) {
        // The cause is left out on purpose: runtime network errors can carry the URL.
        throw new ProviderError({ provider: options.provider, kind: failure.kind, attempts: attempt });
      }
      await sleep(backoffDelay(attempt - 1, backoff, random));
      continue;
    }

    if (!isRetryableStatus(response.status) || !mayRetry) return response;
    if (!retryOn({ kind: "http", status: response.status })) return response;
    const retryAfter = parseRetryAfter(response.headers.get("retry-after"));
    if (retryAfter !== null && retryAfter > maxRetryAfterMs) return response;
    await response.body?.cancel();
    await sleep(retryAfter ?? backoffDelay(attempt - 1, backoff, random));
  }
}
