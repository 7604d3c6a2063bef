import { HolderPublicJwk } from "@edgekyc/schemas";
import { z } from "@hono/zod-openapi";

export const DossierIdParam = z.object({
  dossierId: z
    .uuid({ error: "must be a dossier id (UUID)" })
    .openapi({ param: { name: "dossierId", in: "path" } }),
});
export const ProcessParams = DossierIdParam.extend({
  processId: z
    .uuid({ error: "must be a process id (UUID)" })
    .openapi({ param: { name: "processId", in: "path" } }),
});

export const Dossier = z
  .object({
    dossierId: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    processes: z
      .array(
        z.object({
          processId: z.string(),
          provider: z.string(),
          status: z.string(),
          createdAt: z.string(),
          updatedAt: z.string(),
        }),
      )
      .optional(),
  })
  .openapi("Dossier");

export const CreateProcessRequest = z
  .strictObject({
    provider: z.literal("facetec", { error: 'provider must be "facetec"' }),
    holderKey: HolderPublicJwk.optional().openapi({
      description:
        "EdgeKYC extension: the end user's public JWK (EC P-256 or Ed25519, public members only). The process's verification receipt is bound to it (`cnf`).",
    }),
  })
  .openapi("CreateProcessRequest");

export const CreatedProcess = z
  .object({
    processId: z.string(),
    status: z.literal("pending"),
    createdAt: z.string(),
    updatedAt: z.string(),
    authorization: z.string(),
    facetecEncryptionPublicKey: z.string(),
    facetecDeviceKeyIdentifier: z.string(),
    facetecProductionKeyText: z.string(),
    provider: z.literal("facetec"),
  })
  .openapi("CreatedFacetecProcess");

const SecurityChecks = z.object({
  auditTrailVerificationCheckSucceeded: z.boolean(),
  replayCheckSucceeded: z.boolean(),
  faceScanLivenessCheckSucceeded: z.boolean(),
  sessionTokenCheckSucceeded: z.boolean(),
});
const Attempt = z.object({
  algorithm: z.enum(["facePortrait", "idPhoto", "idPhotoLowQuality"]),
  matchLevel: z.number().int().min(0).max(10),
  imageProcessing: z.enum(["faceFound", "faceNotFound"]),
  success: z.boolean(),
  error: z.boolean(),
});

export const Process = z
  .object({
    processId: z.string(),
    provider: z.literal("facetec"),
    status: z.enum(["pending", "processing", "accepted", "inconclusive", "rejected"]),
    createdAt: z.string(),
    updatedAt: z.string(),
    providerSpecific: z
      .object({
        liveness: z.object({
          faceScanSecurityChecks: SecurityChecks,
          error: z.boolean(),
          success: z.boolean(),
        }),
        matching: Attempt.partial().extend({
          attempts: z.array(Attempt),
          error: z.boolean(),
          success: z.boolean(),
        }),
      })
      .optional(),
    finalResult: z
      .object({
        livenessDetected: z.enum(["true", "false"]),
        similarityScore: z.enum(["high", "medium", "low"]),
      })
      .optional(),
  })
  .openapi("FacetecProcess");

export const FacetecEnrollmentRequest = z
  .object({
    facetecEnrollment: z.strictObject({
      faceScan: z.base64({ error: "faceScan must be base64" }).min(1).max(4_000_000),
      auditTrailImage: z.string().min(1),
      lowQualityAuditTrailImage: z.string().min(1).optional(),
      userAgent: z.string().min(1).max(1000),
    }),
  })
  .openapi("FacetecEnrollmentRequest");
