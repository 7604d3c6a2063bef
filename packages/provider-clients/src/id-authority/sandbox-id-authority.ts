import type { IdAuthority, IdAuthorityPerson, IdLookupQuery, IdLookupResult } from "./id-authority.ts";

/** A test identity as a developer registers it (through an app's development routes). */
export interface SandboxIdentity {
  country: string;
  idType: string;
  idNumber: string;
  person: IdAuthorityPerson;
}

/**
 * Where the sandbox authority's test identities live, scoped to one partner by whoever builds it (an app
 * stores them encrypted in its own D1 and R2). `find` matches country, id type and id number exactly.
 */
export interface SandboxIdentityStore {
  find(country: string, idType: string, idNumber: string): Promise<SandboxIdentity | null>;
}

/**
 * How the last digit of an id number picks the sandbox authority's answer, so every outcome can be
 * produced on purpose:
 * - `0`: not found;
 * - `1`: the authority is unavailable (a retryable failure);
 * - `2`: found, without a photo (the registered identity's data, its photo withheld);
 * - any other digit: the registered identity with its photo, or not found when none is registered.
 * An id number not ending in a digit follows the last rule.
 */
export const SANDBOX_ID_NUMBER_RULES = {
  "0": "not_found",
  "1": "unavailable",
  "2": "found_without_photo",
} as const;

/** Id types the sandbox accepts (per Smile ID's names for the common ones); anything else is unsupported. */
export const SANDBOX_ID_TYPES = [
  "NIN",
  "NIN_V2",
  "BVN",
  "NATIONAL_ID",
  "PASSPORT",
  "DRIVERS_LICENSE",
  "VOTER_ID",
];

export class SandboxIdAuthority implements IdAuthority {
  readonly provider = "sandbox";

  constructor(private readonly store: SandboxIdentityStore) {}

  async lookup(query: IdLookupQuery): Promise<IdLookupResult> {
    if (!SANDBOX_ID_TYPES.includes(query.idType)) return { outcome: "unsupported_id_type" };
    const rule = SANDBOX_ID_NUMBER_RULES[query.idNumber.slice(-1) as keyof typeof SANDBOX_ID_NUMBER_RULES];
    if (rule === "not_found") return { outcome: "not_found" };
    if (rule === "unavailable") return { outcome: "unavailable", reason: "sandbox: id number ends in 1" };
    const identity = await this.store.find(query.country, query.idType, query.idNumber);
    if (!identity) return { outcome: "not_found" };
    const person = rule === "found_without_photo" ? { ...identity.person, photo: null } : identity.person;
    return { outcome: "found", person };
  }
}

/** The store contract in memory, for tests and tools. */
export class MemorySandboxIdentityStore implements SandboxIdentityStore {
  private readonly identities: SandboxIdentity[] = [];

  add(identity: SandboxIdentity): void {
    this.identities.push(identity);
  }

  async find(country: string, idType: string, idNumber: string): Promise<SandboxIdentity | null> {
    return (
      this.identities.find((i) => i.country === country && i.idType === idType && i.idNumber === idNumber) ??
      null
    );
  }
}
