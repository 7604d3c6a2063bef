import type { ExternalEffect } from "../provider.ts";

/** What a KYC flow asks an ID authority (a national ID register, BVN, NIN…). */
export interface IdLookupQuery {
  /** ISO 3166-1 alpha-2, e.g. "NG", "KE". */
  country: string;
  /** The authority's id type, e.g. "NIN", "BVN", "NATIONAL_ID". */
  idType: string;
  idNumber: string;
  firstName?: string;
  lastName?: string;
  /** YYYY-MM-DD. */
  dob?: string;
  /** The caller's own reference, passed to authorities that take one (idempotency, audit). */
  reference: string;
}

/** A person as the authority holds them. Personal data: encrypt before storing, never log. */
export interface IdAuthorityPerson {
  firstName: string;
  lastName: string;
  middleName: string | null;
  dob: string | null;
  gender: string | null;
  /** The authority's photo (JPEG/PNG bytes), when it has one. */
  photo: Uint8Array | null;
}

export type IdLookupResult =
  | { outcome: "found"; person: IdAuthorityPerson }
  | { outcome: "not_found" }
  | { outcome: "unsupported_id_type" }
  /** The authority did not answer (down, timeout); worth retrying later. */
  | { outcome: "unavailable"; reason: string };

/** An ID authority: a real client for a named provider and a sandbox share this interface. */
export interface IdAuthority extends ExternalEffect {
  lookup(query: IdLookupQuery): Promise<IdLookupResult>;
}
