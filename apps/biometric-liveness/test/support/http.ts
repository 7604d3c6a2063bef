import { env, exports } from "cloudflare:workers";
import { getAccounts } from "@edgekyc/accounts";
import type { CapabilitySettingsInput } from "@edgekyc/schemas";

let address = 0;

/** A request to the Worker's own fetch handler, from a fresh client address (rate limits stay per test). */
export function call(
  method: string,
  path: string,
  options: {
    token?: string;
    body?: unknown;
    text?: string;
    raw?: Uint8Array;
    headers?: Record<string, string>;
    ip?: string;
  } = {},
): Promise<Response> {
  address += 1;
  const headers: Record<string, string> = {
    "cf-connecting-ip": options.ip ?? `198.51.100.${address % 250}`,
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
  };
  let body: string | Uint8Array | undefined;
  if (options.raw !== undefined) {
    body = options.raw;
  } else if (options.text !== undefined) {
    headers["content-type"] = "text/plain";
    body = options.text;
  } else if (options.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.body);
  }
  return exports.default.fetch(`https://liveness.test${path}`, {
    method,
    headers: { ...headers, ...options.headers },
    ...(body === undefined ? {} : { body }),
  });
}

export interface TestPartner {
  id: string;
  credentials: {
    assure: { client_id: string; client_secret: string };
    smileid: { partner_id: string; api_key: string };
  };
}

export async function createPartner(name = "Acme", mode: "test" | "live" = "test"): Promise<TestPartner> {
  const accounts = await getAccounts(env);
  const { partner, credentials } = await accounts.partners.create({ name, mode });
  return { id: partner.id, credentials: credentials as unknown as TestPartner["credentials"] };
}

export async function setSettings(
  partnerId: string,
  settings: CapabilitySettingsInput<"biometric-liveness">,
) {
  const accounts = await getAccounts(env);
  const result = await accounts.settings.put(partnerId, "biometric-liveness", settings);
  if (!result.ok) throw new Error(`settings refused: ${JSON.stringify(result.issues)}`);
}

/** An Assure access token of the partner (client_secret_basic). */
export async function assureToken(partner: TestPartner): Promise<string> {
  const { client_id, client_secret } = partner.credentials.assure;
  const res = await call("POST", "/auth/open/connect/token", {
    headers: {
      authorization: `Basic ${btoa(`${client_id}:${client_secret}`)}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    text: "grant_type=client_credentials&scope=signicat-api",
  });
  if (res.status !== 200) throw new Error(`token refused: ${res.status} ${await res.text()}`);
  return (await res.json<{ access_token: string }>()).access_token;
}
