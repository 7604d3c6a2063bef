import { createRoute, z } from "@hono/zod-openapi";
import { describe, expect, it, vi } from "vitest";
import {
  ApiError,
  type AppEnv,
  ConfigError,
  createLogger,
  newApp,
  parseEnv,
  REDACTED,
  redact,
  renderError,
  setDialect,
} from "../src/index.ts";

function testApp() {
  const app = newApp<AppEnv>({
    name: "test-app",
    title: "Test <app>",
    version: "1.0.0",
    description: "A description with <script>alert(1)</script>",
    dialect: "edgekyc",
    maxBodyBytes: 1024,
  });
  const route = createRoute({
    method: "post",
    path: "/things",
    summary: "Create a <b>thing</b>",
    request: {
      body: {
        content: {
          "application/json": { schema: z.object({ name: z.string().min(2), age: z.number().int() }) },
        },
      },
    },
    responses: {
      201: { description: "ok", content: { "application/json": { schema: z.object({ ok: z.boolean() }) } } },
    },
  });
  app.openapi(route, (c) => c.json({ ok: true }, 201));
  app.get("/boom", () => {
    throw new Error("db password is hunter2");
  });
  app.get("/config", () => {
    throw new ConfigError("ENCRYPTION_KEYS is not set");
  });
  app.get("/teapot", () => {
    throw new ApiError("conflict", "already there", { details: [{ path: "x", message: "taken" }] });
  });
  app.use("/smile/*", setDialect("smileid"));
  app.get("/smile/fail", () => {
    throw new ApiError("unauthorized", "You are not authorized to do that.");
  });
  return app;
}

const post = (body: BodyInit, headers: Record<string, string> = { "content-type": "application/json" }) =>
  testApp().request("/things", { method: "POST", body, headers });

describe("newApp", () => {
  it("answers with a request id and honours a safe incoming one", async () => {
    const res = await post(JSON.stringify({ name: "ab", age: 3 }));
    expect(res.status, await res.text()).toBe(201);
    expect(res.headers.get("x-request-id")).toMatch(/^req_/);
    const mine = await testApp().request("/nowhere", { headers: { "x-request-id": "client-req-12345" } });
    expect(mine.headers.get("x-request-id")).toBe("client-req-12345");
    const hostile = await testApp().request("/nowhere", { headers: { "x-request-id": "<script>" } });
    expect(hostile.headers.get("x-request-id")).toMatch(/^req_/);
  });

  it("refuses an invalid body with 422 naming each field", async () => {
    const res = await post(JSON.stringify({ name: "a" }));
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const body = await res.json<{ code: string; errors: { path: string }[]; detail: string }>();
    expect(body.code).toBe("validation_failed");
    expect(body.errors.map((e) => e.path).sort()).toEqual(["age", "name"]);
  });

  it("refuses malformed JSON with 400 and no stack", async () => {
    const res = await post("{not json");
    expect(res.status).toBe(400);
    expect(await res.text()).not.toMatch(/at .*\.ts|stack/i);
  });

  it("refuses an oversized body by Content-Length and while streaming", async () => {
    const big = JSON.stringify({ name: "x".repeat(2000), age: 1 });
    expect((await post(big)).status).toBe(413);
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode("x".repeat(300)));
        controller.close();
      },
    });
    const res = await testApp().request("/things", {
      method: "POST",
      body: stream,
      headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
      // @ts-expect-error: duplex is required for streamed request bodies
      duplex: "half",
    });
    expect(res.status).toBe(413);
  });

  it("hides unexpected errors and configuration errors behind a request id", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const res = await testApp().request("/boom");
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("hunter2");
    expect(text).toContain("request id");
    expect((await testApp().request("/config")).status).toBe(503);
    spy.mockRestore();
  });

  it("renders thrown ApiErrors and 404s in the route's dialect", async () => {
    expect(await (await testApp().request("/teapot")).json()).toMatchObject({
      status: 409,
      code: "conflict",
      errors: [{ path: "x", message: "taken" }],
    });
    const smile = await testApp().request("/smile/fail");
    expect(smile.status).toBe(401);
    expect(await smile.json()).toEqual({ code: "2205", error: "You are not authorized to do that." });
    expect((await testApp().request("/missing")).status).toBe(404);
  });

  it("serves its OpenAPI 3.1 document and an escaped, self-contained docs page", async () => {
    const doc = await (await testApp().request("/docs/test-app/openapi.json")).json<{
      openapi: string;
      paths: Record<string, unknown>;
      components: { securitySchemes: Record<string, unknown> };
    }>();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.paths["/things"]).toBeDefined();
    expect(doc.components.securitySchemes.idenfyBasic).toMatchObject({ type: "http", scheme: "basic" });
    const page = await (await testApp().request("/docs/test-app")).text();
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page).not.toContain("<script>");
    expect(page).toContain("/things");
    expect(page).not.toMatch(/src="http|href="http/);
  });
});

