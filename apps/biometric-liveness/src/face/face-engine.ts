/**
 * What the flows need from a face engine. The production implementation calls the face-engine Worker
 * over its service binding (FACE_ENGINE); tests of routes whose outcome does not depend on real faces use
 * the marker engine (see marker-engine.ts).
 */
/** Where a face is, in pixels of the upright image. */
export interface FaceBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FaceComparison {
  /** A face was found in the live image (the selfie, audit trail image, or liveness frame). */
  probeFaceFound: boolean;
  /** A face was found in the reference (registered selfie, ID photo, authority photo). */
  referenceFaceFound: boolean;
  /** FaceTec-style match level 0-10 (0 = no match; 6 = 1/100,000 FAR). */
  matchLevel: number;
  /** Smile ID ConfidenceValue scale, 0-100. */
  confidence: number;
  /** The reference's face, when the engine reports it (used to cut the portrait out of a document). */
  referenceBox?: FaceBox | null;
}

export interface LivenessCheck {
  faceFound: boolean;
  /** The first frame's face, when the engine reports it. */
  box?: FaceBox | null;
  /** Liveness confidence 0-100 (compared with the partner's `liveness.minConfidence`). */
  confidence: number;
}

export interface FaceEngine {
  readonly name: string;
  compare(probe: Uint8Array, reference: Uint8Array): Promise<FaceComparison>;
  /** Liveness over 1-8 frames of one capture (a selfie, a selfie with its liveness frames). */
  liveness(frames: Uint8Array[]): Promise<LivenessCheck>;
}
