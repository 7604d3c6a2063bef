import { smileIdSignature } from "@edgekyc/platform";
import { encodeBase64 } from "@edgekyc/schemas";
import { zipSync } from "fflate";
import { z } from "zod";
import { readProviderJson } from "../http/provider-response.ts";
import { type FetchFn, type ResilientFetchOptions, resilientFetch } from "../http/resilient-fetch.ts";
import {
  FaceInputError,
  type FaceMatchInput,
  type FaceMatchOutcome,
  type FaceVerifier,
  type LivenessInput,
  type LivenessOutcome,
} from "./face-verifier.ts";

export const SmileIdConfig = z.strictObject({
  partnerId: z.string().min(1),
  apiKey: z.string().min(1),
  /** https://testapi.smileidentity.com/v1 (sandbox) or https://api.smileidentity.com/v1. */
  baseUrl: z.url({ protocol: /^https?$/ }).default("https://testapi.smileidentity.com/v1"),
  /** job_status polls after the upload; waits between them double from pollInitialMs up to 4 s. */
  maxPolls: z.number().int().min(1).max(60).default(20),
  pollInitialMs: z.number().int().min(0).max(10_000).default(1000),
});
export type SmileIdConfig = z.input<typeof SmileIdConfig>;

export type SmileIdHttpOptions = Pick<
  ResilientFetchOptions,
  "timeoutMs" | "retries" | "backoff" | "sleep" | "random"
> & {
  fetcher?: FetchFn;
  /** Injected in tests to skip real waiting between polls. */
  pollSleep?: (ms: number) => Promise<void>;
};

const Upload = z.object({ upload_url: z.string().min(1), smile_job_id: z.string().min(1) });
const JobStatus = z.object({
  job_complete: z.boolean(),
  job_success: z.boolean().optional(),
  result: z
    .object({
      ResultCode: z.string().optional(),
      ResultText: z.string().optional(),
      ConfidenceValue: z.union([z.string(), z.number()]).optional(),
      Actions: z.record(z.string(), z.string()).optional(),
    })
    .or(z.string())
    .optional(),
});

/** Smile ID image_type_id values (v1 upload zip): base64 selfie, base64 ID card photo, base64 liveness frame. */
const SELFIE_BASE64 = 2;
const ID_CARD_BASE64 = 3;
const LIVENESS_BASE64 = 6;
/** job_type 1 (Biometric KYC) with an ID card image runs "Selfie To ID Card Compare" and "Liveness Check". */
const JOB_TYPE = 1;

function smileMatchLevel(confidence: number, passed: boolean): number {
  const level = confidence <= 0 ? 0 : Math.min(10, Math.max(1, Math.round(confidence / 10 + 1)));
  return passed ? Math.max(6, level) : Math.min(5, level);
}

/**
 * Smile ID's v1 server-to-server flow, as its own SDK does it: `POST /upload` (signed: HMAC-SHA256 of
 * timestamp + partner id + "sid_request" with the API key) answers an upload URL, the images go there as a
 * zip with info.json, then `POST /job_status` is polled until the job completes. The job's Actions give
 * "Selfie_To_ID_Card_Compare" and "Liveness_Check"; ConfidenceValue is Smile ID's 0–100.
 */
export class SmileIdVerifier implements FaceVerifier {
  readonly provider = "smileid";
  private readonly config: z.output<typeof SmileIdConfig>;

  constructor(
    config: SmileIdConfig,
    private readonly http: SmileIdHttpOptions = {},
  ) {
    this.config = SmileIdConfig.parse(config);
  }

