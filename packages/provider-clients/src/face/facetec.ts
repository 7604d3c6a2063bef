import { CALIBRATION, matchConfidence } from "@edgekyc/face-engine";
import { encodeBase64 } from "@edgekyc/schemas";
import { z } from "zod";
import { readProviderJson } from "../http/provider-response.ts";
import { type FetchFn, type ResilientFetchOptions, resilientFetch } from "../http/resilient-fetch.ts";
import {
  FaceInputError,
  type FaceMatchInput,
  type FaceMatchOutcome,
  type FaceTecScan,
  type FaceVerifier,
  type LivenessInput,
  type LivenessOutcome,
} from "./face-verifier.ts";

export const FaceTecConfig = z.strictObject({
  /** The partner's FaceTec Server (self-hosted by the partner, as FaceTec licenses it). */
  baseUrl: z.url({ protocol: /^https?$/ }),
  /** The device key identifier FaceTec issued (X-Device-Key). */
  deviceKey: z.string().min(1),
  /** Minimum FaceTec matchLevel for a match (Assure accepts from 6). */
  minMatchLevel: z.number().int().min(0).max(10).default(6),
});
export type FaceTecConfig = z.input<typeof FaceTecConfig>;

export type FaceTecHttpOptions = Pick<
  ResilientFetchOptions,
  "timeoutMs" | "retries" | "backoff" | "sleep" | "random"
> & {
  fetcher?: FetchFn;
};

// FaceTec Server 9 answers these four; some versions leave replayCheckSucceeded out (then it did not fail).
const SecurityChecks = z.object({
  auditTrailVerificationCheckSucceeded: z.boolean(),
  faceScanLivenessCheckSucceeded: z.boolean(),
  replayCheckSucceeded: z.boolean().optional(),
  sessionTokenCheckSucceeded: z.boolean(),
});

const FaceTecResult = z.object({
  success: z.boolean(),
  wasProcessed: z.boolean().optional(),
  error: z.boolean().optional(),
  errorMessage: z.string().optional(),
  faceScanSecurityChecks: SecurityChecks.optional(),
  matchLevel: z.number().int().min(0).max(10).optional(),
});

/** The FaceScan fields FaceTec Server reads (the user agent travels as a header, not in the body). */
function scanBody(scan: FaceTecScan, externalDatabaseRefID: string) {
  return {
    faceScan: scan.faceScan,
    auditTrailImage: scan.auditTrailImage,
    lowQualityAuditTrailImage: scan.lowQualityAuditTrailImage,
    ...(scan.sessionId ? { sessionId: scan.sessionId } : {}),
    externalDatabaseRefID,
  };
}

function failedChecks(checks: z.output<typeof SecurityChecks> | undefined): string[] {
  if (!checks) return ["no faceScanSecurityChecks in the answer"];
  return Object.entries(checks)
    .filter(([, passed]) => passed === false)
    .map(([name]) => name);
}

/**
 * FaceTec Server's REST API (the server a FaceTec licensee runs; endpoint names and fields as FaceTec's API
 * reference and its sample apps' processors give them, see the package README): `POST /liveness-3d` checks
 * a 3D FaceScan from FaceTec's device SDK (`faceScan`, `auditTrailImage`, `lowQualityAuditTrailImage`,
 * `sessionId`); `POST /enrollment-3d` stores it under an `externalDatabaseRefID`, and
 * `POST /match-3d-2d-3rdparty-idphoto` matches that enrollment with a 2D photo (`image`, the document or
 * registered portrait, `minMatchLevel`), answering a matchLevel 0–10. FaceTec works on its SDK's
 * FaceScans, not on plain selfies: without a `scan` this engine refuses the input. Calls carry
 * `X-Device-Key` and `X-User-Agent` (the device SDK's string when the scan has it: FaceTec's session token
 * check reads it). They are not idempotent on FaceTec's side, so only the enrollment (keyed by our
 * reference id) is retried.
 */
