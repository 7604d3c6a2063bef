import { z } from "zod";
import { MessageIdempotencyKey } from "../messaging/message-sender.ts";
import type { ExternalEffect } from "../provider.ts";
import { AccountHolderName, SortCode, UkAccountNumber } from "./uk-bank-account.ts";

/**
 * A Faster Payments reference: 6-18 characters of A-Z a-z 0-9 - . & / and space, not all the same
 * character (the scheme's and the sending banks' common rule).
 */
export const FasterPaymentReference = z
  .string()
  .regex(/^[A-Za-z0-9\-.&/ ]{6,18}$/, "must be 6-18 characters of A-Z a-z 0-9 - . & / and space")
  .refine((reference) => new Set(reference).size > 1, "must not be one character repeated");

export const FasterPayment = z.strictObject({
  destination: z.strictObject({
    sortCode: SortCode,
    accountNumber: UkAccountNumber,
    name: AccountHolderName,
  }),
  /** In pence; a penny drop pays 1. */
  amountPence: z
    .number()
    .int()
    .min(1)
    .max(1_000_000 * 100),
  reference: FasterPaymentReference,
  /** The same key never pays twice: the provider (or the sandbox bank) answers a repeat with the first payment. */
  idempotencyKey: MessageIdempotencyKey,
});
export type FasterPayment = z.input<typeof FasterPayment>;

export interface SentPayment {
  /** The provider's payment id (Modulr P…, sandbox sbx_pay_…). */
  providerPaymentId: string;
  /** `accepted`: validated and queued by the provider; `completed`: credited (the sandbox is instant). */
  status: "accepted" | "completed";
  acceptedAt: string;
}

/** Pays a UK account by Faster Payments. */
export interface FasterPaymentsSender extends ExternalEffect {
  /** Throws InvalidMessageError (bad input, before any request) or ProviderError. */
  pay(payment: FasterPayment): Promise<SentPayment>;
}
