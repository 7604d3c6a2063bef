// The contract of the internal `face-engine` Worker (apps/face-engine), reached over a service binding:
//
//   // wrangler.jsonc of the caller
//   "services": [{ "binding": "FACE_ENGINE", "service": "edgekyc-face-engine", "entrypoint": "FaceEngine" }]
//   // the caller's Env
//   FACE_ENGINE: Service<FaceEngineRpc>
//
// Methods never throw for bad input: they answer `{ ok: false, error }` with a closed error code, because
// RPC keeps only an error's message, not its class or fields. They throw only when the engine itself fails
// (a model that cannot load), which the caller should treat as a 503.
import type { FaceEngineErrorInfo } from "./errors.ts";
import type { CompareResult, ImageBytes, LivenessResult } from "./types.ts";

export type RpcOutcome<T> = { ok: true; value: T } | { ok: false; error: FaceEngineErrorInfo };

export interface CompareInput {
  /** The trusted face: a document or chip portrait (JPEG 2000 from an eMRTD chip is fine). */
  reference: ImageBytes;
  /** The face to check against it, usually a selfie. */
  probe: ImageBytes;
}

export interface LivenessInput {
  /** 1 to MAX_LIVENESS_FRAMES images of the same person taken moments apart (selfie burst / video frames). */
  frames: ImageBytes[];
  /** 0–100; the partner's `liveness.minConfidence`. Default 50. */
  minConfidence?: number;
}

export interface VerifyInput {
  /** Document / chip portrait (MachineSense `doc_face_image`). */
  portrait: ImageBytes;
  /** The selfie compared with the portrait (MachineSense `selfie_image`). */
  selfie: ImageBytes;
  /**
   * Liveness frames. When absent, liveness is scored on the selfie alone (one frame: the cross-frame
   * checks cannot run, so confidence comes from the models only).
   */
  frames?: ImageBytes[];
  minConfidence?: number;
}

/** The face and liveness fields of a MachineSense NFC webhook, exactly as it names them. */
export interface MachineSenseFaceFields {
  /** Distance 0–1, smaller = more alike; null when no usable face in either image. */
  face_match: number | null;
  /** 0–100; null when not compared. */
  face_match_confidence: number | null;
  liveness_confidence: number;
  liveness_confidence_array: number[];
  doc_face_vector: number[] | null;
  selfie_vector: number[] | null;
}

export interface VerifyResult {
  compare: CompareResult;
  liveness: LivenessResult;
  machineSense: MachineSenseFaceFields;
}

/** Which models and thresholds answered, for audit records. */
export interface EngineInfo {
  engine: "embedded";
  models: { detector: string; embedding: string; antispoof: string; liveness: string };
  /** Cosine similarity at or above which compare() says match. */
  matchThreshold: number;
  /** Where the thresholds came from (packages/face-engine/calibration/README.md). */
  calibration: string;
}

/**
 * The RPC surface of the `FaceEngine` WorkerEntrypoint. Extends the runtime's brand so that
 * `Service<FaceEngineRpc>` types a service binding to it.
 */
export interface FaceEngineRpc extends Rpc.WorkerEntrypointBranded {
  /** Portrait vs selfie, plus liveness, in one call: what nfc-session needs for its webhook. */
  verify(input: VerifyInput): Promise<RpcOutcome<VerifyResult>>;
  /** One reference vs one probe (Signicat Assure / Smile ID dialects). */
  compare(input: CompareInput): Promise<RpcOutcome<CompareResult>>;
  /** Passive liveness over a set of frames. */
  liveness(input: LivenessInput): Promise<RpcOutcome<LivenessResult>>;
  /** Models and thresholds in use. */
  info(): Promise<EngineInfo>;
}
