import { createFaceEngine, type FaceEngine } from "@edgekyc/face-engine/engine";

/**
 * One engine per isolate. Its models load on the first call (≈ 100–200 ms), not at start-up, and stay
 * for the isolate's life; the weights module itself is imported only then.
 */
let engine: FaceEngine | undefined;

export function faceEngine(): FaceEngine {
  engine ??= createFaceEngine({
    assets: async () => (await import("@edgekyc/face-engine/bundled-assets")).bundledAssets,
  });
  return engine;
}
