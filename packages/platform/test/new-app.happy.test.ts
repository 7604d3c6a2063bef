import { afterEach, describe, expect, it, vi } from "vitest";
import { jsonPost, sampleApp } from "./support/sample-app.ts";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("newApp on a good request", () => {
  it("runs the route and answers with a new request id", async () => {
    const res = await jsonPost(JSON.stringify({ name: "ab", age: 3 }));
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await res.json()).toStrictEqual({ id: "thg_1", thing: { name: "ab", age: 3 } });
    expect(res.headers.get("x-request-id")).toMatch(/^req_[0-9a-z]{26}$/);
  });

  it("keeps a safe incoming X-Request-Id", async () => {
    const res = await sampleApp().request("/things/thg_01m82xk8ckexzc9mb44ps6gtky", {
      headers: { "x-request-id": "client-trace:0001" },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get("x-request-id")).toBe("client-trace:0001");
  });

  it("writes one access log line with method, route pattern, status and duration only", async () => {
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: string) => lines.push(line));
    await sampleApp().request("/things/thg_01m82xk8ckexzc9mb44ps6gtky?verbose=true", {
      headers: { "x-request-id": "trace-0000001", authorization: "Bearer ek_test_abc_def" },
    });
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] as string);
    expect(entry).toStrictEqual({
      level: "info",
      message: "request",
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      app: "sample-app",
      requestId: "trace-0000001",
      method: "GET",
      route: "/things/:thingId",
      status: 200,
      durationMs: expect.any(Number),
    });
  });

  it("gives handlers the request id, a logger and the dialect", async () => {
    const app = sampleApp("ndt");
    app.get("/whoami", (c) => {
      c.var.log.debug("inside", { thingId: "thg_1" });
      return c.json({ requestId: c.var.requestId, dialect: c.var.dialect });
    });
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    const res = await app.request("/whoami", { headers: { "x-request-id": "abcdefgh" } });
    expect(await res.json()).toStrictEqual({ requestId: "abcdefgh", dialect: "ndt" });
  });

  it("accepts a body of exactly the limit", async () => {
    const filler = "x".repeat(1024 - JSON.stringify({ name: "", age: 1 }).length);
    const body = JSON.stringify({ name: filler, age: 1 });
    expect(new TextEncoder().encode(body).length).toBe(1024);
    expect((await jsonPost(body)).status).toBe(201);
  });
});

describe("newApp docs", () => {
  it("serves a valid OpenAPI 3.1 document of the routes with the security schemes they use", async () => {
    const res = await sampleApp().request("/docs/sample-app/openapi.json");
    expect(res.status).toBe(200);
    const doc = await res.json<{ paths: object; components: { securitySchemes: object } }>();
    expect(doc).toMatchObject({
      openapi: "3.1.0",
      info: { title: "Sample <app>", version: "1.2.3" },
      paths: {
        "/things": {
          post: {
            summary: "Create a <b>thing</b>",
            security: [{ partnerKey: [] }],
            requestBody: { required: true },
            responses: { 201: { description: "Created." } },
          },
        },
        "/things/{thingId}": {
          get: {
            parameters: expect.arrayContaining([expect.objectContaining({ name: "thingId", in: "path" })]),
          },
        },
      },
      components: {
        schemas: { Thing: { type: "object", required: ["name", "age"] } },
        securitySchemes: { partnerKey: { type: "http", scheme: "bearer" } },
      },
    });
    // Only schemes some route uses are listed; docs routes themselves are not operations.
    expect(Object.keys(doc.components.securitySchemes)).toEqual(["partnerKey"]);
    expect(Object.keys(doc.paths).sort()).toEqual(["/things", "/things/{thingId}"]);
    // Every $ref points at something in the document.
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const path = (JSON.parse(`{${ref}}`) as { $ref: string }).$ref.replace(/^#\//, "").split("/");
      const target = path.reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], doc);
      expect(target, ref).toBeDefined();
    }
  });

  it("serves a readable HTML page of every operation, offline", async () => {
    const res = await sampleApp().request("/docs/sample-app");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    const page = await res.text();
    for (const text of [
      "Sample &lt;app&gt;",
      "1.2.3",
      "/docs/sample-app/openapi.json",
      "POST</span> <code>/things</code>",
      "GET</span> <code>/things/{thingId}</code>",
      "Create a &lt;b&gt;thing&lt;/b&gt;",
      'id="tag-Things"',
      "<h4>Parameters</h4>",
      "<code>thingId</code></td><td>path</td><td>yes</td>",
      "<code>verbose</code></td><td>query</td><td>no</td>",
      "Request body <span",
      "<strong>201</strong> Created.",
      '<code>name</code> <span class="req">required</span>',
      "min length 2",
      "one of <code>&quot;red&quot;</code>, <code>&quot;blue&quot;</code>",
      'href="#schema-Thing"',
      'id="auth-partnerKey"',
      "HTTP bearer",
    ]) {
      expect(page, text).toContain(text);
    }
    // Nothing to fetch: no scripts, stylesheets, images or absolute links.
    expect(page).not.toMatch(/<(script|link|img|iframe)\b|(src|href)="(https?:)?\/\//i);
  });

  it("serves the docs with an ETag and answers 304 to a matching If-None-Match", async () => {
    const app = sampleApp();
    const path = "/docs/sample-app/openapi.json";
    const first = await app.request(path);
    const text = await first.text();
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^"[0-9a-f]{24}"$/);
    expect(first.headers.get("cache-control")).toBe("no-cache");
    expect(first.headers.get("content-type")).toBe("application/json; charset=UTF-8");

    const again = await app.request(path, { headers: { "if-none-match": `W/"other", ${etag}` } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    const changed = await app.request(path, { headers: { "if-none-match": '"other"' } });
    expect(changed.status).toBe(200);
    expect(await changed.text()).toBe(text);
    expect(first.headers.get("vary")).toBe("accept-encoding");

    // A client that accepts gzip gets bytes gzipped once, with their own validator.
    const asked = await app.request(path, { headers: { "accept-encoding": "br, gzip;q=0.8" } });
    expect(asked.headers.get("content-encoding")).toBe("gzip");
    const gzipEtag = asked.headers.get("etag");
    expect(gzipEtag).toBe(`${(etag as string).slice(0, -1)}-gzip"`);
    const unzipped = (asked.body as ReadableStream).pipeThrough(new DecompressionStream("gzip"));
    expect(await new Response(unzipped).text()).toBe(text);
    expect((await app.request(path, { headers: { "if-none-match": gzipEtag as string } })).status).toBe(304);
    // What the client itself sent decides (Workers see a normalised Accept-Encoding; the original is in
    // cf.clientAcceptEncoding): a client that sent none, or refused gzip, gets the plain bytes.
    for (const clientAcceptEncoding of ["", "gzip;q=0, identity"]) {
      const request = new Request(`http://local${path}`, {
        headers: { "accept-encoding": "br, gzip" },
        cf: { clientAcceptEncoding },
      });
      const plain = await app.request(request);
      expect(plain.headers.get("content-encoding"), clientAcceptEncoding).toBeNull();
      expect(await plain.text()).toBe(text);
    }

    const page = await app.request("/docs/sample-app", { headers: { "if-none-match": etag as string } });
    expect(page.status, "the page has its own ETag").toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(page.headers.get("content-type")).toContain("text/html");
  });
});
