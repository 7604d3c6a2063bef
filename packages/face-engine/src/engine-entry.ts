// The heavy entry: the engine (tfjs, decoders). Only apps/face-engine and its tools import this.
export { DEFAULT_DECODE_LIMITS, decodeImage, sniffFormat } from "./decode/index.ts";
export { createFaceEngine, type FaceEngine, type FaceEngineOptions, toOutcome } from "./engine.ts";
export { FACE_QUALITY } from "./face/analyze.ts";
export { memoryInfo } from "./models/tf-runtime.ts";
