import { describe, expect, it } from "vitest";
import { clientFacingUrl, matchRoute, underPrefix } from "../router/src/routes.ts";

const routes = [
  { prefix: "/admin/", binding: "APP_0", app: "webhook-gateway" },
  { prefix: "/docs/webhook-gateway", binding: "APP_0", app: "webhook-gateway" },
  { prefix: "/nfc/v1/", binding: "APP_1", app: "nfc-session" },
  { prefix: "/nfc/v1/session_init", binding: "APP_2", app: "special" },
];

describe("the dev router's prefix table", () => {
  it("matches whole path segments only", () => {
    expect(underPrefix("/docs/webhook-gateway", "/docs/webhook-gateway")).toBe(true);
    expect(underPrefix("/docs/webhook-gateway/openapi.json", "/docs/webhook-gateway")).toBe(true);
    expect(underPrefix("/docs/webhook-gatewayx", "/docs/webhook-gateway")).toBe(false);
    expect(underPrefix("/admin", "/admin/")).toBe(true);
    expect(underPrefix("/administrator", "/admin/")).toBe(false);
  });

  it("prefers the longest prefix and answers nothing for unknown paths", () => {
    expect(matchRoute(routes, "/nfc/v1/session_init")?.app).toBe("special");
    expect(matchRoute(routes, "/nfc/v1/webhook_confirmation")?.app).toBe("nfc-session");
    expect(matchRoute(routes, "/admin/v1/partners")?.binding).toBe("APP_0");
    expect(matchRoute(routes, "/unknown")).toBeUndefined();
  });

  it("gives apps the URL the client used, with the public scheme put back under --https", () => {
    const https = "https://127.0.0.1:8787";
    expect(clientFacingUrl("http://127.0.0.1:8787/admin/v1/partners?limit=2", https).href).toBe(
      "https://127.0.0.1:8787/admin/v1/partners?limit=2",
    );
    expect(clientFacingUrl("http://localhost:8787/docs/x", https).href).toBe("https://localhost:8787/docs/x");
    expect(clientFacingUrl("http://127.0.0.1:8787/a", "http://127.0.0.1:8787").href).toBe(
      "http://127.0.0.1:8787/a",
    );
    expect(clientFacingUrl("http://127.0.0.1:8787/a", undefined).href).toBe("http://127.0.0.1:8787/a");
  });
});
