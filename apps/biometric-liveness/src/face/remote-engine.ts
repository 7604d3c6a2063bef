import type { CompareResult, FaceEngineRpc, LivenessResult, RpcOutcome } from "@edgekyc/face-engine";
import { ConfigError } from "@edgekyc/platform";
import type { FaceComparison, FaceEngine, LivenessCheck } from "./face-engine.ts";

/**
 * An input the engine refused (not decodable, truncated, too large) is an unusable image, which the
 * flows report as "no face", not a failure to retry. Only a thrown error (the engine itself failing) is
 * retried by the Durable Object.
 */
function valueOr<T>(outcome: RpcOutcome<T>): T | null {
  return outcome.ok ? outcome.value : null;
}

function comparisonFrom(result: CompareResult | null): FaceComparison {
  if (!result) return { probeFaceFound: false, referenceFaceFound: false, matchLevel: 0, confidence: 0 };
  return {
    probeFaceFound: result.probe.status === "ok",
    referenceFaceFound: result.reference.status === "ok",
    matchLevel: result.status === "compared" ? (result.scores?.matchLevel ?? 0) : 0,
    confidence: result.status === "compared" ? (result.scores?.confidenceValue ?? 0) : 0,
    referenceBox: result.reference.box,
  };
}

function livenessFrom(result: LivenessResult | null): LivenessCheck {
  if (!result) return { faceFound: false, confidence: 0 };
  const faceFound = result.frames[0]?.analysis.status === "ok";
  return {
    faceFound,
    confidence: faceFound ? result.confidence : 0,
    box: result.frames[0]?.analysis.box ?? null,
  };
}

/** The face-engine Worker over its service binding (FACE_ENGINE, entrypoint FaceEngine). */
export function remoteFaceEngine(env: Env): FaceEngine {
  const binding = (env as unknown as { FACE_ENGINE?: Service<FaceEngineRpc> }).FACE_ENGINE;
  if (!binding) throw new ConfigError("the FACE_ENGINE service binding is missing");
  return {
    name: "face-engine",
    compare: async (probe, reference) =>
      comparisonFrom(valueOr((await binding.compare({ reference, probe })) as RpcOutcome<CompareResult>)),
    liveness: async (frames) =>
      livenessFrom(valueOr((await binding.liveness({ frames })) as RpcOutcome<LivenessResult>)),
  };
}
