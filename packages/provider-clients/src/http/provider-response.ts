import type { z } from "zod";
import { isRetryableStatus, ProviderError } from "./provider-error.ts";

export interface ReadProviderJsonOptions<T> {
  provider: string;
  /** Shape of a successful answer; anything else is an `invalid_response`. */
  schema: z.ZodType<T>;
  /** Picks the provider's own error code out of an error body (never its message: it may echo input). */
  errorCode?: (body: unknown) => string | number | null | undefined;
}

async function jsonOrUndefined(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/**
 * The validated JSON of a 2xx answer. Throws ProviderError: `http` for any other status (retryable for
 * 429 and 5xx, with the provider's error code when `errorCode` finds one), `invalid_response` for a body
 * that is not JSON or not the expected shape.
 */
export async function readProviderJson<T>(
  response: Response,
  options: ReadProviderJsonOptions<T>,
): Promise<T> {
  const { provider } = options;
  if (!response.ok) {
    const body = await jsonOrUndefined(response);
    const code = body === undefined ? null : (options.errorCode?.(body) ?? null);
    throw new ProviderError({
      provider,
      kind: "http",
      status: response.status,
      providerCode: code === null ? null : String(code),
      retryable: isRetryableStatus(response.status),
    });
  }
  const body = await jsonOrUndefined(response);
  if (body === undefined) {
    throw new ProviderError({
      provider,
      kind: "invalid_response",
      status: response.status,
      detail: "answered with a body that is not JSON",
    });
  }
  const parsed = options.schema.safeParse(body);
  if (!parsed.success) {
    // Only the paths of what is wrong: the body itself may hold personal data.
    const paths = [...new Set(parsed.error.issues.map((issue) => issue.path.join(".") || "(root)"))].slice(
      0,
      5,
    );
    throw new ProviderError({
      provider,
      kind: "invalid_response",
      status: response.status,
      detail: `answered with an unexpected body at ${paths.join(", ")}`,
    });
  }
  return parsed.data;
}
