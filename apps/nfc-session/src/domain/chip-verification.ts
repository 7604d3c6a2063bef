// One chip upload from ciphertext to verdict: decrypt the JWE for this session, then verify the document
// (verify-chip.ts). HTTP-free; the chip route and the benchmark (`@edgekyc/nfc-session/verification`) use it.
import { type JweKeyRing, openChipEnvelope } from "./chip-envelope.ts";
import type { Consent } from "./consent.ts";
import type { DocumentVerifier } from "./document-verifier.ts";
import { type ChipVerification, type LostStolenLookup, verifyChip } from "./verify-chip.ts";

export interface ChipUploadInput {
  jwe: string;
  sessionId: string;
  partnerId: string;
  consent: Consent;
  /** The Active Authentication challenge issued for this upload. */
  issuedChallenge: Uint8Array;
}

export async function verifyChipUpload(
  deps: { keys: JweKeyRing; verifier: DocumentVerifier; lostStolen: LostStolenLookup; now: Date },
  input: ChipUploadInput,
): Promise<ChipVerification> {
  const opened = await openChipEnvelope(deps.keys, input.jwe, input.sessionId);
  return verifyChip(
    { verifier: deps.verifier, lostStolen: deps.lostStolen, now: deps.now },
    {
      partnerId: input.partnerId,
      consent: input.consent,
      files: opened.files,
      issuedChallenge: input.issuedChallenge,
      echoedChallenge: opened.challenge,
      aaSignature: opened.aaSignature,
    },
  );
}
