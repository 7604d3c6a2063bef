// What nfc-session needs from the face engine (apps/face-engine over a service binding): the chip
// portrait compared with the selfie, and each liveness frame scored, on MachineSense's scales.

export interface FaceScores {
  /** Distance 0..1, smaller = closer (MachineSense `face_match`). */
  face_match: number;
  /** 0..100, larger = more alike. */
  face_match_confidence: number;
  /** 0..100, larger = more likely a live person. */
  liveness_confidence: number;
  liveness_confidence_array: number[];
  doc_face_vector: number[];
  selfie_vector: number[];
}

export interface FaceInput {
  portrait: Uint8Array;
  portraitMediaType: "image/jpeg" | "image/jp2";
  selfie: Uint8Array;
  frames: Uint8Array[];
}

export interface FaceComparer {
  compare(input: FaceInput): Promise<FaceScores>;
}
