import { z } from "zod";
import type { ExternalEffect } from "../provider.ts";
import { AccountHolderName, AccountType, SortCode, UkAccountNumber } from "./uk-bank-account.ts";

export const PayeeCheck = z.strictObject({
  sortCode: SortCode,
  accountNumber: UkAccountNumber,
  name: AccountHolderName,
  accountType: AccountType.default("personal"),
});
export type PayeeCheck = z.input<typeof PayeeCheck>;

/** The three answers of Confirmation of Payee, plus "the check could not be made". */
export type PayeeMatch = "match" | "close_match" | "no_match" | "unavailable";

export interface PayeeCheckResult {
  match: PayeeMatch;
  /** Pay.UK CoP reason code (MBAM, ANNM, AC01, …); null for a full match. */
  reasonCode: string | null;
  /** The name the bank holds, which CoP returns only on a close match (personal data: never log it). */
  matchedName: string | null;
}

/** Confirmation of Payee: does this name hold this sort code and account number? */
export interface ConfirmationOfPayee extends ExternalEffect {
  /** Throws InvalidMessageError (bad input) or ProviderError (the service failed). */
  check(input: PayeeCheck): Promise<PayeeCheckResult>;
}

/**
 * Pay.UK CoP reason codes and what each means for us. Close-match codes say the name (or account type) is
 * nearly right; the others say the account cannot be matched to the name.
 */
export const COP_REASON_CODES: Readonly<Record<string, PayeeMatch>> = {
  MBAM: "close_match", // may be a match on the name
  BANM: "close_match", // name matches, but the account is a business account
  PANM: "close_match", // name matches, but the account is a personal account
  BAMM: "close_match", // close name match, business account
  PAMM: "close_match", // close name match, personal account
  ANNM: "no_match", // account name does not match
  AC01: "no_match", // incorrect account number
  IVCR: "no_match", // invalid secondary reference
  ACNS: "unavailable", // account type not supported by CoP
  OPTO: "unavailable", // account holder opted out of CoP
  CASS: "unavailable", // account switched (CASS): the check cannot be made here
  SCNS: "unavailable", // sort code not supported
};

function normaliseName(name: string): string[] {
  const titles = new Set(["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev"]);
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, " ")
    .split(/\s+/)
    .filter((token) => token && !titles.has(token));
}

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0] as number;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j] as number;
      previous[j] = Math.min(
        above + 1,
        (previous[j - 1] as number) + 1,
        diagonal + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      diagonal = above;
    }
  }
  return previous[b.length] as number;
}

/**
 * How a sandbox bank answers a name, in the spirit of Pay.UK's matching rules: equal after dropping
 * titles, accents, punctuation and case → match; same surname and compatible forenames (initials,
 * another order) or a small typo → close match; anything else → no match.
 */
export function compareAccountNames(given: string, held: string): "match" | "close_match" | "no_match" {
  const a = normaliseName(given);
  const b = normaliseName(held);
  if (a.length === 0 || b.length === 0) return "no_match";
  if (a.join(" ") === b.join(" ")) return "match";
  if ([...a].sort().join(" ") === [...b].sort().join(" ")) return "close_match";
  const surnameA = a[a.length - 1] as string;
  const surnameB = b[b.length - 1] as string;
  if (surnameA === surnameB) {
    const firstA = a[0] as string;
    const firstB = b[0] as string;
    if (firstA[0] === firstB[0] && (firstA.length === 1 || firstB.length === 1 || firstA === firstB)) {
      return "close_match";
    }
  }
  const joinedA = a.join(" ");
  const joinedB = b.join(" ");
  const allowed = Math.min(joinedA.length, joinedB.length) >= 8 ? 2 : 1;
  return editDistance(joinedA, joinedB) <= allowed ? "close_match" : "no_match";
}
