import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { countingStream, jsonPost, MAX_BODY_BYTES, sampleApp } from "./support/sample-app.ts";

let errorLines: string[] = [];
beforeEach(() => {
  errorLines = [];
  vi.spyOn(console, "log").mockImplementation(() => undefined);
  vi.spyOn(console, "error").mockImplementation((line: string) => errorLines.push(line));
});
afterEach(() => {
  vi.restoreAllMocks();
});

const problem = (status: number, code: string, detail: unknown, extra: object = {}) => ({
  type: `https://edgekyc.dev/errors/${code}`,
  title: expect.any(String),
  status,
  detail,
  code,
  requestId: expect.stringMatching(/^req_/),
  ...extra,
});

describe("newApp refuses bad requests in the dialect", () => {
  it("answers an unknown route with the dialect's 404", async () => {
    const res = await sampleApp().request("/nowhere", { method: "DELETE" });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.json()).toStrictEqual(problem(404, "not_found", "no route for DELETE /nowhere"));
    const ms = await sampleApp("machinesense").request("/nowhere");
    expect(await ms.json()).toStrictEqual({
      result: "Err",
      code: 1004,
      message: "no route for GET /nowhere",
      data: null,
    });
  });

  it("refuses an invalid body with 422 naming each field", async () => {
    const res = await jsonPost(JSON.stringify({ name: "a", tags: ["green"] }));
    expect(res.status).toBe(422);
    expect(await res.json()).toStrictEqual(
      problem(422, "validation_failed", expect.stringMatching(/^invalid body: name: .*; age: /), {
        errors: [
          { path: "name", message: expect.stringMatching(/>=2 characters/) },
          { path: "age", message: expect.stringMatching(/expected number/) },
          { path: "tags.0", message: expect.stringMatching(/"red"\|"blue"/) },
        ],
      }),
    );
  });

  it("names the field in every dialect's validation body", async () => {
    const body = JSON.stringify({ name: "ab", age: 1.5 });
    const init = { method: "POST", body, headers: { "content-type": "application/json" } };
    const ms = await sampleApp("machinesense").request("/things", init);
    expect(ms.status).toBe(422);
    expect(await ms.json()).toStrictEqual({
      result: "Err",
      code: 1001,
      message: expect.stringMatching(/^invalid body: age: /),
      data: null,
    });
    const ndt = await sampleApp("ndt").request("/things", init);
    expect(await ndt.json()).toStrictEqual({
      status: "invalidRequest",
      errors: [{ field: "age", message: expect.stringMatching(/expected int/) }],
      requestId: expect.stringMatching(/^req_/),
    });
  });

  it("refuses a bad path parameter or query with 400 naming it", async () => {
    const path = await sampleApp().request("/things/not-an-id");
    expect(path.status).toBe(400);
    expect(await path.json()).toMatchObject({
      code: "bad_request",
      detail: expect.stringMatching(/^invalid path parameter: thingId: /),
      errors: [{ path: "thingId", message: expect.any(String) }],
    });
    const query = await sampleApp().request("/things/thg_01m82xk8ckexzc9mb44ps6gtky?verbose=yes");
    expect(query.status).toBe(400);
    expect(await query.json()).toMatchObject({ errors: [{ path: "verbose" }] });
  });

  it("refuses a non-JSON body on a JSON route with 415", async () => {
    const res = await sampleApp().request("/things", {
      method: "POST",
      body: "name=ab&age=1",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(415);
    expect(await res.json()).toStrictEqual(
      problem(
        415,
        "unsupported_media_type",
        "unsupported Content-Type; the route's request body media types are in /docs/sample-app",
      ),
    );
  });

  it("refuses a required JSON body sent without Content-Type with 415", async () => {
    const res = await sampleApp().request("/things", { method: "POST" });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ code: "unsupported_media_type" });
  });

  it("refuses malformed JSON with 400", async () => {
    const res = await jsonPost('{"name": "ab", ');
    expect(res.status).toBe(400);
    expect(await res.json()).toStrictEqual(problem(400, "bad_request", "Malformed JSON in request body"));
  });

  it("renders a thrown ApiError with its details and headers", async () => {
    const res = await sampleApp().request("/taken");
    expect(res.status).toBe(409);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(await res.json()).toStrictEqual(
      problem(409, "conflict", "already there", { errors: [{ path: "reference", message: "taken" }] }),
    );
  });

  it("switches dialect for a route group with setDialect", async () => {
    const res = await sampleApp().request("/smile/denied");
    expect(res.status).toBe(401);
    expect(await res.json()).toStrictEqual({ code: "2205", error: "You are not authorized to do that." });
    const crash = await sampleApp().request("/smile/boom");
    expect(crash.status).toBe(500);
    expect(await crash.json()).toStrictEqual({
      code: "2201",
      error: "internal error; quote the request id when reporting it",
    });
  });

  it("answers a configuration error with 503 and logs it", async () => {
    const res = await sampleApp().request("/misconfigured");
    expect(res.status).toBe(503);
    expect(await res.json()).toStrictEqual(
      problem(503, "unavailable", "the service is not configured correctly; quote the request id"),
    );
    const logged = errorLines.map((line) => JSON.parse(line));
    expect(logged).toContainEqual(
      expect.objectContaining({ message: "configuration error", error: "ENCRYPTION_KEYS is not set" }),
    );
  });
});

describe("newApp body-size limit", () => {
  it("refuses by Content-Length with 413 without reading the body", async () => {
    const { stream, pulled } = countingStream(1_000_000, 1024);
    const res = await sampleApp().request("/things", {
      method: "POST",
      body: stream,
      headers: { "content-type": "application/json", "content-length": String(MAX_BODY_BYTES + 1) },
      // @ts-expect-error: duplex is required for streamed request bodies
      duplex: "half",
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toStrictEqual(
      problem(413, "payload_too_large", `request body is larger than ${MAX_BODY_BYTES} bytes`),
    );
    expect(pulled.count).toBeLessThanOrEqual(1);
  });

  it("refuses a chunked body without Content-Length once it passes the limit", async () => {
    // An endless stream: if the limit did not stop reading, this test would never finish.
    const { stream, pulled } = countingStream(Number.POSITIVE_INFINITY, 300);
    const res = await sampleApp("ndt").request("/things", {
      method: "POST",
      body: stream,
      headers: { "content-type": "application/json" },
      // @ts-expect-error: duplex is required for streamed request bodies
      duplex: "half",
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toStrictEqual({
      status: "invalidRequest",
      errors: [{ message: `request body is larger than ${MAX_BODY_BYTES} bytes` }],
      requestId: expect.stringMatching(/^req_/),
    });
    expect(pulled.count).toBeLessThan(10);
  });

  it("refuses an oversized ordinary JSON body", async () => {
    const res = await jsonPost(JSON.stringify({ name: "x".repeat(2000), age: 1 }));
    expect(res.status).toBe(413);
  });
});
