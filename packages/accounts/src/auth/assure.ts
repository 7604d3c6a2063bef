import type { AppEnv } from "@edgekyc/platform";
import { ConfigError, hmacSha256, MIN_TOKEN_SIGNING_KEY_LENGTH, type OAuthError } from "@edgekyc/platform";
import { z } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { jwtVerify, SignJWT } from "jose";
import { isPublicIdOf, isWellFormedSecret } from "../credentials.ts";
import type { AuthKey } from "../repository/keys.ts";
import { AUTH_FAILURE_BLOCK_SECONDS, countFailure, isBlocked, refuse } from "./failures.ts";
import { accountsOf, admit, type KeyAuthOptions, verifyKeySecret } from "./key-auth.ts";
import { basicCredentials, bearerToken } from "./presented-credentials.ts";

export const ASSURE_TOKEN_TTL_SECONDS = 3600;
const ISSUER = "edgekyc";
const AUDIENCE = "edgekyc:assure";
const TOKEN_TYPE = "at+jwt";
/** Signicat's clients ask for `signicat-api`; a key's own capability is accepted too. */
const ASSURE_DEFAULT_SCOPE = "signicat-api";

/** The token request (documentation; the handler parses the form itself to answer OAuth errors). */
export const AssureTokenRequest = z
  .object({
    grant_type: z.literal("client_credentials"),
    scope: z.string().optional().openapi({ example: ASSURE_DEFAULT_SCOPE }),
    client_id: z.string().optional().openapi({ description: "client_secret_post only" }),
    client_secret: z.string().optional().openapi({ description: "client_secret_post only" }),
  })
  .openapi("AssureTokenRequest");

export const AssureTokenResponse = z
  .object({
    access_token: z.string(),
    token_type: z.literal("Bearer"),
    expires_in: z.number().int(),
    scope: z.string(),
  })
  .openapi("AssureTokenResponse");

let derivedKey: { source: string; key: Promise<Uint8Array> } | undefined;

/**
 * The HS256 key for Assure access tokens, derived from TOKEN_SIGNING_KEY for this one purpose, so a
 * token of another kind signed with the same secret can never pass as an access token.
 */
function accessTokenKey(c: Context): Promise<Uint8Array> {
  const source = (c.env as { TOKEN_SIGNING_KEY?: string } | undefined)?.TOKEN_SIGNING_KEY;
  if (!source || source.length < MIN_TOKEN_SIGNING_KEY_LENGTH) {
    throw new ConfigError(
      `TOKEN_SIGNING_KEY must be set to at least ${MIN_TOKEN_SIGNING_KEY_LENGTH} characters`,
    );
  }
  if (derivedKey?.source !== source) {
    derivedKey = { source, key: hmacSha256(source, "edgekyc assure access token v1") };
  }
  return derivedKey.key;
}

function oauthError(c: Context, status: 400 | 401 | 429, error: OAuthError, description: string): Response {
  const headers: Record<string, string> = { "cache-control": "no-store", pragma: "no-cache" };
  if (status === 401) headers["www-authenticate"] = 'Basic realm="assure"';
  if (status === 429) headers["retry-after"] = String(AUTH_FAILURE_BLOCK_SECONDS);
  return c.json({ error, error_description: description }, status, headers);
}

/** RFC 6749 §2.3.1: the Basic user name and password are form-encoded first. */
function formDecode(value: string): string | null {
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    return null;
  }
}

/**
 * Signicat Assure's token endpoint: OAuth 2.0 client credentials (RFC 6749 §4.4), form-encoded, client
 * authentication by `client_secret_basic` or `client_secret_post` (one of them). Answers an HS256 JWT
 * access token (RFC 9068 `at+jwt`) valid for an hour, or an RFC 6749 §5.2 error body. Failed client
 * authentications count in AUTH_FAILURES like every other dialect's.
 */
