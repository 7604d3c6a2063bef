import { env } from "cloudflare:workers";
import type { AppEnv } from "@edgekyc/platform";
import { newApp, smileIdSignature } from "@edgekyc/platform";
import type { Dialect } from "@edgekyc/schemas";
import { issueAssureToken } from "../auth/assure.ts";
import type { Credentials, DialectCredentials } from "../credentials.ts";

/** Where a dialect's clients put their credential: headers, and fields of a JSON body. */
export interface PresentedCredentials {
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

const basic = (user: string, password: string) => `Basic ${btoa(`${user}:${password}`)}`;

// The Assure token endpoint, as the biometric app mounts it, over the test env.
const tokenApp = newApp<AppEnv>({
  name: "assure-token",
  title: "t",
  version: "1",
  description: "t",
  dialect: "assure",
});
tokenApp.post("/token", issueAssureToken);

/** An Assure access token for the credentials (client credentials grant), or throws. */
export async function assureAccessToken(credentials: DialectCredentials["assure"]): Promise<string> {
  const res = await tokenApp.request(
    "/token",
    {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: basic(credentials.client_id, credentials.client_secret),
      },
      body: "grant_type=client_credentials",
    },
    env,
  );
  if (res.status !== 200)
    throw new Error(`the Assure token endpoint answered ${res.status}: ${await res.text()}`);
  return (await res.json<{ access_token: string }>()).access_token;
}

/**
 * The credential of `dialect` the way that dialect's clients send it: MachineSense `api_key` in the
 * body, Smile ID a fresh signature in the body, iDenfy Basic, Assure a Bearer access token, NDT Bearer
 * and Merchant-Id, EdgeKYC Bearer.
 */
export async function presentCredentials<D extends Dialect>(
  dialect: D,
  credentials: Pick<Credentials, D>,
): Promise<PresentedCredentials> {
  const all = credentials as Partial<Credentials>;
  switch (dialect) {
    case "machinesense":
      return { headers: {}, body: { api_key: all.machinesense?.api_key } };
    case "smileid": {
      const { partner_id, api_key } = all.smileid as DialectCredentials["smileid"];
      const timestamp = new Date().toISOString();
      return {
        headers: {},
        body: { partner_id, timestamp, signature: await smileIdSignature(api_key, timestamp, partner_id) },
      };
    }
    case "idenfy": {
      const { api_key, api_secret } = all.idenfy as DialectCredentials["idenfy"];
      return { headers: { authorization: basic(api_key, api_secret) }, body: {} };
    }
    case "assure":
      return {
        headers: {
          authorization: `Bearer ${await assureAccessToken(all.assure as DialectCredentials["assure"])}`,
        },
        body: {},
      };
    case "ndt": {
      const { api_key, merchant_id } = all.ndt as DialectCredentials["ndt"];
      return { headers: { authorization: `Bearer ${api_key}`, "merchant-id": merchant_id }, body: {} };
    }
    default:
      return { headers: { authorization: `Bearer ${all.edgekyc?.api_key}` }, body: {} };
  }
}
