import { env } from "cloudflare:workers";
import { type AppEnv, newApp, smileIdSignature } from "@edgekyc/platform";
import type { Dialect } from "@edgekyc/schemas";
import type { MiddlewareHandler } from "hono";
import {
  adminAuth,
  assureAuth,
  type Credentials,
  edgekycKeyAuth,
  getAccounts,
  idenfyAuth,
  issueAssureToken,
  machineSenseAuth,
  type NdtAuthEnv,
  ndtAuth,
  smileIdAuth,
} from "../../src/index.ts";

/** One route per dialect behind its middleware, answering with the principal it set. */
export function authApp() {
  const app = newApp<AppEnv>({
    name: "auth-test",
    title: "t",
    version: "1",
    description: "t",
    dialect: "edgekyc",
  });
  const guard = (path: string, middleware: MiddlewareHandler<AppEnv>) =>
    app.post(path, middleware, (c) => c.json({ principal: c.var.principal ?? null }));
  guard("/machinesense", machineSenseAuth());
  guard("/smileid", smileIdAuth());
  guard("/idenfy", idenfyAuth());
  guard("/assure", assureAuth());
  guard("/edgekyc", edgekycKeyAuth());
  app.post("/ndt", ndtAuth() as unknown as MiddlewareHandler<AppEnv>, (c) =>
    c.json({
      principal: c.var.principal ?? null,
      sessionId: (c.var as NdtAuthEnv["Variables"]).ndtSessionId ?? null,
    }),
  );
  // A route of another capability than the dialect's own: keys are refused with 403 there.
  guard("/machinesense-for-liveness", machineSenseAuth({ capability: "biometric-liveness" }));
  app.post("/admin", adminAuth(), (c) => c.json({ ok: true }));
  app.post("/token", issueAssureToken);
  return app;
}

const app = authApp();

let addressCounter = 0;
/** A client address of its own per call site, so one test's failures never rate-limit another's. */
export function freshAddress(): string {
  addressCounter += 1;
  return `2001:db8::${addressCounter.toString(16)}`;
}

export interface CallOptions {
  body?: unknown;
  headers?: Record<string, string>;
  ip?: string;
  /** Bindings to use instead of the test env (to test misconfiguration). */
  bindings?: object;
}

/** POSTs to the test app with `env` as its bindings. */
export function call(path: string, options: CallOptions = {}): Promise<Response> {
  const body =
    options.body === undefined
      ? undefined
      : typeof options.body === "string"
        ? options.body
        : JSON.stringify(options.body);
  return Promise.resolve(
    app.request(
      path,
      {
        method: "POST",
        headers: {
          ...(body !== undefined ? { "content-type": "application/json" } : {}),
          "cf-connecting-ip": options.ip ?? freshAddress(),
          ...options.headers,
        },
        ...(body !== undefined ? { body } : {}),
      },
      options.bindings ?? env,
    ),
  );
}

export async function newPartner(name = "Acme Lending") {
  return (await getAccounts(env)).partners.create({ name, mode: "test" });
}

export const basic = (user: string, password: string) => `Basic ${btoa(`${user}:${password}`)}`;

export async function smileBody(partnerId: string, apiKey: string, at = new Date()) {
  const timestamp = at.toISOString();
  return {
    partner_id: partnerId,
    timestamp,
    signature: await smileIdSignature(apiKey, timestamp, partnerId),
  };
}

export function tokenRequest(
  form: Record<string, string>,
  headers: Record<string, string> = {},
  ip?: string,
) {
  return call("/token", {
    body: new URLSearchParams(form).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    ...(ip ? { ip } : {}),
  });
}

export async function assureAccessToken(credentials: Credentials["assure"]): Promise<string> {
  const res = await tokenRequest(
    { grant_type: "client_credentials" },
    { authorization: basic(credentials.client_id, credentials.client_secret) },
  );
  if (res.status !== 200) throw new Error(`token endpoint answered ${res.status}: ${await res.text()}`);
  return (await res.json<{ access_token: string }>()).access_token;
}

/** The request that authenticates with a partner's credential of `dialect`, on that dialect's route. */
export async function authenticatedCall(
  dialect: Dialect,
  credentials: Credentials,
  ip?: string,
): Promise<Response> {
  const at = ip ? { ip } : {};
  switch (dialect) {
    case "machinesense":
      return call("/machinesense", {
        body: { api_key: credentials.machinesense.api_key, ref: "r-1" },
        ...at,
      });
    case "smileid":
      return call("/smileid", {
        body: await smileBody(credentials.smileid.partner_id, credentials.smileid.api_key),
        ...at,
      });
    case "idenfy":
      return call("/idenfy", {
        headers: { authorization: basic(credentials.idenfy.api_key, credentials.idenfy.api_secret) },
        ...at,
      });
    case "assure":
      return call("/assure", {
        headers: { authorization: `Bearer ${await assureAccessToken(credentials.assure)}` },
        ...at,
      });
    case "ndt":
      return call("/ndt", {
        headers: {
          authorization: `Bearer ${credentials.ndt.api_key}`,
          "merchant-id": credentials.ndt.merchant_id,
        },
        ...at,
      });
    case "edgekyc":
      return call("/edgekyc", { headers: { authorization: `Bearer ${credentials.edgekyc.api_key}` }, ...at });
  }
}

/** A response body without the per-request id, to compare refusals with each other. */
export async function bodyWithoutRequestId(res: Response): Promise<unknown> {
  const { requestId: _requestId, traceId: _traceId, ...rest } = await res.json<Record<string, unknown>>();
  return rest;
}