describe("error bodies per dialect", () => {
  const error = new ApiError("validation_failed", "invalid body", {
    details: [{ path: "ref", message: "too long" }],
  });
  it.each([
    ["machinesense", 422, { result: "Err", code: 1001, message: "invalid body", data: null }],
    ["smileid", 422, { code: "2204", error: "invalid body" }],
    [
      "ndt",
      422,
      { status: "invalidRequest", errors: [{ field: "ref", message: "too long" }], requestId: "req_1" },
    ],
    [
      "idenfy",
      422,
      { identifier: "VALIDATION_FAILED", message: "invalid body", errors: { ref: ["too long"] } },
    ],
    ["assure", 422, { title: "Validation failed", status: 422, detail: "invalid body", traceId: "req_1" }],
    ["edgekyc", 422, { code: "validation_failed", status: 422, requestId: "req_1" }],
  ] as const)("%s", async (dialect, status, body) => {
    const res = renderError(dialect, error, "req_1");
    expect(res.status).toBe(status);
    expect(res.headers.get("x-request-id")).toBe("req_1");
    expect(await res.json()).toMatchObject(body);
  });
});

describe("logging and configuration", () => {
  it("redacts personal data and secrets by field name, keeping ids", () => {
    expect(
      redact({
        partnerId: "ptn_1",
        email: "anna@example.org",
        nested: { document_number: "X123", phone: "+44", keyId: "key_1" },
        authorization: "Bearer x",
        statusCode: 200,
      }),
    ).toEqual({
      partnerId: "ptn_1",
      email: REDACTED,
      nested: { document_number: REDACTED, phone: REDACTED, keyId: "key_1" },
      authorization: REDACTED,
      statusCode: 200,
    });
    const spy = vi.spyOn(console, "log").mockImplementation(() => undefined);
    createLogger({ app: "t" }).info("hello", { name: "ANNA", deliveryId: "dlv_1" });
    const line = JSON.parse(String(spy.mock.calls[0]?.[0]));
    spy.mockRestore();
    expect(line).toMatchObject({
      level: "info",
      message: "hello",
      app: "t",
      deliveryId: "dlv_1",
      name: REDACTED,
    });
  });

  it("names missing or wrong variables, never their values", () => {
    const schema = z.object({ ADMIN_TOKEN: z.string().min(16), PORT: z.coerce.number() });
    expect(() => parseEnv(schema, { PORT: "x" })).toThrow(/ADMIN_TOKEN is not set/);
    expect(() => parseEnv(schema, { ADMIN_TOKEN: "short-secret", PORT: "1" })).toThrow(/ADMIN_TOKEN: /);
    expect(() => parseEnv(schema, { ADMIN_TOKEN: "short-secret", PORT: "1" })).not.toThrow(/short-secret/);
    expect(parseEnv(schema, { ADMIN_TOKEN: "a-long-enough-token", PORT: "8" })).toEqual({
      ADMIN_TOKEN: "a-long-enough-token",
      PORT: 8,
    });
  });
});
