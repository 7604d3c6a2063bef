import { env, exports } from "cloudflare:workers";

let addressCounter = 0;
/** A client address of its own, so one test's failed attempts never rate-limit another test. */
export function freshAddress(): string {
  addressCounter += 1;
  return `2001:db8:ad::${addressCounter.toString(16)}`;
}

export interface AdminCallOptions {
  /** Defaults to the deployment's ADMIN_TOKEN; null sends no Authorization header. */
  token?: string | null;
  body?: unknown;
  /** Sent as it is, with the Content-Type of `headers`. */
  rawBody?: string;
  headers?: Record<string, string>;
  ip?: string;
}

/** A request to the gateway's own fetch handler (the Worker's default export). */
export function admin(method: string, path: string, options: AdminCallOptions = {}): Promise<Response> {
  const token = options.token === undefined ? env.ADMIN_TOKEN : options.token;
  return exports.default.fetch(`https://gateway.test${path}`, {
    method,
    headers: {
      "cf-connecting-ip": options.ip ?? freshAddress(),
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      ...(options.body === undefined ? {} : { "content-type": "application/json" }),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    ...(options.rawBody === undefined ? {} : { body: options.rawBody }),
  });
}
