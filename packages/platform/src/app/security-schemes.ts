import type { OpenAPIHono } from "@hono/zod-openapi";

/** Every way a caller authenticates, by dialect; routes reference them by these names. */
const SECURITY_SCHEMES = {
  adminToken: { type: "http", scheme: "bearer", description: "The deployment's ADMIN_TOKEN." },
  partnerKey: {
    type: "http",
    scheme: "bearer",
    description: "A partner's EdgeKYC platform key (ek_test_… / ek_live_…).",
  },
  machineSenseApiKey: {
    type: "apiKey",
    in: "header",
    name: "api_key",
    description:
      "MachineSense: the `api_key` field of the JSON body (OpenAPI cannot express body credentials).",
  },
  assureClientCredentials: {
    type: "oauth2",
    description:
      "Signicat Assure: client credentials (client_secret_basic) at the token endpoint, then a Bearer token.",
    flows: { clientCredentials: { tokenUrl: "/auth/open/connect/token", scopes: {} } },
  },
  smileIdSignature: {
    type: "apiKey",
    in: "header",
    name: "signature",
    description:
      'Smile ID: `partner_id`, `timestamp` and `signature` = base64(HMAC-SHA256(api key, timestamp + partner_id + "sid_request")) in the JSON body.',
  },
  ndtBearer: {
    type: "http",
    scheme: "bearer",
    description: "NDT eKYC: API key as bearer token, plus the Merchant-Id header.",
  },
  idenfyBasic: {
    type: "http",
    scheme: "basic",
    description: "iDenfy: HTTP Basic with API key and API secret.",
  },
} as const;

export function registerSecuritySchemes(app: Pick<OpenAPIHono, "openAPIRegistry">): void {
  for (const [name, scheme] of Object.entries(SECURITY_SCHEMES)) {
    app.openAPIRegistry.registerComponent("securitySchemes", name, scheme as never);
  }
}

/**
 * The document with only the security schemes its operations use: every app registers all of them, but
 * an app's docs should not list ways to authenticate that none of its routes accepts.
 */
export function withUsedSecuritySchemes<D extends object>(doc: D): D {
  const json = doc as {
    security?: unknown;
    paths?: Record<string, unknown>;
    components?: Record<string, unknown>;
  };
  const schemes = json.components?.securitySchemes as Record<string, unknown> | undefined;
  if (!schemes) return doc;
  const used = new Set<string>();
  const collect = (requirements: unknown) => {
    if (!Array.isArray(requirements)) return;
    for (const requirement of requirements) {
      if (!requirement || typeof requirement !== "object") continue;
      for (const name of Object.keys(requirement)) used.add(name);
    }
  };
  collect(json.security);
  for (const item of Object.values(json.paths ?? {})) {
    if (!item || typeof item !== "object") continue;
    for (const operation of Object.values(item)) {
      if (operation && typeof operation === "object") collect((operation as { security?: unknown }).security);
    }
  }
  const kept = Object.fromEntries(Object.entries(schemes).filter(([name]) => used.has(name)));
  const components = { ...json.components };
  if (Object.keys(kept).length > 0) components.securitySchemes = kept;
  else delete components.securitySchemes;
  return { ...doc, components } as D;
}
