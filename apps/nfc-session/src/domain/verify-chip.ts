// Orchestrates the verification of one chip upload: passive and active authentication (through the
// DocumentVerifier), consent, expiry and the partner's lost/stolen list. Every check runs and is reported;
// the outcome is the first failure in order of severity.
import { type Consent, consentMismatches } from "./consent.ts";
import type { ChipVerdict, DocumentVerifier } from "./document-verifier.ts";
import type { OutcomeKey } from "./outcomes.ts";
import { documentData, mrzDateToIso, NOT_RUN, type ResultChecks } from "./result-payload.ts";

export interface LostStolenLookup {
  isListed(partnerId: string, issuingState: string, documentNumber: string): Promise<boolean>;
}

export interface ChipVerification {
  /** null when every check passed. */
  outcome: OutcomeKey | null;
  checks: ResultChecks;
  /** The webhook's `data`; null when DG1 could not be read. */
  data: Record<string, string | string[] | null> | null;
  verdict: ChipVerdict;
}

export interface VerifyChipInput {
  partnerId: string;
  consent: Consent;
  files: Map<string, Uint8Array>;
  /** The challenge this server issued for this upload. */
  issuedChallenge: Uint8Array;
  /** What the app says it sent to the chip (must be the issued one) and the chip's answer. */
  echoedChallenge: Uint8Array | null;
  aaSignature: Uint8Array | null;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

export async function verifyChip(
  deps: { verifier: DocumentVerifier; lostStolen: LostStolenLookup; now: Date },
  input: VerifyChipInput,
): Promise<ChipVerification> {
  const hasDg15 = input.files.has("DG15");
  const staleChallenge =
    input.echoedChallenge !== null && !sameBytes(input.echoedChallenge, input.issuedChallenge);
  const verdict = await deps.verifier.verify({
    files: input.files,
    activeAuthentication:
      hasDg15 && input.aaSignature
        ? { challenge: input.issuedChallenge, signature: input.aaSignature }
        : null,
    now: deps.now,
  });

  const checks: ResultChecks = {
    signature: verdict.passive.signature,
    hashes: verdict.passive.hashes,
    chain: verdict.passive.chain,
    crl: verdict.passive.crl,
    issuing_state: verdict.passive.issuingState,
    active_authentication: verdict.activeAuthentication,
    consent: { ...NOT_RUN },
    document_expiry: { ...NOT_RUN },
    lost_or_stolen: { ...NOT_RUN },
  };
  if (hasDg15 && !input.aaSignature) {
    checks.active_authentication = {
      ran: true,
      passed: false,
      detail: "DG15 is present but no chip signature was sent",
    };
  } else if (hasDg15 && staleChallenge) {
    checks.active_authentication = {
      ran: true,
      passed: false,
      detail: "the chip answered another challenge than the one issued for this upload",
    };
  }

  // Checks on the document's data only mean something once DG1 is known to be what the issuer signed.
  const dg1 = verdict.passive.hashes.passed ? verdict.dg1 : null;
  if (dg1) {
    const mismatches = consentMismatches(input.consent, dg1);
    checks.consent = mismatches.length
      ? { ran: true, passed: false, detail: `differs from the consent: ${mismatches.join(", ")}` }
      : { ran: true, passed: true };
    const today = deps.now.toISOString().slice(0, 10);
    const expiry = mrzDateToIso(dg1.dateOfExpiry, "expiry", deps.now);
    checks.document_expiry =
      expiry >= today ? { ran: true, passed: true } : { ran: true, passed: false, detail: "expired" };
    const listed = await deps.lostStolen.isListed(input.partnerId, dg1.issuingState, dg1.documentNumber);
    checks.lost_or_stolen = listed
      ? { ran: true, passed: false, detail: "on the partner's lost/stolen list" }
      : { ran: true, passed: true };
  }

  const failed = (name: keyof ResultChecks) => checks[name].ran && !checks[name].passed;
  let outcome: OutcomeKey | null = null;
  if (verdict.unsupported) outcome = "document_not_supported";
  else if (!dg1 || !checks.signature.passed) outcome = "tampered";
  else if (!checks.chain.passed)
    outcome = verdict.passive.noTrustAnchor ? "document_not_supported" : "tampered";
  else if (failed("crl") || failed("issuing_state") || failed("active_authentication")) outcome = "tampered";
  else if (failed("consent")) outcome = "consent_mismatch";
  else if (failed("lost_or_stolen")) outcome = "lost_or_stolen";
  else if (failed("document_expiry")) outcome = "document_expired";

  return {
    outcome,
    checks,
    data: dg1 ? documentData(dg1, verdict.dg11, verdict.dg12, deps.now) : null,
    verdict,
  };
}
