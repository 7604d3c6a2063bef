import type { EngineAssets } from "./assets/types.ts";
import { MODEL_NAMES } from "./assets/types.ts";
import { CALIBRATION, cosineSimilarity, matchScores } from "./calibration.ts";
import { asBytes, type DecodedImage, decodeImage } from "./decode/index.ts";
import { FaceEngineError } from "./errors.ts";
import { analyseFace, round, spoofScores } from "./face/analyze.ts";
import { crossFrameChecks, FAILED_CHECK_CAP, thumbnail } from "./liveness-checks.ts";
import { loadModels } from "./models/load.ts";
import type { CompareInput, EngineInfo, LivenessInput, VerifyInput, VerifyResult } from "./rpc.ts";
import {
  type CompareResult,
  type DecodeLimits,
  type FaceAnalysis,
  type FrameLiveness,
  type ImageBytes,
  type LivenessResult,
  MAX_LIVENESS_FRAMES,
} from "./types.ts";

export interface FaceEngineOptions {
  /** The binaries, asked for once, on first use (models load lazily, once per isolate). */
  assets: () => Promise<EngineAssets>;
  limits?: Partial<DecodeLimits>;
}

/** The embedded engine: real detection, embeddings and passive liveness, in the Workers runtime. */
export interface FaceEngine {
  compare(input: CompareInput): Promise<CompareResult>;
  liveness(input: LivenessInput): Promise<LivenessResult>;
  verify(input: VerifyInput): Promise<VerifyResult>;
  /** One image's face analysis (with its embedding): for calibration and the benchmark. */
  analyse(image: ImageBytes): Promise<FaceAnalysis>;
  info(): EngineInfo;
}