  private async postJson<T extends z.ZodType>(
    path: string,
    body: object,
    schema: T,
    idempotencyKey?: string,
  ): Promise<z.output<T>> {
    const timestamp = new Date().toISOString();
    const request = new Request(`${this.config.baseUrl.replace(/\/+$/, "")}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({
        ...body,
        partner_id: this.config.partnerId,
        timestamp,
        signature: await smileIdSignature(this.config.apiKey, timestamp, this.config.partnerId),
      }),
    });
    // job_status only reads, so it is safe to repeat; the upload is keyed by our job id.
    const response = await resilientFetch(request, {
      ...this.http,
      provider: this.provider,
      ...(idempotencyKey ? { idempotencyKey } : {}),
    });
    return readProviderJson<z.output<T>>(response, {
      provider: this.provider,
      schema: schema as z.ZodType<z.output<T>>,
    });
  }

  private async runJob(jobId: string, images: { image_type_id: number; image: string }[]) {
    const partnerParams = { user_id: jobId, job_id: jobId, job_type: JOB_TYPE };
    const upload = await this.postJson(
      "/upload",
      {
        partner_params: partnerParams,
        file_name: "selfie.zip",
        model_parameters: {},
        smile_client_id: this.config.partnerId,
        callback_url: "",
      },
      Upload,
      `upload-${jobId}`,
    );
    const info = {
      package_information: {
        apiVersion: { buildNumber: 0, majorVersion: 2, minorVersion: 0 },
        language: "typescript",
      },
      misc_information: {
        partner_params: partnerParams,
        timestamp: new Date().toISOString(),
        file_name: "selfie.zip",
        smile_client_id: this.config.partnerId,
        callback_url: "",
        userData: {},
      },
      id_info: {},
      images: images.map((image) => ({ ...image, file_name: "" })),
      server_information: upload,
    };
    const zip = zipSync({ "info.json": new TextEncoder().encode(JSON.stringify(info)) }, { level: 0 });
    const put = await resilientFetch(
      new Request(upload.upload_url, {
        method: "PUT",
        headers: { "content-type": "application/zip" },
        body: zip,
      }),
      {
        ...this.http,
        provider: this.provider,
        // A pre-signed upload URL may be written again with the same bytes.
        idempotencyKey: `zip-${jobId}`,
      },
    );
    if (put.status !== 200) {
      await put.body?.cancel();
      throw new FaceInputError(
        "provider_rejected_upload",
        `Smile ID refused the upload (HTTP ${put.status})`,
      );
    }
    const sleep = this.http.pollSleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    for (let poll = 0; poll < this.config.maxPolls; poll++) {
      await sleep(Math.min(4000, this.config.pollInitialMs * 2 ** Math.min(poll, 3)));
      const status = await this.postJson(
        "/job_status",
        { user_id: jobId, job_id: jobId, history: false, image_links: false },
        JobStatus,
      );
      if (status.job_complete)
        return {
          jobId: upload.smile_job_id,
          result: typeof status.result === "object" ? status.result : undefined,
        };
    }
    return { jobId: upload.smile_job_id, result: undefined };
  }

  async compare(input: FaceMatchInput): Promise<FaceMatchOutcome> {
    if (!input.probe)
      throw new FaceInputError(
        "missing_probe",
        "Smile ID compares a selfie with the ID photo; no selfie was given",
        "probe",
      );
    const { jobId, result } = await this.runJob(input.referenceId, [
      { image_type_id: SELFIE_BASE64, image: encodeBase64(input.probe) },
      { image_type_id: ID_CARD_BASE64, image: encodeBase64(input.reference) },
    ]);
    if (!result)
      return {
        provider: this.provider,
        status: "not_compared",
        match: false,
        scores: null,
        reason: "Smile ID did not complete the job in time",
        providerReference: jobId,
      };
    const action = result.Actions?.Selfie_To_ID_Card_Compare;
    const confidence = Math.max(0, Math.min(100, Number(result.ConfidenceValue ?? 0)));
    const compared = action === "Passed" || action === "Failed";
    const match = action === "Passed";
    return {
      provider: this.provider,
      status: compared ? "compared" : "not_compared",
      match,
      scores: compared
        ? // Smile ID answers a confidence and its own decision; the level is placed on the confidence
          // (50 ↔ matchLevel 6) and kept on the side of Smile ID's decision (Passed ≥ 6, Failed ≤ 5).
          {
            matchLevel: smileMatchLevel(confidence, match),
            faceMatch: Math.round((1 - confidence / 100) * 10_000) / 10_000,
            faceMatchConfidence: confidence,
            confidenceValue: confidence,
          }
        : null,
      reason: match
        ? null
        : `${result.ResultCode ?? "?"} ${result.ResultText ?? action ?? "no compare action"}`,
      providerReference: jobId,
    };
  }

  async liveness(input: LivenessInput): Promise<LivenessOutcome> {
    const frames = input.frames ?? [];
    if (frames.length === 0)
      throw new FaceInputError(
        "no_frames",
        "Smile ID checks liveness on a selfie and liveness frames; none were given",
        "frames",
      );
    const [selfie, ...rest] = frames as [Uint8Array, ...Uint8Array[]];
    const { jobId, result } = await this.runJob(input.referenceId, [
      { image_type_id: SELFIE_BASE64, image: encodeBase64(selfie) },
      ...rest.map((frame) => ({ image_type_id: LIVENESS_BASE64, image: encodeBase64(frame) })),
    ]);
    const action = result?.Actions?.Liveness_Check;
    const confidence = action === "Passed" ? 100 : 0;
    return {
      provider: this.provider,
      passed: action === "Passed" && confidence >= input.minConfidence,
      confidence,
      confidenceArray: frames.map(() => confidence),
      reason:
        action === "Passed"
          ? null
          : result
            ? `Liveness_Check: ${action ?? "not run"}`
            : "Smile ID did not complete the job in time",
      providerReference: jobId,
    };
  }
}
