import { type ProviderMode, selectProvider } from "../provider.ts";
import { FaceEngineUnavailableError, type FaceVerifier } from "./face-verifier.ts";
import { type FaceTecHttpOptions, FaceTecVerifier } from "./facetec.ts";
import { sandboxFaceTecServer } from "./sandbox-facetec-server.ts";
import type { SandboxFaceScorer } from "./sandbox-scorer.ts";
import { sandboxSmileIdApi } from "./sandbox-smileid-api.ts";
import { type SmileIdHttpOptions, SmileIdVerifier } from "./smileid.ts";

/** Where the sandboxes "live": never resolved, every request is answered in the isolate. */
const SANDBOX_FACETEC_URL = "https://facetec-server.sandbox.invalid";
const SANDBOX_SMILE_ID_URL = "https://testapi.smileid.sandbox.invalid/v1";

/** A partner's FaceTec Server: the URL from its settings, the device key FaceTec issued it. */
export interface FaceTecServerSettings {
  serverUrl: string | null;
  deviceKey: string;
  minMatchLevel: number;
}

/** The Smile ID account the platform verifies faces with (Worker secrets, not partner settings). */
export interface SmileIdAccount {
  partnerId: string | undefined;
  apiKey: string | undefined;
  baseUrl: string;
}

/** Why a live FaceTec choice cannot run, or null when it can. */
export function faceTecProblem(mode: ProviderMode, settings: FaceTecServerSettings): string | null {
  if (mode !== "live") return null;
  const missing = [
    settings.serverUrl ? "" : "facetec.serverUrl (the partner's FaceTec Server)",
    settings.deviceKey ? "" : "facetec.deviceKeyIdentifier",
  ].filter(Boolean);
  return missing.length === 0
    ? null
    : `faceEngine "facetec" needs the biometric-liveness settings ${missing.join(" and ")}; set them or choose faceEngine "embedded"`;
}

/** Why a live Smile ID choice cannot run, or null when it can. */
export function smileIdProblem(mode: ProviderMode, account: SmileIdAccount): string | null {
  if (mode !== "live" || (account.partnerId && account.apiKey)) return null;
  return `faceEngine "smileid" is not configured on this platform (SMILE_ID_FACE_PARTNER_ID and SMILE_ID_FACE_API_KEY); choose faceEngine "embedded"`;
}

/**
 * The FaceTec Server client for a key's mode: live → the partner's server; test → the same client against
 * the local sandbox FaceTec Server. Throws FaceEngineUnavailableError when a live choice lacks settings.
 */
export function faceTecVerifierFor(
  mode: ProviderMode,
  settings: FaceTecServerSettings,
  scorer: () => SandboxFaceScorer,
  http: FaceTecHttpOptions = {},
): FaceVerifier {
  const problem = faceTecProblem(mode, settings);
  if (problem) throw new FaceEngineUnavailableError("facetec", problem);
  return selectProvider<FaceVerifier>({
    mode,
    real: () =>
      new FaceTecVerifier(
        {
          baseUrl: settings.serverUrl as string,
          deviceKey: settings.deviceKey,
          minMatchLevel: settings.minMatchLevel,
        },
        http,
      ),
    sandbox: () => {
      const deviceKey = settings.deviceKey || "sandbox-device-key";
      return new FaceTecVerifier(
        { baseUrl: SANDBOX_FACETEC_URL, deviceKey, minMatchLevel: settings.minMatchLevel },
        { ...http, retries: 0, fetcher: sandboxFaceTecServer(scorer(), deviceKey) },
      );
    },
  });
}

/**
 * The Smile ID client for a key's mode: live → Smile ID with the platform's account; test → the same
 * client against the local sandbox Smile ID API. Throws FaceEngineUnavailableError when live lacks secrets.
 */
export function smileIdVerifierFor(
  mode: ProviderMode,
  account: SmileIdAccount,
  scorer: () => SandboxFaceScorer,
  http: SmileIdHttpOptions = {},
): FaceVerifier {
  const problem = smileIdProblem(mode, account);
  if (problem) throw new FaceEngineUnavailableError("smileid", problem);
  return selectProvider<FaceVerifier>({
    mode,
    real: () =>
      new SmileIdVerifier(
        {
          partnerId: account.partnerId as string,
          apiKey: account.apiKey as string,
          baseUrl: account.baseUrl,
        },
        http,
      ),
    sandbox: () => {
      const sandbox = { partnerId: "sandbox", apiKey: "sandbox-api-key", baseUrl: SANDBOX_SMILE_ID_URL };
      return new SmileIdVerifier(sandbox, {
        ...http,
        retries: 0,
        pollSleep: async () => {},
        fetcher: sandboxSmileIdApi(scorer(), sandbox),
      });
    },
  });
}
