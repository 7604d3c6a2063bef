// The engine's binaries as the Worker bundle carries them. Import this module lazily
// (`() => import("@edgekyc/face-engine/bundled-assets").then((m) => m.bundledAssets)`) so that nothing
// loads 9 MB of weights before the first comparison. Paths go through node_modules because Human's
// `exports` map does not list its models folder.
import openjpegWasm from "../../node_modules/@cornerstonejs/codec-openjpeg/dist/openjpegwasm_decode.wasm";
import webpWasm from "../../node_modules/@jsquash/webp/codec/dec/webp_dec.wasm";
import tfjsWasm from "../../node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm";
import antispoofWeights from "../../node_modules/@vladmandic/human/models/antispoof.bin";
import antispoofJson from "../../node_modules/@vladmandic/human/models/antispoof.json";
import detectorWeights from "../../node_modules/@vladmandic/human/models/blazeface.bin";
import detectorJson from "../../node_modules/@vladmandic/human/models/blazeface.json";
import embeddingWeights from "../../node_modules/@vladmandic/human/models/faceres.bin";
import embeddingJson from "../../node_modules/@vladmandic/human/models/faceres.json";
import livenessWeights from "../../node_modules/@vladmandic/human/models/liveness.bin";
import livenessJson from "../../node_modules/@vladmandic/human/models/liveness.json";
import type { EngineAssets, GraphModelFiles } from "./types.ts";

type Json = GraphModelFiles["json"];

export const bundledAssets: EngineAssets = {
  tfjsWasm,
  openjpegWasm,
  webpWasm,
  models: {
    detector: { json: detectorJson as Json, weights: detectorWeights },
    embedding: { json: embeddingJson as Json, weights: embeddingWeights },
    antispoof: { json: antispoofJson as Json, weights: antispoofWeights },
    liveness: { json: livenessJson as Json, weights: livenessWeights },
  },
};
