import { env, exports } from "cloudflare:workers";
import { createTestPartner } from "@edgekyc/accounts/testing";

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

/** A test partner (`createTestPartner`) with its id and EdgeKYC key at hand for partner-API calls. */
export async function createKeyedPartner(name?: string, mode: "test" | "live" = "test") {
  const created = await createTestPartner({ ...(name ? { name } : {}), mode });
  return { ...created, id: created.partner.id, key: created.credentials.edgekyc.api_key };
}
