import { ApiError, ConfigError, createLogger, type ErrorCode, newId } from "@edgekyc/platform";
import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";

// iDenfy's error body is `{identifier, message}` with a closed set of identifiers. The platform's idenfy
// renderer upper-cases the platform's codes (VALIDATION_FAILED, RATE_LIMITED…), which are not iDenfy's,
// so this app renders its own errors from the same ApiError and the iDenfy table below.

const IDENFY_IDENTIFIERS = [
  "MISSING_VALUE",
  "BAD_VALUE",
  "UNAUTHORIZED",
  "JSON_ERROR",
  "TOKEN_NOT_VALID",
  "PERMISSIONS_ERROR",
  "TOO_MANY_REQUESTS",
  "INTERNAL_ERROR",
  "METHOD_NOT_ALLOWED",
  "ENCODING_ERROR",
] as const;
export type IdenfyIdentifier = (typeof IDENFY_IDENTIFIERS)[number];

/** An error with an iDenfy identifier of its own (TOKEN_NOT_VALID, MISSING_VALUE…) and an HTTP status. */
export class IdenfyError extends Error {
  override name = "IdenfyError";
  constructor(
    readonly identifier: IdenfyIdentifier,
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badValue = (message: string, status = 400) => new IdenfyError("BAD_VALUE", status, message);
const missingValue = (field: string) =>
  new IdenfyError("MISSING_VALUE", 400, `Missing mandatory parameter: ${field}.`);
export const tokenNotValid = (message = "Verification token is not valid or expired.") =>
  new IdenfyError("TOKEN_NOT_VALID", 401, message);
export const notFound = (what: string) => new IdenfyError("BAD_VALUE", 404, `${what} was not found.`);

const FROM_CODE: Record<ErrorCode, IdenfyIdentifier> = {
  bad_request: "BAD_VALUE",
  validation_failed: "BAD_VALUE",
  unauthorized: "UNAUTHORIZED",
  forbidden: "PERMISSIONS_ERROR",
  not_found: "BAD_VALUE",
  conflict: "BAD_VALUE",
  payload_too_large: "BAD_VALUE",
  unsupported_media_type: "JSON_ERROR",
  rate_limited: "TOO_MANY_REQUESTS",
  internal: "INTERNAL_ERROR",
  unavailable: "INTERNAL_ERROR",
};

/** zod says "received undefined" for a required field that is absent: that is iDenfy's MISSING_VALUE. */
function fromApiError(error: ApiError): IdenfyError {
  const missing = error.details?.find((d) => /received undefined/.test(d.message));
  if (error.code === "validation_failed" && missing) return missingValue(missing.path);
  if (error.code === "validation_failed" && error.details?.[0]) {
    const first = error.details[0];
    return new IdenfyError("BAD_VALUE", 400, `${first.path}: ${first.message}`);
  }
  const status = error.code === "validation_failed" ? 400 : error.status;
  return new IdenfyError(FROM_CODE[error.code], status, error.message, error.headers ?? {});
}

function renderIdenfyError(error: IdenfyError, requestId: string): Response {
  const headers = new Headers(error.headers);
  headers.set("content-type", "application/json");
  headers.set("x-request-id", requestId);
  return new Response(JSON.stringify({ identifier: error.identifier, message: error.message }), {
    status: error.status,
    headers,
  });
}

type Vars = { Variables: { requestId?: string; log?: ReturnType<typeof createLogger> } };

/** The app's onError: every failure as an iDenfy error body; never a stack trace. */
export const idenfyOnError: ErrorHandler = (error, c) => {
  const ctx = c as unknown as Context<Vars>;
  const requestId = ctx.get("requestId") ?? newId("req");
  const log = ctx.get("log") ?? createLogger({ app: "poa-additional-steps", requestId });
  if (error instanceof IdenfyError) return renderIdenfyError(error, requestId);
  if (error instanceof ApiError) {
    if (error.status >= 500) log.error("request failed", { error: error.message, errorCode: error.code });
    return renderIdenfyError(fromApiError(error), requestId);
  }
  if (error instanceof HTTPException) {
    if (error.status === 400) {
      return renderIdenfyError(new IdenfyError("JSON_ERROR", 400, "Malformed JSON body."), requestId);
    }
    if (error.status === 415) {
      return renderIdenfyError(
        new IdenfyError("JSON_ERROR", 415, "The body must be JSON (Content-Type: application/json)."),
        requestId,
      );
    }
    const status = error.status;
    const identifier: IdenfyIdentifier =
      status === 401 ? "UNAUTHORIZED" : status >= 500 ? "INTERNAL_ERROR" : "BAD_VALUE";
    return renderIdenfyError(
      new IdenfyError(identifier, status, error.message || "request refused"),
      requestId,
    );
  }
  if (error instanceof ConfigError) {
    log.error("configuration error", { error: error.message });
    return renderIdenfyError(
      new IdenfyError(
        "INTERNAL_ERROR",
        503,
        "The service is not configured correctly; quote the request id.",
      ),
      requestId,
    );
  }
  log.error("unhandled error", { error });
  return renderIdenfyError(
    new IdenfyError("INTERNAL_ERROR", 500, "Internal error; quote the request id when reporting it."),
    requestId,
  );
};

export const idenfyNotFound: NotFoundHandler = (c) => {
  const ctx = c as unknown as Context<Vars>;
  return renderIdenfyError(
    new IdenfyError("BAD_VALUE", 404, `No route for ${c.req.method} ${c.req.path}.`),
    ctx.get("requestId") ?? newId("req"),
  );
};

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

const TARGET_NAMES: Record<string, string> = { json: "body", query: "query", param: "path" };

/**
 * The validation hook of every route: an absent required field is iDenfy's MISSING_VALUE, anything else
 * wrong is BAD_VALUE naming the field; a body that is not JSON is JSON_ERROR.
 */
export function idenfyValidationHook(
  result: { success: boolean; target: string; error?: unknown },
  c: Context,
): Promise<never> | undefined {
  return result.success ? undefined : refuseInvalid(result, c);
}

async function refuseInvalid(result: { target: string; error?: unknown }, c: Context): Promise<never> {
  const target = String(result.target);
  if (
    target === "json" &&
    !/^application\/([\w.-]+\+)?json$/i.test((c.req.header("content-type") ?? "").split(";")[0]?.trim() ?? "")
  ) {
    throw new IdenfyError("JSON_ERROR", 415, "The body must be JSON (Content-Type: application/json).");
  }
  const issues = (result.error as { issues: { path: PropertyKey[]; message: string }[] }).issues;
  const input =
    target === "json"
      ? await c.req.json().catch(() => undefined)
      : target === "query"
        ? c.req.query()
        : c.req.param();
  const missing = issues.find((issue) => issue.path.length > 0 && valueAt(input, issue.path) === undefined);
  if (missing) throw missingValue(missing.path.map(String).join("."));
  const first = issues[0];
  const where = first?.path.length ? first.path.map(String).join(".") : `(${TARGET_NAMES[target] ?? target})`;
  throw new IdenfyError("BAD_VALUE", 400, `${where}: ${first?.message ?? "is not valid"}`);
}
