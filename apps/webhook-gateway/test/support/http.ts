import { env, exports } from "cloudflare:workers";

let address = 0;

/** A request to the gateway's own fetch handler, from a fresh client address (rate limits stay per test). */
export function gateway(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  address += 1;
  return exports.default.fetch(`https://gateway.test${path}`, {
    method,
    headers: {
      "cf-connecting-ip": `198.51.100.${address % 250}`,
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body === undefined ? {} : { "content-type": "application/json" }),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
}

export const adminToken = () => env.ADMIN_TOKEN;

export interface TestPartner {
  id: string;
  key: string;
  credentials: Record<string, Record<string, string>>;
}

export async function createPartner(name = "Acme", mode: "test" | "live" = "test"): Promise<TestPartner> {
  const res = await gateway("POST", "/admin/v1/partners", { token: adminToken(), body: { name, mode } });
  if (res.status !== 201) throw new Error(`partner creation failed: ${res.status} ${await res.text()}`);
  const json = await res.json<{
    partner: { id: string };
    credentials: Record<string, Record<string, string>>;
  }>();
  return {
    id: json.partner.id,
    key: json.credentials.edgekyc?.api_key as string,
    credentials: json.credentials,
  };
}