export async function issueAssureToken(c: Context): Promise<Response> {
  const mediaType = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (mediaType !== "application/x-www-form-urlencoded") {
    return oauthError(c, 400, "invalid_request", "the body must be application/x-www-form-urlencoded");
  }
  const form = new URLSearchParams(new TextDecoder().decode(await c.req.arrayBuffer()));
  for (const name of new Set(form.keys())) {
    if (form.getAll(name).length > 1) return oauthError(c, 400, "invalid_request", `${name} is repeated`);
  }
  const grantType = form.get("grant_type");
  if (!grantType) return oauthError(c, 400, "invalid_request", "grant_type is missing");
  if (grantType !== "client_credentials") {
    return oauthError(c, 400, "unsupported_grant_type", "grant_type must be client_credentials");
  }

  const basic = basicCredentials(c);
  const hasAuthorization = c.req.header("authorization") !== undefined;
  if (hasAuthorization && form.has("client_secret")) {
    return oauthError(c, 400, "invalid_request", "use one client authentication method, not two");
  }
  const clientId = basic ? formDecode(basic.user) : form.get("client_id");
  const clientSecret = basic ? formDecode(basic.password) : form.get("client_secret");
  if (basic && form.has("client_id") && form.get("client_id") !== clientId) {
    return oauthError(c, 400, "invalid_request", "client_id differs from the Basic credentials");
  }

  const accounts = await accountsOf(c);
  let key: AuthKey | null = null;
  if (clientId && clientSecret && isPublicIdOf("assure", clientId) && isWellFormedSecret(clientSecret)) {
    key = await verifyKeySecret(accounts, "assure", clientId, clientSecret);
  }
  if (!key) {
    const alreadyBlocked = isBlocked(c);
    if ((await countFailure(c)) || alreadyBlocked)
      return oauthError(c, 429, "invalid_request", "too many failed attempts; try again later");
    return oauthError(c, 401, "invalid_client", "client authentication failed");
  }

  const requested = (form.get("scope") ?? "").split(" ").filter(Boolean);
  const allowed = new Set<string>([ASSURE_DEFAULT_SCOPE, ...key.scopes]);
  const unknown = requested.filter((scope) => !allowed.has(scope));
  if (unknown.length > 0) return oauthError(c, 400, "invalid_scope", `unknown scope: ${unknown.join(" ")}`);
  const scope = requested.length > 0 ? [...new Set(requested)].join(" ") : ASSURE_DEFAULT_SCOPE;

  const accessToken = await new SignJWT({
    client_id: key.publicId,
    scope,
    pid: key.partnerId,
    mode: key.mode,
  })
    .setProtectedHeader({ alg: "HS256", typ: TOKEN_TYPE })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(key.id)
    .setJti(crypto.randomUUID())
    .setIssuedAt()
    .setExpirationTime(`${ASSURE_TOKEN_TTL_SECONDS}s`)
    .sign(await accessTokenKey(c));
  (c as Context<AppEnv>).var.log?.info("assure token issued", { partnerId: key.partnerId, keyId: key.id });
  return c.json(
    { access_token: accessToken, token_type: "Bearer" as const, expires_in: ASSURE_TOKEN_TTL_SECONDS, scope },
    200,
    { "cache-control": "no-store", pragma: "no-cache" },
  );
}

/**
 * Signicat Assure API: `Authorization: Bearer <access token from issueAssureToken>`. The token must
 * verify (HS256, issuer, audience, type, expiry) and its key must still be usable, so revoking a key also
 * ends its tokens (within the key cache's TTL in other isolates).
 */
export function assureAuth(options: KeyAuthOptions = {}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set("dialect", "assure");
    const token = bearerToken(c);
    let keyId: string | undefined;
    let partnerId: unknown;
    if (token) {
      try {
        const { payload } = await jwtVerify(token, await accessTokenKey(c), {
          algorithms: ["HS256"],
          issuer: ISSUER,
          audience: AUDIENCE,
          typ: TOKEN_TYPE,
          requiredClaims: ["sub", "exp", "jti"],
        });
        keyId = payload.sub;
        partnerId = payload.pid;
      } catch (error) {
        if (error instanceof ConfigError) throw error;
        keyId = undefined;
      }
    }
    const accounts = await accountsOf(c);
    const key = keyId ? await accounts.keys.findForAuthById("assure", keyId) : null;
    if (!key || key.partnerId !== partnerId) return refuse(c, "assure", 'Bearer realm="assure"');
    admit(c, accounts, key, "assure", options);
    await next();
  };
}
