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