export class FaceTecVerifier implements FaceVerifier {
  readonly provider = "facetec";
  private readonly config: z.output<typeof FaceTecConfig>;

  constructor(
    config: FaceTecConfig,
    private readonly http: FaceTecHttpOptions = {},
  ) {
    this.config = FaceTecConfig.parse(config);
  }

  private async post(path: string, body: object, userAgent: string | undefined, idempotencyKey?: string) {
    const request = new Request(`${this.config.baseUrl.replace(/\/+$/, "")}${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "X-Device-Key": this.config.deviceKey,
        "X-User-Agent": userAgent ?? "edgekyc-face-verifier",
      },
      body: JSON.stringify(body),
    });
    const response = await resilientFetch(request, {
      ...this.http,
      provider: this.provider,
      ...(idempotencyKey ? { idempotencyKey, idempotencyHeader: "X-EdgeKYC-Idempotency-Key" } : {}),
    });
    return readProviderJson(response, { provider: this.provider, schema: FaceTecResult });
  }

  async liveness(input: LivenessInput): Promise<LivenessOutcome> {
    const scan = input.scan;
    if (!scan)
      throw new FaceInputError(
        "missing_face_scan",
        "FaceTec checks liveness on a FaceScan from its device SDK; none was given",
        "scan",
      );
    const result = await this.post("/liveness-3d", scanBody(scan, input.referenceId), scan.userAgent);
    const failed = failedChecks(result.faceScanSecurityChecks);
    const passed = result.success && failed.length === 0;
    const confidence = passed ? 100 : 0;
    return {
      provider: this.provider,
      passed: passed && confidence >= input.minConfidence,
      confidence,
      confidenceArray: [confidence],
      reason: passed ? null : (result.errorMessage ?? `failed FaceTec checks: ${failed.join(", ")}`),
      providerReference: input.referenceId,
    };
  }

  async compare(input: FaceMatchInput): Promise<FaceMatchOutcome> {
    const scan = input.scan;
    if (!scan)
      throw new FaceInputError(
        "missing_face_scan",
        "FaceTec matches a FaceScan from its device SDK with the portrait; none was given",
        "scan",
      );
    const enrollment = await this.post(
      "/enrollment-3d",
      scanBody(scan, input.referenceId),
      scan.userAgent,
      `enroll-${input.referenceId}`,
    );
    const failed = failedChecks(enrollment.faceScanSecurityChecks);
    if (!enrollment.success || failed.length > 0) {
      return {
        provider: this.provider,
        status: "not_compared",
        match: false,
        scores: null,
        reason: enrollment.errorMessage ?? `FaceScan refused: ${failed.join(", ")}`,
        providerReference: input.referenceId,
      };
    }
    const match = await this.post(
      "/match-3d-2d-3rdparty-idphoto",
      {
        externalDatabaseRefID: input.referenceId,
        image: encodeBase64(input.reference),
        minMatchLevel: this.config.minMatchLevel,
      },
      scan.userAgent,
    );
    if (match.matchLevel === undefined) {
      return {
        provider: this.provider,
        status: "not_compared",
        match: false,
        scores: null,
        reason: match.errorMessage ?? "FaceTec answered no matchLevel",
        providerReference: input.referenceId,
      };
    }
    const level = match.matchLevel;
    // FaceTec gives only a level; the other scales take the similarity our calibration puts at that level.
    const similarity = level === 0 ? 0 : (CALIBRATION.matchLevelCuts[level - 1] as number);
    const confidence = level === 0 ? 0 : matchConfidence(similarity);
    return {
      provider: this.provider,
      status: "compared",
      match: match.success && level >= this.config.minMatchLevel,
      scores: {
        matchLevel: level,
        faceMatch: Math.round((1 - similarity) * 10_000) / 10_000,
        faceMatchConfidence: confidence,
        confidenceValue: confidence,
      },
      reason:
        level >= this.config.minMatchLevel ? null : `matchLevel ${level} below ${this.config.minMatchLevel}`,
      providerReference: input.referenceId,
    };
  }
}
