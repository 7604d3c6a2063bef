import {
  AdditionalStepName,
  COUNTRY_ALPHA2,
  HolderPublicJwk,
  HttpUrl,
  IdenfyDocumentType,
  IdenfyLocale,
  IsoDate,
} from "@edgekyc/schemas";
import { z } from "@hono/zod-openapi";
import { AdditionalStepsRequest } from "../domain/step-resolution.ts";

const TOKEN_TYPES = [
  "DOCUMENT",
  "IDENTIFICATION",
  "VIDEO_CALL",
  "VIDEO_CALL_PHOTOS",
  "VIDEO_CALL_IDENTIFICATION",
] as const;

const Country = z
  .string()
  .transform((value) => value.toUpperCase())
  .pipe(z.enum(COUNTRY_ALPHA2, { error: "must be an ISO 3166-1 alpha-2 country code" }));
const Text = (max: number) => z.string().trim().min(1).max(max);
const FieldName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, "must be a field name like address");

/** additionalData: step name → field → the value to compare with or to help extraction. */
export const AdditionalData = z
  .record(AdditionalStepName, z.record(FieldName, z.string().max(1000)))
  .openapi({ example: { UTILITY_BILL: { address: "1234, Drive/Street, City/State, postcode" } } });
export type AdditionalData = z.infer<typeof AdditionalData>;

/** POST /api/v2/token. Unknown keys are ignored, as iDenfy's other token fields are not served here. */
export const TokenRequest = z
  .object({
    clientId: z.string().trim().min(1).max(100),
    externalRef: Text(100).optional(),
    firstName: Text(100).optional(),
    lastName: Text(100).optional(),
    successUrl: HttpUrl.optional(),
    errorUrl: HttpUrl.optional(),
    unverifiedUrl: HttpUrl.optional(),
    callbackUrl: HttpUrl.optional(),
    locale: IdenfyLocale.optional(),
    country: Country.optional(),
    expiryTime: z.number().int().min(1).max(2_592_000).optional(),
    sessionLength: z.number().int().min(60).max(3600).optional(),
    documents: z
      .array(IdenfyDocumentType)
      .min(1)
      .refine((list) => new Set(list).size === list.length, "must not repeat a document type")
      .optional(),
    dateOfBirth: IsoDate.optional(),
    dateOfExpiry: IsoDate.optional(),
    dateOfIssue: IsoDate.optional(),
    nationality: Country.optional(),
    personalNumber: Text(100).optional(),
    documentNumber: Text(100).optional(),
    sex: z.enum(["M", "F"]).optional(),
    address: Text(500).optional(),
    tokenType: z.enum(TOKEN_TYPES).optional(),
    showInstructions: z.boolean().optional(),
    generateDigitString: z.boolean().optional(),
    additionalSteps: AdditionalStepsRequest.optional().openapi({
      type: "object",
      example: { ALL: { ALL: ["UTILITY_BILL"] } },
    }),
    additionalData: AdditionalData.optional(),
    holderKey: HolderPublicJwk.optional().openapi({
      description:
        "EdgeKYC extension: the end user's public JWK (EC P-256 or Ed25519, public members only). The verification receipt is bound to it (`cnf`).",
    }),
  })
  .openapi("TokenRequest", { example: { clientId: "123" } });
export type TokenRequest = z.output<typeof TokenRequest>;

const StepSchema = z.object({
  type: z.enum(["UPLOAD", "COMPARE", "EXTRACT"]),
  texts: z.record(z.string(), z.object({ name: z.string(), description: z.string() })),
  fields: z.array(z.string()),
  settings: z.object({ canUpload: z.boolean(), canCapture: z.boolean(), canUploadPDF: z.boolean() }),
});

const nullable = <T extends z.ZodType>(schema: T) => schema.nullable();

/** The token object: every key present, null when unset, as iDenfy returns it. */
export const TokenResponse = z
  .object({
    message: z.string(),
    authToken: z.string(),
    scanRef: z.string(),
    clientId: z.string(),
    personScanRef: z.string(),
    firstName: nullable(z.string()),
    lastName: nullable(z.string()),
    successUrl: nullable(z.string()),
    errorUrl: nullable(z.string()),
    unverifiedUrl: nullable(z.string()),
    callbackUrl: nullable(z.string()),
    locale: nullable(z.string()),
    country: nullable(z.string()),
    expiryTime: z.number(),
    sessionLength: z.number(),
    documents: z.array(z.string()),
    dateOfBirth: nullable(z.string()),
    dateOfExpiry: nullable(z.string()),
    dateOfIssue: nullable(z.string()),
    nationality: nullable(z.string()),
    personalNumber: nullable(z.string()),
    documentNumber: nullable(z.string()),
    sex: nullable(z.string()),
    address: nullable(z.string()),
    showInstructions: z.boolean(),
    tokenType: z.string(),
    utilityBill: nullable(z.literal(true)),
    additionalSteps: nullable(z.record(z.string(), z.record(z.string(), z.record(z.string(), StepSchema)))),
    additionalData: nullable(AdditionalData),
    externalRef: nullable(z.string()),
    digitString: nullable(z.string()),
  })
  .openapi("Token");
export type TokenResponse = z.infer<typeof TokenResponse>;

const IdenfyErrorBody = z.object({ identifier: z.string(), message: z.string() }).openapi("IdenfyError", {
  example: { identifier: "MISSING_VALUE", message: "Missing mandatory parameter: clientId." },
});

/** OpenAPI error entries for the statuses a route can answer with. */
export function idenfyErrors(...statuses: number[]) {
  const descriptions: Record<number, string> = {
    400: "MISSING_VALUE, BAD_VALUE or JSON_ERROR",
    401: "UNAUTHORIZED (partner credentials) or TOKEN_NOT_VALID (authToken)",
    403: "PERMISSIONS_ERROR",
    404: "BAD_VALUE: no such verification or step",
    409: "BAD_VALUE: the verification is not in a state that allows this",
    413: "BAD_VALUE: the body or file is too large",
    415: "BAD_VALUE or JSON_ERROR: wrong media type",
    429: "TOO_MANY_REQUESTS",
    500: "INTERNAL_ERROR",
  };
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: descriptions[status] ?? "error",
        content: { "application/json": { schema: IdenfyErrorBody } },
      },
    ]),
  );
}
