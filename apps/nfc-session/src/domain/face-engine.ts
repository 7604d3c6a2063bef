// What nfc-session needs from the face engine (apps/face-engine over a service binding): the chip
// portrait compared with the selfie, and each liveness frame scored, on MachineSense's scales.
import type { MachineSenseFaceFields } from "@edgekyc/face-engine";

/** The webhook's face fields; face_match and the vectors are null when either image had no usable face. */
export type FaceScores = MachineSenseFaceFields;

export interface FaceInput {
  portrait: Uint8Array;
  selfie: Uint8Array;
  frames: Uint8Array[];
}

export interface FaceComparer {
  /** Throws NfcError("invalid_consent"…) style refusals for unusable images, other errors when the engine fails. */
  compare(input: FaceInput): Promise<FaceScores>;
}
