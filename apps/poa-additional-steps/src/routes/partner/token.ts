import { idenfyAuth } from "@edgekyc/accounts";
import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { JSON_BODY_LIMIT, type PoaEnv, principalOf } from "../../app-env.ts";
import { createToken } from "../../domain/token-creation.ts";
import { IdenfyError } from "../../idenfy-errors.ts";
import { idenfyErrors, TokenRequest, TokenResponse } from "../../wire/token.ts";

export const jsonBodyLimit = bodyLimit({
  maxSize: JSON_BODY_LIMIT,
  onError: () => {
    throw new IdenfyError("BAD_VALUE", 413, `The request body is larger than ${JSON_BODY_LIMIT} bytes.`);
  },
});

export const route = createRoute({
  method: "post",
  path: "/api/v2/token",
  tags: ["Partner"],
  summary: "Create a verification token",
  description:
    'iDenfy\'s token call. additionalSteps defaults to the account\'s configured steps; `{"ALL":{"ALL":{}}}` creates a token without any; a list keeps only those steps; an object overrides type, texts, fields and settings per country and document type, within what the account configured.',
  security: [{ idenfyBasic: [] }],
  middleware: [jsonBodyLimit, idenfyAuth()] as const,
  request: { body: { required: true, content: { "application/json": { schema: TokenRequest } } } },
  responses: {
    201: {
      description: "The whole token object.",
      content: { "application/json": { schema: TokenResponse } },
    },
    ...idenfyErrors(400, 401, 403, 413, 415, 429),
  },
});

export const handler: RouteHandler<typeof route, PoaEnv> = async (c) => {
  const token = await createToken(c.var.services, principalOf(c), c.req.valid("json"));
  return c.json(token, 201);
};
