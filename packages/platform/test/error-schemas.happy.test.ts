import { DIALECTS } from "@edgekyc/schemas";
import { describe, expect, it } from "vitest";
import { ERROR_BODY_SCHEMAS, ERROR_MEDIA_TYPES } from "../src/errors/error-schemas.ts";
import { ApiError, ERROR_STATUS, type ErrorCode, errorResponses, renderError } from "../src/index.ts";

const CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

describe("errorResponses documents what renderError sends", () => {
  for (const dialect of DIALECTS) {
    it(`${dialect}: every code, with and without field issues, matches the documented schema`, async () => {
      for (const code of CODES) {
        for (const details of [undefined, [{ path: "document.number", message: "is required" }]]) {
          const res = renderError(
            dialect,
            new ApiError(code, `a ${code} error`, { details }),
            "req_contract",
          );
          const status = ERROR_STATUS[code];
          const entry = errorResponses(dialect, status)[status];
          const [mediaType, { schema }] = Object.entries(entry.content)[0] as [string, { schema: never }];
          expect(res.status).toBe(status);
          expect(res.headers.get("content-type")).toBe(mediaType);
          const parsed = ERROR_BODY_SCHEMAS[dialect].safeParse(await res.json());
          expect(parsed.success, `${dialect} ${code}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
          expect(schema).toBe(ERROR_BODY_SCHEMAS[dialect]);
        }
      }
    });
  }

  it("oauth (the Assure token endpoint) documents RFC 6749 bodies as application/json", () => {
    const entries = errorResponses("oauth", 400, 401, 429);
    expect(Object.keys(entries)).toEqual(["400", "401", "429"]);
    expect(ERROR_MEDIA_TYPES.oauth).toBe("application/json");
    expect(
      ERROR_BODY_SCHEMAS.oauth.safeParse({ error: "invalid_client", error_description: "x" }).success,
    ).toBe(true);
    expect(
      ERROR_BODY_SCHEMAS.oauth.safeParse({ error: "server_error", error_description: "x" }).success,
    ).toBe(false);
  });
});

describe("the documented schemas are not looser than the renderer", () => {
  it("refuses a body of another dialect", () => {
    expect(ERROR_BODY_SCHEMAS.machinesense.safeParse({ code: "2205", error: "x" }).success).toBe(false);
    expect(
      ERROR_BODY_SCHEMAS.smileid.safeParse({ result: "Err", code: 1002, message: "x", data: null }).success,
    ).toBe(false);
    expect(
      ERROR_BODY_SCHEMAS.machinesense.safeParse({ result: "Err", code: 42, message: "x", data: null })
        .success,
    ).toBe(false);
  });
});
