// A light stand-in for apps/face-engine in this app's tests (the real one loads its models in seconds):
// the same RPC shape (FaceEngineRpc verify, compare, liveness), deterministic scores. Identical portrait and selfie bytes
// are "the same face"; an image of fewer than 8 bytes has "no face". It never runs outside tests.
import { WorkerEntrypoint } from "cloudflare:workers";

async function vector(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest.subarray(0, 8), (b) => b / 255);
}

export class FaceEngine extends WorkerEntrypoint {
  async verify({ portrait, selfie, frames = [] }) {
    const p = new Uint8Array(portrait);
    const s = new Uint8Array(selfie);
    for (const [input, bytes] of [
      ["portrait", p],
      ["selfie", s],
    ]) {
      if (bytes.length === 0)
        return { ok: false, error: { code: "empty_image", message: "zero bytes", input } };
    }
    const same = p.length === s.length && p.every((b, i) => b === s[i]);
    const faceMatch = same ? 0.12 : 0.81;
    const livenessArray = frames.map((frame) => (new Uint8Array(frame).length >= 8 ? 92 : 8));
    const liveness = livenessArray.length ? Math.min(...livenessArray) : 50;
    return {
      ok: true,
      value: {
        compare: null,
        liveness: null,
        machineSense: {
          face_match: faceMatch,
          face_match_confidence: Math.round((1 - faceMatch) * 100),
          liveness_confidence: liveness,
          liveness_confidence_array: livenessArray,
          doc_face_vector: await vector(p),
          selfie_vector: await vector(s),
        },
      },
    };
  }

  async compare({ reference, probe }) {
    const r = new Uint8Array(reference);
    const p = new Uint8Array(probe);
    const analysis = (bytes) =>
      bytes.length >= 8 ? { status: "ok", reason: null } : { status: "no_face", reason: "no face" };
    if (r.length < 8 || p.length < 8)
      return {
        ok: true,
        value: {
          status: "not_compared",
          match: false,
          scores: null,
          reference: analysis(r),
          probe: analysis(p),
        },
      };
    const same = r.length === p.length && r.every((b, i) => b === p[i]);
    const scores = same
      ? { matchLevel: 10, faceMatch: 0.12, faceMatchConfidence: 88, confidenceValue: 88 }
      : { matchLevel: 0, faceMatch: 0.81, faceMatchConfidence: 19, confidenceValue: 19 };
    return {
      ok: true,
      value: { status: "compared", match: same, scores, reference: analysis(r), probe: analysis(p) },
    };
  }

  async liveness({ frames = [] }) {
    const scores = frames.map((frame) => (new Uint8Array(frame).length >= 8 ? 92 : 8));
    return {
      ok: true,
      value: {
        frames: frames.map((frame) => ({
          analysis: { status: new Uint8Array(frame).length >= 8 ? "ok" : "no_face" },
        })),
        confidence: scores.length ? Math.min(...scores) : 0,
        confidenceArray: scores,
      },
    };
  }
}

export default { fetch: () => new Response("light face engine (tests only)", { status: 404 }) };
