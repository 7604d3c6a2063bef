import { encodeBase64 } from "@edgekyc/schemas";
import { z } from "zod";
import { readProviderJson } from "../http/provider-response.ts";
import { type FetchFn, type ResilientFetchOptions, resilientFetch } from "../http/resilient-fetch.ts";
import {
  COP_REASON_CODES,
  type ConfirmationOfPayee,
  type PayeeCheck,
  type PayeeCheckResult,
  PayeeCheck as PayeeCheckSchema,
  type PayeeMatch,
} from "./confirmation-of-payee.ts";
import {
  type FasterPayment,
  FasterPayment as FasterPaymentSchema,
  type FasterPaymentsSender,
  type SentPayment,
} from "./faster-payments.ts";
import { parseOrThrow } from "./uk-bank-account.ts";

export const ModulrConfig = z.strictObject({
  /** API key: the `keyId` of the HMAC signature. */
  apiKey: z.string().min(1),
  /** API secret: the HMAC-SHA1 key. */
  apiSecret: z.string().min(1),
  /** The Modulr account payments are made from (and that CoP checks are made for), e.g. "A12002MW". */
  sourceAccountId: z.string().regex(/^[A-Z0-9]{6,12}$/, "must be a Modulr account id, e.g. A12002MW"),
  /** Production "https://api.modulrfinance.com/api-ext"; sandbox "https://api-sandbox.modulrfinance.com/api-sandbox". */
  baseUrl: z.url({ protocol: /^https?$/ }).default("https://api.modulrfinance.com/api-ext"),
});
export type ModulrConfig = z.input<typeof ModulrConfig>;

export type ModulrHttpOptions = Pick<
  ResilientFetchOptions,
  "timeoutMs" | "retries" | "backoff" | "sleep" | "random"
> & {
  fetcher?: FetchFn;
  /** Injected in tests for a fixed Date header. */
  now?: () => Date;
};

/**
 * Modulr's request signature: HMAC-SHA1 (keyed with the API secret) of "date: <Date>\nx-mod-nonce:
 * <nonce>", base64 then URL-encoded, in `Authorization: Signature keyId=…,algorithm="hmac-sha1",
 * headers="date x-mod-nonce",signature=…`. A nonce is accepted once; with `x-mod-retry: true` a repeated
 * nonce gets the first request's answer, which makes retries idempotent.
 */
export async function modulrAuthHeaders(
  config: { apiKey: string; apiSecret: string },
  nonce: string,
  date: Date,
): Promise<Record<string, string>> {
  const dateHeader = date.toUTCString();
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(config.apiSecret),
    { name: "HMAC", hash: "SHA-1" },
    false,
    ["sign"],
  );
  const mac = await crypto.subtle.sign(
    "HMAC",
    key,
    new TextEncoder().encode(`date: ${dateHeader}\nx-mod-nonce: ${nonce}`),
  );
  const signature = encodeURIComponent(encodeBase64(new Uint8Array(mac)));
  return {
    authorization: `Signature keyId="${config.apiKey}",algorithm="hmac-sha1",headers="date x-mod-nonce",signature="${signature}"`,
    date: dateHeader,
    "x-mod-nonce": nonce,
    "x-mod-retry": "true",
  };
}

function modulrErrorCode(body: unknown): string | null {
  // Modulr answers errors as a list of {field, code, message}; the code is safe to log, the message is not.
  const first = Array.isArray(body) ? body[0] : body;
  const code = (first as { code?: unknown } | null)?.code;
  return typeof code === "string" || typeof code === "number" ? String(code) : null;
}

const ModulrPayment = z.object({
  id: z.string().min(1),
  status: z.string().min(1),
  createdDate: z.string().nullish(),
});

const ModulrNameCheckAnswer = z.object({
  id: z.string().nullish(),
  result: z.string().min(1),
  name: z.string().nullish(),
  reasonCode: z.string().nullish(),
});

