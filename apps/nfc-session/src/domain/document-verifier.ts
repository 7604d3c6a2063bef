// What nfc-session needs from e-passport verification (@edgekyc/emrtd), as an interface: the adapter in
// emrtd-verifier.ts implements it with the library; the orchestration here stays independent of it.

export interface CheckResult {
  /** False when the check could not apply (e.g. Active Authentication without DG15). */
  ran: boolean;
  passed: boolean;
  /** Why it failed or did not run; no personal data. */
  detail?: string | undefined;
}

/** DG1 as the MRZ states it. Dates YYMMDD as in the MRZ. */
export interface Dg1Data {
  documentCode: string;
  issuingState: string;
  documentNumber: string;
  surname: string;
  givenNames: string;
  nationality: string;
  dateOfBirth: string;
  sex: string;
  dateOfExpiry: string;
  personalNumber: string | null;
  optionalData: string | null;
  format: "TD1" | "TD2" | "TD3";
}

export interface ChipVerdict {
  /** Why the document cannot be handled at all (unknown LDS structure, unsupported algorithm). */
  unsupported: string | null;
  passive: {
    signature: CheckResult;
    hashes: CheckResult;
    chain: CheckResult;
    /** The chain failed because the trust store has no CSCA of the issuing state at all. */
    noTrustAnchor: boolean;
    crl: CheckResult;
    issuingState: CheckResult;
  };
  activeAuthentication: CheckResult;
  dg1: Dg1Data | null;
  /** DG11 (additional personal details) and DG12 (additional document details), already named in snake_case. */
  dg11: Record<string, string | string[]> | null;
  dg12: Record<string, string | string[]> | null;
  portrait: { bytes: Uint8Array; mediaType: "image/jpeg" | "image/jp2" } | null;
}

export interface ChipInput {
  files: Map<string, Uint8Array>;
  /** The challenge this server issued and the chip's answer; null when the upload carries none. */
  activeAuthentication: { challenge: Uint8Array; signature: Uint8Array } | null;
  now: Date;
}

export interface DocumentVerifier {
  verify(input: ChipInput): Promise<ChipVerdict>;
}
