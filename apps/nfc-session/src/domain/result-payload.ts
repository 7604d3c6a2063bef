// The webhook body: exactly the MachineSense fields, plus `checks` (documented in the README) saying
// which checks ran and which passed.
import type { CheckResult, Dg1Data } from "./document-verifier.ts";
import { OUTCOMES, type OutcomeKey } from "./outcomes.ts";

const CHECK_NAMES = [
  "signature",
  "hashes",
  "chain",
  "crl",
  "issuing_state",
  "active_authentication",
  "consent",
  "document_expiry",
  "lost_or_stolen",
] as const;
type CheckName = (typeof CHECK_NAMES)[number];
export type ResultChecks = Record<CheckName, CheckResult>;

export const NOT_RUN: CheckResult = { ran: false, passed: false };

function emptyChecks(): ResultChecks {
  return Object.fromEntries(CHECK_NAMES.map((name) => [name, { ...NOT_RUN }])) as ResultChecks;
}

/** YYMMDD to YYYY-MM-DD: birth dates are never in the future; expiry dates within 50 years ahead. */
export function mrzDateToIso(yymmdd: string, kind: "birth" | "expiry", now: Date): string {
  const yy = Number(yymmdd.slice(0, 2));
  const currentYear = now.getUTCFullYear();
  let year = 2000 + yy;
  if (kind === "birth" && year > currentYear) year -= 100;
  if (kind === "expiry" && year > currentYear + 50) year -= 100;
  return `${year}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
}

/** Document data for the webhook's `data`: DG1, then DG11 and DG12 fields that DG1 does not already hold. */
export function documentData(
  dg1: Dg1Data,
  dg11: Record<string, string | string[]> | null,
  dg12: Record<string, string | string[]> | null,
  now: Date,
): Record<string, string | string[] | null> {
  const base: Record<string, string | string[] | null> = {
    name: [dg1.givenNames, dg1.surname].filter(Boolean).join(" "),
    surname: dg1.surname,
    given_names: dg1.givenNames,
    nationality: dg1.nationality,
    issuing_state: dg1.issuingState,
    document_number: dg1.documentNumber,
    document_type: dg1.documentCode,
    date_of_birth: mrzDateToIso(dg1.dateOfBirth, "birth", now),
    date_of_expiry: mrzDateToIso(dg1.dateOfExpiry, "expiry", now),
    sex: dg1.sex,
    personal_number: dg1.personalNumber,
    optional_data: dg1.optionalData,
    mrz_format: dg1.format,
  };
  for (const extra of [dg11, dg12]) {
    for (const [key, value] of Object.entries(extra ?? {})) if (!(key in base)) base[key] = value;
  }
  return base;
}

/** The webhook of a session that ended without a verified identity. */
export function failurePayload(
  outcome: OutcomeKey,
  input: { ref: string; data?: Record<string, unknown>; checks?: ResultChecks },
): Record<string, unknown> {
  return {
    result: "Err",
    code: OUTCOMES[outcome].code,
    message: OUTCOMES[outcome].message,
    ref: input.ref,
    data: input.data ?? {},
    checks: input.checks ?? emptyChecks(),
  };
}