/** Modulr's `result` values and the Pay.UK reason code first, as Modulr passes them through. */
export function modulrPayeeMatch(result: string, reasonCode: string | null | undefined): PayeeMatch {
  if (reasonCode && COP_REASON_CODES[reasonCode]) return COP_REASON_CODES[reasonCode] as PayeeMatch;
  switch (result.toUpperCase()) {
    case "MATCHED":
    case "MATCH":
      return "match";
    case "PARTIAL_MATCH":
    case "CLOSE_MATCH":
      return "close_match";
    case "NOT_MATCHED":
    case "NO_MATCH":
    case "ACCOUNT_NOT_FOUND":
      return "no_match";
    default:
      return "unavailable";
  }
}

abstract class ModulrClient {
  readonly provider = "modulr";
  protected readonly config: z.output<typeof ModulrConfig>;
  protected readonly http: ModulrHttpOptions;

  constructor(config: ModulrConfig, http: ModulrHttpOptions = {}) {
    this.config = ModulrConfig.parse(config);
    this.http = http;
  }

  protected async post(path: string, body: unknown, nonce: string): Promise<Response> {
    const headers = await modulrAuthHeaders(this.config, nonce, this.http.now?.() ?? new Date());
    const request = new Request(`${this.config.baseUrl.replace(/\/+$/, "")}${path}`, {
      method: "POST",
      headers: { accept: "application/json", "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
    // The nonce is the idempotency key: Modulr answers a repeated nonce (with x-mod-retry) with the first
    // result, so retrying after a timeout cannot pay twice.
    return resilientFetch(request, {
      ...this.http,
      provider: this.provider,
      idempotencyKey: nonce,
      idempotencyHeader: "x-mod-nonce",
    });
  }
}

/** Faster Payments through Modulr, `POST /payments` to a `SCAN` (sort code + account number) destination. */
export class ModulrPayments extends ModulrClient implements FasterPaymentsSender {
  async pay(input: FasterPayment): Promise<SentPayment> {
    const payment = parseOrThrow(FasterPaymentSchema, input, "(payment)");
    const response = await this.post(
      "/payments",
      {
        sourceAccountId: this.config.sourceAccountId,
        destination: { type: "SCAN", ...payment.destination },
        currency: "GBP",
        // Modulr takes major units: 1 penny is 0.01.
        amount: payment.amountPence / 100,
        reference: payment.reference,
        externalReference: payment.idempotencyKey.slice(0, 50),
      },
      payment.idempotencyKey,
    );
    const created = await readProviderJson(response, {
      provider: this.provider,
      schema: ModulrPayment,
      errorCode: modulrErrorCode,
    });
    const at = created.createdDate ? Date.parse(created.createdDate) : Number.NaN;
    return {
      providerPaymentId: created.id,
      status: created.status === "PROCESSED" ? "completed" : "accepted",
      acceptedAt: new Date(Number.isNaN(at) ? Date.now() : at).toISOString(),
    };
  }
}

/** Confirmation of Payee through Modulr's Account Name Check, `POST /account-name-check`. */
export class ModulrNameCheck extends ModulrClient implements ConfirmationOfPayee {
  async check(input: PayeeCheck): Promise<PayeeCheckResult> {
    const check = parseOrThrow(PayeeCheckSchema, input, "(check)");
    const response = await this.post(
      "/account-name-check",
      {
        sortCode: check.sortCode,
        accountNumber: check.accountNumber,
        name: check.name,
        accountType: check.accountType.toUpperCase(),
        paymentAccountId: this.config.sourceAccountId,
      },
      crypto.randomUUID(),
    );
    const answer = await readProviderJson(response, {
      provider: this.provider,
      schema: ModulrNameCheckAnswer,
      errorCode: modulrErrorCode,
    });
    const match = modulrPayeeMatch(answer.result, answer.reasonCode);
    return {
      match,
      reasonCode: answer.reasonCode ?? null,
      matchedName: match === "close_match" ? (answer.name ?? null) : null,
    };
  }
}
