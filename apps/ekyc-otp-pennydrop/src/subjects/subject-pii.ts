import { z } from "@hono/zod-openapi";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";

/** Printable text without control characters or markup: these values end up in messages and logs of others. */
const Text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\p{Cc}\p{Cf}<>]*$/u, "must not contain control characters or < >");

/**
 * A phone number as customers type it ("07700 900123", "+44 7700 900123"), validated with
 * libphonenumber-js (UK numbers by default) and normalised to E.164.
 */
export const PhoneNumber = z
  .string()
  .max(32)
  .transform((value, ctx) => {
    const parsed = parsePhoneNumberFromString(value, "GB");
    if (!parsed?.isValid()) {
      ctx.addIssue({
        code: "custom",
        message: "must be a valid phone number, e.g. +447700900123 or 07700 900123",
      });
      return z.NEVER;
    }
    return parsed.number as string;
  })
  .openapi({ type: "string", example: "+447700900123" });

/** Whether an E.164 number can receive SMS (mobile, or a number type that may be mobile). */
export function phoneKind(e164: string): "mobile" | "landline" | "other" {
  const type = parsePhoneNumberFromString(e164)?.getType();
  if (type === "MOBILE" || type === "FIXED_LINE_OR_MOBILE") return "mobile";
  if (type === "FIXED_LINE" || type === "VOIP" || type === "PERSONAL_NUMBER" || type === "UAN")
    return "landline";
  return "other";
}

export const Email = z.email({ error: "must be an email address" }).max(254);

const Address = z
  .strictObject({
    buildingNumber: Text(20).optional(),
    buildingName: Text(100).optional(),
    street: Text(100),
    locality: Text(100).optional(),
    town: Text(100),
    postcode: Text(12),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 code, e.g. GB")
      .default("GB"),
  })
  .openapi("Address");

/** What a partner registers about a customer (all of it personal data, stored encrypted). */
export const SubjectDetails = z
  .strictObject({
    title: Text(20).optional(),
    firstName: Text(100),
    middleNames: Text(100).optional(),
    lastName: Text(100),
    dateOfBirth: z.iso.date({ error: "must be a date, YYYY-MM-DD" }),
    address: Address.optional(),
    mobileNumber: PhoneNumber.optional(),
    homeNumber: PhoneNumber.optional(),
    email: Email.optional(),
  })
  .openapi("CustomerDetails");
export type SubjectDetails = z.output<typeof SubjectDetails>;

/** The name Confirmation of Payee is asked about: forenames and surname, no title. */
export function accountHolderName(details: SubjectDetails): string {
  return [details.firstName, details.middleNames, details.lastName].filter(Boolean).join(" ");
}