export function createFaceEngine(options: FaceEngineOptions): FaceEngine {
  let assets: Promise<EngineAssets> | undefined;
  const getAssets = () => {
    assets ??= options.assets().catch((error: unknown) => {
      assets = undefined;
      throw error;
    });
    return assets;
  };
  const models = () => loadModels(getAssets);
  const decode = (image: ImageBytes, input: string): Promise<DecodedImage> =>
    decodeImage(image, {
      ...(options.limits ? { limits: options.limits } : {}),
      openjpegWasm: async () => (await getAssets()).openjpegWasm,
      webpWasm: async () => (await getAssets()).webpWasm,
    }).catch((error: unknown) => {
      throw error instanceof FaceEngineError ? error.forInput(input) : error;
    });

  async function analyse(image: ImageBytes, input = "image"): Promise<FaceAnalysis> {
    checkPresent(image, input);
    const decoded = await decode(image, input);
    return (await analyseFace(await models(), decoded)).analysis;
  }

  async function compare({ reference, probe }: CompareInput): Promise<CompareResult> {
    checkPresent(reference, "reference");
    checkPresent(probe, "probe");
    // Both decoded before any model runs, so a bad second image fails fast and cheaply.
    const [ref, prb] = [await decode(reference, "reference"), await decode(probe, "probe")];
    const loaded = await models();
    const a = (await analyseFace(loaded, ref)).analysis;
    const b = (await analyseFace(loaded, prb)).analysis;
    if (!a.embedding || !b.embedding) {
      return {
        status: "not_compared",
        reference: a,
        probe: b,
        similarity: null,
        match: false,
        threshold: CALIBRATION.matchThreshold,
        scores: null,
      };
    }
    const similarity = round(cosineSimilarity(a.embedding, b.embedding), 4);
    return {
      status: "compared",
      reference: a,
      probe: b,
      similarity,
      match: similarity >= CALIBRATION.matchThreshold,
      threshold: CALIBRATION.matchThreshold,
      scores: matchScores(similarity),
    };
  }

  async function liveness({ frames, minConfidence = 50 }: LivenessInput): Promise<LivenessResult> {
    if (!Array.isArray(frames) || frames.length === 0)
      throw new FaceEngineError("no_frames", "at least one frame is needed", { input: "frames" });
    if (frames.length > MAX_LIVENESS_FRAMES) {
      throw new FaceEngineError(
        "too_many_frames",
        `${frames.length} frames; at most ${MAX_LIVENESS_FRAMES} are accepted`,
        { input: "frames" },
      );
    }
    if (typeof minConfidence !== "number" || !(minConfidence >= 0 && minConfidence <= 100)) {
      throw new FaceEngineError("invalid_option", "minConfidence must be a number from 0 to 100", {
        input: "minConfidence",
      });
    }
    for (const [i, frame] of frames.entries()) checkPresent(frame, `frames[${i}]`);
    const decoded: DecodedImage[] = [];
    for (const [i, frame] of frames.entries()) decoded.push(await decode(frame, `frames[${i}]`));
    const loaded = await models();
    const results: FrameLiveness[] = [];
    for (const image of decoded) {
      const { analysis, crop } = await analyseFace(loaded, image, { keepCrop: true });
      if (!crop) {
        results.push({ analysis, antispoof: null, live: null, confidence: 0 });
        continue;
      }
      try {
        const { antispoof, live } = await spoofScores(loaded, crop);
        results.push({ analysis, antispoof, live, confidence: round((100 * (antispoof + live)) / 2, 2) });
      } finally {
        crop.dispose();
      }
    }
    const confidenceArray = results.map((f) => f.confidence);
    const mean = round(confidenceArray.reduce((sum, c) => sum + c, 0) / confidenceArray.length, 2);
    const checks = crossFrameChecks(
      results,
      decoded.map((d) => thumbnail(d.raster)),
      minConfidence,
      mean,
    );
    const allPassed = checks.every((check) => check.passed);
    const confidence = allPassed ? mean : Math.min(mean, FAILED_CHECK_CAP);
    return {
      frames: results,
      confidence,
      confidenceArray,
      passed: allPassed && confidence >= minConfidence,
      minConfidence,
      checks,
      embedding: meanEmbedding(results),
    };
  }

  async function verify({ portrait, selfie, frames, minConfidence }: VerifyInput): Promise<VerifyResult> {
    const compared = await compare({ reference: portrait, probe: selfie });
    const live = await liveness({
      frames: frames && frames.length > 0 ? frames : [selfie],
      ...(minConfidence === undefined ? {} : { minConfidence }),
    });
    return {
      compare: compared,
      liveness: live,
      machineSense: {
        face_match: compared.scores?.faceMatch ?? null,
        face_match_confidence: compared.scores?.faceMatchConfidence ?? null,
        liveness_confidence: live.confidence,
        liveness_confidence_array: live.confidenceArray,
        doc_face_vector: compared.reference.embedding,
        selfie_vector: compared.probe.embedding,
      },
    };
  }

  return {
    compare,
    liveness,
    verify,
    analyse,
    info: () => ({
      engine: "embedded",
      models: { ...MODEL_NAMES },
      matchThreshold: CALIBRATION.matchThreshold,
      calibration: CALIBRATION.source,
    }),
  };
}

function checkPresent(image: unknown, input: string): void {
  if (!(image instanceof Uint8Array) && !(image instanceof ArrayBuffer)) {
    throw new FaceEngineError(
      "unsupported_format",
      "expected the image's bytes (Uint8Array or ArrayBuffer)",
      { input },
    );
  }
  if (asBytes(image as ImageBytes).length === 0)
    throw new FaceEngineError("empty_image", "image has no bytes", { input });
}

function meanEmbedding(frames: FrameLiveness[]): number[] | null {
  const embeddings = frames.map((f) => f.analysis.embedding).filter((e): e is number[] => e !== null);
  const first = embeddings[0];
  if (!first) return null;
  const sum = first.map((_, i) => embeddings.reduce((acc, e) => acc + (e[i] as number), 0));
  const norm = Math.sqrt(sum.reduce((acc, v) => acc + v * v, 0)) || 1;
  return sum.map((v) => round(v / norm, 6));
}

/** Runs an engine call and turns input errors into the RPC outcome; engine failures still throw. */
export async function toOutcome<T>(
  run: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: ReturnType<FaceEngineError["toInfo"]> }> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (error instanceof FaceEngineError) return { ok: false, error: error.toInfo() };
    throw error;
  }
}
