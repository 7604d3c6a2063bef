import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { HOSTILE, sampleApp } from "./support/sample-app.ts";

let errorLines: string[] = [];
beforeEach(() => {
  errorLines = [];
  vi.spyOn(console, "log").mockImplementation(() => undefined);
  vi.spyOn(console, "error").mockImplementation((line: string) => errorLines.push(line));
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe("newApp never leaks", () => {
  it("answers an unexpected error with 500 and neither its message nor a stack", async () => {
    const res = await sampleApp().request("/boom");
    expect(res.status).toBe(500);
    const requestId = res.headers.get("x-request-id");
    expect(await res.json()).toStrictEqual({
      type: "https://edgekyc.dev/errors/internal",
      title: "Internal error",
      status: 500,
      detail: "internal error; quote the request id when reporting it",
      code: "internal",
      requestId,
    });
  });

  it("logs the unexpected error for operators, scrubbed of personal data", async () => {
    await sampleApp().request("/boom", { headers: { "x-request-id": "trace-boom-1" } });
    const lines = errorLines;
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      level: "error",
      message: "unhandled error",
      requestId: "trace-boom-1",
      error: "Error: db password is hunter2 for [redacted]",
    });
    expect(lines[0]).not.toContain("anna@example.org");
  });

  it("replaces an incoming request id that could inject into headers or logs", async () => {
    for (const hostile of ["<script>", "short", "a".repeat(129), "id with spaces", "trace;id=1234"]) {
      const res = await sampleApp().request("/nowhere", { headers: { "x-request-id": hostile } });
      expect(res.headers.get("x-request-id"), hostile).toMatch(/^req_[0-9a-z]{26}$/);
    }
  });
});

describe("docs page", () => {
  it("escapes every text from the document, so a hostile description stays text", async () => {
    const page = await (await sampleApp().request("/docs/sample-app")).text();
    expect(page).not.toContain(HOSTILE);
    expect(page).not.toMatch(/<(script|img|iframe|svg)\b/i);
    const escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;";
    // The app description, the operation description and a property description.
    expect(page.split(escaped).length - 1).toBeGreaterThanOrEqual(3);
  });

  it("forbids scripts and remote resources with its Content-Security-Policy", async () => {
    const res = await sampleApp().request("/docs/sample-app");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain("script-src");
    expect(await res.text()).toContain('http-equiv="Content-Security-Policy"');
  });
});
