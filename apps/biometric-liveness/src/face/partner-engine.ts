import {
  FaceInputError,
  type FaceTecScan,
  type FaceVerifier,
  faceTecProblem,
  faceTecVerifierFor,
  type ProviderMode,
  type SandboxFaceScorer,
  type SmileIdAccount,
  selectFaceVerifier,
  smileIdProblem,
  smileIdVerifierFor,
} from "@edgekyc/provider-clients";
import type { BiometricLivenessSettings } from "@edgekyc/schemas";
import type { LivenessConfig } from "../config.ts";
import type { FaceComparison, FaceEngine, LivenessCheck } from "./face-engine.ts";

/** Who asks and for what: the partner's settings pick the engine, the key's mode live or sandbox. */
export interface EngineContext {
  mode: ProviderMode;
  settings: BiometricLivenessSettings;
  /** Our id of the process or job (FaceTec's externalDatabaseRefID, Smile ID's job id, with a suffix). */
  referenceId: string;
  /** The FaceTec enrollment of an Assure process (the FaceTec engine works on it, not on images). */
  scan?: FaceTecScan;
}

/** Which dialect's flow runs: Smile ID jobs carry plain images only. */
export type Flow = "assure" | "smile";

function smileIdAccount(config: LivenessConfig): SmileIdAccount {
  return {
    partnerId: config.SMILE_ID_FACE_PARTNER_ID || undefined,
    apiKey: config.SMILE_ID_FACE_API_KEY || undefined,
    baseUrl: config.SMILE_ID_FACE_URL,
  };
}

function facetecServer(settings: BiometricLivenessSettings) {
  return {
    serverUrl: settings.facetec.serverUrl,
    deviceKey: settings.facetec.deviceKeyIdentifier,
    minMatchLevel: settings.facetec.acceptMatchLevel,
  };
}

/**
 * Why the partner's engine cannot verify this flow with this key, in words for the partner; null when it
 * can. Checked when a process or job is submitted, so a misconfiguration is the partner's 409/400 there
 * instead of a process that cannot finish.
 */
export function faceEngineProblem(
  config: LivenessConfig,
  flow: Flow,
  mode: ProviderMode,
  settings: BiometricLivenessSettings,
): string | null {
  switch (settings.faceEngine) {
    case "facetec":
      if (flow === "smile")
        return 'faceEngine "facetec" needs FaceScans from FaceTec\'s device SDK, which Smile ID jobs do not carry; choose faceEngine "embedded" or "smileid"';
      return faceTecProblem(mode, facetecServer(settings));
    case "smileid":
      return smileIdProblem(mode, smileIdAccount(config));
    default:
      return null;
  }
}

/** The app's engine (embedded or the test router) as the sandboxes' scorer. */
function scorerOf(engine: FaceEngine): SandboxFaceScorer {
  return {
    async compare(probe, reference) {
      const result = await engine.compare(probe, reference);
      const compared = result.probeFaceFound && result.referenceFaceFound;
      return { compared, matchLevel: compared ? result.matchLevel : 0, confidence: result.confidence };
    },
    liveness: (frames) => engine.liveness(frames),
  };
}

/** An external verifier seen through the flows' FaceEngine: images it cannot use are "no face". */
function verifierEngine(verifier: FaceVerifier, context: EngineContext): FaceEngine {
  // Unique per run: a retried run must not reuse a job id (Smile ID answers 2215) or an enrollment id.
  const run = crypto.randomUUID().slice(0, 8);
  let calls = 0;
  const referenceId = () => `${context.referenceId}-${run}-${++calls}`;
  return {
    name: verifier.provider,
    async compare(probe, reference): Promise<FaceComparison> {
      try {
        const outcome = await verifier.compare({
          reference,
          probe,
          ...(context.scan ? { scan: context.scan } : {}),
          referenceId: referenceId(),
        });
        const found = outcome.status === "compared";
        return {
          probeFaceFound: found,
          referenceFaceFound: found,
          matchLevel: outcome.scores?.matchLevel ?? 0,
          confidence: outcome.scores?.confidenceValue ?? 0,
        };
      } catch (error) {
        if (error instanceof FaceInputError)
          return { probeFaceFound: false, referenceFaceFound: false, matchLevel: 0, confidence: 0 };
        throw error;
      }
    },
    async liveness(frames): Promise<LivenessCheck> {
      try {
        const outcome = await verifier.liveness({
          frames,
          ...(context.scan ? { scan: context.scan } : {}),
          minConfidence: context.settings.liveness.minConfidence,
          referenceId: referenceId(),
        });
        // FaceTec names a failed audit trail check (no usable face); other failures are spoof signals.
        const faceFound = !outcome.reason?.includes("auditTrailVerificationCheckSucceeded");
        return { faceFound, confidence: faceFound ? outcome.confidence : 0 };
      } catch (error) {
        if (error instanceof FaceInputError) return { faceFound: false, confidence: 0 };
        throw error;
      }
    },
  };
}

/**
 * The engine the partner chose in `faceEngine` for this process or job: the embedded engine (the
 * default), the partner's FaceTec Server, or Smile ID; test-mode keys reach the external engines' local
 * sandboxes. Throws FaceEngineUnavailableError when a live choice lacks its settings or secrets.
 */
export function partnerFaceEngine(
  embedded: FaceEngine,
  config: LivenessConfig,
  context: EngineContext,
): FaceEngine {
  const scorer = () => scorerOf(embedded);
  return selectFaceVerifier<FaceEngine>(context.settings.faceEngine, {
    embedded: () => embedded,
    facetec: () =>
      verifierEngine(faceTecVerifierFor(context.mode, facetecServer(context.settings), scorer), context),
    smileid: () => verifierEngine(smileIdVerifierFor(context.mode, smileIdAccount(config), scorer), context),
  });
}
