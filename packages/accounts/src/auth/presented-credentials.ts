import { fromBase64 } from "@edgekyc/platform";
import type { Context } from "hono";

// Reading what a client presents, strictly and with bounded lengths: anything odd is simply "no
// credentials", which the middlewares refuse like a wrong key.

const BEARER = /^Bearer +([\x21-\x7e]{1,2048})$/i;
const BASIC = /^Basic +([A-Za-z0-9+/]{1,1024}={0,2})$/i;

export function bearerToken(c: Context): string | null {
  const match = BEARER.exec(c.req.header("authorization") ?? "");
  return match ? (match[1] as string) : null;
}

/** HTTP Basic `user:password` (RFC 7617, UTF-8); null when absent or malformed. */
export function basicCredentials(c: Context): { user: string; password: string } | null {
  const match = BASIC.exec(c.req.header("authorization") ?? "");
  if (!match) return null;
  let decoded: string;
  try {
    decoded = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(
      fromBase64(match[1] as string),
    );
  } catch {
    return null;
  }
  const separator = decoded.indexOf(":");
  if (separator < 1) return null;
  return { user: decoded.slice(0, separator), password: decoded.slice(separator + 1) };
}

/**
 * The JSON body as an object, or null. Hono caches the parsed body, so the route's validator reads the
 * same value without a second parse.
 */
export async function jsonBodyObject(c: Context): Promise<Record<string, unknown> | null> {
  try {
    const body: unknown = await c.req.json();
    return typeof body === "object" && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
