// The FaceComparer over the face-engine Worker's RPC entry (service binding FACE_ENGINE).
import type { FaceEngineRpc } from "@edgekyc/face-engine";
import type { FaceComparer, FaceInput, FaceScores } from "../domain/face-engine.ts";
import { NfcError } from "../domain/outcomes.ts";

export class FaceEngineClient implements FaceComparer {
  constructor(private readonly engine: Service<FaceEngineRpc>) {}

  async compare(input: FaceInput): Promise<FaceScores> {
    const outcome = await this.engine.verify({
      portrait: input.portrait,
      selfie: input.selfie,
      frames: input.frames,
    });
    if (!outcome.ok) {
      // Bad images are the caller's to fix (a new selfie); the chip portrait being unusable is not.
      const input = outcome.error.input ?? "";
      if (input === "portrait" || input === "reference") {
        throw new NfcError(
          "document_not_supported",
          `the chip portrait cannot be used (${outcome.error.code})`,
        );
      }
      throw new NfcError("invalid_selfie", `${input || "image"}: ${outcome.error.message}`);
    }
    return outcome.value.machineSense;
  }
}
