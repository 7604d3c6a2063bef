/**
 * Every way an input can be unusable. A closed set, so callers (and the RPC boundary, which keeps only
 * plain data) can branch on the code and map it to their dialect's error body.
 */
export const FACE_ENGINE_ERROR_CODES = [
  /** Not a format the engine decodes (checked by magic bytes, never by a declared type). */
  "unsupported_format",
  /** Zero bytes. */
  "empty_image",
  /** More bytes than DecodeLimits.maxBytes. */
  "image_too_large",
  /** Width or height of zero. */
  "invalid_dimensions",
  /** Width, height or pixel count above DecodeLimits (checked from the header, before decoding). */
  "dimensions_too_large",
  /** JPEG 2000 whose tile grid exceeds DecodeLimits.maxJp2Tiles. */
  "too_many_tiles",
  /** The file ends before its image data does. */
  "truncated_image",
  /** The decoder refused the data (bad markers, checksums, decompressed size not what the header says). */
  "corrupt_image",
  /** liveness() got no frames. */
  "no_frames",
  /** liveness() got more than MAX_LIVENESS_FRAMES frames. */
  "too_many_frames",
  /** An option out of range (e.g. minConfidence outside 0–100). */
  "invalid_option",
] as const;

export type FaceEngineErrorCode = (typeof FACE_ENGINE_ERROR_CODES)[number];

/** Plain-data form of a FaceEngineError, as it crosses RPC. */
export interface FaceEngineErrorInfo {
  code: FaceEngineErrorCode;
  message: string;
  /** Which input was bad: "reference", "probe", "frames[2]", … */
  input?: string;
}

export class FaceEngineError extends Error {
  override readonly name = "FaceEngineError";
  readonly code: FaceEngineErrorCode;
  readonly input: string | undefined;

  constructor(code: FaceEngineErrorCode, message: string, options: { input?: string; cause?: unknown } = {}) {
    super(options.input ? `${options.input}: ${message}` : message, { cause: options.cause });
    this.code = code;
    this.input = options.input;
  }

  /** The same error, naming the input it came from. */
  forInput(input: string): FaceEngineError {
    return new FaceEngineError(this.code, this.message, { input, cause: this.cause });
  }

  toInfo(): FaceEngineErrorInfo {
    return { code: this.code, message: this.message, ...(this.input ? { input: this.input } : {}) };
  }
}

export function isFaceEngineError(error: unknown): error is FaceEngineError {
  return error instanceof FaceEngineError;
}
