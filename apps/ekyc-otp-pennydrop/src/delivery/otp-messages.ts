import { z } from "@hono/zod-openapi";

/**
 * What the customer is approving. The merchant name goes into an SMS, an email and a call, so it is held
 * to a plain character set: no links, no markup, nothing a phisher could use to make the message say more.
 */
export const TransactionDetails = z
  .strictObject({
    merchantName: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .regex(/^[\p{L}\p{N} &'.,()-]+$/u, "must be letters, digits, spaces and & ' . , ( ) - only"),
    transactionValue: z.number().min(0).max(1_000_000_000),
    transactionCurrency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code, e.g. GBP"),
  })
  .openapi("TransactionDetails");
export type TransactionDetails = z.output<typeof TransactionDetails>;

function amount(details: TransactionDetails): string {
  try {
    return new Intl.NumberFormat("en-GB", {
      style: "currency",
      currency: details.transactionCurrency,
    }).format(details.transactionValue);
  } catch {
    return `${details.transactionCurrency} ${details.transactionValue.toFixed(2)}`;
  }
}

function minutes(ms: number): string {
  const value = Math.round(ms / 60_000);
  return `${value} minute${value === 1 ? "" : "s"}`;
}

export interface OtpMessageInput {
  code: string;
  expiresInMs: number;
  transaction?: TransactionDetails | undefined;
}

/** "482913 is your code to approve a payment of £12.50 to Acme. …": the code first, for phones that preview. */
export function smsText({ code, expiresInMs, transaction }: OtpMessageInput): string {
  const what = transaction
    ? `to approve a payment of ${amount(transaction)} to ${transaction.merchantName}`
    : "to confirm it's you";
  return `${code} is your code ${what}. It expires in ${minutes(expiresInMs)}. Never share it with anyone, not even us.`;
}

export function emailMessage({ code, expiresInMs, transaction }: OtpMessageInput): {
  subject: string;
  body: string;
} {
  const who = transaction ? `${transaction.merchantName} ` : "";
  const what = transaction
    ? `approve a payment of ${amount(transaction)} to ${transaction.merchantName}`
    : "confirm it's you";
  return {
    subject: `Your ${who}verification code`,
    body: [
      `Your code to ${what} is:`,
      "",
      `    ${code}`,
      "",
      `It expires in ${minutes(expiresInMs)}. Never share it with anyone: we will never ask you for it.`,
      "If you did not ask for this code, you can ignore this email.",
    ].join("\n"),
  };
}

export function voiceWords({ expiresInMs, transaction }: OtpMessageInput): { intro: string; outro: string } {
  const who = transaction ? `from ${transaction.merchantName}` : "";
  const what = transaction ? `to approve a payment of ${amount(transaction)}` : "to confirm it's you";
  return {
    intro: `Hello, this is an automated call ${who}. Your code ${what} is`.replace(/\s+/g, " "),
    outro: `The code expires in ${minutes(expiresInMs)}. Never share it with anyone. Goodbye.`,
  };
}

/** A penny drop's payment reference: what the customer reads on their statement, 18 characters at most. */
export function pennyDropReference(code: string): string {
  return `EKYC ${code}`;
}
