/** A tfjs graph model as its package ships it: model.json (topology + weight manifest) and the weights. */
export interface GraphModelFiles {
  json: {
    modelTopology: unknown;
    weightsManifest: { paths: string[]; weights: unknown[] }[];
    signature?: unknown;
    format?: string;
    generatedBy?: string;
    convertedBy?: string;
  };
  weights: ArrayBuffer;
}

/** The four models the engine runs; all from the MIT-licensed @vladmandic/human package (models/). */
export interface ModelFiles {
  /** BlazeFace (back camera variant, 256×256): boxes and six keypoints. */
  detector: GraphModelFiles;
  /** HSE FaceRes (224×224, fp16 weights): 1024-d identity embedding. */
  embedding: GraphModelFiles;
  /** Anti-spoofing classifier (128×128): real face vs printed/shown photo. */
  antispoof: GraphModelFiles;
  /** Liveness classifier (32×32). */
  liveness: GraphModelFiles;
}

export const MODEL_NAMES = {
  detector: "human/blazeface",
  embedding: "human/faceres (fp16)",
  antispoof: "human/antispoof",
  liveness: "human/liveness",
} as const;

/**
 * Everything binary the engine needs, handed in rather than imported by the engine's modules, so that
 * code which never runs a model (decoding, scoring) and its tests never load megabytes of weights.
 * Production code gets them from ./bundled.ts (wrangler bundles `.wasm` as compiled modules and `.bin` as
 * data); tests get the same files from miniflare bindings.
 */
export interface EngineAssets {
  /** tfjs-backend-wasm's SIMD binary, compiled. */
  tfjsWasm: WebAssembly.Module;
  /** OpenJPEG decoder (@cornerstonejs/codec-openjpeg), compiled. */
  openjpegWasm: WebAssembly.Module;
  /** libwebp's decoder (@jsquash/webp), compiled. */
  webpWasm: WebAssembly.Module;
  models: ModelFiles;
}
