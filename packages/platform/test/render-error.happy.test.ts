import type { Dialect } from "@edgekyc/schemas";
import { describe, expect, it } from "vitest";
import { ApiError, ERROR_STATUS, type ErrorCode, renderError } from "../src/index.ts";

const invalid = new ApiError("validation_failed", "invalid body: reference: too long", {
  details: [
    { path: "reference", message: "too long" },
    { path: "reference", message: "must not contain spaces" },
    { path: "person.surname", message: "required" },
  ],
});
const notFound = new ApiError("not_found", "no such session");

const withDetails: [Dialect, string, unknown][] = [
  [
    "edgekyc",
    "application/problem+json",
    {
      type: "https://edgekyc.dev/errors/validation_failed",
      title: "Validation failed",
      status: 422,
      detail: "invalid body: reference: too long",
      code: "validation_failed",
      requestId: "req_1",
      errors: invalid.details,
    },
  ],
  [
    "machinesense",
    "application/json",
    { result: "Err", code: 1001, message: "invalid body: reference: too long", data: null },
  ],
  [
    "assure",
    "application/problem+json",
    {
      type: "https://edgekyc.dev/errors/validation_failed",
      title: "Validation failed",
      status: 422,
      detail: "invalid body: reference: too long",
      traceId: "req_1",
      errors: invalid.details,
    },
  ],
  ["smileid", "application/json", { code: "2204", error: "invalid body: reference: too long" }],
  [
    "ndt",
    "application/json",
    {
      status: "invalidRequest",
      errors: [
        { field: "reference", message: "too long" },
        { field: "reference", message: "must not contain spaces" },
        { field: "person.surname", message: "required" },
      ],
      requestId: "req_1",
    },
  ],
  [
    "idenfy",
    "application/json",
    {
      identifier: "VALIDATION_FAILED",
      message: "invalid body: reference: too long",
      errors: { reference: ["too long", "must not contain spaces"], "person.surname": ["required"] },
    },
  ],
];

const withoutDetails: [Dialect, unknown][] = [
  [
    "edgekyc",
    {
      type: "https://edgekyc.dev/errors/not_found",
      title: "Not found",
      status: 404,
      detail: "no such session",
      code: "not_found",
      requestId: "req_2",
    },
  ],
  ["machinesense", { result: "Err", code: 1004, message: "no such session", data: null }],
  [
    "assure",
    {
      type: "https://edgekyc.dev/errors/not_found",
      title: "Not found",
      status: 404,
      detail: "no such session",
      traceId: "req_2",
    },
  ],
  ["smileid", { code: "2203", error: "no such session" }],
  ["ndt", { status: "notFound", errors: [{ message: "no such session" }], requestId: "req_2" }],
  ["idenfy", { identifier: "NOT_FOUND", message: "no such session" }],
];

describe("renderError", () => {
  it.each(withDetails)("%s: a validation failure names every field", async (dialect, type, body) => {
    const res = renderError(dialect, invalid, "req_1");
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe(type);
    expect(res.headers.get("x-request-id")).toBe("req_1");
    expect(await res.json()).toStrictEqual(body);
  });

  it.each(withoutDetails)("%s: an error without details has no errors member", async (dialect, body) => {
    const res = renderError(dialect, notFound, "req_2");
    expect(res.status).toBe(404);
    expect(await res.json()).toStrictEqual(body);
  });

  it("maps every code to its documented status and dialect codes", async () => {
    const expected: Record<ErrorCode, [number, number, string, string]> = {
      bad_request: [400, 1001, "2204", "invalidRequest"],
      validation_failed: [422, 1001, "2204", "invalidRequest"],
      unauthorized: [401, 1002, "2205", "unauthorized"],
      forbidden: [403, 1003, "2205", "unauthorized"],
      not_found: [404, 1004, "2203", "notFound"],
      conflict: [409, 1005, "2204", "invalidRequest"],
      payload_too_large: [413, 1006, "2213", "invalidRequest"],
      unsupported_media_type: [415, 1007, "2204", "invalidRequest"],
      rate_limited: [429, 1008, "2209", "error"],
      internal: [500, 1099, "2201", "error"],
      unavailable: [503, 1098, "2201", "error"],
    };
    for (const [code, [status, machinesense, smileid, ndt]] of Object.entries(expected)) {
      const error = new ApiError(code as ErrorCode, "m");
      expect(ERROR_STATUS[code as ErrorCode]).toBe(status);
      expect(error.status).toBe(status);
      expect(await renderError("machinesense", error, "r").json(), code).toMatchObject({
        code: machinesense,
      });
      expect(await renderError("smileid", error, "r").json(), code).toMatchObject({ code: smileid });
      expect(await renderError("ndt", error, "r").json(), code).toMatchObject({ status: ndt });
      expect(await renderError("idenfy", error, "r").json(), code).toMatchObject({
        identifier: code.toUpperCase(),
      });
    }
  });

  it("keeps the error's own headers but never lets them replace content type or request id", () => {
    const error = new ApiError("rate_limited", "slow down", {
      headers: { "retry-after": "60", "content-type": "text/html", "x-request-id": "forged" },
    });
    const res = renderError("edgekyc", error, "req_3");
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("60");
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.headers.get("x-request-id")).toBe("req_3");
  });
});
