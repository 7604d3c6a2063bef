// The webhook of a verified document: result Ok, the face scores, and the scans `send_scan` asked for.
import { toBase64 } from "./base64.ts";
import type { FaceScores } from "./face-engine.ts";
import type { ResultChecks } from "./result-payload.ts";

export interface SuccessInput {
  ref: string;
  sendScan: readonly string[];
  data: Record<string, unknown>;
  face: FaceScores;
  portrait: Uint8Array | null;
  selfie: Uint8Array;
  checks: ResultChecks;
}

export function successPayload(input: SuccessInput): Record<string, unknown> {
  return {
    result: "Ok",
    code: 0,
    message: "",
    ref: input.ref,
    data: input.data,
    face_match: input.face.face_match,
    face_match_confidence: input.face.face_match_confidence,
    liveness_confidence: input.face.liveness_confidence,
    liveness_confidence_array: input.face.liveness_confidence_array,
    ...(input.sendScan.includes("docface") && input.portrait
      ? { doc_face_image: toBase64(input.portrait) }
      : {}),
    doc_face_vector: input.face.doc_face_vector,
    ...(input.sendScan.includes("selfie") ? { selfie_image: toBase64(input.selfie) } : {}),
    selfie_vector: input.face.selfie_vector,
    checks: input.checks,
  };
}
