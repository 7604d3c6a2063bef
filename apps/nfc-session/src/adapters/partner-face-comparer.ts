// Which engine compares faces for a session: the partner's nfc-session setting `faceEngine`.
import type { FaceEngineRpc } from "@edgekyc/face-engine";
import {
  embeddedScorer,
  type ProviderMode,
  type SmileIdAccount,
  type SmileIdHttpOptions,
  selectFaceVerifier,
  smileIdProblem,
  smileIdVerifierFor,
} from "@edgekyc/provider-clients";
import type { NfcSessionSettings } from "@edgekyc/schemas";
import type { NfcConfig } from "../config.ts";
import type { FaceComparer } from "../domain/face-engine.ts";
import { ExternalFaceComparer } from "./external-face-comparer.ts";
import { FaceEngineClient } from "./face-engine-client.ts";

function smileIdAccount(config: NfcConfig): SmileIdAccount {
  return {
    partnerId: config.SMILE_ID_FACE_PARTNER_ID || undefined,
    apiKey: config.SMILE_ID_FACE_API_KEY || undefined,
    baseUrl: config.SMILE_ID_FACE_URL,
  };
}

/** Why the partner's face engine cannot run with this key, for the partner; null when it can. */
export function faceEngineProblem(
  config: NfcConfig,
  mode: ProviderMode,
  settings: NfcSessionSettings,
): string | null {
  return settings.faceEngine === "smileid" ? smileIdProblem(mode, smileIdAccount(config)) : null;
}

/**
 * The embedded engine (default) or Smile ID (live keys: the platform's Smile ID account; test keys: the
 * local sandbox Smile ID API, judging with the embedded engine). Throws FaceEngineUnavailableError when a
 * live choice lacks its secrets. FaceTec is not an option here: it needs FaceScans from its device SDK.
 */
export function partnerFaceComparer(
  engine: Service<FaceEngineRpc>,
  config: NfcConfig,
  session: { mode: ProviderMode; referenceId: string },
  settings: NfcSessionSettings,
  http: SmileIdHttpOptions = {},
): FaceComparer {
  const embedded = () => new FaceEngineClient(engine);
  return selectFaceVerifier<FaceComparer>(settings.faceEngine, {
    embedded,
    smileid: () =>
      new ExternalFaceComparer(
        smileIdVerifierFor(session.mode, smileIdAccount(config), () => embeddedScorer(engine), http),
        session.referenceId,
      ),
    // Not selectable in nfc-session's settings; kept total so a stored value can never pick nothing.
    facetec: embedded,
  });
}
