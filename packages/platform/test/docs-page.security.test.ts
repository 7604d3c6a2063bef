import { describe, expect, it } from "vitest";
import { renderDocsPage } from "../src/app/docs-page.ts";

const X = `"><script>alert(1)</script><img src=x onerror=alert(2)>`;

describe("renderDocsPage with a hostile document", () => {
  it("escapes every string, in every position", () => {
    const page = renderDocsPage(
      {
        openapi: "3.1.0",
        info: { title: X, version: X, description: X },
        servers: [{ url: `javascript:alert(3)${X}`, description: X }],
        tags: [{ name: X, description: X }],
        components: {
          securitySchemes: { [X]: { type: "apiKey", in: X, name: X, description: X } },
          schemas: {
            [X]: { type: "object", description: X, properties: { [X]: { enum: [X], pattern: X } } },
          },
        },
        paths: {
          [`/x/${X}`]: {
            post: {
              tags: [X],
              summary: X,
              description: `\`${X}\``,
              security: [{ [X]: [X] }],
              parameters: [{ name: X, in: X, description: X, schema: { type: X, format: X, default: X } }],
              requestBody: {
                description: X,
                content: { [X]: { schema: { $ref: `#/components/schemas/${X}` } } },
              },
              responses: { [X]: { description: X, headers: { [X]: { description: X } } } },
            },
          },
        },
      },
      `/docs/${X}`,
    );
    expect(page).not.toMatch(/<(script|img)\b/i);
    expect(page).not.toContain(X);
    expect(page).not.toMatch(/href="javascript:/i);
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("tolerates a malformed document rather than throwing", () => {
    const odd = {
      openapi: 3,
      info: "x",
      paths: { "/a": { get: { parameters: "p", responses: [1] } }, "/b": null },
    };
    expect(renderDocsPage(odd, "/docs/x/openapi.json")).toContain("GET /a");
    expect(renderDocsPage({}, "/docs/x/openapi.json")).toContain("<li>none</li>");
  });
});
