import type { Dialect } from "@edgekyc/schemas";
import type { ApiError, ErrorCode } from "./api-error.ts";

export const TITLES: Record<ErrorCode, string> = {
  bad_request: "Bad request",
  validation_failed: "Validation failed",
  unauthorized: "Unauthorized",
  forbidden: "Forbidden",
  not_found: "Not found",
  conflict: "Conflict",
  payload_too_large: "Payload too large",
  unsupported_media_type: "Unsupported media type",
  rate_limited: "Too many requests",
  internal: "Internal error",
  unavailable: "Service unavailable",
};

/** MachineSense answers `{result: "Err", code: <int>}`; its document defines no numbers, so these are ours. */
export const MACHINESENSE_CODES: Record<ErrorCode, number> = {
  bad_request: 1001,
  validation_failed: 1001,
  unauthorized: 1002,
  forbidden: 1003,
  not_found: 1004,
  conflict: 1005,
  payload_too_large: 1006,
  unsupported_media_type: 1007,
  rate_limited: 1008,
  internal: 1099,
  unavailable: 1098,
};

/** Smile ID's four-digit error codes (strings, as Smile ID sends them). */
export const SMILEID_CODES: Record<ErrorCode, string> = {
  bad_request: "2204",
  validation_failed: "2204",
  unauthorized: "2205",
  forbidden: "2205",
  not_found: "2203",
  conflict: "2204",
  payload_too_large: "2213",
  unsupported_media_type: "2204",
  rate_limited: "2209",
  internal: "2201",
  unavailable: "2201",
};

export const NDT_STATUS_VALUES = ["invalidRequest", "unauthorized", "notFound", "error"] as const;
type NdtStatus = (typeof NDT_STATUS_VALUES)[number];

/** NDT's error `status`, in its camelCase style; a closed set, so finer codes fold into the nearest. */
const NDT_STATUSES: Record<ErrorCode, NdtStatus> = {
  bad_request: "invalidRequest",
  validation_failed: "invalidRequest",
  unauthorized: "unauthorized",
  forbidden: "unauthorized",
  not_found: "notFound",
  conflict: "invalidRequest",
  payload_too_large: "invalidRequest",
  unsupported_media_type: "invalidRequest",
  rate_limited: "error",
  internal: "error",
  unavailable: "error",
};

/** RFC 9457 problem details, with the dialect's own extra members. */
function problem(error: ApiError, extra: Record<string, string>): { json: unknown; contentType: string } {
  return {
    json: {
      type: `https://edgekyc.dev/errors/${error.code}`,
      title: TITLES[error.code],
      status: error.status,
      detail: error.message,
      ...extra,
      ...(error.details?.length ? { errors: error.details } : {}),
    },
    contentType: "application/problem+json",
  };
}

function body(dialect: Dialect, error: ApiError, requestId: string): { json: unknown; contentType: string } {
  const details = error.details;
  switch (dialect) {
    case "machinesense":
      return {
        json: { result: "Err", code: MACHINESENSE_CODES[error.code], message: error.message, data: null },
        contentType: "application/json",
      };
    case "smileid":
      return {
        json: { code: SMILEID_CODES[error.code], error: error.message },
        contentType: "application/json",
      };
    case "ndt":
      return {
        json: {
          status: NDT_STATUSES[error.code],
          errors: details?.length
            ? details.map((d) => ({ field: d.path, message: d.message }))
            : [{ message: error.message }],
          requestId,
        },
        contentType: "application/json",
      };
    case "idenfy": {
      const errors = details?.length
        ? Object.fromEntries(
            Object.entries(Object.groupBy(details, (d) => d.path)).map(([path, list]) => [
              path,
              (list ?? []).map((d) => d.message),
            ]),
          )
        : undefined;
      return {
        json: { identifier: error.code.toUpperCase(), message: error.message, ...(errors ? { errors } : {}) },
        contentType: "application/json",
      };
    }
    case "assure":
      // Assure's problem details name the request `traceId`.
      return problem(error, { traceId: requestId });
    case "edgekyc":
      return problem(error, { code: error.code, requestId });
  }
}

/** The error body each dialect's clients expect, with the request id header. */
export function renderError(dialect: Dialect, error: ApiError, requestId: string): Response {
  const { json, contentType } = body(dialect, error, requestId);
  // The error's own headers (Retry-After, WWW-Authenticate) cannot replace the content type or request id.
  const headers = new Headers(error.headers);
  headers.set("content-type", contentType);
  headers.set("x-request-id", requestId);
  return new Response(JSON.stringify(json), { status: error.status, headers });
}
