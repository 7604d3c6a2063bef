import { smileIdSignature } from "@edgekyc/platform";
import { z } from "zod";
import { ProviderError } from "../http/provider-error.ts";
import { readProviderJson } from "../http/provider-response.ts";
import { type FetchFn, type ResilientFetchOptions, resilientFetch } from "../http/resilient-fetch.ts";
import type { IdAuthority, IdLookupQuery, IdLookupResult } from "./id-authority.ts";

export const SmileIdEnhancedKycConfig = z.strictObject({
  /** The Smile ID partner id of the platform's own account (not the EdgeKYC partner's). */
  partnerId: z.string().regex(/^[0-9]{1,20}$/, "must be a numeric Smile ID partner id"),
  apiKey: z.string().min(1),
  /** Production https://api.smileidentity.com/v1, sandbox https://testapi.smileidentity.com/v1. */
  baseUrl: z.url({ protocol: /^https?$/ }).default("https://api.smileidentity.com/v1"),
});
export type SmileIdEnhancedKycConfig = z.input<typeof SmileIdEnhancedKycConfig>;

export type SmileIdAuthorityHttpOptions = Pick<ResilientFetchOptions, "timeoutMs" | "sleep"> & {
  fetcher?: FetchFn;
};

/** The fields of an Enhanced KYC answer that a lookup uses; the rest is ignored. */
const EnhancedKycAnswer = z.object({
  ResultCode: z.string(),
  FullName: z.string().nullish(),
  DOB: z.string().nullish(),
  Gender: z.string().nullish(),
  Photo: z.string().nullish(),
});

/** Smile ID's ID-verification result codes (job type 5). */
const FOUND = "1012";
const NOT_FOUND = "1013";
const UNSUPPORTED = "1014";

function smileErrorCode(body: unknown): string | null {
  const code = (body as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : null;
}

function decodePhoto(base64: string | null | undefined): Uint8Array | null {
  if (!base64 || base64 === "Not Available") return null;
  try {
    return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/** "SURNAME FIRST MIDDLE" → parts; Smile ID returns one FullName, order as the authority keeps it. */
function splitName(fullName: string): { firstName: string; lastName: string; middleName: string | null } {
  const parts = fullName.trim().split(/\s+/);
  if (parts.length === 1) return { firstName: parts[0] ?? "", lastName: "", middleName: null };
  return {
    firstName: parts[0] ?? "",
    lastName: parts.at(-1) ?? "",
    middleName: parts.length > 2 ? parts.slice(1, -1).join(" ") : null,
  };
}

/**
 * Smile ID's Enhanced KYC (`POST /v1/id_verification`, job type 5): one API in front of the national ID
 * authorities of many African countries (NIN, BVN, Kenyan national ID, Ghana Card…), returning the
 * authority's name, date of birth and photo. Authenticated with Smile ID's signature in the body. Not
 * retried: a second request with the same job id is refused by Smile ID as a duplicate job.
 */
export class SmileIdEnhancedKycAuthority implements IdAuthority {
  readonly provider = "smileid-enhanced-kyc";
  private readonly config: z.output<typeof SmileIdEnhancedKycConfig>;

  constructor(
    config: SmileIdEnhancedKycConfig,
    private readonly http: SmileIdAuthorityHttpOptions = {},
  ) {
    this.config = SmileIdEnhancedKycConfig.parse(config);
  }

  async lookup(query: IdLookupQuery): Promise<IdLookupResult> {
    const timestamp = new Date().toISOString();
    const body = {
      partner_id: this.config.partnerId,
      timestamp,
      signature: await smileIdSignature(this.config.apiKey, timestamp, this.config.partnerId),
      country: query.country,
      id_type: query.idType,
      id_number: query.idNumber,
      first_name: query.firstName ?? "",
      last_name: query.lastName ?? "",
      dob: query.dob ?? "",
      partner_params: { job_id: query.reference, user_id: query.reference, job_type: 5 },
      source_sdk: "edgekyc",
      source_sdk_version: "1.0.0",
    };
    let answer: z.infer<typeof EnhancedKycAnswer>;
    try {
      const response = await resilientFetch(
        new Request(`${this.config.baseUrl.replace(/\/$/, "")}/id_verification`, {
          method: "POST",
          headers: { "content-type": "application/json", accept: "application/json" },
          body: JSON.stringify(body),
        }),
        { provider: this.provider, retries: 0, timeoutMs: this.http.timeoutMs ?? 30_000, ...this.http },
      );
      answer = await readProviderJson(response, {
        provider: this.provider,
        schema: EnhancedKycAnswer,
        errorCode: smileErrorCode,
      });
    } catch (error) {
      if (error instanceof ProviderError && error.retryable) {
        return { outcome: "unavailable", reason: error.message };
      }
      throw error;
    }
    if (answer.ResultCode === NOT_FOUND) return { outcome: "not_found" };
    if (answer.ResultCode === UNSUPPORTED) return { outcome: "unsupported_id_type" };
    if (answer.ResultCode !== FOUND) {
      return {
        outcome: "unavailable",
        reason: `smileid-enhanced-kyc answered ResultCode ${answer.ResultCode}`,
      };
    }
    return {
      outcome: "found",
      person: {
        ...splitName(answer.FullName ?? ""),
        dob: answer.DOB && answer.DOB !== "Not Available" ? answer.DOB : null,
        gender: answer.Gender && answer.Gender !== "Not Available" ? answer.Gender : null,
        photo: decodePhoto(answer.Photo),
      },
    };
  }
}
