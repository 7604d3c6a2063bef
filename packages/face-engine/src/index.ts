// The light entry: types, error codes, the RPC contract and the calibrated score mapping. It loads no
// tfjs and no decoder, so any Worker can import it. The engine itself is `@edgekyc/face-engine/engine`.

export type { EngineAssets, GraphModelFiles, ModelFiles } from "./assets/types.ts";
export { CALIBRATION, cosineSimilarity, matchConfidence, matchLevel, matchScores } from "./calibration.ts";
export {
  FACE_ENGINE_ERROR_CODES,
  FaceEngineError,
  type FaceEngineErrorCode,
  type FaceEngineErrorInfo,
  isFaceEngineError,
} from "./errors.ts";
export type {
  CompareInput,
  EngineInfo,
  FaceEngineRpc,
  LivenessInput,
  MachineSenseFaceFields,
  RpcOutcome,
  VerifyInput,
  VerifyResult,
} from "./rpc.ts";
export {
  type CompareResult,
  type DecodeLimits,
  type FaceAnalysis,
  type FaceBox,
  type FaceStatus,
  type FrameLiveness,
  type ImageBytes,
  type ImageFormat,
  type ImageInfo,
  type LivenessCheck,
  type LivenessCheckName,
  type LivenessOptions,
  type LivenessResult,
  MAX_LIVENESS_FRAMES,
  type MatchScores,
} from "./types.ts";
