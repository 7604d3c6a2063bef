import { AssureTokenRequest, AssureTokenResponse, issueAssureToken } from "@edgekyc/accounts";
import { errorResponses } from "@edgekyc/platform";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { LivenessEnv } from "../../liveness-env.ts";

const TOKEN_PATH = "/auth/open/connect/token";

/**
 * Signicat's token endpoint. The platform's handler parses the form itself (so errors are RFC 6749
 * bodies, not problem details); the route is registered for the OpenAPI document separately.
 */
export function registerTokenRoute(app: OpenAPIHono<LivenessEnv>): void {
  app.openAPIRegistry.registerPath({
    method: "post",
    path: TOKEN_PATH,
    tags: ["Signicat Assure"],
    summary: "Get an access token (OAuth 2.0 client credentials, client_secret_basic)",
    security: [{ assureClientCredentials: [] }],
    request: { body: { content: { "application/x-www-form-urlencoded": { schema: AssureTokenRequest } } } },
    responses: {
      200: {
        description: "The access token.",
        content: { "application/json": { schema: AssureTokenResponse } },
      },
      ...errorResponses("oauth", 400, 401, 429),
    },
  });
  app.post(TOKEN_PATH, issueAssureToken);
}
