// The FaceComparer over an external engine the partner chose (nfc-session setting faceEngine): the chip
// portrait against the selfie, then the liveness frames, mapped onto MachineSense's fields.
import { FaceInputError, type FaceVerifier } from "@edgekyc/provider-clients";
import type { FaceComparer, FaceInput, FaceScores } from "../domain/face-engine.ts";
import { NfcError } from "../domain/outcomes.ts";

export class ExternalFaceComparer implements FaceComparer {
  constructor(
    private readonly verifier: FaceVerifier,
    /** Our id for the session's checks (the provider's job ids are derived from it). */
    private readonly referenceId: string,
  ) {}

  async compare(input: FaceInput): Promise<FaceScores> {
    // Unique per attempt: a selfie sent again must not reuse a job id (Smile ID answers 2215).
    const attempt = `${this.referenceId}-${crypto.randomUUID().slice(0, 8)}`;
    try {
      const match = await this.verifier.compare({
        reference: input.portrait,
        probe: input.selfie,
        referenceId: `${attempt}-match`,
      });
      // minConfidence 0: MachineSense reports the confidence and the partner decides.
      const liveness = await this.verifier.liveness({
        frames: input.frames,
        minConfidence: 0,
        referenceId: `${attempt}-liveness`,
      });
      return {
        face_match: match.scores?.faceMatch ?? null,
        face_match_confidence: match.scores?.faceMatchConfidence ?? null,
        liveness_confidence: liveness.confidence,
        liveness_confidence_array: liveness.confidenceArray,
        // External engines keep their templates to themselves.
        doc_face_vector: null,
        selfie_vector: null,
      };
    } catch (error) {
      if (error instanceof FaceInputError) throw new NfcError("invalid_selfie", error.message);
      throw error;
    }
  }
}
