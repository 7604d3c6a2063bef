import type { Context, MiddlewareHandler } from "hono";
import { jwtVerify, SignJWT } from "jose";
import type { AppEnv } from "../../app/types.ts";
import { utf8 } from "../../crypto/digest.ts";
import { isKeyUsable } from "../repository.ts";
import { bearerToken, clientAddress, failAuthentication } from "./failures.ts";
import { accountsOf, verifyKey } from "./key-auth.ts";

const ISSUER = "edgekyc";
const AUDIENCE = "edgekyc-assure";
export const ASSURE_TOKEN_TTL_SECONDS = 3600;

type TokenEnv = { TOKEN_SIGNING_KEY?: string };

function signingKey(c: Context): Uint8Array {
  const key = (c.env as TokenEnv).TOKEN_SIGNING_KEY;
  if (!key || key.length < 32) throw new Error("TOKEN_SIGNING_KEY is missing or shorter than 32 characters");
  return utf8(key);
}

type OAuthError = "invalid_request" | "invalid_client" | "unsupported_grant_type" | "invalid_scope";

function oauthError(c: Context, error: OAuthError, description: string, status: 400 | 401 | 429 = 400) {
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (status === 401) headers["www-authenticate"] = 'Basic realm="assure"';
  if (status === 429) headers["retry-after"] = "60";
  return c.json({ error, error_description: description }, status, headers);
}

/**
 * Signicat Assure's token endpoint: OAuth 2.0 client credentials, `client_secret_basic` (or
 * `client_secret_post`), form-encoded. Answers an HS256 JWT access token valid for an hour. Errors use
 * the OAuth 2.0 error body (RFC 6749 §5.2), not the API's problem details.
 */
export async function assureTokenHandler(c: Context): Promise<Response> {
  let form: Record<string, string | File>;
  try {
    form = await c.req.parseBody();
  } catch {
    return oauthError(c, "invalid_request", "the body must be application/x-www-form-urlencoded");
  }
  if (form.grant_type !== "client_credentials") {
    return oauthError(c, "unsupported_grant_type", "grant_type must be client_credentials");
  }
  let clientId = typeof form.client_id === "string" ? form.client_id : "";
  let clientSecret = typeof form.client_secret === "string" ? form.client_secret : "";
  const basic = /^Basic\s+([A-Za-z0-9+/=]{1,700})$/i.exec(c.req.header("authorization") ?? "");
  if (basic) {
    try {
      const decoded = atob(basic[1] as string);
      const separator = decoded.indexOf(":");
      clientId = decodeURIComponent(decoded.slice(0, separator));
      clientSecret = decodeURIComponent(decoded.slice(separator + 1));
    } catch {
      return oauthError(c, "invalid_client", "malformed Basic credentials", 401);
    }
  }
  const accounts = await accountsOf(c);
  const principal =
    clientId && clientSecret ? await verifyKey(accounts, "assure", clientId, clientSecret) : null;
  if (!principal) {
    const limiter = (c.env as { AUTH_FAILURES?: RateLimit }).AUTH_FAILURES;
    if (limiter && !(await limiter.limit({ key: `auth-failure:${clientAddress(c)}` })).success) {
      return oauthError(c, "invalid_client", "too many failed attempts; try again later", 429);
    }
    return oauthError(c, "invalid_client", "unknown client or wrong secret", 401);
  }
  const accessToken = await new SignJWT({ pid: principal.partnerId, mode: principal.mode })
    .setProtectedHeader({ alg: "HS256", typ: "at+jwt" })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(principal.keyId)
    .setJti(crypto.randomUUID())
    .setIssuedAt()
    .setExpirationTime(`${ASSURE_TOKEN_TTL_SECONDS}s`)
    .sign(signingKey(c));
  return c.json(
    { access_token: accessToken, token_type: "Bearer", expires_in: ASSURE_TOKEN_TTL_SECONDS, scope: "" },
    200,
    { "cache-control": "no-store" },
  );
}

/** Signicat Assure API: a Bearer access token from `assureTokenHandler`, whose key is still usable. */
export function assureAuth(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearerToken(c);
    let keyId: string | undefined;
    if (token) {
      try {
        const { payload } = await jwtVerify(token, signingKey(c), {
          issuer: ISSUER,
          audience: AUDIENCE,
          algorithms: ["HS256"],
        });
        keyId = payload.sub;
      } catch {
        keyId = undefined;
      }
    }
    const accounts = await accountsOf(c);
    const key = keyId ? await accounts.findKeyById(keyId) : null;
    if (key?.dialect !== "assure" || !isKeyUsable(key, Date.now())) return failAuthentication(c);
    c.set("principal", {
      partnerId: key.partnerId,
      keyId: key.id,
      mode: key.mode,
      dialect: "assure",
      scopes: key.scopes,
    });
    await next();
  };
}
