import { loadGraphModelSync } from "@tensorflow/tfjs-converter";
import type { EngineAssets, GraphModelFiles } from "../assets/types.ts";
import { tfReady } from "./tf-runtime.ts";

export type GraphModel = ReturnType<typeof loadGraphModelSync>;

export interface LoadedModels {
  detector: GraphModel;
  embedding: GraphModel;
  antispoof: GraphModel;
  liveness: GraphModel;
}

function fromFiles(files: GraphModelFiles): GraphModel {
  return loadGraphModelSync({
    modelTopology: files.json.modelTopology as object,
    weightSpecs: files.json.weightsManifest.flatMap((group) => group.weights) as never,
    weightData: files.weights,
    format: files.json.format,
    generatedBy: files.json.generatedBy,
    convertedBy: files.json.convertedBy,
    signature: files.json.signature as object,
  });
}

let loading: Promise<LoadedModels> | undefined;

/** Starts tfjs and loads the models once per isolate, on first use; a failed load is retried next time. */
export function loadModels(assets: () => Promise<EngineAssets>): Promise<LoadedModels> {
  loading ??= (async () => {
    const { tfjsWasm, models: source } = await assets();
    await tfReady(tfjsWasm);
    return {
      detector: fromFiles(source.detector),
      embedding: fromFiles(source.embedding),
      antispoof: fromFiles(source.antispoof),
      liveness: fromFiles(source.liveness),
    };
  })().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
