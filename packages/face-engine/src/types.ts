// The engine's public vocabulary. Everything here crosses the RPC boundary (apps/face-engine) unchanged, so
// it is plain data: numbers, strings, booleans, arrays and Uint8Array — no classes, no functions.

/** Formats the decoders accept. `jp2` is a JPEG 2000 file (boxes), `j2k` a raw JPEG 2000 codestream. */
export type ImageFormat = "jpeg" | "png" | "webp" | "jp2" | "j2k";

/** Raw bytes of an encoded image (JPEG, PNG, JPEG 2000 JP2 or codestream). */
export type ImageBytes = Uint8Array | ArrayBuffer;

/** What was decoded, after the EXIF orientation was applied (width/height are the upright image's). */
export interface ImageInfo {
  format: ImageFormat;
  width: number;
  height: number;
  /** EXIF orientation tag that was honoured (1 = none). */
  orientation: number;
  bytes: number;
}

/**
 * What detection found. `ok` is the only status that yields an embedding; every other one is an outcome
 * with a reason, not an error: the image was fine, the face in it was not usable.
 */
export type FaceStatus = "ok" | "no_face" | "multiple_faces" | "face_too_small" | "face_too_blurry";

export interface FaceBox {
  /** Pixels in the upright decoded image. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FaceAnalysis {
  image: ImageInfo;
  status: FaceStatus;
  /** Why the face is not usable (null when status is ok). Safe to show to a developer; holds no PII. */
  reason: string | null;
  /** Faces found above the detector's confidence threshold. */
  faceCount: number;
  /** The face that was used (the largest), or null when none was found. */
  box: FaceBox | null;
  /** Every face the detector found, largest first (the first is `box`). */
  faces: FaceBox[];
  /** Detector confidence 0–1. */
  detectorScore: number;
  /** Eye-line roll that alignment removed, degrees. */
  rollDegrees: number;
  /** Variance of the Laplacian of the aligned grey face crop (higher = sharper). */
  sharpness: number;
  /** L2-normalised identity embedding (1024 floats) when status is ok. */
  embedding: number[] | null;
}

/** One similarity mapped onto every dialect's scale by the calibrated table in calibration.ts. */
export interface MatchScores {
  /** FaceTec-style matchLevel 0–10 (Signicat Assure): 6 ≈ the accept level, 0 = no match. */
  matchLevel: number;
  /** MachineSense `face_match`: a distance 0–1, lower is more alike. */
  faceMatch: number;
  /** MachineSense `face_match_confidence` 0–100. */
  faceMatchConfidence: number;
  /** Smile ID `ConfidenceValue` 0–100 of the "Selfie To ID Card Compare"/"Verify Document" actions. */
  confidenceValue: number;
}

export interface CompareResult {
  /** `compared` when both images had a usable face; otherwise the scores are null and match is false. */
  status: "compared" | "not_compared";
  reference: FaceAnalysis;
  probe: FaceAnalysis;
  /** Cosine similarity of the two embeddings (-1…1), null when not compared. */
  similarity: number | null;
  /** similarity at or above the calibrated decision threshold. */
  match: boolean;
  /** The threshold applied (cosine similarity). */
  threshold: number;
  scores: MatchScores | null;
}

export interface LivenessOptions {
  /**
   * Confidence 0–100 at or above which liveness passes: the partner's `liveness.minConfidence` setting
   * (BiometricLivenessSettings). Default 50.
   */
  minConfidence?: number;
}

export type LivenessCheckName =
  | "face_in_every_frame"
  | "same_person_in_every_frame"
  | "no_replayed_frames"
  | "size_and_sharpness"
  | "model_scores";

export interface LivenessCheck {
  name: LivenessCheckName;
  passed: boolean;
  detail: string;
}

export interface FrameLiveness {
  analysis: FaceAnalysis;
  /** Anti-spoof model: probability 0–1 that the face is real (not a printed or shown photo). */
  antispoof: number | null;
  /** Liveness model: probability 0–1 that the face is live. */
  live: number | null;
  /** This frame's confidence 0–100 (0 when the frame has no usable face). */
  confidence: number;
}

/**
 * Passive liveness: model scores on each frame plus checks across frames. It is NOT an active challenge
 * (no prompted head turn or blink) and NOT certified presentation-attack detection; a good print or a
 * replayed video can pass it. See packages/face-engine/README.md.
 */
export interface LivenessResult {
  frames: FrameLiveness[];
  /** MachineSense `liveness_confidence` 0–100: the multi-frame score (see README for the formula). */
  confidence: number;
  /** MachineSense `liveness_confidence_array`: each frame's confidence 0–100, in input order. */
  confidenceArray: number[];
  /** confidence ≥ minConfidence and every cross-frame check passed. */
  passed: boolean;
  minConfidence: number;
  checks: LivenessCheck[];
  /** Mean L2-normalised embedding of the usable frames (null when none), for a later compare. */
  embedding: number[] | null;
}

/** Limits checked before and while decoding; the defaults suit selfies and chip portraits. */
export interface DecodeLimits {
  /** Largest encoded image, bytes. Default 10 MiB. */
  maxBytes: number;
  /** Largest width or height, pixels. Default 8192. */
  maxDimension: number;
  /** Largest width × height. Default 12 MP (a 4000×3000 phone photo): the RGBA pixels alone take 48 MB of the isolate's 128 MB. */
  maxPixels: number;
  /** Most JPEG 2000 tiles. Default 4096. */
  maxJp2Tiles: number;
}

/** Limits of a liveness set. */
export const MAX_LIVENESS_FRAMES = 8;
