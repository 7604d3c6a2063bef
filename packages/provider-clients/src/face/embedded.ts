import type { CompareInput, CompareResult, LivenessResult, RpcOutcome } from "@edgekyc/face-engine";
import {
  FaceInputError,
  type FaceMatchInput,
  type FaceMatchOutcome,
  type FaceVerifier,
  type LivenessInput,
  type LivenessOutcome,
} from "./face-verifier.ts";

/** What EmbeddedFaceVerifier needs of the face-engine Worker's RPC entrypoint (a `Service<FaceEngineRpc>`). */
export interface FaceEngineBinding {
  compare(input: CompareInput): Promise<RpcOutcome<CompareResult>>;
  liveness(input: { frames: Uint8Array[]; minConfidence?: number }): Promise<RpcOutcome<LivenessResult>>;
}

function unwrap<T>(outcome: RpcOutcome<T>): T {
  if (!outcome.ok) throw new FaceInputError(outcome.error.code, outcome.error.message, outcome.error.input);
  return outcome.value;
}

/** The default engine: apps/face-engine over a service binding. No third party sees the images. */
export class EmbeddedFaceVerifier implements FaceVerifier {
  readonly provider = "embedded";
  constructor(private readonly engine: FaceEngineBinding) {}

  async compare(input: FaceMatchInput): Promise<FaceMatchOutcome> {
    if (!input.probe)
      throw new FaceInputError(
        "missing_probe",
        "the embedded engine compares two images; no probe image was given",
        "probe",
      );
    const result = unwrap(await this.engine.compare({ reference: input.reference, probe: input.probe }));
    const unusable =
      result.reference.status !== "ok"
        ? result.reference
        : result.probe.status !== "ok"
          ? result.probe
          : null;
    return {
      provider: this.provider,
      status: result.status,
      match: result.match,
      scores: result.scores,
      reason: unusable
        ? unusable.reason
        : result.match
          ? null
          : `similarity ${result.similarity} below ${result.threshold}`,
      providerReference: null,
    };
  }

  async liveness(input: LivenessInput): Promise<LivenessOutcome> {
    if (!input.frames || input.frames.length === 0)
      throw new FaceInputError(
        "no_frames",
        "the embedded engine scores image frames; none were given",
        "frames",
      );
    const result = unwrap(
      await this.engine.liveness({ frames: input.frames, minConfidence: input.minConfidence }),
    );
    const failed = result.checks.filter((check) => !check.passed);
    return {
      provider: this.provider,
      passed: result.passed,
      confidence: result.confidence,
      confidenceArray: result.confidenceArray,
      reason: failed.length === 0 ? null : failed.map((check) => `${check.name}: ${check.detail}`).join("; "),
      providerReference: null,
    };
  }
}
