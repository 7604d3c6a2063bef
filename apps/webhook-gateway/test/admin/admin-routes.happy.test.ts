import { env } from "cloudflare:workers";
import { newApp } from "@edgekyc/platform";
import { describe, expect, it } from "vitest";
import type { GatewayEnv } from "../../src/gateway-env.ts";
import { adminRoutes } from "../../src/routes/admin/index.ts";
import { gatewayServices } from "../../src/services.ts";
import { freshAddress } from "./support/admin-client.ts";

/** `adminRoutes` mounted the way the gateway shell mounts it: full paths, its services, the shell's error handling. */
const shell = newApp<GatewayEnv>({
  name: "webhook-gateway",
  title: "t",
  version: "1",
  description: "t",
  dialect: "edgekyc",
  services: gatewayServices,
});
shell.route("/", adminRoutes);

function request(method: string, path: string, body?: unknown): Promise<Response> {
  return Promise.resolve(
    shell.request(
      path,
      {
        method,
        headers: {
          authorization: `Bearer ${env.ADMIN_TOKEN}`,
          "cf-connecting-ip": freshAddress(),
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      },
      env,
    ),
  );
}

describe("adminRoutes, mounted at /", () => {
  it("serves the admin API under /admin/v1 and renders validation errors in the shell's dialect", async () => {
    const created = await request("POST", "/admin/v1/partners", { name: "Mounted" });
    expect(created.status, await created.clone().text()).toBe(201);
    const invalid = await request("POST", "/admin/v1/partners", { name: "" });
    expect(invalid.status).toBe(422);
    expect(invalid.headers.get("content-type")).toBe("application/problem+json");
    expect(await invalid.json()).toMatchObject({ code: "validation_failed", errors: [{ path: "name" }] });
  });

  it("documents its routes in the shell's OpenAPI document", async () => {
    const res = await shell.request("/docs/webhook-gateway/openapi.json", {}, env);
    const doc = await res.json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/admin/v1/partners",
        "/admin/v1/partners/{partnerId}/keys/rotate",
        "/admin/v1/partners/{partnerId}/settings/{capability}",
        "/admin/v1/partners/{partnerId}/webhook-endpoints",
        "/admin/v1/dead-letters",
      ]),
    );
  });
});
