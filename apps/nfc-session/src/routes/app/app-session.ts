// The reader app's credential: the session token issued when it redeemed the init code,
// `<sessionId>.<secret>` as a Bearer token. Only a SHA-256 of the secret is stored, in the session object.
import { ID_PREFIXES, idPattern, randomSecret, sha256Hex } from "@edgekyc/platform";
import type { Context, MiddlewareHandler } from "hono";
import { NfcError } from "../../domain/outcomes.ts";
import type { NfcAppEnv } from "../../nfc-env.ts";

const TOKEN = new RegExp(
  `^(${idPattern(ID_PREFIXES.nfcSession).source.slice(1, -1)})\\.([A-Za-z0-9]{20,64})$`,
);

export interface AppSession {
  sessionId: string;
  tokenHash: string;
}

export async function newSessionToken(sessionId: string): Promise<{ token: string; hash: string }> {
  const secret = randomSecret(32);
  return { token: `${sessionId}.${secret}`, hash: await sha256Hex(secret) };
}

const sessions = new WeakMap<object, AppSession>();

/** Reads and shape-checks the token; the session object compares the hash (routes call it with tokenHash). */
export function appSessionAuth(): MiddlewareHandler<NfcAppEnv> {
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const parts = match ? TOKEN.exec(match[1] as string) : null;
    if (!parts) {
      const error = new NfcError(
        "invalid_init_code",
        "send the session token from redeem as Authorization: Bearer",
      );
      return c.json({ result: "Err", code: error.code, message: error.message, data: null }, 401);
    }
    sessions.set(c.req.raw, {
      sessionId: parts[1] as string,
      tokenHash: await sha256Hex(parts[2] as string),
    });
    await next();
  };
}

export function appSessionOf(c: Context<NfcAppEnv>): AppSession {
  const session = sessions.get(c.req.raw);
  if (!session) throw new NfcError("invalid_init_code", "no session token");
  return session;
}

export const APP_SECURITY = [{ nfcAppSession: [] }];
