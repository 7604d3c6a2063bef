export type ProviderErrorKind = "timeout" | "network" | "http" | "invalid_response";

export interface ProviderErrorInit {
  /** Short provider name, e.g. "twilio". */
  provider: string;
  kind: ProviderErrorKind;
  /** HTTP status of the provider's answer, when there was one. */
  status?: number | null;
  /** The provider's own error code (e.g. Twilio 21211, Postmark 406): safe to log, useful to branch on. */
  providerCode?: string | null;
  /** Whether trying again later may succeed (timeouts, network errors, 429, 5xx). */
  retryable?: boolean;
  /** Attempts made, retries included. */
  attempts?: number;
  /**
   * A fixed description of what went wrong. Never put request or response data here (numbers, emails,
   * names, message bodies, URLs with query strings): error messages end up in logs.
   */
  detail?: string;
}

const DEFAULT_DETAIL: Record<ProviderErrorKind, string> = {
  timeout: "timed out",
  network: "could not be reached",
  http: "refused the request",
  invalid_response: "answered with an unexpected body",
};

/**
 * A failed call to an external provider. The message is built only from the fields above (provider,
 * kind, status, provider code, attempts), so it can be logged as it is.
 */
export class ProviderError extends Error {
  override readonly name = "ProviderError";
  readonly provider: string;
  readonly kind: ProviderErrorKind;
  readonly status: number | null;
  readonly providerCode: string | null;
  readonly retryable: boolean;
  readonly attempts: number;

  constructor(init: ProviderErrorInit) {
    const status = init.status ?? null;
    const providerCode = init.providerCode ?? null;
    const attempts = init.attempts ?? 1;
    const parts = [
      `${init.provider} ${init.detail ?? DEFAULT_DETAIL[init.kind]}`,
      status !== null ? `(HTTP ${status}${providerCode !== null ? `, code ${providerCode}` : ""})` : "",
      attempts > 1 ? `after ${attempts} attempts` : "",
    ];
    super(parts.filter(Boolean).join(" "));
    this.provider = init.provider;
    this.kind = init.kind;
    this.status = status;
    this.providerCode = providerCode;
    this.retryable = init.retryable ?? (init.kind === "timeout" || init.kind === "network");
    this.attempts = attempts;
  }
}

/** 429 and 5xx mean "not now"; every other 4xx means "not like this" and will fail again. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}
