export type ProviderErrorKind = "timeout" | "network" | "http" | "invalid_response";

/** A failed call to an external provider. Messages name the provider and status, never request data. */
export class ProviderError extends Error {
  override name = "ProviderError";
  constructor(
    readonly provider: string,
    readonly kind: ProviderErrorKind,
    message: string,
    readonly status: number | null = null,
    readonly retryable = false,
  ) {
    super(`${provider}: ${message}`);
  }
}

export interface ResilientFetchOptions {
  /** Name used in errors and logs (e.g. "twilio"). */
  provider: string;
  timeoutMs?: number;
  /** Retries after the first attempt. */
  retries?: number;
  /** Base of the exponential backoff in ms (full jitter). */
  backoffMs?: number;
  /** Longest wait a Retry-After may impose before we give up instead. */
  maxRetryAfterMs?: number;
  /** Sent on every attempt under `idempotencyHeader`; makes POSTs safe to repeat. */
  idempotencyKey?: string;
  idempotencyHeader?: string;
  fetcher?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function retryAfterMs(value: string | null, now: number): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * fetch with a timeout per attempt and retries with exponential backoff and full jitter — only for
 * network errors, timeouts, 429 and 5xx, and only when repeating is safe (a safe method, or an
 * idempotency key the provider honours). Other 4xx answers are returned to the caller at once.
 */
export async function resilientFetch(
  input: string | URL,
  init: RequestInit,
  options: ResilientFetchOptions,
): Promise<Response> {
  const fetcher = options.fetcher ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = options.random ?? Math.random;
  const method = (init.method ?? "GET").toUpperCase();
  const repeatable = SAFE_METHODS.has(method) || options.idempotencyKey !== undefined;
  const retries = repeatable ? (options.retries ?? 2) : 0;
  const headers = new Headers(init.headers);
  if (options.idempotencyKey !== undefined) {
    headers.set(options.idempotencyHeader ?? "Idempotency-Key", options.idempotencyKey);
  }

  for (let attempt = 0; ; attempt++) {
    const last = attempt >= retries;
    const signal = AbortSignal.timeout(options.timeoutMs ?? 10_000);
    let response: Response;
    try {
      response = await fetcher(input, { ...init, headers, signal });
    } catch {
      const kind = signal.aborted ? "timeout" : "network";
      if (last)
        throw new ProviderError(
          options.provider,
          kind,
          kind === "timeout" ? "request timed out" : "connection failed",
          null,
          true,
        );
      await sleep(random() * (options.backoffMs ?? 250) * 2 ** attempt);
      continue;
    }
    const retryableStatus = response.status === 429 || response.status >= 500;
    if (!retryableStatus || last) return response;
    const wait = retryAfterMs(response.headers.get("retry-after"), Date.now());
    if (wait !== null && wait > (options.maxRetryAfterMs ?? 30_000)) return response;
    await response.body?.cancel();
    await sleep(wait ?? random() * (options.backoffMs ?? 250) * 2 ** attempt);
  }
}

/** Throws a ProviderError for a non-2xx answer; returns the parsed JSON otherwise. */
export async function expectJson<T>(provider: string, response: Response): Promise<T> {
  if (!response.ok) {
    throw new ProviderError(
      provider,
      "http",
      `answered HTTP ${response.status}`,
      response.status,
      response.status === 429 || response.status >= 500,
    );
  }
  try {
    return (await response.json()) as T;
  } catch {
    throw new ProviderError(
      provider,
      "invalid_response",
      "answered with a body that is not JSON",
      response.status,
    );
  }
}
