import { describe, expect, it } from "vitest";
import { renderDocsPage } from "../src/app/docs-page.ts";

const doc = {
  openapi: "3.1.0",
  info: { title: "Docs test", version: "2.0.0", description: "First paragraph.\n\nUses `code`." },
  servers: [{ url: "https://kyc.example.com", description: "Production" }],
  tags: [{ name: "Sessions", description: "Verification sessions." }],
  components: {
    securitySchemes: {
      idenfyBasic: { type: "http", scheme: "basic", description: "API key and secret." },
      smileIdSignature: { type: "apiKey", in: "header", name: "signature" },
      assureClientCredentials: {
        type: "oauth2",
        flows: { clientCredentials: { tokenUrl: "/auth/open/connect/token", scopes: {} } },
      },
    },
    parameters: {
      SessionId: { name: "sessionId", in: "path", required: true, schema: { type: "string" } },
    },
    schemas: {
      Node: {
        type: "object",
        properties: { value: { type: "integer", minimum: 0 }, next: { $ref: "#/components/schemas/Node" } },
      },
      Session: {
        type: "object",
        required: ["id"],
        properties: {
          id: { type: "string", examples: ["sess_1"] },
          expiresAt: { anyOf: [{ type: "string", format: "date-time" }, { type: "null" }] },
          labels: { type: "object", additionalProperties: { type: "string", maxLength: 64 } },
          kind: { oneOf: [{ const: "nfc" }, { const: "poa" }] },
          chain: { $ref: "#/components/schemas/Node" },
        },
        additionalProperties: false,
      },
    },
  },
  paths: {
    "/v1/sessions/{sessionId}": {
      parameters: [{ $ref: "#/components/parameters/SessionId" }],
      get: {
        tags: ["Sessions"],
        summary: "Read a session",
        security: [{ idenfyBasic: [] }, { smileIdSignature: [] }],
        deprecated: true,
        responses: {
          200: {
            description: "The `session`.",
            headers: { "x-request-id": { schema: { type: "string" }, description: "Trace id." } },
            content: { "application/json": { schema: { $ref: "#/components/schemas/Session" } } },
          },
          404: {
            description: "Not found.",
            content: { "application/json": { schema: { $ref: "#/components/schemas/Session" } } },
          },
        },
      },
    },
    "/health": { get: { security: [], responses: { 204: { description: "Up." } } } },
  },
};

describe("renderDocsPage", () => {
  const page = renderDocsPage(doc, "/docs/test/openapi.json");

  it("renders title, description, servers and every way to authenticate", () => {
    for (const text of [
      "<title>Docs test</title>",
      "<p>First paragraph.</p><p>Uses <code>code</code>.</p>",
      "<code>https://kyc.example.com</code>",
      "Production",
      '<li id="auth-idenfyBasic"><code>idenfyBasic</code>: HTTP basic',
      "API key in header <code>signature</code>",
      "OAuth 2.0 clientCredentials, token URL <code>/auth/open/connect/token</code>",
    ]) {
      expect(page, text).toContain(text);
    }
  });

  it("groups operations by tag, with path-level parameters, alternatives of security and headers", () => {
    for (const text of [
      '<h2 id="tag-Sessions">Sessions</h2><p>Verification sessions.</p>',
      '<h2 id="tag-Other">Other</h2>',
      '<span class="deprecated">deprecated</span>',
      "<code>sessionId</code></td><td>path</td><td>yes</td>",
      'Authentication: <a href="#auth-idenfyBasic"><code>idenfyBasic</code></a> or <a href="#auth-smileIdSignature">',
      "Authentication: none",
      "<strong>200</strong> The <code>session</code>.",
      "header <code>x-request-id</code>",
    ]) {
      expect(page, text).toContain(text);
    }
  });

  it("renders schemas readably: nullable, maps, constants, examples, closed objects", () => {
    for (const text of [
      '<span class="type">string</span> — format date-time <span class="type">or null</span>',
      'any other key: <span class="type">string</span> — max length 64',
      "exactly one of",
      "always <code>&quot;nfc&quot;</code>",
      "e.g. <code>&quot;sess_1&quot;</code>",
      "no other keys",
      '<code>id</code> <span class="req">required</span>',
    ]) {
      expect(page, text).toContain(text);
    }
  });

  it("links error responses to the Schemas section instead of repeating them", () => {
    const notFound = page.slice(page.indexOf("<strong>404</strong>"));
    expect(notFound.slice(0, 200)).toContain('<a href="#schema-Session"><code>Session</code></a></div>');
    expect(page).toContain('<section class="schema" id="schema-Session">');
  });

  it("stops at a recursive schema instead of looping", () => {
    const node = page.slice(page.indexOf('id="schema-Node"'));
    expect(node.slice(0, 600)).toContain('<code>next</code>: <a href="#schema-Node"><code>Node</code></a>');
  });
});
