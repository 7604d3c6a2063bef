import { env } from "cloudflare:workers";
import {
  assureAuth,
  type Credentials,
  edgekycKeyAuth,
  idenfyAuth,
  issueAssureToken,
  machineSenseAuth,
  ndtAuth,
  smileIdAuth,
  smileIdSignature,
} from "@edgekyc/accounts";
import { type AppEnv, newApp } from "@edgekyc/platform";
import type { Dialect } from "@edgekyc/schemas";
import type { MiddlewareHandler } from "hono";
import { freshAddress } from "./admin-client.ts";

/**
 * Every dialect's auth middleware over the gateway's own ACCOUNTS database: what the capability Workers
 * will run. Answers with the principal, so a test can check whose key it was.
 */
const probe = newApp<AppEnv>({
  name: "dialect-probe",
  title: "t",
  version: "1",
  description: "t",
  dialect: "edgekyc",
});
const answer = (middleware: MiddlewareHandler<AppEnv>) =>
  [
    middleware,
    (c: Parameters<MiddlewareHandler<AppEnv>>[0]) => c.json({ principal: c.var.principal ?? null }),
  ] as const;
probe.post("/machinesense", ...answer(machineSenseAuth()));
probe.post("/smileid", ...answer(smileIdAuth()));
probe.post("/idenfy", ...answer(idenfyAuth()));
probe.post("/assure", ...answer(assureAuth()));
probe.post("/ndt", ...answer(ndtAuth() as unknown as MiddlewareHandler<AppEnv>));
probe.post("/edgekyc", ...answer(edgekycKeyAuth()));
probe.post("/token", issueAssureToken);

function send(path: string, headers: Record<string, string>, body?: string): Promise<Response> {
  return Promise.resolve(
    probe.request(
      path,
      { method: "POST", headers: { "cf-connecting-ip": freshAddress(), ...headers }, body },
      env,
    ),
  );
}

const json = { "content-type": "application/json" };
const basic = (user: string, password: string) => `Basic ${btoa(`${user}:${password}`)}`;

/** Authenticates with one dialect's credential, the way that dialect's clients do. */
export async function authenticateAs(dialect: Dialect, credentials: Partial<Credentials>): Promise<Response> {
  switch (dialect) {
    case "machinesense":
      return send("/machinesense", json, JSON.stringify({ api_key: credentials.machinesense?.api_key }));
    case "smileid": {
      const { partner_id, api_key } = credentials.smileid as Credentials["smileid"];
      const timestamp = new Date().toISOString();
      const signature = await smileIdSignature(api_key, timestamp, partner_id);
      return send("/smileid", json, JSON.stringify({ partner_id, timestamp, signature }));
    }
    case "idenfy": {
      const { api_key, api_secret } = credentials.idenfy as Credentials["idenfy"];
      return send("/idenfy", { authorization: basic(api_key, api_secret) });
    }
    case "assure": {
      const { client_id, client_secret } = credentials.assure as Credentials["assure"];
      const token = await send(
        "/token",
        {
          "content-type": "application/x-www-form-urlencoded",
          authorization: basic(client_id, client_secret),
        },
        "grant_type=client_credentials",
      );
      if (token.status !== 200) return token;
      const { access_token } = await token.json<{ access_token: string }>();
      return send("/assure", { authorization: `Bearer ${access_token}` });
    }
    case "ndt": {
      const { api_key, merchant_id } = credentials.ndt as Credentials["ndt"];
      return send("/ndt", { authorization: `Bearer ${api_key}`, "merchant-id": merchant_id });
    }
    case "edgekyc":
      return send("/edgekyc", { authorization: `Bearer ${credentials.edgekyc?.api_key}` });
  }
}
