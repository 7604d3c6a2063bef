import { idenfyAuth } from "@edgekyc/accounts";
import { AdditionalStepName, Base64, base64DecodedLength } from "@edgekyc/schemas";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { originOf, type PoaEnv, principalOf } from "../../app-env.ts";
import { partnerUpload } from "../../domain/partner-actions.ts";
import { IdenfyError } from "../../idenfy-errors.ts";
import { AdditionalData, idenfyErrors } from "../../wire/token.ts";

/** Base64 of the largest file (MAX_FILE_BYTES, at most 20 MiB) and room for the other fields. */
const MAX_BODY = Math.ceil((20 * 1024 * 1024) / 3) * 4 + 64 * 1024;

export const route = createRoute({
  method: "post",
  path: "/api/v2/upload-additional-step",
  tags: ["Partner"],
  summary: "Upload or replace an additional step's file",
  description:
    "Replaces the step's earlier file and its additionalData; only for a step the verification has. After the user finished, the step is reviewed again and a new final callback follows.",
  security: [{ idenfyBasic: [] }],
  middleware: [
    bodyLimit({
      maxSize: MAX_BODY,
      onError: () => {
        throw new IdenfyError("BAD_VALUE", 413, "The request body is too large.");
      },
    }),
    idenfyAuth(),
  ] as const,
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.object({
            scanRef: z.string().min(1).max(64),
            image: Base64.openapi({ description: "JPEG, PNG or (where the step allows) PDF, base64" }),
            step: AdditionalStepName,
            additionalData: AdditionalData.valueType.optional(),
          }),
        },
      },
    },
  },
  responses: {
    200: {
      description: "Stored.",
      content: {
        "application/json": {
          schema: z.object({ scanRef: z.string(), step: z.string(), contentType: z.string() }),
        },
      },
    },
    ...idenfyErrors(400, 401, 403, 404, 409, 413, 429),
  },
});

export const handler: RouteHandler<typeof route, PoaEnv> = async (c) => {
  const body = c.req.valid("json");
  const max = c.var.services.config.MAX_FILE_BYTES;
  if (base64DecodedLength(body.image) > max) {
    throw new IdenfyError("BAD_VALUE", 413, `image: the file is larger than ${max} bytes.`);
  }
  const result = await partnerUpload(
    c.var.services,
    principalOf(c).partnerId,
    { scanRef: body.scanRef, step: body.step, image: body.image, additionalData: body.additionalData },
    originOf(c),
  );
  return c.json(result, 200);
};
