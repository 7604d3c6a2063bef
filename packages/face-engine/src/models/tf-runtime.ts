// tfjs on its WebAssembly backend inside workerd. workerd refuses to compile WebAssembly from bytes at run
// time, so the SIMD binary comes precompiled (EngineAssets.tfjsWasm) and is handed to emscripten when it
// asks to instantiate.

import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import * as tf from "@tensorflow/tfjs-core";

export { tf };

/** A URL that is never fetched: tfjs's platform fetch is answered locally while the backend starts. */
const SENTINEL_PREFIX = "https://face-engine.invalid/";
const SENTINEL_BYTES = new Uint8Array([0x65, 0x64, 0x67, 0x65]);

let ready: Promise<void> | undefined;

/** Starts the WASM backend once per isolate; later calls share the same promise. */
export function tfReady(simdWasm: WebAssembly.Module): Promise<void> {
  ready ??= start(simdWasm).catch((error: unknown) => {
    ready = undefined;
    throw error;
  });
  return ready;
}

async function start(simdWasm: WebAssembly.Module): Promise<void> {
  // Multithreading needs SharedArrayBuffer workers, which a Worker does not have.
  tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
  tf.env().set("WASM_HAS_SIMD_SUPPORT", true);
  setWasmPaths(SENTINEL_PREFIX, true);
  const platform = tf.env().platform;
  const originalFetch = platform.fetch.bind(platform);
  const originalInstantiate = WebAssembly.instantiate;
  platform.fetch = async (path: string, init?: RequestInit) =>
    String(path).startsWith(SENTINEL_PREFIX) ? new Response(SENTINEL_BYTES) : originalFetch(path, init);
  // emscripten calls instantiate(bytes, imports) and expects { instance, module }.
  WebAssembly.instantiate = (async (source: unknown, imports?: WebAssembly.Imports) => {
    if (isSentinel(source)) {
      const instance = await originalInstantiate(simdWasm, imports);
      return { instance, module: simdWasm };
    }
    return originalInstantiate(source as WebAssembly.Module, imports);
  }) as typeof WebAssembly.instantiate;
  try {
    const ok = await tf.setBackend("wasm");
    if (!ok) throw new Error("the tfjs WASM backend did not start");
    await tf.ready();
  } finally {
    platform.fetch = originalFetch;
    WebAssembly.instantiate = originalInstantiate;
  }
  // No gradients are ever needed; keep the engine from holding intermediate tensors for them.
  tf.enableProdMode();
}

function isSentinel(source: unknown): boolean {
  const bytes =
    source instanceof ArrayBuffer
      ? new Uint8Array(source)
      : ArrayBuffer.isView(source)
        ? new Uint8Array(source.buffer, source.byteOffset, source.byteLength)
        : null;
  return (
    bytes !== null && bytes.length === SENTINEL_BYTES.length && bytes.every((b, i) => b === SENTINEL_BYTES[i])
  );
}

/** Bytes in use by the WASM heap and by tensors, for the benchmark and logs. */
export function memoryInfo(): { wasmHeapBytes: number; tensorBytes: number; tensors: number } {
  const backend = tf.backend() as unknown as { wasm?: { HEAPU8?: Uint8Array } };
  const info = tf.memory();
  return {
    wasmHeapBytes: backend.wasm?.HEAPU8?.byteLength ?? 0,
    tensorBytes: info.numBytes,
    tensors: info.numTensors,
  };
}
