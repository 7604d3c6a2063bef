import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

export interface LocalResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json<T = unknown>(): T;
}

/**
 * HTTP(S) to the local platform. Over https it trusts exactly the local self-signed certificate
 * (passed as `ca`), so nothing turns certificate checks off.
 */
export function localRequest(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    ca?: string;
    timeoutMs?: number;
  } = {},
): Promise<LocalResponse> {
  const target = new URL(url);
  const send = target.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      {
        method: options.method ?? "GET",
        headers: options.headers,
        timeout: options.timeoutMs ?? 15_000,
        ...(options.ca ? { ca: options.ca } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer from ${url}`)));
    req.on("error", reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** API answers as the dev tools read them: loosely, field by field (the apps validate the real thing). */
// biome-ignore lint/suspicious/noExplicitAny: dev tooling and the e2e test read answers without schemas.
export type LooseJson = any;

/** A JSON API client for one origin and bearer token. */
export function apiClient(origin: string, token: string, ca?: string) {
  return async (method: string, path: string, body?: unknown) => {
    const res = await localRequest(`${origin}${path}`, {
      method,
      headers: {
        accept: "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(ca ? { ca } : {}),
    });
    let json: LooseJson = null;
    try {
      json = res.text ? res.json() : null;
    } catch {
      // Not JSON (a proxy's error page): keep the text for the error message.
      json = { detail: res.text.slice(0, 500) };
    }
    return { status: res.status, json };
  };
}
