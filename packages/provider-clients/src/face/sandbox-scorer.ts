import type { CompareResult, LivenessResult, RpcOutcome } from "@edgekyc/face-engine";
import type { FaceEngineBinding } from "./embedded.ts";

/**
 * What the sandbox FaceTec Server and Smile ID API judge faces with: a local engine (the embedded engine,
 * or in an app's tests its deterministic test engine). A refused image (not decodable, no face) counts as
 * "no face", as the providers answer it.
 */
export interface SandboxFaceScorer {
  compare(
    probe: Uint8Array,
    reference: Uint8Array,
  ): Promise<{ compared: boolean; matchLevel: number; confidence: number }>;
  liveness(frames: Uint8Array[]): Promise<{ faceFound: boolean; confidence: number }>;
}

/** The embedded engine (apps/face-engine over its service binding) as the sandboxes' scorer. */
export function embeddedScorer(engine: FaceEngineBinding): SandboxFaceScorer {
  return {
    async compare(probe, reference) {
      const outcome: RpcOutcome<CompareResult> = await engine.compare({ reference, probe });
      if (!outcome.ok || outcome.value.status !== "compared" || !outcome.value.scores)
        return { compared: false, matchLevel: 0, confidence: 0 };
      return {
        compared: true,
        matchLevel: outcome.value.scores.matchLevel,
        confidence: outcome.value.scores.confidenceValue,
      };
    },
    async liveness(frames) {
      const outcome: RpcOutcome<LivenessResult> = await engine.liveness({ frames });
      const faceFound = outcome.ok && outcome.value.frames[0]?.analysis.status === "ok";
      return { faceFound, confidence: faceFound && outcome.ok ? outcome.value.confidence : 0 };
    },
  };
}

export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}
